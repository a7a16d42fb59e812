// GeoJSON import of ward boundaries (src/areas/geometry, the reading that `congdanso import areas`
// and boundary_import.cpp's check of each feature rely on): a FeatureCollection, a Feature or a
// bare geometry. The store half of the import (writing checked rows) is not fuzzed.
// Checks: a geometry read and found valid is written as GeoJSON text that reads back (what the
// import stores is what the ward index reads at start-up), with as many points, and that text is
// stable (writing what was read back gives the same text); distances are finite and never
// negative.
#include <boost/json/parse.hpp>
#include <cmath>
#include <string>
#include <string_view>

#include "areas/geometry.hpp"
#include "areas/wards.hpp"
#include "fuzz_input.hpp"
#include "text/fold.hpp"

namespace {

namespace json = boost::json;
using cds::fuzz::check;

// As many decimals as the import stores (about 1 cm).
constexpr int kDecimals = 7;

void check_geometry(const json::value& geometry) {
  auto shape = cds::areas::read_geojson_geometry(geometry);
  if (!shape.ok()) {
    check(shape.status().params().count("detail") == 1, "an invalid geometry without a detail");
    return;
  }
  std::string reason;
  if (!cds::areas::geometry_is_valid(*shape, reason)) return;
  const double d = cds::areas::distance_km(*shape, 10.7769, 106.7009);
  check(std::isfinite(d) && d >= 0, "a distance that is not a finite length");

  const std::string text = cds::areas::geojson_text(*shape, kDecimals);
  boost::system::error_code ec;
  const json::value parsed = json::parse(text, ec);
  check(!ec, "the written geometry is not JSON", text);
  auto again = cds::areas::read_geojson_geometry(parsed);
  check(again.ok(), "the written geometry does not read back", text);
  check(cds::areas::point_count(*again) == cds::areas::point_count(*shape),
        "the written geometry lost points", text);
  // Rounding may make a tiny valid shape degenerate; the text is stable only for valid shapes.
  if (!cds::areas::geometry_is_valid(*again, reason)) return;
  check(cds::areas::geojson_text(*again, kDecimals) == text, "written geometry is not stable",
        text);
}

void check_feature(const json::value& feature) {
  const json::object* obj = feature.if_object();
  if (obj == nullptr) return;
  if (const json::value* props = obj->if_contains("properties"); props && props->is_object()) {
    const json::object& p = props->as_object();
    if (const json::value* code = p.if_contains("code"); code && code->is_string())
      (void)cds::areas::find_ward(code->get_string());
    if (const json::value* name = p.if_contains("fullName"); name && name->is_string())
      (void)cds::text::fold(name->get_string());
  }
  if (const json::value* geometry = obj->if_contains("geometry")) check_geometry(*geometry);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  boost::system::error_code ec;
  const json::value doc =
      json::parse(std::string_view(reinterpret_cast<const char*>(data), size), ec);
  if (ec || !doc.is_object()) return 0;
  const json::object& o = doc.as_object();
  if (const json::value* features = o.if_contains("features"); features && features->is_array()) {
    for (const json::value& f : features->as_array()) check_feature(f);
  } else if (o.contains("geometry")) {
    check_feature(doc);
  } else {
    check_geometry(doc);
  }
  return 0;
}
