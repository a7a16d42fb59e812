// GET /api/v1/admin/audit: administrators read who read which citizen's personal data, and why.
#pragma once

#include "auth/authenticator.hpp"
#include "http/router.hpp"
#include "store/database.hpp"

namespace cds::audit {

class AuditApi {
 public:
  AuditApi(store::Database& db, const auth::Authenticator& auth) : db_(db), auth_(auth) {}
  void register_routes(http::Router& router);

 private:
  store::Database& db_;
  const auth::Authenticator& auth_;
};

}  // namespace cds::audit
