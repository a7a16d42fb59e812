// Lookups over the city's wards.
#include "areas/wards.hpp"

#include <cmath>
#include <limits>

namespace cds::areas {

BoundingBox city_bounds() {
  // The extent of the 168 units (Côn Đảo in the south at 8.58°N) with a ~2 km margin.
  return BoundingBox{8.55, 106.06, 11.53, 107.60};
}

const WardFact& nearest_ward(double lat, double lon) {
  const auto wards = city_wards();
  const WardFact* best = &wards.front();
  double best_d = std::numeric_limits<double>::max();
  const double scale = std::cos(lat * 3.14159265358979323846 / 180.0);
  for (const WardFact& w : wards) {
    const double dy = w.centroid_lat - lat;
    const double dx = (w.centroid_lon - lon) * scale;
    const double d = dx * dx + dy * dy;
    if (d < best_d) {
      best_d = d;
      best = &w;
    }
  }
  return *best;
}

const WardFact* find_ward(std::string_view code) {
  for (const WardFact& w : city_wards()) {
    if (w.code == code) return &w;
  }
  return nullptr;
}

}  // namespace cds::areas
