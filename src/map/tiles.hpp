// Web Mercator tiles (the grid Leaflet and every slippy map use) and a Morton key that orders
// points so that each tile at every zoom is one contiguous run: the spatial order of the map index.
#pragma once

#include <cstdint>

namespace cds::map {

// Keys are taken at this zoom: a tile there is ~2.4 m at the equator, finer than any report's
// location, and two 24-bit coordinates interleave into 48 bits.
inline constexpr int kKeyZoom = 24;
// Web Mercator stops here (the square world); bounding boxes are clamped to it.
inline constexpr double kMaxMercatorLat = 85.05112878;

// A point in tile units at kKeyZoom: x grows east, y grows south.
struct TilePoint {
  std::uint32_t x, y;
};
TilePoint to_tile_point(double lat, double lon);

// Bits of x at even positions, bits of y at odd ones.
std::uint64_t morton(std::uint32_t x, std::uint32_t y);

// A tile at `zoom` (≤ kKeyZoom) and the keys of the points inside it: [first_key, end_key).
struct Tile {
  int zoom;
  std::uint32_t x, y;
  std::uint64_t first_key() const { return morton(x, y) << (2 * (kKeyZoom - zoom)); }
  std::uint64_t end_key() const {
    return first_key() + (std::uint64_t{1} << (2 * (kKeyZoom - zoom)));
  }
  // The tile's edges in degrees.
  double west() const;
  double east() const;
  double north() const;
  double south() const;
};

// The tile at `zoom` holding the point with key coordinates `p`.
inline Tile tile_of(TilePoint p, int zoom) {
  const int shift = kKeyZoom - zoom;
  return Tile{zoom, p.x >> shift, p.y >> shift};
}

}  // namespace cds::map
