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

namespace {

constexpr std::string_view kUserColumns =
    "SELECT u.id, u.username, u.role, COALESCE(u.unit_code, ''), u.display_name FROM users u";

std::optional<Principal> principal_from(const store::Row& r) {
  auto role = parse_role(r.str(2));
  if (!role) return std::nullopt;
  return Principal{r.i64(0), r.str(1), *role, r.str(3), r.str(4), ""};
}

bool unsafe(http::Method m) {
  return m != http::Method::kGet && m != http::Method::kHead && m != http::Method::kOptions;
}

// "http://host:port" or "https://host" whose host part equals the Host header.
bool origin_matches_host(std::string_view origin, std::string_view host) {
  const auto scheme = origin.find("://");
  if (scheme == std::string_view::npos || host.empty()) return false;
  return origin.substr(scheme + 3) == host;
}

}  // namespace

bool plain_localhost(const http::Request& req) {
  if (req.https_only) return false;
  std::string_view host = req.header("host");
  host = host.substr(0, host.rfind(':') == std::string_view::npos || host.back() == ']'
                            ? host.size()
                            : host.rfind(':'));
  return host == "localhost" || host == "127.0.0.1" || host == "[::1]";
}

Result<std::optional<Principal>> Authenticator::authenticate_optional(
    const http::Request& req) const {
  std::string_view header = req.header("authorization");
  if (header.empty()) {
    std::string_view token = cookie_value(req.header("cookie"), kSessionCookie);
    if (token.empty()) return std::optional<Principal>{};
    return from_session(req, token);
  }
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
    auto row = tx.one(std::string(kUserColumns) +
                          " JOIN api_tokens t ON u.id = t.user_id "
                          "WHERE t.token_hash = $1 AND t.expires_at > $2 AND u.disabled = 0",
                      {digest, clock_.now()});
    if (row) found = principal_from(*row);
    return Status::Ok();
  });
  if (!st.ok()) return st;
  if (!found) return Status(Code::kUnauthorized, "invalid_token");
  return std::optional<Principal>(std::move(*found));
}

Result<std::optional<Principal>> Authenticator::from_session(const http::Request& req,
                                                             std::string_view token) const {
  if (token.size() > 128) return Status(Code::kUnauthorized, "session_expired");
  auto session = sessions_.find(token);
  if (!session.ok()) return session.status();
  if (!session.value()) return Status(Code::kUnauthorized, "session_expired");
  const ActiveSession& s = **session;
  if (unsafe(req.method)) {
    // A browser attaches the cookie to requests other sites make it send; only this app can read
    // the CSRF token, and a cross-site request shows a foreign Origin.
    std::string_view csrf = req.header("x-csrf-token");
    if (csrf.empty() || sha256_hex(csrf) != s.csrf_hash ||
        !origin_matches_host(req.header("origin"), req.header("host")))
      return Status(Code::kForbidden, "csrf_failed");
  }
  return std::optional<Principal>(s.user);
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
