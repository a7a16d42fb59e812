// Accounts and bearer tokens: what `congdanso user add` and `congdanso token issue` do.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.hpp"
#include "common/clock.hpp"
#include "common/status.hpp"
#include "common/vault.hpp"
#include "store/database.hpp"

namespace cds::users {

struct NewUser {
  std::string username;
  auth::Role role = auth::Role::kCitizen;
  std::string unit_code;  // required for unit_staff, refused for other roles
  std::string display_name;
  std::optional<std::string> password;  // hashed with argon2id; never stored as given
};

// An account as administrators see it.
struct Account {
  std::int64_t id = 0;
  std::string username;
  auth::Role role = auth::Role::kCitizen;
  std::string unit_code;
  std::string display_name;
  bool disabled = false;
  bool totp_enrolled = false;
  Millis created_at = 0;
};

// What an administrator changes; absent fields stay as they are.
struct AccountChange {
  std::optional<auth::Role> role;
  std::optional<std::string> unit_code;  // "" clears it
  std::optional<std::string> display_name;
  std::optional<bool> disabled;
};

struct IssuedToken {
  std::string token;  // shown once; only its hash is stored
  Millis expires_at = 0;
};

class UserService {
 public:
  // With `vault`, a citizen's name is personal data: sealed in the citizen profile, never in the
  // users table (staff names are work identities and stay readable there).
  UserService(store::Database& db, const Clock& clock, const Vault* vault = nullptr)
      : db_(db), clock_(clock), vault_(vault) {}

  // Creates the account; 409 when the username is taken, 422 for a bad username, role or unit.
  Result<std::int64_t> add(const NewUser& user);
  // Creates the account unless the username exists (for seeding); returns its id either way.
  Result<std::int64_t> ensure(const NewUser& user);
  Result<IssuedToken> issue_token(const std::string& username, Millis ttl);

  // Administration. Every change that takes power away (a new role or unit, disabling, a new
  // password, a TOTP reset) also ends the account's sessions.
  Result<std::vector<Account>> list(std::optional<auth::Role> role, std::int64_t after_id,
                                    int limit);
  Result<Account> get(std::int64_t id);
  Result<Account> change(std::int64_t id, const AccountChange& change);
  Status set_password(std::int64_t id, const std::string& password);
  // The next sign-in enrols a new authenticator app; old codes and recovery codes stop working.
  Status reset_totp(std::int64_t id);

 private:
  store::Database& db_;
  const Clock& clock_;
  const Vault* vault_;
};

// Erases what identifies an account, when its owner deletes it: the name, the password, the
// second factor, the sessions and tokens; the row stays (as "deleted-<id>", disabled) so that what
// the city keeps still refers to a valid id.
void erase_account(store::Tx& tx, std::int64_t user_id);

// "30d", "12h", "90m", "3600s" → milliseconds; nullopt when malformed or not positive.
std::optional<Millis> parse_duration(std::string_view text);

}  // namespace cds::users
