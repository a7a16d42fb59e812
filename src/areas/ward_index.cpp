// The R-tree over the wards' polygons and their simplified shapes.
#include "areas/ward_index.hpp"

#include <boost/geometry/algorithms/correct.hpp>
#include <boost/geometry/algorithms/envelope.hpp>
#include <boost/geometry/algorithms/expand.hpp>
#include <boost/geometry/algorithms/intersects.hpp>
#include <boost/geometry/algorithms/simplify.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <boost/json/parse.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "areas/geometry.hpp"
#include "common/json_text.hpp"

namespace cds::areas {
namespace {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

constexpr double kMetresPerDegree = 111320.0;
constexpr double kPi = 3.14159265358979323846;
// The most detailed zoom level each band serves, and the digits kept after the point (1e-4° is
// about 11 m, 1e-6° about 11 cm).
constexpr std::array<int, kShapeBands> kBandTopZoom{9, 11, 13, 15};
constexpr std::array<int, kShapeBands> kBandDecimals{4, 5, 5, 6};

// An R-tree entry: the box of one polygon of a ward (a ward may have several: islands).
using PartEntry = std::pair<GeoBox, std::uint32_t>;  // index into Impl::parts

struct Ward {
  const WardFact* fact;
  GeoMultiPolygon shape;
  GeoBox box;
  std::array<std::string, kShapeBands> features;
};

// Douglas–Peucker per ring, dropping rings that collapse (a small island at a low zoom level);
// a shape that would vanish entirely keeps its outer rings unsimplified.
GeoMultiPolygon simplified(const GeoMultiPolygon& shape, double tolerance) {
  GeoMultiPolygon out;
  for (const GeoPolygon& poly : shape) {
    GeoPolygon p;
    bg::simplify(poly.outer(), p.outer(), tolerance);
    if (p.outer().size() < 4) continue;
    for (const auto& inner : poly.inners()) {
      GeoPolygon::ring_type r;
      bg::simplify(inner, r, tolerance);
      if (r.size() >= 4) p.inners().push_back(std::move(r));
    }
    out.push_back(std::move(p));
  }
  if (out.empty()) {
    for (const GeoPolygon& poly : shape) out.emplace_back().outer() = poly.outer();
  }
  return out;
}

std::string quoted(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

std::string feature_text(const WardFact& w, const GeoMultiPolygon& shape, int decimals) {
  std::string out = R"({"type":"Feature","id":)" + quoted(w.code) + R"(,"properties":{"code":)" +
                    quoted(w.code) + ",\"name\":" + quoted(w.name) +
                    ",\"name_en\":" + quoted(w.name_en) + ",\"kind\":" + quoted(w.kind) +
                    ",\"points\":" + std::to_string(point_count(shape)) + "},\"geometry\":";
  out += geojson_text(shape, decimals);
  out += '}';
  return out;
}

}  // namespace

int shape_band(int zoom) {
  for (int b = 0; b < kShapeBands; ++b)
    if (zoom <= kBandTopZoom[static_cast<std::size_t>(b)]) return b;
  return kShapeBands - 1;
}

double band_tolerance_deg(int band) {
  return 360.0 / 256.0 / std::ldexp(1.0, kBandTopZoom[static_cast<std::size_t>(band)]);
}

// One polygon of a ward with an R-tree of its edges, so that a lookup reads the few edges near
// the point instead of every vertex (the largest ward has 7,415).
struct Part {
  std::uint32_t ward;
  GeoBox box;
  std::vector<GeoPoint> points;  // every ring's vertices, rings one after the other
  // Edge i runs from points[i] to points[i + 1]; its entry holds i.
  bgi::rtree<std::pair<GeoBox, std::uint32_t>, bgi::quadratic<16>> edges;

