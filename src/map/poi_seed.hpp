// The demo's points of interest (seed --demo).
#pragma once

#include "common/clock.hpp"
#include "common/status.hpp"
#include "store/database.hpp"

namespace cds::map {

// Idempotent: the places are upserted by a fixed reference.
Status seed_demo_pois(store::Database& db, Millis now);

}  // namespace cds::map
