// GeoJSON to Boost.Geometry and back, validity and distances.
#include "areas/geometry.hpp"

#include <boost/geometry/algorithms/correct.hpp>
#include <boost/geometry/algorithms/equals.hpp>
#include <boost/geometry/algorithms/is_valid.hpp>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace cds::areas {
namespace {

namespace bg = boost::geometry;
namespace json = boost::json;

constexpr double kKmPerDegree = 111.32;
constexpr double kPi = 3.14159265358979323846;

Status invalid(std::string detail) {
  return Status::Invalid("invalid_geometry").with("detail", std::move(detail));
}

// One ring ([[lon, lat], ...]) into `out`.
Status read_ring(const json::value& v, GeoPolygon::ring_type& out) {
  const json::array* ring = v.if_array();
  if (!ring) return invalid("a ring is not an array of positions");
  out.reserve(ring->size() + 1);
  for (const json::value& p : *ring) {
    const json::array* pos = p.if_array();
    if (!pos || pos->size() < 2 || !(*pos)[0].is_number() || !(*pos)[1].is_number())
      return invalid("a position is not [longitude, latitude]");
    const double lon = (*pos)[0].to_number<double>(), lat = (*pos)[1].to_number<double>();
    if (!std::isfinite(lon) || !std::isfinite(lat) || std::fabs(lon) > 180 || std::fabs(lat) > 90)
      return invalid("a position is out of range");
    out.emplace_back(lon, lat);
  }
  if (out.size() >= 2 && !bg::equals(out.front(), out.back())) out.push_back(out.front());
  if (out.size() < 4) return invalid("a ring has fewer than 4 positions");
  return Status::Ok();
}

Status read_polygon(const json::value& v, GeoPolygon& out) {
  const json::array* rings = v.if_array();
  if (!rings || rings->empty()) return invalid("a polygon has no rings");
  if (Status st = read_ring(rings->front(), out.outer()); !st.ok()) return st;
  for (std::size_t i = 1; i < rings->size(); ++i) {
    out.inners().emplace_back();
    if (Status st = read_ring((*rings)[i], out.inners().back()); !st.ok()) return st;
  }
  return Status::Ok();
}

void append_number(std::string& out, double v, int decimals) {
  char buf[32];
  int n = std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  // Trailing zeros carry nothing: 106.700000 → 106.7.
  while (n > 1 && buf[n - 1] == '0') --n;
  if (n > 1 && buf[n - 1] == '.') --n;
  if (n == 2 && buf[0] == '-' && buf[1] == '0') {
    buf[0] = '0';
    n = 1;
  }
  out.append(buf, static_cast<std::size_t>(n));
}

// GeoJSON wants outer rings counter-clockwise and holes clockwise; the model keeps the opposite,
// so rings are written backwards.
void append_ring(std::string& out, const GeoPolygon::ring_type& ring, int decimals) {
  out += '[';
  for (std::size_t i = ring.size(); i-- > 0;) {
    out += '[';
    append_number(out, ring[i].x(), decimals);
    out += ',';
    append_number(out, ring[i].y(), decimals);
    out += ']';
    if (i) out += ',';
  }
  out += ']';
}

double ring_distance(const GeoPolygon::ring_type& ring, double lat, double lon, double k) {
  double best = std::numeric_limits<double>::max();
  for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
    const double ax = (ring[i].x() - lon) * k, ay = ring[i].y() - lat;
    const double dx = (ring[i + 1].x() - ring[i].x()) * k, dy = ring[i + 1].y() - ring[i].y();
    const double len2 = dx * dx + dy * dy;
    const double t = len2 == 0 ? 0 : std::clamp(-(ax * dx + ay * dy) / len2, 0.0, 1.0);
    best = std::min(best, std::hypot(ax + t * dx, ay + t * dy));
  }
  return best;
}

}  // namespace

Result<GeoMultiPolygon> read_geojson_geometry(const json::value& geometry) {
  const json::object* obj = geometry.if_object();
  if (!obj) return invalid("the geometry is not an object");
  const json::value* type = obj->if_contains("type");
  const json::value* coords = obj->if_contains("coordinates");
  if (!type || !type->is_string() || !coords)
    return invalid("the geometry has no type or coordinates");
  GeoMultiPolygon shape;
  if (type->get_string() == "Polygon") {
    shape.emplace_back();
    if (Status st = read_polygon(*coords, shape.back()); !st.ok()) return st;
  } else if (type->get_string() == "MultiPolygon") {
    const json::array* parts = coords->if_array();
    if (!parts || parts->empty()) return invalid("a multipolygon has no polygons");
    for (const json::value& part : *parts) {
      shape.emplace_back();
      if (Status st = read_polygon(part, shape.back()); !st.ok()) return st;
    }
  } else {
    return invalid("the geometry is a " + std::string(type->get_string()) +
                   ", not a Polygon or MultiPolygon");
  }
  bg::correct(shape);
  return shape;
}

bool geometry_is_valid(const GeoMultiPolygon& shape, std::string& reason) {
  return bg::is_valid(shape, reason);
}

std::string geojson_text(const GeoMultiPolygon& shape, int decimals) {
  std::string out = R"({"type":"MultiPolygon","coordinates":[)";
  for (std::size_t p = 0; p < shape.size(); ++p) {
    if (p) out += ',';
    out += '[';
    append_ring(out, shape[p].outer(), decimals);
    for (const auto& inner : shape[p].inners()) {
      out += ',';
      append_ring(out, inner, decimals);
    }
    out += ']';
  }
  out += "]}";
  return out;
}

std::size_t point_count(const GeoMultiPolygon& shape) {
  std::size_t n = 0;
  for (const auto& poly : shape) {
    n += poly.outer().size();
    for (const auto& inner : poly.inners()) n += inner.size();
  }
  return n;
}

double distance_km(const GeoMultiPolygon& shape, double lat, double lon) {
  const double k = std::cos(lat * kPi / 180.0);
  double best = std::numeric_limits<double>::max();
  for (const auto& poly : shape) {
    best = std::min(best, ring_distance(poly.outer(), lat, lon, k));
    for (const auto& inner : poly.inners())
      best = std::min(best, ring_distance(inner, lat, lon, k));
  }
  return best * kKmPerDegree;
}

}  // namespace cds::areas
