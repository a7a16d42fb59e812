// Browser sessions: a random 256-bit token in an HttpOnly cookie, stored only as its hash, with an
// idle and an absolute expiry, a CSRF token of its own, and revocation by its owner.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.hpp"
#include "common/clock.hpp"
#include "common/status.hpp"
#include "store/database.hpp"

namespace cds::auth {

inline constexpr std::string_view kSessionCookie = "cds_session";
// The session's CSRF token, readable by the page's script (not HttpOnly) so that the app can send
// it back in X-CSRF-Token after a sign-in that ended in a redirect; useless to another site, which
// can neither read it nor set the header.
inline constexpr std::string_view kCsrfCookie = "cds_csrf";

struct SessionPolicy {
  Millis idle_timeout;  // ends this long after the last request
  Millis lifetime;      // ends this long after sign-in, whatever happens
};
// Staff work at a desk on shared data: short sessions. Citizens sign in on their own phone.
inline constexpr SessionPolicy kStaffSessions{30LL * 60 * 1000, 12LL * 3600 * 1000};
inline constexpr SessionPolicy kCitizenSessions{7 * kDayMs, 30 * kDayMs};

struct NewSession {
  std::string id;          // public
  std::string token;       // the cookie value; shown once
  std::string csrf_token;  // sent back in X-CSRF-Token by the browser app
  Millis expires_at = 0;
};

struct SessionInfo {
  std::string id;
  Millis created_at = 0;
  Millis last_seen_at = 0;
  Millis expires_at = 0;  // the earlier of the idle and the absolute expiry
  std::string user_agent;
};

// A live session found by its token, with the (enabled) user it belongs to.
struct ActiveSession {
  std::string id;
  std::string csrf_hash;
  Principal user;  // user.session_id is set
};

class Sessions {
 public:
  Sessions(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Inside a transaction: a new session for `user_id` (every sign-in makes a new one).
  // `method`: how the person proved who they are (password, vneid).
  NewSession create(store::Tx& tx, std::int64_t user_id, const SessionPolicy& policy,
                    std::string_view user_agent, std::string_view method = "password") const;
  // The live session with this token and its user, in one read; nullopt when the session is
  // unknown, revoked or expired or its user is disabled. Extends the idle expiry, writing at most
  // once a minute per session.
  Result<std::optional<ActiveSession>> find(std::string_view token) const;
  Status revoke(std::int64_t user_id, std::string_view session_id) const;
  Result<std::vector<SessionInfo>> list(std::int64_t user_id) const;

 private:
  store::Database& db_;
  const Clock& clock_;
};

// "cds_session=...; HttpOnly; SameSite=Lax; Path=/; Max-Age=..." (Secure unless `plain_localhost`).
std::string session_cookie(std::string_view token, Millis max_age, bool plain_localhost);
std::string clear_session_cookie(bool plain_localhost);
std::string csrf_cookie(std::string_view csrf_token, Millis max_age, bool plain_localhost);
// The value of cookie `name` in a Cookie header, or empty.
std::string_view cookie_value(std::string_view cookie_header, std::string_view name);

}  // namespace cds::auth
