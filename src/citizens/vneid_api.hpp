// Citizen sign-in with the national e-ID: GET /api/v1/auth/vneid/start (redirects to the issuer),
// GET /api/v1/auth/vneid/callback (back from it: verifies, signs in, redirects into the app), and
// GET /.well-known/jwks.json (the client's public key, for private_key_jwt).
#pragma once

#include <memory>

#include "auth/sessions.hpp"
#include "citizens/citizen_service.hpp"
#include "http/router.hpp"
#include "oidc/relying_party.hpp"

namespace cds::citizens {

// The cookie that binds a sign-in in flight to the browser that started it (holds `state`).
inline constexpr std::string_view kSignInCookie = "cds_oidc";
// A sign-in not finished within this time must start again.
inline constexpr Millis kSignInLifetime = 10 * 60 * 1000;

class VneidApi {
 public:
  // `rp` is null when no issuer is configured: the routes then answer 503 vneid_not_configured
  // (the JWKS route still answers, with no keys).
  VneidApi(store::Database& db, const Clock& clock, const CitizenService& citizens,
           oidc::RelyingParty* rp, std::string public_url)
      : db_(db),
        clock_(clock),
        citizens_(citizens),
        sessions_(db, clock),
        rp_(rp),
        public_url_(std::move(public_url)) {}

  void register_routes(http::Router& router);

 private:
  http::Response start(http::Request& req);
  http::Response callback(http::Request& req);
  http::Response jwks(http::Request& req);

  store::Database& db_;
  const Clock& clock_;
  const CitizenService& citizens_;
  auth::Sessions sessions_;
  oidc::RelyingParty* rp_;
  std::string public_url_;
};

}  // namespace cds::citizens
