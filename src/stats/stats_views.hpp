// The dashboard's figures as JSON (the stats API) and as CSV (its export), in the caller's
// language. Both show every figure with the same rounding and number text.
#pragma once

#include <string>

#include <boost/json/object.hpp>

#include "stats/stats.hpp"

namespace cds::stats {

boost::json::object to_json(const Stats& stats, bool english);
boost::json::object to_json(const Ranking& ranking, bool english);

// The stats export: one table with the columns
//   section,code,name,received,resolved,on_time,on_time_rate,value
// and, in this order, rows of these sections:
//   period     code from | to, value the city date
//   totals     the period's received, resolved, on_time, on_time_rate
//   indicator  code open_now | overdue_now | avg_hours_to_assign | avg_hours_to_resolve |
//              satisfaction_count | satisfaction_average, value the figure (empty when none)
//   category, unit, ward   one row per code as in by_category, by_unit, by_ward
//   day        code the city date, received and resolved
// Cells that do not apply are empty. The overdue list is not exported.
std::string to_csv(const Stats& stats, bool english);
// The ranking export: one row per unit, best first, with the columns
//   rank,code,name,assigned,resolved,on_time,on_time_rate,overdue_open_at_end,
//   satisfaction_count,satisfaction_average
std::string to_csv(const Ranking& ranking, bool english);

// "congdanso-stats-2026-11-01_2026-11-30.csv", "congdanso-ranking-2026-11.csv".
std::string csv_filename(const Stats& stats);
std::string csv_filename(const Ranking& ranking);

}  // namespace cds::stats
