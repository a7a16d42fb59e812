// Accounts and bearer tokens.
#include "users/user_service.hpp"

#include <sodium.h>

#include <cctype>

#include "auth/authenticator.hpp"

namespace cds::users {
namespace {

bool valid_username(std::string_view u) {
  if (u.empty() || u.size() > 64) return false;
  for (unsigned char c : u) {
    if (!std::isalnum(c) && c != '.' && c != '_' && c != '-' && c != '@') return false;
  }
  return true;
}

Result<std::string> hash_password(const std::string& password) {
  if (sodium_init() < 0) return Status::Internal("libsodium cannot start");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    return Status::Internal("argon2id hashing ran out of memory");
  return std::string(out);
}

}  // namespace

std::optional<Millis> parse_duration(std::string_view text) {
  if (text.size() < 2) return std::nullopt;
  Millis n = 0;
  for (size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    n = n * 10 + (text[i] - '0');
    if (n > 100000000) return std::nullopt;
  }
  Millis unit = 0;
  switch (text.back()) {
    case 's':
      unit = 1000;
      break;
    case 'm':
      unit = 60'000;
      break;
    case 'h':
      unit = 3'600'000;
      break;
    case 'd':
      unit = kDayMs;
      break;
    default:
      return std::nullopt;
  }
  if (n <= 0) return std::nullopt;
  return n * unit;
}

Result<std::int64_t> UserService::add(const NewUser& user) {
  if (!valid_username(user.username)) return Status::Invalid("invalid_username");
  const bool needs_unit = user.role == auth::Role::kUnitStaff;
  if (needs_unit && user.unit_code.empty()) return Status::Invalid("unit_required");
  if (!needs_unit && !user.unit_code.empty()) return Status::Invalid("unit_not_allowed");
  std::optional<std::string> hash;
  if (user.password) {
    if (user.password->size() < 8) return Status::Invalid("password_too_short");
    auto h = hash_password(*user.password);
    if (!h.ok()) return h.status();
    hash = std::move(h).value();
  }
  return db_.write_value<std::int64_t>([&](store::Tx& tx) -> Result<std::int64_t> {
    if (needs_unit && !tx.one("SELECT 1 FROM units WHERE code = $1", {user.unit_code}))
      return Status::Invalid("unknown_unit").with("unit", user.unit_code);
    if (tx.one("SELECT 1 FROM users WHERE username = $1", {user.username}))
      return Status::Conflict("username_taken").with("username", user.username);
    auto row = tx.one(
        "INSERT INTO users (username, role, unit_code, display_name, password_hash, created_at) "
        "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        {user.username, std::string(auth::role_name(user.role)),
         needs_unit ? store::Value{user.unit_code} : store::Value{nullptr}, user.display_name,
         store::opt(hash), clock_.now()});
    return row->i64(0);
  });
}

Result<std::int64_t> UserService::ensure(const NewUser& user) {
  auto existing = db_.read_value<std::int64_t>([&](store::Tx& tx) -> Result<std::int64_t> {
    auto row = tx.one("SELECT id FROM users WHERE username = $1", {user.username});
    return row ? row->i64(0) : std::int64_t{0};
  });
  if (!existing.ok()) return existing;
  if (existing.value() != 0) return existing;
  return add(user);
}

Result<IssuedToken> UserService::issue_token(const std::string& username, Millis ttl) {
  IssuedToken issued{auth::new_token(), clock_.now() + ttl};
  const std::string digest = auth::hash_token(issued.token);
  Status st = db_.write([&](store::Tx& tx) -> Status {
    auto user = tx.one("SELECT id FROM users WHERE username = $1 AND disabled = 0", {username});
    if (!user) return Status::NotFound("unknown_user").with("username", username);
    tx.exec(
        "INSERT INTO api_tokens (token_hash, user_id, created_at, expires_at) "
        "VALUES ($1, $2, $3, $4)",
        {digest, user->i64(0), clock_.now(), issued.expires_at});
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return issued;
}

}  // namespace cds::users
