// The city's wards and communes (phường, xã, đặc khu): reference data and lookups.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace cds::areas {

struct WardFact {
  std::string_view code;     // 5-digit national unit code, e.g. "26740"
  std::string_view name;     // "Phường Sài Gòn"
  std::string_view name_en;  // "Sai Gon Ward"
  std::string_view kind;     // phuong | xa | dac_khu
  double centroid_lat;
  double centroid_lon;
};

// All 168 units, ordered by code.
std::span<const WardFact> city_wards();

// The city's bounding box (all units' extent, with a margin); a location outside it is refused.
struct BoundingBox {
  double min_lat, min_lon, max_lat, max_lon;
  bool contains(double lat, double lon) const {
    return lat >= min_lat && lat <= max_lat && lon >= min_lon && lon <= max_lon;
  }
};
BoundingBox city_bounds();

// The unit whose centroid is nearest to (lat, lon): a stand-in until ward boundaries are imported.
const WardFact& nearest_ward(double lat, double lon);
const WardFact* find_ward(std::string_view code);

}  // namespace cds::areas
