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
    const bool sealed_name = vault_ && user.role == auth::Role::kCitizen;
    const Millis now = clock_.now();
    auto row = tx.one(
        "INSERT INTO users (username, role, unit_code, display_name, password_hash, created_at) "
        "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        {user.username, std::string(auth::role_name(user.role)),
         needs_unit ? store::Value{user.unit_code} : store::Value{nullptr},
         sealed_name ? std::string() : user.display_name, store::opt(hash), now});
    const std::int64_t id = row->i64(0);
    if (sealed_name) {
      tx.exec(
          "INSERT INTO citizen_profiles (user_id, subject_index, full_name, created_at, "
          "updated_at, last_sign_in_at) VALUES ($1, $2, $3, $4, $4, $4)",
          {id, "local:" + std::to_string(id), vault_->seal(std::string_view(user.display_name)),
           now});
    }
    return id;
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

namespace {

constexpr std::string_view kAccountColumns =
    "SELECT u.id, u.username, u.role, COALESCE(u.unit_code, ''), u.display_name, u.disabled, "
    "u.created_at, (SELECT COUNT(*) FROM staff_totp t WHERE t.user_id = u.id "
    "AND t.confirmed_at IS NOT NULL) FROM users u";

Account account_from(const store::Row& r) {
  return Account{r.i64(0),     r.str(1), auth::parse_role(r.str(2)).value_or(auth::Role::kCitizen),
                 r.str(3),     r.str(4), r.boolean(5),
                 r.i64(7) > 0, r.i64(6)};
}

void end_sessions(store::Tx& tx, std::int64_t user_id, Millis now) {
  tx.exec("UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL",
          {user_id, now});
}

}  // namespace

void erase_account(store::Tx& tx, std::int64_t user_id) {
  tx.exec(
      "UPDATE users SET username = $2, display_name = '', password_hash = NULL, disabled = 1 "
      "WHERE id = $1",
      {user_id, "deleted-" + std::to_string(user_id)});
  // Sessions hold when and from which browser the person came: they go, not just end.
  tx.exec("DELETE FROM sessions WHERE user_id = $1", {user_id});
  tx.exec("DELETE FROM api_tokens WHERE user_id = $1", {user_id});
  tx.exec("DELETE FROM staff_totp WHERE user_id = $1", {user_id});
  tx.exec("DELETE FROM recovery_codes WHERE user_id = $1", {user_id});
  tx.exec("DELETE FROM enrolment_tickets WHERE user_id = $1", {user_id});
}

Result<std::vector<Account>> UserService::list(std::optional<auth::Role> role,
                                               std::int64_t after_id, int limit) {
  return db_.read_value<std::vector<Account>>([&](store::Tx& tx) -> Result<std::vector<Account>> {
    std::vector<Account> out;
    const std::string role_name = role ? std::string(auth::role_name(*role)) : std::string();
    for (const auto& r :
         tx.query(std::string(kAccountColumns) + " WHERE u.id > $1 AND ($2 = '' OR u.role = $2) "
                                                 "ORDER BY u.id LIMIT $3",
                  {after_id, role_name, std::int64_t{limit}}))
      out.push_back(account_from(r));
    return out;
  });
}

Result<Account> UserService::get(std::int64_t id) {
  return db_.read_value<Account>([&](store::Tx& tx) -> Result<Account> {
    auto r = tx.one(std::string(kAccountColumns) + " WHERE u.id = $1", {id});
    if (!r) return Status::NotFound("unknown_user").with("username", std::to_string(id));
    return account_from(*r);
  });
}

Result<Account> UserService::change(std::int64_t id, const AccountChange& c) {
  Status st = db_.write([&](store::Tx& tx) -> Status {
    auto r = tx.one(std::string(kAccountColumns) + " WHERE u.id = $1", {id});
    if (!r) return Status::NotFound("unknown_user").with("username", std::to_string(id));
    Account a = account_from(*r);
    const Account before = a;
    if (c.role) a.role = *c.role;
    if (c.unit_code) a.unit_code = *c.unit_code;
    if (c.display_name) a.display_name = *c.display_name;
    if (c.disabled) a.disabled = *c.disabled;
    // A role that is not unit staff has no unit; unit staff must have a real one.
    if (a.role != auth::Role::kUnitStaff) {
      if (c.unit_code && !c.unit_code->empty()) return Status::Invalid("unit_not_allowed");
      a.unit_code.clear();
    } else {
      if (a.unit_code.empty()) return Status::Invalid("unit_required");
      if (!tx.one("SELECT 1 FROM units WHERE code = $1", {a.unit_code}))
        return Status::Invalid("unknown_unit").with("unit", a.unit_code);
    }
    tx.exec(
        "UPDATE users SET role = $2, unit_code = $3, display_name = $4, disabled = $5 "
        "WHERE id = $1",
        {id, std::string(auth::role_name(a.role)),
         a.unit_code.empty() ? store::Value{nullptr} : store::Value{a.unit_code}, a.display_name,
         std::int64_t{a.disabled ? 1 : 0}});
    if (a.role != before.role || a.unit_code != before.unit_code ||
        (a.disabled && !before.disabled))
      end_sessions(tx, id, clock_.now());
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return get(id);
}

Status UserService::set_password(std::int64_t id, const std::string& password) {
  if (password.size() < 8) return Status::Invalid("password_too_short");
  auto hash = hash_password(password);
  if (!hash.ok()) return hash.status();
  return db_.write([&](store::Tx& tx) -> Status {
    if (tx.exec("UPDATE users SET password_hash = $2 WHERE id = $1", {id, *hash}) == 0)
      return Status::NotFound("unknown_user").with("username", std::to_string(id));
    end_sessions(tx, id, clock_.now());
    return Status::Ok();
  });
}

Status UserService::reset_totp(std::int64_t id) {
  return db_.write([&](store::Tx& tx) -> Status {
    if (!tx.one("SELECT 1 FROM users WHERE id = $1", {id}))
      return Status::NotFound("unknown_user").with("username", std::to_string(id));
    tx.exec("DELETE FROM staff_totp WHERE user_id = $1", {id});
    tx.exec("DELETE FROM recovery_codes WHERE user_id = $1", {id});
    tx.exec("DELETE FROM enrolment_tickets WHERE user_id = $1", {id});
    end_sessions(tx, id, clock_.now());
    return Status::Ok();
  });
}

}  // namespace cds::users
