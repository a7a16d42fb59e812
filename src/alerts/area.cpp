#include "alerts/area.hpp"

#include <algorithm>
#include <cmath>

#include "areas/wards.hpp"
#include "geo/distance.hpp"

namespace cds::alerts {

bool inside(const std::vector<std::array<double, 2>>& polygon, double lat, double lon) {
  // Even-odd rule on a ray towards growing longitude; degrees are fine at a city's scale.
  bool in = false;
  const std::size_t n = polygon.size();
  for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
    const double lat_i = polygon[i][0], lon_i = polygon[i][1];
    const double lat_j = polygon[j][0], lon_j = polygon[j][1];
    if ((lat_i > lat) != (lat_j > lat)) {
      const double cross = lon_i + (lat - lat_i) / (lat_j - lat_i) * (lon_j - lon_i);
      if (lon < cross) in = !in;
    }
  }
  return in;
}

std::vector<areas::LatLon> circle_ring(const Circle& circle) {
  constexpr int kCorners = 64;
  constexpr double kPi = 3.14159265358979323846;
  constexpr double kKmPerDegree = 111.32;
  const double dlat = circle.radius_km / kKmPerDegree;
  const double dlon = dlat / std::max(0.1, std::cos(circle.lat * kPi / 180.0));
  std::vector<areas::LatLon> ring;
  ring.reserve(kCorners + 1);
  for (int i = 0; i < kCorners; ++i) {
    const double a = 2 * kPi * i / kCorners;
    ring.push_back({circle.lat + dlat * std::sin(a), circle.lon + dlon * std::cos(a)});
  }
  ring.push_back(ring.front());
  return ring;
}

std::vector<std::string> covered_wards(const Area& area, const areas::WardIndex* wards) {
  if (area.city) return {};
  std::vector<std::string> out = area.wards;
  if (wards) {
    // Real shapes: a ward is covered when its polygon meets the alert's.
    if (area.polygon.size() >= 4) {
      std::vector<areas::LatLon> ring;
      for (const auto& p : area.polygon) ring.push_back({p[0], p[1]});
      for (auto& code : wards->wards_meeting(ring)) out.push_back(std::move(code));
    }
    if (area.circle) {
      for (auto& code : wards->wards_meeting(circle_ring(*area.circle)))
        out.push_back(std::move(code));
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }
  if (area.polygon.size() >= 4) {
    double lat = 0, lon = 0;
    for (std::size_t i = 0; i + 1 < area.polygon.size(); ++i) {
      lat += area.polygon[i][0];
      lon += area.polygon[i][1];
    }
    const double corners = static_cast<double>(area.polygon.size() - 1);
    out.emplace_back(areas::nearest_ward(lat / corners, lon / corners).code);
    for (const auto& w : areas::city_wards())
      if (inside(area.polygon, w.centroid_lat, w.centroid_lon)) out.emplace_back(w.code);
  }
  if (area.circle) {
    const Circle& c = *area.circle;
    out.emplace_back(areas::nearest_ward(c.lat, c.lon).code);
    for (const auto& w : areas::city_wards())
      if (geo::distance_m(c.lat, c.lon, w.centroid_lat, w.centroid_lon) <= c.radius_km * 1000.0)
        out.emplace_back(w.code);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace cds::alerts
