// Web Mercator tile arithmetic and Morton keys.
#include "map/tiles.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace cds::map {
namespace {

constexpr double kScale = static_cast<double>(1u << kKeyZoom);

std::uint32_t to_cell(double unit) {
  const double v = std::clamp(unit, 0.0, 1.0) * kScale;
  return static_cast<std::uint32_t>(std::min(v, kScale - 1));
}

// Spreads the low 32 bits of v to the even bit positions.
std::uint64_t spread(std::uint32_t v) {
  std::uint64_t x = v;
  x = (x | (x << 16)) & 0x0000FFFF0000FFFFull;
  x = (x | (x << 8)) & 0x00FF00FF00FF00FFull;
  x = (x | (x << 4)) & 0x0F0F0F0F0F0F0F0Full;
  x = (x | (x << 2)) & 0x3333333333333333ull;
  x = (x | (x << 1)) & 0x5555555555555555ull;
  return x;
}

double lon_of(double x, int zoom) {
  return x / std::ldexp(1.0, zoom) * 360.0 - 180.0;
}

double lat_of(double y, int zoom) {
  const double n = std::numbers::pi * (1.0 - 2.0 * y / std::ldexp(1.0, zoom));
  return std::atan(std::sinh(n)) * 180.0 / std::numbers::pi;
}

}  // namespace

TilePoint to_tile_point(double lat, double lon) {
  const double phi = std::clamp(lat, -kMaxMercatorLat, kMaxMercatorLat) * std::numbers::pi / 180.0;
  const double x = (lon + 180.0) / 360.0;
  const double y = (1.0 - std::log(std::tan(phi) + 1.0 / std::cos(phi)) / std::numbers::pi) / 2.0;
  return TilePoint{to_cell(x), to_cell(y)};
}

std::uint64_t morton(std::uint32_t x, std::uint32_t y) {
  return spread(x) | (spread(y) << 1);
}

double Tile::west() const {
  return lon_of(x, zoom);
}
double Tile::east() const {
  return lon_of(x + 1.0, zoom);
}
double Tile::north() const {
  return lat_of(y, zoom);
}
double Tile::south() const {
  return lat_of(y + 1.0, zoom);
}

}  // namespace cds::map
