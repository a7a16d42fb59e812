#include "store/idempotency.hpp"

namespace cds::store {

std::optional<StoredAnswer> claim(Tx& tx, const IdempotencyKey& key, Millis now) {
  auto claimed = tx.query(
      "INSERT INTO idempotency_keys (user_id, key, request_hash, status, body, created_at) "
      "VALUES ($1, $2, $3, 0, '', $4) ON CONFLICT (user_id, key) DO NOTHING RETURNING user_id",
      {key.user_id, key.key, key.request_hash, now});
  if (!claimed.empty()) return std::nullopt;
  auto row = tx.one(
      "SELECT request_hash, status, body FROM idempotency_keys WHERE user_id = $1 AND key = $2",
      {key.user_id, key.key});
  if (!row) throw DbError(DbError::Kind::kOther, "idempotency key vanished");
  return StoredAnswer{row->str(0) == key.request_hash, static_cast<int>(row->i64(1)), row->str(2)};
}

void finish(Tx& tx, const IdempotencyKey& key, int status, const std::string& body) {
  tx.exec("UPDATE idempotency_keys SET status = $3, body = $4 WHERE user_id = $1 AND key = $2",
          {key.user_id, key.key, std::int64_t{status}, body});
}

bool valid_idempotency_key(std::string_view key) {
  if (key.empty() || key.size() > 200) return false;
  for (unsigned char c : key) {
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

CreatedBefore created_before(Tx& tx, const std::optional<IdempotencyKey>& key, Millis now) {
  CreatedBefore out;
  if (!key) return out;
  auto stored = claim(tx, *key, now);
  if (!stored) return out;
  if (!stored->same_request) {
    out.status = Status::Invalid("idempotency_key_reused");
    return out;
  }
  out.replayed = true;
  out.id = std::stoll(stored->body);
  return out;
}

void remember_created(Tx& tx, const std::optional<IdempotencyKey>& key, std::int64_t id) {
  if (key) finish(tx, *key, 201, std::to_string(id));
}

}  // namespace cds::store
