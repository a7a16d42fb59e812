// The administrators' API for accounts: list, create, change role, unit or name, disable, set a
// password, force TOTP re-enrolment. Admins only.
#pragma once

#include "auth/authenticator.hpp"
#include "auth/gate.hpp"
#include "http/router.hpp"
#include "users/user_service.hpp"

namespace cds::users {

class UserAdminApi {
 public:
  UserAdminApi(UserService& users, const auth::Authenticator& auth) : users_(users), gate_(auth) {}
  void register_routes(http::Router& router);

 private:
  http::Response list(http::Request& req);
  http::Response create(http::Request& req);
  http::Response change(http::Request& req, const auth::Principal& who);
  http::Response set_password(http::Request& req);
  http::Response reset_totp(http::Request& req);

  UserService& users_;
  auth::Gate gate_;
};

}  // namespace cds::users
