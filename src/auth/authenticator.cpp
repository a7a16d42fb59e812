// Bearer-token authentication and role checks.
#include "auth/authenticator.hpp"

#include "common/hash.hpp"

#include <sodium.h>
#include <strings.h>

#include <stdexcept>

namespace cds::auth {

std::string hash_token(std::string_view token) {
  return sha256_hex(token);
}

std::string new_token() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot start");
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  char out[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(out, sizeof out, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return out;
}

Result<std::optional<Principal>> Authenticator::authenticate_optional(
    const http::Request& req) const {
  std::string_view header = req.header("authorization");
  if (header.empty()) return std::optional<Principal>{};
  // The scheme name is case-insensitive (RFC 9110 §11.1).
  constexpr std::string_view kBearer = "bearer ";
  if (header.size() <= kBearer.size() || header.size() > 512 ||
      strncasecmp(header.data(), kBearer.data(), kBearer.size()) != 0)
    return Status(Code::kUnauthorized, "invalid_token");
  std::string_view token = header.substr(kBearer.size());
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  const std::string digest = hash_token(token);
  std::optional<Principal> found;
  Status st = db_.read([&](store::Tx& tx) {
    auto row = tx.one(
        "SELECT u.id, u.username, u.role, COALESCE(u.unit_code, ''), u.display_name "
        "FROM api_tokens t JOIN users u ON u.id = t.user_id "
        "WHERE t.token_hash = $1 AND t.expires_at > $2 AND u.disabled = 0",
        {digest, clock_.now()});
    if (!row) return Status::Ok();
    auto role = parse_role(row->str(2));
    if (!role) return Status::Ok();
    found = Principal{row->i64(0), row->str(1), *role, row->str(3), row->str(4)};
    return Status::Ok();
  });
  if (!st.ok()) return st;
  if (!found) return Status(Code::kUnauthorized, "invalid_token");
  return std::optional<Principal>(std::move(*found));
}

Result<Principal> Authenticator::authenticate(const http::Request& req) const {
  auto who = authenticate_optional(req);
  if (!who.ok()) return who.status();
  if (!who.value()) return Status::Unauthorized();
  return std::move(*who.value());
}

Result<Principal> Authenticator::require(const http::Request& req,
                                         std::initializer_list<Role> roles) const {
  auto who = authenticate(req);
  if (!who.ok()) return who;
  for (Role r : roles) {
    if (who->role == r) return who;
  }
  return Status::Forbidden();
}

}  // namespace cds::auth
