#include "auth/sessions.hpp"

#include <sodium.h>

#include "auth/authenticator.hpp"
#include "common/hash.hpp"

namespace cds::auth {
namespace {

// A session id for lists and revocation: 128 random bits, hex.
std::string new_session_id() {
  unsigned char raw[16];
  randombytes_buf(raw, sizeof raw);
  char hex[33];
  sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
  return hex;
}

constexpr Millis kTouchEvery = 60'000;

}  // namespace

NewSession Sessions::create(store::Tx& tx, std::int64_t user_id, const SessionPolicy& policy,
                            std::string_view user_agent, std::string_view method) const {
  const Millis now = clock_.now();
  NewSession s{new_session_id(), new_token(), new_token(), now + policy.lifetime};
  tx.exec(
      "INSERT INTO sessions (id, token_hash, csrf_hash, user_id, created_at, last_seen_at, "
      "idle_timeout_ms, expires_at, user_agent, method) "
      "VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8, $9)",
      {s.id, sha256_hex(s.token), sha256_hex(s.csrf_token), user_id, now, policy.idle_timeout,
       s.expires_at, std::string(user_agent.substr(0, 200)), std::string(method)});
  return s;
}

Result<std::optional<ActiveSession>> Sessions::find(std::string_view token) const {
  const Millis now = clock_.now();
  const std::string digest = sha256_hex(token);
  std::optional<ActiveSession> found;
  Millis last_seen = 0;
  Status st = db_.read([&](store::Tx& tx) {
    auto r = tx.one(
        "SELECT s.id, s.csrf_hash, s.last_seen_at, u.id, u.username, u.role, "
        "COALESCE(u.unit_code, ''), u.display_name FROM sessions s JOIN users u ON u.id = "
        "s.user_id "
        "WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 "
        "AND s.last_seen_at + s.idle_timeout_ms > $2 AND u.disabled = 0",
        {digest, now});
    auto role = r ? parse_role(r->str(5)) : std::nullopt;
    if (r && role) {
      found =
          ActiveSession{r->str(0), r->str(1),
                        Principal{r->i64(3), r->str(4), *role, r->str(6), r->str(7), r->str(0)}};
      last_seen = r->i64(2);
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  if (found && now - last_seen > kTouchEvery) {
    // Keeping a session alive is not worth failing a request over: an error here is ignored.
    (void)db_.write([&](store::Tx& tx) {
      tx.exec("UPDATE sessions SET last_seen_at = $2 WHERE id = $1", {found->id, now});
      return Status::Ok();
    });
  }
  return found;
}

Status Sessions::revoke(std::int64_t user_id, std::string_view session_id) const {
  return db_.write([&](store::Tx& tx) -> Status {
    if (tx.exec("UPDATE sessions SET revoked_at = $3 WHERE id = $1 AND user_id = $2 "
                "AND revoked_at IS NULL",
                {std::string(session_id), user_id, clock_.now()}) == 0)
      return Status::NotFound("session_not_found");
    return Status::Ok();
  });
}

Result<std::vector<SessionInfo>> Sessions::list(std::int64_t user_id) const {
  const Millis now = clock_.now();
  return db_.read_value<std::vector<SessionInfo>>(
      [&](store::Tx& tx) -> Result<std::vector<SessionInfo>> {
        std::vector<SessionInfo> out;
        for (const auto& r : tx.query(
                 "SELECT id, created_at, last_seen_at, idle_timeout_ms, expires_at, user_agent "
                 "FROM sessions WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2 "
                 "AND last_seen_at + idle_timeout_ms > $2 ORDER BY created_at DESC",
                 {user_id, now})) {
          out.push_back(SessionInfo{r.str(0), r.i64(1), r.i64(2),
                                    std::min(r.i64(2) + r.i64(3), r.i64(4)), r.str(5)});
        }
        return out;
      });
}

std::string session_cookie(std::string_view token, Millis max_age, bool plain_localhost) {
  std::string c = std::string(kSessionCookie) + "=" + std::string(token) +
                  "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(max_age / 1000);
  if (!plain_localhost) c += "; Secure";
  return c;
}

std::string clear_session_cookie(bool plain_localhost) {
  return session_cookie("", 0, plain_localhost);
}

std::string csrf_cookie(std::string_view csrf_token, Millis max_age, bool plain_localhost) {
  std::string c = std::string(kCsrfCookie) + "=" + std::string(csrf_token) +
                  "; Path=/; SameSite=Strict; Max-Age=" + std::to_string(max_age / 1000);
  if (!plain_localhost) c += "; Secure";
  return c;
}

std::string_view cookie_value(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    const auto semi = header.find(';');
    std::string_view pair = header.substr(0, semi);
    header = semi == std::string_view::npos ? std::string_view{} : header.substr(semi + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    const auto eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) return pair.substr(eq + 1);
  }
  return {};
}

}  // namespace cds::auth
