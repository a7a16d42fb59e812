// The shared authentication mechanism: a bearer token (issued by `congdanso token issue`) or a
// session cookie (from signing in) names a user. A cookie-authenticated unsafe request must also
// carry the session's X-CSRF-Token and an Origin that matches the Host it was sent to.
#pragma once

#include <initializer_list>
#include <string>

#include "auth/principal.hpp"
#include "auth/sessions.hpp"
#include "common/clock.hpp"
#include "common/status.hpp"
#include "http/message.hpp"
#include "store/database.hpp"

namespace cds::auth {

class Authenticator {
 public:
  Authenticator(store::Database& db, const Clock& clock)
      : db_(db), clock_(clock), sessions_(db, clock) {}

  // The caller, or 401 when there are no or bad credentials.
  Result<Principal> authenticate(const http::Request& req) const;
  // The caller when credentials are given; an anonymous caller (nullopt) when none are; 401 when
  // bad credentials are given (a wrong token is never silently treated as anonymous).
  Result<std::optional<Principal>> authenticate_optional(const http::Request& req) const;
  // The caller if their role is one of `roles`: 401 without credentials, 403 with another role.
  Result<Principal> require(const http::Request& req, std::initializer_list<Role> roles) const;

 private:
  Result<std::optional<Principal>> from_session(const http::Request& req,
                                                std::string_view token) const;

  store::Database& db_;
  const Clock& clock_;
  Sessions sessions_;
};

// Whether the request was sent to this machine by name (localhost, 127.0.0.1, [::1]) while the
// public URL is not https: the one case where a cookie may go without Secure (a developer's
// browser on http://localhost). Behind a proxy with an https public URL, every cookie is Secure,
// even on requests the proxy forwards to 127.0.0.1.
bool plain_localhost(const http::Request& req);

// Hex SHA-256 of a token: how tokens are stored.
std::string hash_token(std::string_view token);
// A new random 256-bit token, base64url without padding.
std::string new_token();

}  // namespace cds::auth
