// Whether a point lies in Ho Chi Minh City: inside its outline, or within a small margin of it
// (the outline is simplified, and people report from piers and beaches).
#pragma once

#include <cstddef>
#include <span>

namespace cds::areas {

struct LatLon {
  double lat;
  double lon;
};
struct Ring {
  std::size_t first;  // index into city_outline_points()
  std::size_t count;  // closed: the last point equals the first
};

std::span<const LatLon> city_outline_points();
std::span<const Ring> city_outline_rings();

// How far outside the outline a point may be and still count as the city's, in kilometres.
inline constexpr double kOutlineMarginKm = 1.0;

bool in_city(double lat, double lon);
// Distance from the point to the nearest edge of the outline, in kilometres (equirectangular).
double distance_to_outline_km(double lat, double lon);

}  // namespace cds::areas
