// GET /api/v1/admin/audit: administrators read who read which citizen's personal data, and why.
#pragma once

#include "auth/authenticator.hpp"
#include "auth/gate.hpp"
#include "http/router.hpp"
#include "store/database.hpp"

namespace cds::audit {

class AuditApi {
 public:
  AuditApi(store::Database& db, const auth::Authenticator& auth) : db_(db), gate_(auth) {}
  void register_routes(http::Router& router);

 private:
  http::Response list(http::Request& req) const;

  store::Database& db_;
  auth::Gate gate_;
};

}  // namespace cds::audit
