// What the leaders' dashboard shows: volumes, on-time rates, times to assign and resolve,
// satisfaction and overdue reports for a range of days, and the monthly unit ranking.
//
// Figures come from the reports' current columns: `assigned_at` is the latest assignment (a
// transfer or a reopening moves it), `resolved_at` the latest resolution (a reopening clears it).
// A unit's figures count the reports handed to it (assigned_at set): while a report is still
// `received`, routing's proposed unit is not yet responsible for it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "reports/report.hpp"
#include "stats/periods.hpp"

namespace cds::stats {

// Which reports a figure counts. Filters are exact codes; absent means all.
struct Scope {
  reports::Kind kind = reports::Kind::kReport;
  std::optional<std::string> category;
  std::optional<std::string> unit;  // the unit the reports are assigned to
  std::optional<std::string> ward;
};

// A catalogue entry named in both languages; no code (and the service's placeholder names) for
// reports without one: not yet assigned to a unit, or sent without a ward.
struct Label {
  std::optional<std::string> code;
  std::string name;
  std::string name_en;
};

// Reports created in the period (received), resolved in it, and of those resolved by the deadline.
struct Counts {
  std::int64_t received = 0;
  std::int64_t resolved = 0;
  std::int64_t on_time = 0;

  // on_time / resolved; nullopt when nothing was resolved.
  std::optional<double> on_time_rate() const;
};

struct GroupRow {
  Label label;
  Counts counts;
};

struct DayRow {
  Date date;
  std::int64_t received = 0;
  std::int64_t resolved = 0;
};

struct OverdueReport {
  std::int64_t id = 0;
  std::string code;
  Label category;
  Label unit;  // no code: not yet assigned
  Label ward;  // no code: sent without a ward
  Millis due_at = 0;
  int days_overdue = 0;  // city dates from the deadline's to today's
};

// Ratings given (closed_at) in the period.
struct Satisfaction {
  std::int64_t count = 0;
  std::optional<double> average;  // 1..5; nullopt without ratings
};

struct Stats {
  DateRange range;
  Scope scope;
  Millis as_of = 0;  // "now" for open_now, overdue_now and the overdue list
  Counts totals;
  std::int64_t open_now = 0;                   // received, assigned or in progress
  std::int64_t overdue_now = 0;                // of those, past their deadline
  std::optional<double> avg_hours_to_assign;   // created in the period and assigned
  std::optional<double> avg_hours_to_resolve;  // resolved in the period, from creation
  Satisfaction satisfaction;
  std::vector<DayRow> by_day;  // every date of the range, oldest first, zeros included
  // Most received first, then most resolved, then by code; the row without a code last.
  std::vector<GroupRow> by_category;
  std::vector<GroupRow> by_unit;
  std::vector<GroupRow> by_ward;
  std::vector<OverdueReport> overdue;  // most overdue first, at most kMaxOverdue
};

inline constexpr int kMaxOverdue = 100;

// One unit's month in the reporting period (reports only, not ideas).
struct RankingRow {
  int rank = 0;  // 1 = best
  Label unit;
  std::int64_t assigned = 0;  // assigned_at in the period
  std::int64_t resolved = 0;  // resolved_at in the period
  std::int64_t on_time = 0;   // of those, resolved_at <= due_at
  // Assigned before the end, due before the end, not resolved by the end and not closed
  // otherwise (rejected, merged, withdrawn) before the end.
  std::int64_t overdue_open_at_end = 0;
  Satisfaction satisfaction;  // ratings given in the period

  std::optional<double> on_time_rate() const;
};

// Every unit that had reports assigned or resolved in the period, best first: on-time rate
// (units that resolved nothing last), then most resolved, then unit code.
struct Ranking {
  ReportingPeriod period;
  std::vector<RankingRow> rows;
};

// Rounding of the published figures: rates to 4 decimals (0.6667), hours and ratings to 2.
double round_rate(double rate);
double round_2(double value);

}  // namespace cds::stats
