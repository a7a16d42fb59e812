// Handlers of the geography routes.
#include "areas/areas_api.hpp"

#include <boost/json/object.hpp>

#include <charconv>
#include <cmath>

#include "auth/gate.hpp"
#include "http/json.hpp"
#include "http/problem.hpp"

namespace cds::areas {
namespace {

namespace json = boost::json;

// Shapes change only with an import; a client revalidates hourly with the ETag.
constexpr const char* kShapeCacheControl = "public, max-age=3600";

json::object ward_json(const WardFact& w, bool en) {
  return json::object{{"code", w.code},
                      {"name", en ? w.name_en : w.name},
                      {"name_vi", w.name},
                      {"name_en", w.name_en},
                      {"kind", w.kind},
                      {"centroid", json::object{{"lat", w.centroid_lat}, {"lon", w.centroid_lon}}}};
}

bool parse_double(std::string_view text, double& out) {
  const char* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc() && p == end && std::isfinite(out);
}

// The query parameter `name` as a coordinate within ±`limit` degrees; a missing or wrong one is
// recorded in `errors`.
void read_degrees(const http::Request& req, const char* name, double limit, double& out,
                  Status& errors) {
  auto text = req.query_param(name);
  if (!text) {
    errors.field(name, "field_required");
  } else if (!parse_double(*text, out)) {
    errors.field(name, "field_type_number");
  } else if (std::fabs(out) > limit) {
    errors.field(name, "field_out_of_range");
  }
}

// ?zoom=Z (0..22; default 12, a street map of a ward) as a shape band.
int read_band(const http::Request& req, Status& errors) {
  auto text = req.query_param("zoom");
  if (!text) return shape_band(12);
  int zoom = 0;
  const char* end = text->data() + text->size();
  auto [p, ec] = std::from_chars(text->data(), end, zoom);
  if (ec != std::errc() || p != end) {
    errors.field("zoom", "field_type_integer");
  } else if (zoom < 0 || zoom > 22) {
    errors.field("zoom", "field_out_of_range");
  }
  return shape_band(zoom);
}

struct Bbox {
  double west = -180, south = -90, east = 180, north = 90;
};

// ?bbox=west,south,east,north in degrees (GeoJSON's order); the whole world when absent.
Bbox read_bbox(const http::Request& req, Status& errors) {
  Bbox b;
  auto text = req.query_param("bbox");
  if (!text) return b;
  double v[4];
  std::string_view rest = *text;
  for (int i = 0; i < 4; ++i) {
    const auto comma = rest.find(',');
    const std::string_view part = rest.substr(0, comma);
    if ((comma == std::string_view::npos) != (i == 3) || !parse_double(part, v[i])) {
      errors.field("bbox", "areas_bbox_invalid");
      return b;
    }
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  b = Bbox{v[0], v[1], v[2], v[3]};
  if (b.west > b.east || b.south > b.north || std::fabs(b.west) > 180 || std::fabs(b.east) > 180 ||
      std::fabs(b.south) > 90 || std::fabs(b.north) > 90)
    errors.field("bbox", "areas_bbox_invalid");
  return b;
}

bool none_match(std::string_view header, std::string_view etag) {
  if (header == "*") return true;
  return header.find(etag) != std::string_view::npos;
}

// A GeoJSON answer with its validators, or 304 when the client holds it.
http::Response geojson(const http::Request& req, std::string etag, std::string body) {
  http::Response r;
  if (none_match(req.header("if-none-match"), etag)) {
    r.status = 304;
    r.content_type.clear();
  } else {
    r = http::Response::text(200, std::move(body), "application/geo+json");
  }
  r.header("ETag", std::move(etag));
  r.header("Cache-Control", kShapeCacheControl);
  r.header("Vary", "Accept-Encoding");
  return r;
}

}  // namespace

void AreasApi::register_routes(http::Router& router) {
  using auth::public_route;
  // GET /api/v1/areas/locate?lat=&lon=: the ward or commune of a point in the city. A point is
  // personal data (a citizen's whereabouts): its answer is not cached (no-store).
  router.add(
      http::Method::kGet, "/api/v1/areas/locate", public_route([this](http::Request& req) {
        double lat = 0, lon = 0;
        Status errors = Status::BadRequest("invalid_query");
        read_degrees(req, "lat", 90, lat, errors);
        read_degrees(req, "lon", 180, lon, errors);
        if (!errors.fields().empty()) return http::problem(req, errors);
        auto found = locator_.locate(lat, lon);
        if (!found) {
          return http::problem(
              req,
              Status::Invalid("invalid").field("lat", "outside_city").field("lon", "outside_city"));
        }
        json::object body = ward_json(*found->ward, req.lang() == http::Lang::kEn);
        body["method"] = method_name(found->method);
        if (found->outside_by_m > 0) body["outside_by_m"] = std::round(found->outside_by_m);
        return http::json(200, std::move(body));
      }));
  // GET /api/v1/areas/shapes?zoom=&bbox=: a FeatureCollection of the wards that meet the box.
  router.add(http::Method::kGet, "/api/v1/areas/shapes", public_route([this](http::Request& req) {
               Status errors = Status::BadRequest("invalid_query");
               const int band = read_band(req, errors);
               const Bbox box = read_bbox(req, errors);
               if (!errors.fields().empty()) return http::problem(req, errors);
               auto index = locator_.index();
               std::string body = R"({"type":"FeatureCollection","features":[)";
               std::string etag = "\"none\"";
               if (index) {
                 const auto features =
                     index->features_in(box.south, box.west, box.north, box.east, band);
                 for (std::size_t i = 0; i < features.size(); ++i) {
                   if (i) body += ',';
                   body += *features[i];
                 }
                 etag = "\"" + index->fingerprint() + "-" + std::to_string(band) + "\"";
               }
               body += "]}";
               return geojson(req, std::move(etag), std::move(body));
             }));
  // GET /api/v1/areas/{code}/shape?zoom=: one ward's Feature.
  router.add(http::Method::kGet, "/api/v1/areas/{code}/shape",
             public_route([this](http::Request& req) {
               const std::string code(req.path_param("code"));
               if (!find_ward(code)) return http::problem(req, Status::NotFound("unknown_ward"));
               Status errors = Status::BadRequest("invalid_query");
               const int band = read_band(req, errors);
               if (!errors.fields().empty()) return http::problem(req, errors);
               auto index = locator_.index();
               const std::string* feature = index ? index->feature(code, band) : nullptr;
               if (!feature) return http::problem(req, Status::NotFound("areas_no_boundary"));
               return geojson(req, "\"" + index->fingerprint() + "-" + std::to_string(band) + "\"",
                              *feature);
             }));
}

}  // namespace cds::areas
