// SQL of the stored boundaries.
#include "areas/boundary_store.hpp"

namespace cds::areas {

std::int64_t boundary_version(store::Tx& tx) {
  auto row = tx.one("SELECT version FROM area_boundary_state WHERE id = 1");
  return row ? row->i64(0) : 0;
}

std::vector<StoredBoundary> load_boundaries(store::Tx& tx) {
  std::vector<StoredBoundary> out;
  for (const auto& r : tx.query("SELECT code, geometry, digest FROM area_boundaries ORDER BY code"))
    out.push_back(StoredBoundary{r.str(0), r.str(1), r.str(2)});
  return out;
}

}  // namespace cds::areas
