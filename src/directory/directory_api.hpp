// The directory of public apps over HTTP (docs/APPS.md):
//   GET    /api/v1/apps               active apps in order, both languages' texts; ETag, 60 s cache
//   GET    /api/v1/admin/apps         every app, inactive ones too                       (admin)
//   POST   /api/v1/admin/apps         a new app, last in order (201; Idempotency-Key)
//   PUT    /api/v1/admin/apps/order   {ids: [...]}: every app once, in the new order
//   PUT    /api/v1/admin/apps/{id}    the same fields as POST (active: false hides it)
//   DELETE /api/v1/admin/apps/{id}    removes it (204)
#pragma once

#include "auth/authenticator.hpp"
#include "auth/gate.hpp"
#include "directory/directory_service.hpp"
#include "http/router.hpp"

namespace cds::directory {

class DirectoryApi {
 public:
  // `service` and `auth` must outlive the routes.
  DirectoryApi(DirectoryService& service, const auth::Authenticator& auth)
      : service_(service), gate_(auth) {}

  void register_routes(http::Router& router);

 private:
  http::Response list_public(http::Request& req);
  http::Response list_admin(http::Request& req);
  http::Response create(http::Request& req, const auth::Principal& who);
  http::Response update(http::Request& req, const auth::Principal& who);
  http::Response reorder(http::Request& req, const auth::Principal& who);
  http::Response remove(http::Request& req);

  DirectoryService& service_;
  auth::Gate gate_;
};

}  // namespace cds::directory
