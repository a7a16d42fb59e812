// The procedure catalogue: writing procedures (import, demo set) and the in-memory index that
// search reads (docs/SERVICES.md). Thread-safe: any thread may call any method at once.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <span>
#include <string_view>

#include "common/clock.hpp"
#include "common/status.hpp"
#include "services/procedure.hpp"
#include "services/procedure_index.hpp"
#include "store/database.hpp"

namespace cds::services {

struct WriteCounts {
  std::size_t added = 0;
  std::size_t updated = 0;
  std::size_t unchanged = 0;
};

// Writes `procedures` in one transaction, by code, and bumps the catalogue's revision when any of
// them changed. `source` is "import" or "demo"; with `replace` false existing codes are kept.
Result<WriteCounts> write_procedures(store::Database& db, const Clock& clock,
                                     std::span<const Procedure> procedures, std::string_view source,
                                     bool replace = true);

class ProcedureCatalogue {
 public:
  // How often a server asks the store whether the catalogue changed (one single-row read): an
  // import by another process reaches search within this time.
  static constexpr std::chrono::milliseconds kCheckEvery{1000};

  // `db` must outlive the catalogue.
  explicit ProcedureCatalogue(store::Database& db) : db_(db) {}

  // The current index: the last one built, or a new one when the revision moved since. One
  // calling thread checks and rebuilds while the others go on with the index they have (the
  // first index of all is built by whichever threads ask before it exists).
  Result<std::shared_ptr<const ProcedureIndex>> index() const;

 private:
  store::Database& db_;
  mutable std::mutex mutex_;  // guards index_, checked_at_ and checking_
  mutable std::shared_ptr<const ProcedureIndex> index_;
  mutable std::chrono::steady_clock::time_point checked_at_;
  mutable bool checking_ = false;  // a thread is reading the revision (and maybe rebuilding)
};

}  // namespace cds::services
