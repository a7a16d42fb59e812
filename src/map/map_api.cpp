#include "map/map_api.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <cmath>
#include <sstream>

#include "http/json.hpp"
#include "http/params.hpp"
#include "http/problem.hpp"
#include "map/pois.hpp"

namespace cds::map {
namespace {

namespace json = boost::json;
using http::Request;
using http::Response;

// Answers change when a report does; a few seconds of shared caching absorb a crowd panning.
constexpr const char* kReportsCache = "public, max-age=5";
constexpr const char* kPoisCache = "public, max-age=300";
constexpr std::size_t kMaxListItems = 40;
constexpr double kMaxRadiusM = 50'000;
constexpr int kPoiLimitDefault = 200;
constexpr int kPoiLimitMax = 500;

std::vector<std::string_view> split(std::string_view text) {
  std::vector<std::string_view> out;
  while (true) {
    auto comma = text.find(',');
    out.push_back(text.substr(0, comma));
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

std::optional<double> parse_double(std::string_view s) {
  if (s.empty() || s.size() > 32) return std::nullopt;
  std::istringstream in{std::string(s)};
  in.imbue(std::locale::classic());
  double v = 0;
  in >> v;
  if (in.fail() || !in.eof() || !std::isfinite(v)) return std::nullopt;
  return v;
}

// bbox=minLon,minLat,maxLon,maxLat in WGS 84, west before east and south before north.
std::optional<std::array<double, 4>> read_bbox(const Request& req, Status& errors, bool required) {
  auto text = req.query_param("bbox");
  if (!text || text->empty()) {
    if (required) errors.field("bbox", "field_required");
    return std::nullopt;
  }
  auto parts = split(*text);
  std::array<double, 4> b{};
  if (parts.size() != 4) {
    errors.field("bbox", "map_bbox_invalid");
    return std::nullopt;
  }
  for (int i = 0; i < 4; ++i) {
    auto v = parse_double(parts[i]);
    if (!v) {
      errors.field("bbox", "map_bbox_invalid");
      return std::nullopt;
    }
    b[i] = *v;
  }
  if (b[0] < -180 || b[2] > 180 || b[1] < -90 || b[3] > 90 || b[0] >= b[2] || b[1] >= b[3]) {
    errors.field("bbox", "map_bbox_invalid");
    return std::nullopt;
  }
  return b;
}

// since/until: RFC 3339, or a city date (since: its start; until: the end of that day).
std::optional<Millis> read_time(const Request& req, std::string_view name, bool end_of_day,
                                Status& errors) {
  auto text = req.query_param(name);
  if (!text || text->empty()) return std::nullopt;
  if (auto t = parse_rfc3339(*text)) return t;
  if (auto d = parse_date(*text)) return city_midnight(end_of_day ? add_days(*d, 1) : *d);
  errors.field(std::string(name), "map_time_invalid");
  return std::nullopt;
}

double rounded(double degrees) {
  return std::round(degrees * 1e6) / 1e6;
}

json::object statuses_json(const Aggregate& a) {
  json::object o;
  for (int s = 0; s < kPublicStates; ++s)
    if (a.counts[s] > 0) o[kPublicStateNames[s]] = a.counts[s];
  return o;
}

}  // namespace

void MapApi::register_routes(http::Router& router) {
  using http::Method;
  auto open = [this](Response (MapApi::*h)(Request&)) {
    return gate_.allow_public([this, h](Request& r) { return (this->*h)(r); });
  };
  router.add(Method::kGet, "/api/v1/map/reports", open(&MapApi::reports));
  router.add(Method::kGet, "/api/v1/map/layers", open(&MapApi::layers));
  router.add(Method::kGet, "/api/v1/map/pois", open(&MapApi::pois));
}

Response MapApi::reports(Request& req) {
  Status errors = Status::BadRequest("invalid_query");
  auto bbox = read_bbox(req, errors, true);
  std::optional<std::int64_t> zoom;
  if (auto z = req.query_param("zoom"); !z || z->empty()) {
    errors.field("zoom", "field_required");
  } else {
    zoom = http::parse_int(*z);
    if (!zoom || *zoom < 0 || *zoom > kMaxZoom) errors.field("zoom", "field_out_of_range");
  }
  Filter filter;
  std::vector<std::string> categories;
  if (auto c = req.query_param("category"); c && !c->empty()) {
    auto parts = split(*c);
    if (parts.size() > kMaxListItems) errors.field("category", "field_invalid");
    for (auto p : parts) {
      if (p.empty() || p.size() > 64) errors.field("category", "field_invalid");
      categories.emplace_back(p);
    }
  }
  if (auto s = req.query_param("status"); s && !s->empty()) {
    filter.states = 0;
    for (auto p : split(*s)) {
      auto i = public_state_index(p);
      if (!i) {
        errors.field("status", "map_status_invalid");
        break;
      }
      filter.states |= static_cast<std::uint8_t>(1u << *i);
    }
  }
  filter.since = read_time(req, "since", false, errors);
  filter.until = read_time(req, "until", true, errors);
  if (filter.since && filter.until && *filter.until <= *filter.since)
    errors.field("until", "map_until_before_since");
  if (!errors.fields().empty()) return http::problem(req, errors);

  auto index = reports_.index();
  if (!index.ok()) return http::problem(req, index.status());
  const ReportIndex& ix = **index;
  if (!categories.empty()) {
    // Unknown codes keep nothing; the vector is never empty once a category was asked for.
    filter.categories.assign(std::max<std::size_t>(ix.categories().size(), 1), false);
    for (const auto& c : categories)
      if (auto i = ix.category_index(c)) filter.categories[*i] = true;
  }
  const Viewport view{(*bbox)[0], (*bbox)[1], (*bbox)[2], (*bbox)[3], static_cast<int>(*zoom)};
  json::object out;
  out["zoom"] = *zoom;
  if (*zoom >= kPointsZoom) {
    PointAnswer answer = ix.points(view, filter, kMaxPoints);
    json::array points;
    for (const MapEntry& e : answer.points) {
      const std::string& ward = ix.wards()[e.ward];
      points.push_back(
          json::object{{"id", e.id},
                       {"code", e.code_text()},
                       {"category", ix.categories()[e.category]},
                       {"status", kPublicStateNames[e.state]},
                       {"lat", e.lat},
                       {"lon", e.lon},
                       {"approximate", e.approximate},
                       {"ward", ward.empty() ? json::value(nullptr) : json::value(ward)}});
    }
    out["mode"] = "points";
    out["total"] = points.size();
    out["truncated"] = answer.truncated;
    out["points"] = std::move(points);
  } else {
    ClusterAnswer answer = ix.clusters(view, filter);
    json::array clusters;
    for (const Cluster& c : answer.clusters) {
      const double n = c.aggregate.total();
      clusters.push_back(
          json::object{{"lat", rounded(c.aggregate.sum_lat / n)},
                       {"lon", rounded(c.aggregate.sum_lon / n)},
                       {"count", c.aggregate.total()},
                       {"statuses", statuses_json(c.aggregate)},
                       {"cell", json::array{rounded(c.cell.west()), rounded(c.cell.south()),
                                            rounded(c.cell.east()), rounded(c.cell.north())}}});
    }
    out["mode"] = "clusters";
    out["cell_zoom"] = answer.cell_zoom;
    out["total"] = answer.total;
    out["clusters"] = std::move(clusters);
  }
  Response r = http::json(200, out);
  r.header("Cache-Control", kReportsCache);
  return r;
}

Response MapApi::layers(Request& req) {
  auto layers = list_layers(db_);
  if (!layers.ok()) return http::problem(req, layers.status());
  const bool en = req.lang() == http::Lang::kEn;
  json::array items;
  for (const Layer& l : *layers)
    items.push_back(json::object{{"code", l.code},
                                 {"name", en ? l.name_en : l.name},
                                 {"name_vi", l.name},
                                 {"name_en", l.name_en},
                                 {"icon", l.icon},
                                 {"count", l.count}});
  Response r = http::json(200, json::object{{"items", std::move(items)}});
  r.header("Cache-Control", kPoisCache);
  return r;
}

Response MapApi::pois(Request& req) {
  Status errors = Status::BadRequest("invalid_query");
  PoiQuery q;
  if (auto l = req.query_param("layer"); l && !l->empty()) {
    auto parts = split(*l);
    if (parts.size() > kMaxListItems) errors.field("layer", "field_invalid");
    for (auto p : parts) {
      if (!valid_layer_code(p)) {
        errors.field("layer", "poi_layer_invalid");
        break;
      }
      q.layers.emplace_back(p);
    }
  }
  q.bbox = read_bbox(req, errors, false);
  if (auto n = req.query_param("near"); n && !n->empty()) {
    auto parts = split(*n);
    std::optional<double> lat, lon;
    if (parts.size() == 2) lat = parse_double(parts[0]), lon = parse_double(parts[1]);
    if (!lat || !lon || *lat < -90 || *lat > 90 || *lon < -180 || *lon > 180)
      errors.field("near", "map_near_invalid");
    else
      q.near = std::pair{*lat, *lon};
  }
  if (auto r = req.query_param("radius_m"); r && !r->empty()) {
    auto v = parse_double(*r);
    if (!v || *v <= 0 || *v > kMaxRadiusM)
      errors.field("radius_m", "field_out_of_range");
    else
      q.radius_m = *v;
  }
  q.limit = kPoiLimitDefault;
  if (auto l = req.query_param("limit"); l && !l->empty()) {
    auto v = http::parse_int(*l);
    if (!v || *v < 1 || *v > kPoiLimitMax)
      errors.field("limit", "field_out_of_range");
    else
      q.limit = static_cast<int>(*v);
  }
  const bool has_bbox = req.query_param("bbox").value_or("") != "";
  const bool has_near = req.query_param("near").value_or("") != "";
  if (has_bbox == has_near) errors.field(has_bbox ? "near" : "bbox", "map_bbox_or_near");
  if (!errors.fields().empty()) return http::problem(req, errors);
  auto page = find_pois(db_, q);
  if (!page.ok()) return http::problem(req, page.status());
  json::array items;
  for (const Poi& p : page->items) {
    json::object props;
    for (const auto& [k, v] : p.properties) props[k] = v;
    json::object o{{"id", p.id},   {"layer", p.layer},     {"name", p.name},     {"lat", p.lat},
                   {"lon", p.lon}, {"address", p.address}, {"properties", props}};
    if (p.distance_m) o["distance_m"] = std::round(*p.distance_m);
    items.push_back(std::move(o));
  }
  Response r =
      http::json(200, json::object{{"items", std::move(items)}, {"truncated", page->truncated}});
  // A `near` point is where someone is: it is not kept in shared caches.
  r.header("Cache-Control", q.near ? "no-store" : kPoisCache);
  return r;
}

}  // namespace cds::map
