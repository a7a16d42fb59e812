#include "services/procedure_catalogue.hpp"

#include "services/procedure_store.hpp"

namespace cds::services {

Result<WriteCounts> write_procedures(store::Database& db, const Clock& clock,
                                     std::span<const Procedure> procedures, std::string_view source,
                                     bool replace) {
  return db.write_value<WriteCounts>([&](store::Tx& tx) -> Result<WriteCounts> {
    WriteCounts counts;
    const Millis now = clock.now();
    for (const Procedure& p : procedures) {
      switch (procedure_store::upsert(tx, p, source, now, replace)) {
        case procedure_store::Written::kNew:
          ++counts.added;
          break;
        case procedure_store::Written::kUpdated:
          ++counts.updated;
          break;
        case procedure_store::Written::kUnchanged:
          ++counts.unchanged;
          break;
      }
    }
    if (counts.added + counts.updated > 0) procedure_store::bump_revision(tx);
    return counts;
  });
}

Result<std::shared_ptr<const ProcedureIndex>> ProcedureCatalogue::index() const {
  const auto now = std::chrono::steady_clock::now();
  std::shared_ptr<const ProcedureIndex> current;
  {
    std::lock_guard lock(mutex_);
    current = index_;
    // Fresh enough, or another thread is already checking: the index we have serves.
    if (current && (now - checked_at_ < kCheckEvery || checking_)) return current;
    checked_at_ = now;
    checking_ = true;
  }
  // The check and any rebuild run outside the lock: other searches keep the current index.
  auto done = [this](std::shared_ptr<const ProcedureIndex> next) {
    std::lock_guard lock(mutex_);
    checking_ = false;
    if (next) index_ = std::move(next);
    return index_;
  };
  auto revision = db_.read_value<std::int64_t>(
      [](store::Tx& tx) -> Result<std::int64_t> { return procedure_store::revision(tx); });
  if (!revision.ok()) {
    auto kept = done(nullptr);
    if (kept) return kept;  // the store is away: search what we have
    return revision.status();
  }
  if (current && current->revision() == *revision) return done(nullptr);
  // Read the procedures and the revision together, so that the index is labelled with the
  // revision it really holds.
  std::int64_t read_revision = 0;
  std::vector<Procedure> all;
  Status st = db_.read([&](store::Tx& tx) -> Status {
    read_revision = procedure_store::revision(tx);
    all = procedure_store::all(tx);
    return Status::Ok();
  });
  if (!st.ok()) {
    auto kept = done(nullptr);
    if (kept) return kept;
    return st;
  }
  return done(std::make_shared<const ProcedureIndex>(std::move(all), read_revision));
}

}  // namespace cds::services
