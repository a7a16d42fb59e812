// `congdanso import areas FILE.geojson`: ward and commune boundaries from a GeoJSON
// FeatureCollection into the store (table area_boundaries, docs/GEOGRAPHY.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "common/status.hpp"
#include "store/database.hpp"

namespace cds::areas {

struct ImportReport {
  std::size_t features = 0;           // read from the file
  std::size_t added = 0;              // wards that had no boundary
  std::size_t changed = 0;            // wards whose boundary differed
  std::size_t unchanged = 0;          // the same geometry again: not written
  std::vector<std::string> missing;   // known wards the file has no boundary for
  std::vector<std::string> problems;  // one line per refused feature; non-empty: nothing written
  std::vector<std::string> warnings;  // accepted, but worth a look (a name that differs)
  std::int64_t version = 0;           // area_boundary_state.version after the import
};

// Called after each feature is checked: (done, total).
using ImportProgress = std::function<void(std::size_t, std::size_t)>;

// Checks every feature first: its properties.code must be one of the 168 wards, appear once, and
// its geometry must be a readable Polygon or MultiPolygon that Boost.Geometry finds valid. Any
// problem refuses the whole file: the report lists them all and nothing is written. Otherwise it
// writes in one transaction: new and changed boundaries, and bumps the version when anything
// changed, so that running it again with the same file changes nothing.
Result<ImportReport> import_boundaries(store::Database& db, const Clock& clock,
                                       std::string_view geojson, const ImportProgress& progress);

}  // namespace cds::areas
