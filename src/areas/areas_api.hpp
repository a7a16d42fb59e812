// Public geography routes: the ward of a point and the wards' shapes for maps
// (docs/GEOGRAPHY.md). Reference data: anyone may read it.
#pragma once

#include "areas/locator.hpp"
#include "http/router.hpp"

namespace cds::areas {

class AreasApi {
 public:
  explicit AreasApi(const Locator& locator) : locator_(locator) {}
  // GET /api/v1/areas/locate, /api/v1/areas/shapes, /api/v1/areas/{code}/shape.
  void register_routes(http::Router& router);

 private:
  const Locator& locator_;
};

}  // namespace cds::areas
