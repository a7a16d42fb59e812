// Demo dossiers for `congdanso seed --demo` (codes and secrets in README.md and docs/DOSSIERS.md).
#pragma once

#include "common/clock.hpp"
#include "common/status.hpp"
#include "common/vault.hpp"
#include "store/database.hpp"

namespace cds::dossiers {

// Three dossiers, one of them Nguyễn Văn An's (the VNeID stand-in's citizen 079085012345), so
// that he finds it under "my dossiers". Idempotent: a dossier already there is left alone.
Status seed_demo_dossiers(store::Database& db, const Clock& clock, const Vault& vault);

}  // namespace cds::dossiers
