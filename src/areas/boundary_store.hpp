// The stored boundaries (area_boundaries) and their version (area_boundary_state).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace cds::areas {

struct StoredBoundary {
  std::string code;
  std::string geometry;  // GeoJSON geometry text
  std::string digest;    // hex SHA-256 of geometry
};

// Bumped by every import that changed a boundary; 0 before the first.
std::int64_t boundary_version(store::Tx& tx);
std::vector<StoredBoundary> load_boundaries(store::Tx& tx);

}  // namespace cds::areas
