// A citizen's consents and shared location: GET /api/v1/me/consents,
// PUT /api/v1/me/consents/{purpose}, PUT and DELETE /api/v1/me/location.
#pragma once

#include "auth/authenticator.hpp"
#include "auth/gate.hpp"
#include "citizens/citizen_service.hpp"
#include "http/router.hpp"

namespace cds::citizens {

class ConsentApi {
 public:
  ConsentApi(const CitizenService& citizens, const auth::Authenticator& auth)
      : citizens_(citizens), gate_(auth) {}

  void register_routes(http::Router& router);

 private:
  http::Response list(http::Request& req, const auth::Principal& who);
  http::Response set(http::Request& req, const auth::Principal& who);
  http::Response share_location(http::Request& req, const auth::Principal& who);
  http::Response set_home_ward(http::Request& req, const auth::Principal& who);
  http::Response forget_location(http::Request& req, const auth::Principal& who);

  const CitizenService& citizens_;
  auth::Gate gate_;
};

}  // namespace cds::citizens
