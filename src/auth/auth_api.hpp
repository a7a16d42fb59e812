// Sign-in and the signed-in user: POST /api/v1/auth/staff/login, /api/v1/auth/staff/totp/confirm,
// /api/v1/auth/logout; GET /api/v1/me, /api/v1/me/sessions; DELETE /api/v1/me/sessions/{id}.
#pragma once

#include <functional>
#include <optional>

#include "auth/authenticator.hpp"
#include "auth/gate.hpp"
#include "auth/sessions.hpp"
#include "auth/staff_sign_in.hpp"
#include "http/router.hpp"

namespace cds::auth {

class AuthApi {
 public:
  // What the sign-in of citizens adds, given by the composition root (auth knows no e-ID).
  struct CitizenHooks {
    // The issuer's logout page (RP-initiated logout), when it offers one.
    std::function<std::optional<std::string>()> end_session_url;
    // The citizen's name from the e-ID, opened.
    std::function<std::optional<std::string>(std::int64_t user_id)> name;
    // The ward the citizen said they live in (hot alerts for it).
    std::function<std::optional<std::string>(std::int64_t user_id)> home_ward;
  };

  AuthApi(store::Database& db, const Clock& clock, const Authenticator& auth, const Vault& vault,
          CitizenHooks hooks)
      : gate_(auth), sessions_(db, clock), staff_(db, clock, vault), hooks_(std::move(hooks)) {}

  void register_routes(http::Router& router);

 private:
  http::Response staff_login(http::Request& req);
  http::Response confirm_totp(http::Request& req);
  http::Response logout(http::Request& req, const Principal& who);
  http::Response me(http::Request& req, const Principal& who);
  http::Response my_sessions(http::Request& req, const Principal& who);
  http::Response revoke_session(http::Request& req, const Principal& who);

  Gate gate_;
  Sessions sessions_;
  StaffSignIn staff_;
  CitizenHooks hooks_;
};

}  // namespace cds::auth
