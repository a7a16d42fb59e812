// Staff sign-in: a password (argon2id) and then a TOTP code (RFC 6238) or a one-time recovery code.
// The first sign-in enrols the authenticator app (otpauth URI) before any session exists. Failed
// attempts grow a delay per account and per address, up to a temporary lock.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/principal.hpp"
#include "auth/sessions.hpp"
#include "common/clock.hpp"
#include "common/status.hpp"
#include "common/vault.hpp"
#include "store/database.hpp"

namespace cds::auth {

struct StaffCredentials {
  std::string username;
  std::string password;
  std::optional<std::string> code;           // 6 digits from the authenticator app
  std::optional<std::string> recovery_code;  // instead of a code, once each
  std::string address;                       // the client's IP, for per-address limits
  std::string user_agent;
};

struct SignedIn {
  Principal user;
  NewSession session;
  std::vector<std::string> recovery_codes;  // only right after enrolment: shown once
};

struct EnrolmentRequired {
  std::string ticket;       // proves the password for the confirmation step (10 minutes)
  std::string secret;       // base32, for typing into the app by hand
  std::string otpauth_uri;  // for the QR code
};

struct SignInOutcome {
  std::optional<SignedIn> signed_in;
  std::optional<EnrolmentRequired> enrolment;
};

// Failed attempts are counted per account and per address; a count starts again 15 minutes after
// its last failure. After `free` failures each further one costs a growing wait (1, 2, 4 ... s),
// and from `lock_at` failures the subject is locked for 15 minutes. An address is shared by a whole
// office behind one gateway, so it gets more room than an account.
struct FailureLimits {
  int free;
  int lock_at;
};
inline constexpr FailureLimits kAccountLimits{3, 10};
inline constexpr FailureLimits kAddressLimits{50, 200};
Millis sign_in_delay(int failures, const FailureLimits& limits);

class StaffSignIn {
 public:
  // TOTP secrets are stored sealed with `vault`.
  StaffSignIn(store::Database& db, const Clock& clock, const Vault& vault)
      : db_(db), clock_(clock), vault_(vault), sessions_(db, clock) {}

  // 401 sign_in_failed whatever was wrong (unknown user, wrong password or code: the caller
  // learns nothing more), 429 sign_in_locked with a `seconds` param while a delay runs,
  // 422 totp_code_required when the password is right but no code was given.
  Result<SignInOutcome> sign_in(const StaffCredentials& credentials);
  // The enrolment ticket and the first code from the app: confirms TOTP, hands out recovery codes
  // and signs in.
  Result<SignedIn> confirm_enrolment(const std::string& ticket, const std::string& code,
                                     const std::string& user_agent);

 private:
  Status check_not_locked(const std::vector<std::string>& subjects, Millis now);
  void record_failure(const std::vector<std::string>& subjects, Millis now);

  store::Database& db_;
  const Clock& clock_;
  const Vault& vault_;
  Sessions sessions_;
};

}  // namespace cds::auth
