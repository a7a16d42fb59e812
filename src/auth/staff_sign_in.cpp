// Staff sign-in with password and TOTP.
#include "auth/staff_sign_in.hpp"

#include <sodium.h>

#include <algorithm>

#include "auth/authenticator.hpp"
#include "auth/totp.hpp"
#include "common/hash.hpp"

namespace cds::auth {
namespace {

constexpr Millis kTicketLifetime = 10LL * 60 * 1000;
constexpr Millis kLock = 15LL * 60 * 1000;
constexpr std::string_view kIssuer = "Công dân số";

// Verifying against this when the user does not exist takes as long as a real check, so that the
// answer's timing does not tell which usernames exist. Made once, on first use.
const std::string& dummy_hash() {
  static const std::string kHash = [] {
    char out[crypto_pwhash_STRBYTES];
    const std::string pw = "no such user";
    if (crypto_pwhash_str(out, pw.data(), pw.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
      return std::string();
    return std::string(out);
  }();
  return kHash;
}

bool password_matches(const std::string& hash, const std::string& password) {
  return !hash.empty() &&
         crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

struct StaffRow {
  Principal principal;
  std::string password_hash;
};

}  // namespace

Millis sign_in_delay(int failures, const FailureLimits& limits) {
  if (failures >= limits.lock_at) return kLock;
  if (failures < limits.free) return 0;
  return std::min<Millis>(1000LL << std::min(failures - limits.free, 20), kLock);
}

Status StaffSignIn::check_not_locked(const std::vector<std::string>& subjects, Millis now) {
  Millis until = 0;
  Status st = db_.read([&](store::Tx& tx) {
    for (const auto& subject : subjects) {
      if (auto r =
              tx.one("SELECT locked_until FROM sign_in_failures WHERE subject = $1", {subject}))
        until = std::max(until, r->i64(0));
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  if (until > now) {
    return Status(Code::kTooManyRequests, "sign_in_locked")
        .with("seconds", std::to_string((until - now + 999) / 1000));
  }
  return Status::Ok();
}

void StaffSignIn::record_failure(const std::vector<std::string>& subjects, Millis now) {
  (void)db_.write([&](store::Tx& tx) {
    for (const auto& subject : subjects) {
      // A count older than the lock itself starts again.
      auto r = tx.one(
          "INSERT INTO sign_in_failures (subject, failures, last_failure_at) VALUES ($1, 1, $2) "
          "ON CONFLICT (subject) DO UPDATE SET failures = CASE WHEN "
          "sign_in_failures.last_failure_at < $3 THEN 1 ELSE sign_in_failures.failures + 1 END, "
          "last_failure_at = $2 RETURNING failures",
          {subject, now, now - kLock});
      const FailureLimits& limits = subject.starts_with("ip:") ? kAddressLimits : kAccountLimits;
      const Millis delay = sign_in_delay(static_cast<int>(r->i64(0)), limits);
      if (delay > 0)
        tx.exec("UPDATE sign_in_failures SET locked_until = $2 WHERE subject = $1",
                {subject, now + delay});
    }
    return Status::Ok();
  });
}

Result<SignInOutcome> StaffSignIn::sign_in(const StaffCredentials& c) {
  const Millis now = clock_.now();
  const std::vector<std::string> subjects = {"user:" + c.username, "ip:" + c.address};
  if (Status st = check_not_locked(subjects, now); !st.ok()) return st;

  auto staff = db_.read_value<std::optional<StaffRow>>(
      [&](store::Tx& tx) -> Result<std::optional<StaffRow>> {
        auto r = tx.one(
            "SELECT id, username, role, COALESCE(unit_code, ''), display_name, "
            "COALESCE(password_hash, '') FROM users WHERE username = $1 AND disabled = 0",
            {c.username});
        if (!r) return std::optional<StaffRow>{};
        auto role = parse_role(r->str(2));
        if (!role || !is_staff(*role) || *role == Role::kConnector)
          return std::optional<StaffRow>{};
        return std::optional<StaffRow>(
            StaffRow{Principal{r->i64(0), r->str(1), *role, r->str(3), r->str(4), ""}, r->str(5)});
      });
  if (!staff.ok()) return staff.status();
  const bool known = staff->has_value();
  if (!password_matches(known ? (*staff)->password_hash : dummy_hash(), c.password) || !known) {
    // The delay runs from the refusal, not from the request's start: a slow password check
    // (argon2id on a busy machine) must not use the delay up before anyone could retry.
    record_failure(subjects, clock_.now());
    return Status(Code::kUnauthorized, "sign_in_failed");
  }
  const Principal& who = (*staff)->principal;

  SignInOutcome outcome;
  Status st = db_.write([&](store::Tx& tx) -> Status {
    outcome = {};
    auto totp = tx.one("SELECT secret, confirmed_at, last_step FROM staff_totp WHERE user_id = $1",
                       {who.user_id});
    if (!totp || totp->is_null(1)) {
      // Not enrolled yet: a secret (kept until confirmed) and a ticket for the confirmation.
      std::string secret;
      if (totp) {
        auto opened = vault_.open(std::string_view(totp->str(0)));
        if (!opened.ok()) return opened.status();
        secret = std::move(*opened);
      } else {
        secret = new_totp_secret();
        tx.exec("INSERT INTO staff_totp (user_id, secret, created_at) VALUES ($1, $2, $3)",
                {who.user_id, vault_.seal(std::string_view(secret)), now});
      }
      const std::string ticket = new_token();
      tx.exec(
          "INSERT INTO enrolment_tickets (ticket_hash, user_id, expires_at) VALUES ($1, $2, $3)",
          {sha256_hex(ticket), who.user_id, now + kTicketLifetime});
      outcome.enrolment =
          EnrolmentRequired{ticket, secret, otpauth_uri(kIssuer, who.username, secret)};
      return Status::Ok();
    }
    if (c.code) {
      auto secret = vault_.open(std::string_view(totp->str(0)));
      if (!secret.ok()) return secret.status();
      auto step = verify_totp(*secret, *c.code, now / 1000, 1);
      // A code is good once: a step at or before the last accepted one is a replay.
      if (!step || *step <= totp->i64(2)) return Status(Code::kUnauthorized, "sign_in_failed");
      tx.exec("UPDATE staff_totp SET last_step = $2 WHERE user_id = $1", {who.user_id, *step});
    } else if (c.recovery_code) {
      if (tx.exec("UPDATE recovery_codes SET used_at = $3 WHERE user_id = $1 AND code_hash = $2 "
                  "AND used_at IS NULL",
                  {who.user_id, sha256_hex(normalize_recovery_code(*c.recovery_code)), now}) == 0)
        return Status(Code::kUnauthorized, "sign_in_failed");
    } else {
      return Status::Invalid("totp_code_required").field("code", "field_required");
    }
    tx.exec("DELETE FROM sign_in_failures WHERE subject = $1", {subjects[0]});
    outcome.signed_in =
        SignedIn{who, sessions_.create(tx, who.user_id, kStaffSessions, c.user_agent), {}};
    return Status::Ok();
  });
  if (st.code() == Code::kUnauthorized) record_failure(subjects, clock_.now());
  if (!st.ok()) return st;
  return outcome;
}

Result<SignedIn> StaffSignIn::confirm_enrolment(const std::string& ticket, const std::string& code,
                                                const std::string& user_agent) {
  const Millis now = clock_.now();
  std::optional<SignedIn> done;
  std::vector<std::string> codes = new_recovery_codes(10);
  Status st = db_.write([&](store::Tx& tx) -> Status {
    auto t = tx.one(
        "SELECT u.id, u.username, u.role, COALESCE(u.unit_code, ''), u.display_name, s.secret "
        "FROM enrolment_tickets e JOIN users u ON u.id = e.user_id "
        "JOIN staff_totp s ON s.user_id = u.id "
        "WHERE e.ticket_hash = $1 AND e.expires_at > $2 AND u.disabled = 0 "
        "AND s.confirmed_at IS NULL",
        {sha256_hex(ticket), now});
    if (!t) return Status(Code::kUnauthorized, "enrolment_ticket_invalid");
    auto secret = vault_.open(std::string_view(t->str(5)));
    if (!secret.ok()) return secret.status();
    auto step = verify_totp(*secret, code, now / 1000, 1);
    if (!step) return Status::Invalid("invalid").field("code", "totp_code_wrong");
    const std::int64_t user_id = t->i64(0);
    tx.exec("UPDATE staff_totp SET confirmed_at = $2, last_step = $3 WHERE user_id = $1",
            {user_id, now, *step});
    tx.exec("DELETE FROM enrolment_tickets WHERE user_id = $1", {user_id});
    tx.exec("DELETE FROM recovery_codes WHERE user_id = $1", {user_id});
    for (const auto& rc : codes) {
      tx.exec("INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)",
              {user_id, sha256_hex(normalize_recovery_code(rc))});
    }
    Principal who{user_id,   t->str(1), parse_role(t->str(2)).value_or(Role::kOperator),
                  t->str(3), t->str(4), ""};
    done = SignedIn{who, sessions_.create(tx, user_id, kStaffSessions, user_agent), codes};
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return std::move(*done);
}

}  // namespace cds::auth
