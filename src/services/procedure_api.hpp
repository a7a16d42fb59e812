// The procedure catalogue over HTTP (docs/SERVICES.md), public:
//   GET /api/v1/procedures?q=&field=&level=&agency=&page=&per_page=   ranked search with facets
//   GET /api/v1/procedures/{code}                                      the whole procedure
#pragma once

#include "auth/authenticator.hpp"
#include "auth/gate.hpp"
#include "http/router.hpp"
#include "services/procedure_catalogue.hpp"

namespace cds::services {

class ProcedureApi {
 public:
  // `catalogue` and `auth` must outlive the routes.
  ProcedureApi(const ProcedureCatalogue& catalogue, const auth::Authenticator& auth)
      : catalogue_(catalogue), gate_(auth) {}

  void register_routes(http::Router& router);

 private:
  http::Response search(http::Request& req);
  http::Response get(http::Request& req);

  const ProcedureCatalogue& catalogue_;
  auth::Gate gate_;
};

}  // namespace cds::services
