// Points of interest in layers (health facilities, schools, public administrative service centres,
// flood points, ...): what they are, how they are stored and queried, and how files of them are
// read (GeoJSON points or CSV with name, lat, lon, address and any other columns).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "common/status.hpp"
#include "store/database.hpp"

namespace cds::map {

struct Layer {
  std::string code;  // "health"
  std::string name;
  std::string name_en;
  std::string icon;
  std::int64_t count = 0;  // points in the layer
};

struct Poi {
  std::int64_t id = 0;
  std::string layer;
  std::string ref;  // the source's id, else "name|lat|lon"
  std::string name;
  double lat = 0, lon = 0;
  std::string address;
  std::map<std::string, std::string> properties;  // the source's other fields
  std::optional<double> distance_m;               // with a `near` query
};

// A layer code: 1-40 of [a-z0-9_-].
bool valid_layer_code(std::string_view code);

// Reads a file's text: GeoJSON (a FeatureCollection of Point features, or one Feature) when it
// starts with '{', CSV with a header row otherwise. Every point must have a name and WGS 84
// coordinates; the first bad record fails the whole file, naming its line or feature.
Result<std::vector<Poi>> parse_poi_file(std::string_view text);

struct ImportResult {
  std::int64_t inserted = 0;
  std::int64_t updated = 0;
};
// Upserts `pois` into `layer` (created, named after its code, when it does not exist), keyed by
// (layer, ref): importing the same file again changes nothing.
Result<ImportResult> import_pois(store::Database& db, const std::string& layer,
                                 const std::vector<Poi>& pois, Millis now);

Result<std::vector<Layer>> list_layers(store::Database& db);

struct PoiQuery {
  std::vector<std::string> layers;  // empty: every layer
  // Either a box ...
  std::optional<std::array<double, 4>> bbox;  // min_lon, min_lat, max_lon, max_lat
  // ... or a circle: nearest first, with distances.
  std::optional<std::pair<double, double>> near;  // lat, lon
  double radius_m = 1000;
  int limit = 200;
};
struct PoiPage {
  std::vector<Poi> items;
  bool truncated = false;
};
Result<PoiPage> find_pois(store::Database& db, const PoiQuery& q);

}  // namespace cds::map
