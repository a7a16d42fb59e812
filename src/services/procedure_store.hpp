// Where procedures live: the procedures table and the catalogue's revision. Every function runs
// inside the caller's transaction.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "services/procedure.hpp"
#include "store/database.hpp"

namespace cds::services::procedure_store {

enum class Written { kNew, kUpdated, kUnchanged };

// Writes `p` by its code. With `replace` false an existing procedure is left as it is (the demo
// set never overwrites an imported one). The revision is not bumped here: see bump_revision.
Written upsert(store::Tx& tx, const Procedure& p, std::string_view source, Millis now,
               bool replace = true);

// The catalogue's revision: it grows whenever a transaction changes a procedure.
std::int64_t revision(store::Tx& tx);
void bump_revision(store::Tx& tx);

// Every procedure, by code.
std::vector<Procedure> all(store::Tx& tx);

}  // namespace cds::services::procedure_store
