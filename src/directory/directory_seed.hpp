// The reference apps of the directory (docs/APPS.md), written by `congdanso seed` so that every
// install starts with the real public apps a resident of the city uses.
#pragma once

#include "common/clock.hpp"
#include "common/status.hpp"
#include "store/database.hpp"

namespace cds::directory {

// Idempotent by code: an app seeded once is never written again, so administrators' edits, order
// and removals stay as they made them; reference apps new in this release are added at the end.
// Returns the number of apps added.
Result<int> seed_reference_apps(store::Database& db, const Clock& clock);

}  // namespace cds::directory
