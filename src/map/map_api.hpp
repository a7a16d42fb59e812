// The map over HTTP (docs/MAP.md), all public:
//   GET /api/v1/map/reports?bbox=minLon,minLat,maxLon,maxLat&zoom=Z&category=&status=&since=&until=
//       clusters below kPointsZoom, points from it on; anonymous reports and sensitive categories
//       only ever at their ward's centroid
//   GET /api/v1/map/layers                  the layers of points of interest, with counts
//   GET /api/v1/map/pois?layer=&bbox=...    points of interest in a box
//   GET /api/v1/map/pois?layer=&near=lat,lon&radius_m=   nearest first, with distances
#pragma once

#include "auth/authenticator.hpp"
#include "auth/gate.hpp"
#include "http/router.hpp"
#include "map/map_reports.hpp"
#include "store/database.hpp"

namespace cds::map {

class MapApi {
 public:
  // From this zoom on the answer lists points; below it, clusters.
  static constexpr int kPointsZoom = 16;
  static constexpr int kMaxZoom = 20;
  static constexpr std::size_t kMaxPoints = 1000;

  // `db`, `reports` and `auth` must outlive the routes.
  MapApi(store::Database& db, MapReports& reports, const auth::Authenticator& auth)
      : db_(db), reports_(reports), gate_(auth) {}

  void register_routes(http::Router& router);

 private:
  http::Response reports(http::Request& req);
  http::Response layers(http::Request& req);
  http::Response pois(http::Request& req);

  store::Database& db_;
  MapReports& reports_;
  auth::Gate gate_;
};

}  // namespace cds::map
