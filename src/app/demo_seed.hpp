// Demo data for `congdanso seed --demo`: accounts for every role and a few reports in different
// states, so that a newcomer sees a living system. Idempotent.
#pragma once

#include "common/clock.hpp"
#include "common/status.hpp"
#include "common/vault.hpp"
#include "store/database.hpp"

namespace cds::app {

Status seed_demo(store::Database& db, const Clock& clock, const Vault& vault);

}  // namespace cds::app
