// Idempotency-Key support for POSTs that create something: the first request with a key claims
// it inside its own transaction; a retry with the same key and the same request gets the first
// answer, a different request with the same key is refused.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/clock.hpp"
#include "common/status.hpp"
#include "store/database.hpp"

namespace cds::store {

struct IdempotencyKey {
  std::int64_t user_id = 0;
  std::string key;           // as sent by the client (validated: 1–200 printable ASCII)
  std::string request_hash;  // hex SHA-256 of what identifies the request (route + body)
};

// What was stored for a key that is already claimed.
struct StoredAnswer {
  bool same_request = false;
  int status = 0;
  std::string body;  // the resource reference the first request stored (e.g. a report id)
};

// Claims the key in `tx`. Returns nullopt when this request now owns it (then call finish()
// in the same transaction), or the stored answer of the earlier request. With PostgreSQL a
// concurrent claimant waits for the first transaction and then sees its answer.
std::optional<StoredAnswer> claim(Tx& tx, const IdempotencyKey& key, Millis now);
void finish(Tx& tx, const IdempotencyKey& key, int status, const std::string& body);

// For a POST that creates one row with a numeric id, the whole protocol in two calls inside its
// write transaction. First, before creating: with no key, or a key this request now owns,
// `replayed` is false and the caller creates; a retry with the same request gets the id the first
// one created; another request with the same key gets status idempotency_key_reused.
struct CreatedBefore {
  Status status;
  bool replayed = false;
  std::int64_t id = 0;
};
CreatedBefore created_before(Tx& tx, const std::optional<IdempotencyKey>& key, Millis now);
// Then, after creating `id`: the answer later retries with the key get (nothing without a key).
void remember_created(Tx& tx, const std::optional<IdempotencyKey>& key, std::int64_t id);

bool valid_idempotency_key(std::string_view key);

}  // namespace cds::store
