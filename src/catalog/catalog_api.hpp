// GET /api/v1/categories, /api/v1/areas and /api/v1/units: the reference data clients show.
#pragma once

#include "catalog/catalog.hpp"
#include "http/router.hpp"

namespace cds::catalog {

class CatalogApi {
 public:
  explicit CatalogApi(Catalog& catalog) : catalog_(catalog) {}
  void register_routes(http::Router& router);

 private:
  Catalog& catalog_;
};

}  // namespace cds::catalog
