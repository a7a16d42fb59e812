// Point → ward over the imported boundaries: an R-tree of the wards' polygons (Boost.Geometry)
// with an exact point-in-polygon test, and the wards' shapes simplified per zoom band for maps.
// Immutable once built: any number of threads may use one (areas::Locator swaps in a new one
// when the boundaries change).
#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "areas/city_outline.hpp"
#include "areas/wards.hpp"
#include "common/status.hpp"

namespace cds::areas {

// One ward's boundary as stored: its code and its GeoJSON geometry (Polygon or MultiPolygon).
struct Boundary {
  std::string code;
  std::string geometry;
};

// A point up to this far outside every ward still belongs to the nearest one: it absorbs the
// rounding of a shared edge, a phone's GPS error and people on a pier or a beach at the water's
// edge, while a point across a border river or out at sea stays outside (docs/GEOGRAPHY.md).
inline constexpr double kEdgeToleranceM = 300;

struct Placement {
  const WardFact* ward;     // never null
  double outside_by_m = 0;  // 0 inside the ward; else the distance to it (≤ kEdgeToleranceM)
};

// Shapes for maps are kept at a few levels of detail; a zoom level (0..22, as web maps count)
// maps to one of them.
inline constexpr int kShapeBands = 4;
int shape_band(int zoom);
// The Douglas–Peucker tolerance of a band, in degrees: one screen pixel at the band's most
// detailed zoom level (360° / 256 px / 2^zoom).
double band_tolerance_deg(int band);

class WardIndex {
 public:
  // Parses and indexes `boundaries` (codes of known wards; others are skipped), then simplifies
  // every shape for each band. `fingerprint` names this set of boundaries (for ETags).
  static Result<std::unique_ptr<WardIndex>> build(std::span<const Boundary> boundaries,
                                                  std::string fingerprint);
  ~WardIndex();
  WardIndex(const WardIndex&) = delete;
  WardIndex& operator=(const WardIndex&) = delete;

  // The ward whose polygon covers the point (a point on an edge shared by two wards goes to the
  // lower code), else the nearest ward within kEdgeToleranceM; nullopt outside the city.
  std::optional<Placement> locate(double lat, double lon) const;

  // The sorted codes of the wards whose polygons meet the closed `ring` ([lat, lon] vertices).
  std::vector<std::string> wards_meeting(std::span<const LatLon> ring) const;

  // A ward's shape as a GeoJSON Feature (properties: code, name, name_en, kind, points) at
  // `band`; null when the ward has no boundary.
  const std::string* feature(std::string_view code, int band) const;
  // The features at `band` of the wards whose bounding boxes meet the box, in code order.
  std::vector<const std::string*> features_in(double min_lat, double min_lon, double max_lat,
                                              double max_lon, int band) const;

  std::size_t size() const;
  const std::string& fingerprint() const;

 private:
  struct Impl;
  explicit WardIndex(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace cds::areas
