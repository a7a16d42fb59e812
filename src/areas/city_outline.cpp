// Point in the city's outline (even-odd rule over every ring) with a margin.
#include "areas/city_outline.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "areas/wards.hpp"

namespace cds::areas {
namespace {

constexpr double kKmPerDegree = 111.32;
constexpr double kPi = 3.14159265358979323846;

bool inside_outline(double lat, double lon) {
  const auto points = city_outline_points();
  bool inside = false;
  for (const Ring& ring : city_outline_rings()) {
    for (std::size_t i = 0; i + 1 < ring.count; ++i) {
      const LatLon& a = points[ring.first + i];
      const LatLon& b = points[ring.first + i + 1];
      if ((a.lat > lat) != (b.lat > lat)) {
        const double lon_at = a.lon + (lat - a.lat) * (b.lon - a.lon) / (b.lat - a.lat);
        if (lon < lon_at) inside = !inside;
      }
    }
  }
  return inside;
}

}  // namespace

double distance_to_outline_km(double lat, double lon) {
  const auto points = city_outline_points();
  const double k = std::cos(lat * kPi / 180.0);
  double best = std::numeric_limits<double>::max();
  for (const Ring& ring : city_outline_rings()) {
    for (std::size_t i = 0; i + 1 < ring.count; ++i) {
      const LatLon& a = points[ring.first + i];
      const LatLon& b = points[ring.first + i + 1];
      const double ax = (a.lon - lon) * k, ay = a.lat - lat;
      const double dx = (b.lon - a.lon) * k, dy = b.lat - a.lat;
      const double len2 = dx * dx + dy * dy;
      const double t = len2 == 0 ? 0 : std::clamp(-(ax * dx + ay * dy) / len2, 0.0, 1.0);
      best = std::min(best, std::hypot(ax + t * dx, ay + t * dy));
    }
  }
  return best * kKmPerDegree;
}

bool in_city(double lat, double lon) {
  if (!std::isfinite(lat) || !std::isfinite(lon) || !city_bounds().contains(lat, lon)) return false;
  return inside_outline(lat, lon) || distance_to_outline_km(lat, lon) <= kOutlineMarginKm;
}

}  // namespace cds::areas