  Part(std::uint32_t ward_index, const GeoPolygon& poly) : ward(ward_index) {
    box = bg::return_envelope<GeoBox>(poly);
    std::vector<std::pair<GeoBox, std::uint32_t>> entries;
    auto add_ring = [&](const GeoPolygon::ring_type& ring) {
      const auto first = static_cast<std::uint32_t>(points.size());
      points.insert(points.end(), ring.begin(), ring.end());
      for (std::uint32_t i = 0; i + 1 < ring.size(); ++i) {
        const GeoPoint& a = ring[i];
        const GeoPoint& b = ring[i + 1];
        entries.emplace_back(GeoBox(GeoPoint(std::min(a.x(), b.x()), std::min(a.y(), b.y())),
                                    GeoPoint(std::max(a.x(), b.x()), std::max(a.y(), b.y()))),
                             first + i);
      }
    };
    add_ring(poly.outer());
    for (const auto& inner : poly.inners()) add_ring(inner);
    edges = decltype(edges)(entries.begin(), entries.end());
  }

  // Even-odd rule over the edges a ray from the point towards growing longitude crosses (holes
  // included). A point exactly on an edge may fall either way; locate() then finds it 0 m away.
  bool contains(double lat, double lon) const {
    const GeoBox ray(GeoPoint(lon, lat), GeoPoint(std::max(lon, box.max_corner().x()), lat));
    bool in = false;
    for (auto it = edges.qbegin(bgi::intersects(ray)); it != edges.qend(); ++it) {
      const GeoPoint& a = points[it->second];
      const GeoPoint& b = points[it->second + 1];
      if ((a.y() > lat) != (b.y() > lat)) {
        const double cross = a.x() + (lat - a.y()) * (b.x() - a.x()) / (b.y() - a.y());
        if (lon < cross) in = !in;
      }
    }
    return in;
  }

