// Administrators' changes to the reference data: categories and their deadlines, units, routing
// rules and the working calendar's holidays (/api/v1/admin/categories, /units, /routing-rules,
// /holidays). Every change is written at once and reaches intake and views through the catalogue
// snapshot (this node at once, the others within Catalog::kSnapshotTtl).
#pragma once

#include "auth/gate.hpp"
#include "catalog/catalog.hpp"
#include "http/router.hpp"

namespace cds::catalog {

class CatalogAdminApi {
 public:
  CatalogAdminApi(store::Database& db, const Catalog& catalog, const auth::Authenticator& auth)
      : db_(db), catalog_(catalog), gate_(auth) {}

  void register_routes(http::Router& router);

 private:
  http::Response put_category(http::Request& req);
  http::Response put_unit(http::Request& req);
  http::Response list_rules(http::Request& req);
  http::Response put_rule(http::Request& req);
  http::Response delete_rule(http::Request& req);
  http::Response list_holidays(http::Request& req);
  http::Response put_holiday(http::Request& req);
  http::Response delete_holiday(http::Request& req);

  store::Database& db_;
  const Catalog& catalog_;
  auth::Gate gate_;
};

}  // namespace cds::catalog
