// Reading a POST's Idempotency-Key header for the store (store/idempotency.hpp). It needs both
// http and store, which know nothing of each other, so it lives above them with the features.
#pragma once

#include <cstdint>
#include <optional>

#include "common/status.hpp"
#include "http/message.hpp"
#include "store/idempotency.hpp"

namespace cds::api {

// The request's Idempotency-Key scoped to `user_id`, its fingerprint the SHA-256 of the path, a
// newline and the body; nullopt without the header; 400 idempotency_key_invalid when the key is
// not 1–200 printable characters.
Result<std::optional<store::IdempotencyKey>> idempotency_key(const http::Request& req,
                                                             std::int64_t user_id);

}  // namespace cds::api
