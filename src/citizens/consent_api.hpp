// A citizen's consents and shared location: GET /api/v1/me/consents,
// PUT /api/v1/me/consents/{purpose}, PUT and DELETE /api/v1/me/location.
#pragma once

#include "auth/authenticator.hpp"
#include "citizens/citizen_service.hpp"
#include "http/router.hpp"

namespace cds::citizens {

class ConsentApi {
 public:
  ConsentApi(const CitizenService& citizens, const auth::Authenticator& auth)
      : citizens_(citizens), auth_(auth) {}

  void register_routes(http::Router& router);

 private:
  http::Response list(http::Request& req);
  http::Response set(http::Request& req);
  http::Response share_location(http::Request& req);
  http::Response forget_location(http::Request& req);

  const CitizenService& citizens_;
  const auth::Authenticator& auth_;
};

}  // namespace cds::citizens
