// A handful of common commune-level procedures for `congdanso seed --demo`, so that public-service
// search has something to find before the portal's catalogue is imported.
#pragma once

#include "common/clock.hpp"
#include "common/status.hpp"
#include "store/database.hpp"

namespace cds::services {

// Idempotent: a procedure whose code exists (demo or imported) is left as it is.
Status seed_demo_procedures(store::Database& db, const Clock& clock);

}  // namespace cds::services
