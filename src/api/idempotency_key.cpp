#include "api/idempotency_key.hpp"

#include <string>
#include <string_view>

#include "common/hash.hpp"

namespace cds::api {

Result<std::optional<store::IdempotencyKey>> idempotency_key(const http::Request& req,
                                                             std::int64_t user_id) {
  if (!req.has_header("idempotency-key")) return std::optional<store::IdempotencyKey>{};
  const std::string_view key = req.header("idempotency-key");
  if (!store::valid_idempotency_key(key)) return Status::BadRequest("idempotency_key_invalid");
  return std::optional<store::IdempotencyKey>(store::IdempotencyKey{
      user_id, std::string(key), sha256_hex(std::string(req.path) + "\n" + req.body)});
}

}  // namespace cds::api
