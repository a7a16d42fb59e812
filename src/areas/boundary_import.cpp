// Checking a GeoJSON file of boundaries, then writing it in one transaction.
#include "areas/boundary_import.hpp"

#include <boost/geometry/algorithms/envelope.hpp>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include <map>
#include <optional>
#include <set>

#include "areas/geometry.hpp"
#include "areas/wards.hpp"
#include "common/hash.hpp"
#include "text/fold.hpp"

namespace cds::areas {
namespace {

namespace json = boost::json;

// Digits kept after the point when a geometry is stored: 1e-7° is about 1 cm.
constexpr int kStoredDecimals = 7;

struct Checked {
  std::string code;
  std::string geometry;  // normalized GeoJSON text
  std::string digest;
  std::size_t points;
  GeoBox box;
  std::optional<double> area_km2;
};

std::string code_of(const json::object& properties) {
  const json::value* code = properties.if_contains("code");
  if (!code) return {};
  if (code->is_string()) return std::string(code->get_string());
  if (code->is_int64()) return std::to_string(code->get_int64());
  return {};
}

// The feature as a row to write, or a line in `problems`.
std::optional<Checked> check_feature(const json::value& feature, std::size_t n,
                                     std::set<std::string>& seen,
                                     std::vector<std::string>& problems,
                                     std::vector<std::string>& warnings) {
  const std::string where = "feature " + std::to_string(n + 1);
  const json::object* obj = feature.if_object();
  const json::object* props =
      obj && obj->contains("properties") ? obj->at("properties").if_object() : nullptr;
  if (!obj || !props || !obj->contains("geometry")) {
    problems.push_back(where + ": not a GeoJSON Feature with properties and a geometry");
    return std::nullopt;
  }
  const std::string code = code_of(*props);
  const std::string named = code.empty() ? where : where + " (code " + code + ")";
  if (code.empty()) {
    problems.push_back(where + ": properties.code is missing");
    return std::nullopt;
  }
  if (!find_ward(code)) {
    problems.push_back(named + ": not the code of one of the city's 168 wards and communes");
    return std::nullopt;
  }
  if (!seen.insert(code).second) {
    problems.push_back(named + ": a second boundary for the same code");
    return std::nullopt;
  }
  auto shape = read_geojson_geometry(obj->at("geometry"));
  if (!shape.ok()) {
    auto detail = shape.status().params().find("detail");
    problems.push_back(named + ": invalid geometry: " +
                       (detail != shape.status().params().end() ? detail->second : "unreadable"));
    return std::nullopt;
  }
  std::string reason;
  if (!geometry_is_valid(*shape, reason)) {
    problems.push_back(named + ": invalid geometry: " + reason);
    return std::nullopt;
  }
  // Codes join, names do not (sources spell some differently), but a name that differs even
  // after folding ("Hòa" = "Hoà") hints at a file from another year or place.
  if (const json::value* full = props->if_contains("fullName"); full && full->is_string()) {
    const WardFact* fact = find_ward(code);
    if (text::fold(full->get_string()) != text::fold(fact->name)) {
      warnings.push_back(named + ": named \"" + std::string(full->get_string()) +
                         "\", known as \"" + std::string(fact->name) + "\"");
    }
  }
  Checked c{code,
            geojson_text(*shape, kStoredDecimals),
            {},
            point_count(*shape),
            boost::geometry::return_envelope<GeoBox>(*shape),
            std::nullopt};
  c.digest = sha256_hex(c.geometry);
  if (const json::value* area = props->if_contains("areaKm2"); area && area->is_number())
    c.area_km2 = area->to_number<double>();
  return c;
}

}  // namespace

Result<ImportReport> import_boundaries(store::Database& db, const Clock& clock,
                                       std::string_view geojson, const ImportProgress& progress) {
  boost::system::error_code ec;
  const json::value doc = json::parse(geojson, ec);
  const json::object* collection = ec ? nullptr : doc.if_object();
  const json::array* features = collection && collection->contains("features")
                                    ? collection->at("features").if_array()
                                    : nullptr;
  if (!features) {
    return Status::Invalid("boundaries_refused")
        .with("detail", "the file is not a GeoJSON FeatureCollection");
  }
  ImportReport report;
  report.features = features->size();
  std::vector<Checked> rows;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < features->size(); ++i) {
    if (auto c = check_feature((*features)[i], i, seen, report.problems, report.warnings))
      rows.push_back(std::move(*c));
    if (progress) progress(i + 1, features->size());
  }
  for (const WardFact& w : city_wards())
    if (!seen.contains(std::string(w.code))) report.missing.emplace_back(w.code);
  if (!report.problems.empty()) return report;

  const Millis now = clock.now();
  Status st = db.write([&](store::Tx& tx) -> Status {
    report.added = report.changed = report.unchanged = 0;
    std::map<std::string, std::string> stored;
    for (const auto& r : tx.query("SELECT code, digest FROM area_boundaries"))
      stored.emplace(r.str(0), r.str(1));
    for (const Checked& c : rows) {
      auto it = stored.find(c.code);
      if (it != stored.end() && it->second == c.digest) {
        ++report.unchanged;
        continue;
      }
      ++(it == stored.end() ? report.added : report.changed);
      tx.exec(
          "INSERT INTO area_boundaries (code, geometry, digest, points, min_lat, min_lon, "
          "max_lat, max_lon, area_km2, imported_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
          "$10) ON CONFLICT (code) DO UPDATE SET geometry = excluded.geometry, digest = "
          "excluded.digest, points = excluded.points, min_lat = excluded.min_lat, min_lon = "
          "excluded.min_lon, max_lat = excluded.max_lat, max_lon = excluded.max_lon, area_km2 = "
          "excluded.area_km2, imported_at = excluded.imported_at",
          {c.code, c.geometry, c.digest, static_cast<std::int64_t>(c.points),
           c.box.min_corner().y(), c.box.min_corner().x(), c.box.max_corner().y(),
           c.box.max_corner().x(), store::opt(c.area_km2), now});
    }
    if (report.added + report.changed > 0) {
      tx.exec("UPDATE area_boundary_state SET version = version + 1, updated_at = $1 WHERE id = 1",
              {now});
    }
    report.version = tx.one("SELECT version FROM area_boundary_state WHERE id = 1")->i64(0);
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return report;
}

}  // namespace cds::areas