  // The distance in metres to the nearest edge that meets `around`, or +infinity.
  double distance_m(double lat, double lon, const GeoBox& around) const {
    const double k = std::cos(lat * kPi / 180.0);
    double best = std::numeric_limits<double>::infinity();
    for (auto it = edges.qbegin(bgi::intersects(around)); it != edges.qend(); ++it) {
      const GeoPoint& a = points[it->second];
      const GeoPoint& b = points[it->second + 1];
      const double ax = (a.x() - lon) * k, ay = a.y() - lat;
      const double dx = (b.x() - a.x()) * k, dy = b.y() - a.y();
      const double len2 = dx * dx + dy * dy;
      const double t = len2 == 0 ? 0 : std::clamp(-(ax * dx + ay * dy) / len2, 0.0, 1.0);
      best = std::min(best, std::hypot(ax + t * dx, ay + t * dy));
    }
    return best * kMetresPerDegree;
  }
};

struct WardIndex::Impl {
  std::vector<Ward> wards;  // in code order
  std::vector<Part> parts;  // every polygon of every ward
  bgi::rtree<PartEntry, bgi::quadratic<16>> tree;
  std::string fingerprint;
};

WardIndex::WardIndex(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
WardIndex::~WardIndex() = default;

Result<std::unique_ptr<WardIndex>> WardIndex::build(std::span<const Boundary> boundaries,
                                                    std::string fingerprint) {
  auto impl = std::make_unique<Impl>();
  impl->fingerprint = std::move(fingerprint);
  for (const Boundary& b : boundaries) {
    const WardFact* fact = find_ward(b.code);
    if (!fact) continue;
    boost::system::error_code ec;
    const boost::json::value geometry = boost::json::parse(b.geometry, ec);
    if (ec) return Status::Internal("boundary of " + b.code + " is not JSON");
    auto shape = read_geojson_geometry(geometry);
    if (!shape.ok()) return Status::Internal("boundary of " + b.code + " cannot be read");
    Ward w{fact, std::move(*shape), {}, {}};
    w.box = bg::return_envelope<GeoBox>(w.shape);
    for (int band = 0; band < kShapeBands; ++band) {
      w.features[static_cast<std::size_t>(band)] =
          feature_text(*fact, simplified(w.shape, band_tolerance_deg(band)),
                       kBandDecimals[static_cast<std::size_t>(band)]);
    }
    impl->wards.push_back(std::move(w));
  }
  std::sort(impl->wards.begin(), impl->wards.end(),
            [](const Ward& a, const Ward& b) { return a.fact->code < b.fact->code; });
  std::vector<PartEntry> entries;
  for (std::uint32_t i = 0; i < impl->wards.size(); ++i) {
    const GeoMultiPolygon& shape = impl->wards[i].shape;
    for (std::uint32_t p = 0; p < shape.size(); ++p) {
      impl->parts.emplace_back(i, shape[p]);
      entries.emplace_back(impl->parts.back().box,
                           static_cast<std::uint32_t>(impl->parts.size() - 1));
    }
  }
  // Bulk loading packs the tree better than inserting one entry at a time.
  impl->tree = bgi::rtree<PartEntry, bgi::quadratic<16>>(entries.begin(), entries.end());
  return std::unique_ptr<WardIndex>(new WardIndex(std::move(impl)));
}

std::optional<Placement> WardIndex::locate(double lat, double lon) const {
  if (!std::isfinite(lat) || !std::isfinite(lon)) return std::nullopt;
  const GeoPoint point(lon, lat);
  const Ward* found = nullptr;
  for (auto it = impl_->tree.qbegin(bgi::intersects(point)); it != impl_->tree.qend(); ++it) {
    const Part& part = impl_->parts[it->second];
    const Ward& w = impl_->wards[part.ward];
    // Wards are in code order, so the lower index is the lower code.
    if (found && found <= &w) continue;
    if (part.contains(lat, lon)) found = &w;
  }
  if (found) return Placement{found->fact, 0};
  // Not inside: the nearest ward whose edges come within the tolerance (a point on an edge is
  // 0 m away; on an edge two wards share, the lower code wins).
  const double dlat = kEdgeToleranceM / kMetresPerDegree;
  const double dlon = dlat / std::max(0.1, std::cos(lat * kPi / 180.0));
  const GeoBox around(GeoPoint(lon - dlon, lat - dlat), GeoPoint(lon + dlon, lat + dlat));
  double best_m = kEdgeToleranceM;
  for (auto it = impl_->tree.qbegin(bgi::intersects(around)); it != impl_->tree.qend(); ++it) {
    const Part& part = impl_->parts[it->second];
    const Ward& w = impl_->wards[part.ward];
    const double d = part.distance_m(lat, lon, around);
    if (d < best_m || (d == best_m && found && &w < found)) {
      best_m = d;
      found = &w;
    }
  }
  if (found) return Placement{found->fact, best_m};
  return std::nullopt;
}

std::vector<std::string> WardIndex::wards_meeting(std::span<const LatLon> ring) const {
  std::vector<std::string> out;
  if (ring.size() < 4) return out;
  GeoPolygon area;
  for (const LatLon& p : ring) area.outer().emplace_back(p.lon, p.lat);
  bg::correct(area);
  const GeoBox box = bg::return_envelope<GeoBox>(area);
  std::vector<bool> taken(impl_->wards.size(), false);
  for (auto it = impl_->tree.qbegin(bgi::intersects(box)); it != impl_->tree.qend(); ++it) {
    const Part& part = impl_->parts[it->second];
    if (taken[part.ward]) continue;
    // The ward's polygon as a whole: the edge tree is for points.
    for (const GeoPolygon& poly : impl_->wards[part.ward].shape) {
      if (bg::intersects(area, poly)) {
        taken[part.ward] = true;
        break;
      }
    }
  }
  for (std::size_t i = 0; i < taken.size(); ++i)
    if (taken[i]) out.emplace_back(impl_->wards[i].fact->code);
  return out;
}

const std::string* WardIndex::feature(std::string_view code, int band) const {
  auto it = std::lower_bound(impl_->wards.begin(), impl_->wards.end(), code,
                             [](const Ward& w, std::string_view c) { return w.fact->code < c; });
  if (it == impl_->wards.end() || it->fact->code != code) return nullptr;
  return &it->features[static_cast<std::size_t>(std::clamp(band, 0, kShapeBands - 1))];
}

std::vector<const std::string*> WardIndex::features_in(double min_lat, double min_lon,
                                                       double max_lat, double max_lon,
                                                       int band) const {
  const GeoBox box(GeoPoint(min_lon, min_lat), GeoPoint(max_lon, max_lat));
  std::vector<const std::string*> out;
  for (const Ward& w : impl_->wards) {
    if (bg::intersects(box, w.box))
      out.push_back(&w.features[static_cast<std::size_t>(std::clamp(band, 0, kShapeBands - 1))]);
  }
  return out;
}

std::size_t WardIndex::size() const {
  return impl_->wards.size();
}
const std::string& WardIndex::fingerprint() const {
  return impl_->fingerprint;
}

}  // namespace cds::areas
