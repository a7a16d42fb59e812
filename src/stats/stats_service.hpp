// Computes the dashboard's figures and the monthly unit ranking from the reports table, with SQL
// aggregates written once for both engines. Reads only: one read transaction per call.
#pragma once

#include "catalog/catalog.hpp"
#include "common/clock.hpp"
#include "common/status.hpp"
#include "stats/stats.hpp"
#include "store/database.hpp"

namespace cds::stats {

// Thread-safe; the database, catalogue and clock must outlive it.
class StatsService {
 public:
  StatsService(store::Database& db, const catalog::Catalog& catalog, const Clock& clock)
      : db_(db), catalog_(catalog), clock_(clock) {}

  // The figures of `range` for the reports in `scope`. Who may ask for which scope is the
  // caller's business (StatsApi): the service answers any.
  Result<Stats> stats(const DateRange& range, const Scope& scope) const;

  // The ranking of units in the reporting period of `month`.
  Result<Ranking> ranking(Month month) const;

 private:
  store::Database& db_;
  const catalog::Catalog& catalog_;
  const Clock& clock_;
};

}  // namespace cds::stats
