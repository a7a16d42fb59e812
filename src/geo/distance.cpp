// Haversine distance and bounding boxes.
#include "geo/distance.hpp"

#include <cmath>
#include <numbers>

namespace cds::geo {
namespace {

constexpr double kRadiansPerDegree = std::numbers::pi / 180.0;
// Metres in one degree of latitude (and of longitude at the equator) on the mean sphere.
constexpr double kMetresPerDegree = kEarthRadiusM * kRadiansPerDegree;

}  // namespace

double distance_m(double lat1, double lon1, double lat2, double lon2) {
  const double p1 = lat1 * kRadiansPerDegree, p2 = lat2 * kRadiansPerDegree;
  const double dp = p2 - p1, dl = (lon2 - lon1) * kRadiansPerDegree;
  const double h = std::sin(dp / 2) * std::sin(dp / 2) +
                   std::cos(p1) * std::cos(p2) * std::sin(dl / 2) * std::sin(dl / 2);
  return 2 * kEarthRadiusM * std::asin(std::sqrt(std::fmin(1.0, h)));
}

double longitude_scale(double lat) {
  return std::cos(lat * kRadiansPerDegree);
}

Box box_around(double lat, double lon, double radius_m) {
  // 1 % more than the circle needs, so that rounding never drops a point on its edge.
  const double dlat = radius_m * 1.01 / kMetresPerDegree;
  const double dlon = dlat / std::fmax(longitude_scale(lat), 1e-6);
  return Box{lat - dlat, lat + dlat, lon - dlon, lon + dlon};
}

}  // namespace cds::geo
