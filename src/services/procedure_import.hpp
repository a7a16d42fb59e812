// `congdanso import procedures FILE`: JSON lines in the portal's shape into the catalogue.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>

#include "common/clock.hpp"
#include "common/status.hpp"
#include "services/procedure_catalogue.hpp"
#include "store/database.hpp"

namespace cds::services {

struct ImportSummary {
  std::size_t lines = 0;  // non-blank lines in the file
  std::size_t bad = 0;    // lines skipped (each reported)
  WriteCounts written;    // what the good lines did to the catalogue
};

// Reads `path` and writes its procedures by code (idempotent: a second run changes nothing), in
// transactions of a few hundred. Each bad line is reported to `log` as "line N: why" and skipped.
// With `show_progress`, "count/total" is redrawn on `log` as batches are written. Fails only when
// the file cannot be read or the store refuses a write; a file with no good line is the caller's
// to judge (summary.written is all zero).
Result<ImportSummary> import_procedures(store::Database& db, const Clock& clock,
                                        const std::string& path, std::ostream& log,
                                        bool show_progress);

}  // namespace cds::services
