// Storing and finding points of interest (map_layers, map_pois; migration 0013).
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>

#include "geo/distance.hpp"
#include "map/pois.hpp"

namespace cds::map {
namespace {

namespace json = boost::json;
using store::Value;

constexpr const char* kPoiColumns =
    "SELECT id, layer_code, ref, name, lat, lon, address, properties FROM map_pois";

std::string properties_text(const std::map<std::string, std::string>& props) {
  json::object o;
  for (const auto& [k, v] : props) o[k] = v;
  return json::serialize(o);
}

Poi from_row(const store::Row& r) {
  Poi p;
  p.id = r.i64(0);
  p.layer = r.str(1);
  p.ref = r.str(2);
  p.name = r.str(3);
  p.lat = r.f64(4);
  p.lon = r.f64(5);
  p.address = r.str(6);
  boost::system::error_code ec;
  json::value props = json::parse(r.str(7), ec);
  if (!ec && props.is_object())
    for (const auto& [k, v] : props.get_object())
      if (v.is_string()) p.properties[std::string(k)] = std::string(v.get_string());
  return p;
}

// "layer_code IN ($n, ...)" for the query's layers, or nothing.
std::string layer_clause(const std::vector<std::string>& layers, std::vector<Value>& params) {
  if (layers.empty()) return "";
  std::string in;
  for (const auto& l : layers) {
    params.emplace_back(l);
    in += (in.empty() ? "$" : ", $") + std::to_string(params.size());
  }
  return " AND layer_code IN (" + in + ")";
}

}  // namespace

Result<ImportResult> import_pois(store::Database& db, const std::string& layer,
                                 const std::vector<Poi>& pois, Millis now) {
  if (!valid_layer_code(layer))
    return Status::Invalid("poi_layer_invalid").field("layer", "poi_layer_invalid");
  return db.write_value<ImportResult>([&](store::Tx& tx) -> Result<ImportResult> {
    tx.exec(
        "INSERT INTO map_layers (code, name, name_en, icon, position) VALUES ($1, $1, $1, '', "
        "(SELECT COALESCE(MAX(position), 0) + 1 FROM map_layers)) ON CONFLICT (code) DO NOTHING",
        {layer});
    ImportResult out;
    for (const Poi& p : pois) {
      const std::string props = properties_text(p.properties);
      auto existing = tx.one(
          "SELECT name, lat, lon, address, properties FROM map_pois WHERE layer_code = $1 AND "
          "ref = $2",
          {layer, p.ref});
      if (!existing) {
        tx.exec(
            "INSERT INTO map_pois (layer_code, ref, name, lat, lon, address, properties, "
            "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            {layer, p.ref, p.name, p.lat, p.lon, p.address, props, now});
        ++out.inserted;
      } else if (existing->str(0) != p.name || existing->f64(1) != p.lat ||
                 existing->f64(2) != p.lon || existing->str(3) != p.address ||
                 existing->str(4) != props) {
        tx.exec(
            "UPDATE map_pois SET name = $3, lat = $4, lon = $5, address = $6, properties = $7, "
            "updated_at = $8 WHERE layer_code = $1 AND ref = $2",
            {layer, p.ref, p.name, p.lat, p.lon, p.address, props, now});
        ++out.updated;
      }
    }
    return out;
  });
}

Result<std::vector<Layer>> list_layers(store::Database& db) {
  return db.read_value<std::vector<Layer>>([](store::Tx& tx) -> Result<std::vector<Layer>> {
    std::vector<Layer> out;
    for (const auto& r : tx.query(
             "SELECT l.code, l.name, l.name_en, l.icon, (SELECT COUNT(*) FROM map_pois p WHERE "
             "p.layer_code = l.code) FROM map_layers l ORDER BY l.position, l.code"))
      out.push_back(Layer{r.str(0), r.str(1), r.str(2), r.str(3), r.i64(4)});
    return out;
  });
}

Result<PoiPage> find_pois(store::Database& db, const PoiQuery& q) {
  std::vector<Value> params;
  double min_lat, max_lat, min_lon, max_lon;
  if (q.near) {
    const geo::Box box = geo::box_around(q.near->first, q.near->second, q.radius_m);
    min_lat = box.min_lat, max_lat = box.max_lat, min_lon = box.min_lon, max_lon = box.max_lon;
  } else {
    min_lon = (*q.bbox)[0], min_lat = (*q.bbox)[1], max_lon = (*q.bbox)[2], max_lat = (*q.bbox)[3];
  }
  params = {min_lat, max_lat, min_lon, max_lon};
  std::string sql = std::string(kPoiColumns) +
                    " WHERE lat BETWEEN $1 AND $2 AND lon BETWEEN $3 AND $4" +
                    layer_clause(q.layers, params);
  // A box lists in a stable order and stops at the limit; a circle measures every candidate in
  // its box (few: POIs are sparse) and keeps the nearest.
  if (!q.near) {
    params.emplace_back(std::int64_t{q.limit} + 1);
    sql += " ORDER BY id LIMIT $" + std::to_string(params.size());
  }
  return db.read_value<PoiPage>([&](store::Tx& tx) -> Result<PoiPage> {
    PoiPage page;
    for (const auto& r : tx.query(sql, params)) {
      Poi p = from_row(r);
      if (q.near) {
        const double d = geo::distance_m(q.near->first, q.near->second, p.lat, p.lon);
        if (d > q.radius_m) continue;
        p.distance_m = d;
      }
      page.items.push_back(std::move(p));
    }
    if (q.near)
      std::stable_sort(page.items.begin(), page.items.end(),
                       [](const Poi& a, const Poi& b) { return *a.distance_m < *b.distance_m; });
    if (page.items.size() > static_cast<std::size_t>(q.limit)) {
      page.items.resize(q.limit);
      page.truncated = true;
    }
    return page;
  });
}

}  // namespace cds::map
