// The dashboard's SQL. Every statement runs on SQLite and PostgreSQL alike: SUM(CASE ...) rather
// than FILTER, integer division of BIGINT/INTEGER for city days, sums and counts rather than AVG
// (PostgreSQL's AVG and SUM of BIGINT are NUMERIC; averages are taken here from sum and count).
#include "stats/stats_service.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "areas/wards.hpp"
#include "common/messages.hpp"
#include "reports/lifecycle.hpp"

namespace cds::stats {
namespace {

using store::Row;
using store::Rows;
using store::Tx;
using store::Value;

constexpr double kMsPerHour = 3600.0 * 1000.0;

// "'received', 'assigned', ...": the states reports::is_open counts as open, for SQL.
const std::string& open_states_sql() {
  static const std::string sql = [] {
    std::string out;
    for (int i = 0; i <= static_cast<int>(reports::State::kWithdrawn); ++i) {  // the last state
      const auto s = static_cast<reports::State>(i);
      if (!reports::is_open(s)) continue;
      if (!out.empty()) out += ", ";
      out += "'" + std::string(reports::state_name(s)) + "'";
    }
    return out;
  }();
  return sql;
}

// The city date of a column, as a day number: (t + 7 h) / 24 h, integer division on both engines.
std::string city_day_sql(std::string_view column) {
  return "(" + std::string(column) + " + " + std::to_string(kCityOffsetMs) + ") / " +
         std::to_string(kDayMs);
}

std::int64_t city_day_number(Date d) {
  return (city_midnight(d) + kCityOffsetMs) / kDayMs;
}

// The unit a report counts for: the one it is assigned to; none while it waits for routing.
constexpr const char* kUnitOfReport = "CASE WHEN assigned_at IS NOT NULL THEN unit_code END";

// SUM(CASE WHEN condition THEN value ELSE 0 END): counts (value 1) or totals over the rows that
// meet the condition, on both engines.
std::string sum_if(const std::string& condition, std::string_view value = "1") {
  return "SUM(CASE WHEN " + condition + " THEN " + std::string(value) + " ELSE 0 END)";
}

std::string columns(std::initializer_list<std::string> list) {
  std::string out;
  for (const auto& c : list) {
    if (!out.empty()) out += ", ";
    out += c;
  }
  return out;
}

// SQL and parameters built together, so that $N always names the value just added.
class Params {
 public:
  std::string add(Value v) {
    values_.push_back(std::move(v));
    return "$" + std::to_string(values_.size());
  }
  std::span<const Value> values() const { return values_; }

 private:
  std::vector<Value> values_;
};

// The one row of an aggregate without GROUP BY (there always is one).
Row aggregate_row(Tx& tx, const std::string& sql, const Params& p) {
  Rows rows = tx.query(sql, p.values());
  return std::move(rows.at(0));
}

// The reports of `scope`, as a condition; the unit filter counts only reports handed to the unit.
std::string scope_sql(const Scope& scope, Params& p) {
  std::string sql = "kind = " + p.add(std::string(reports::kind_name(scope.kind)));
  if (scope.category) sql += " AND category_code = " + p.add(*scope.category);
  if (scope.unit) sql += " AND assigned_at IS NOT NULL AND unit_code = " + p.add(*scope.unit);
  if (scope.ward) sql += " AND ward_code = " + p.add(*scope.ward);
  return sql;
}

// Names for the codes the figures mention, from the catalogue snapshot and the wards' facts.
class Labeler {
 public:
  explicit Labeler(const catalog::Snapshot& catalog) : catalog_(catalog) {}

  Label category(const std::optional<std::string>& code) const {
    const auto* c = code ? catalog_.category(*code) : nullptr;
    return c ? Label{code, c->name, c->name_en} : unknown(code, "stats_no_category");
  }
  Label unit(const std::optional<std::string>& code) const {
    const auto* u = code ? catalog_.unit(*code) : nullptr;
    return u ? Label{code, u->name, u->name_en} : unknown(code, "stats_no_unit");
  }
  Label ward(const std::optional<std::string>& code) const {
    const auto* w = code ? areas::find_ward(*code) : nullptr;
    return w ? Label{code, std::string(w->name), std::string(w->name_en)}
             : unknown(code, "stats_no_ward");
  }

 private:
  // A code the catalogue does not know is its own name; no code is named by `none_key`.
  static Label unknown(const std::optional<std::string>& code, std::string_view none_key) {
    if (code) return Label{code, *code, *code};
    return Label{std::nullopt, message(none_key, false), message(none_key, true)};
  }

  const catalog::Snapshot& catalog_;
};

// Sums over a group of reports, from which counts and averages follow.
struct Sums {
  Counts counts;
  std::int64_t assigned = 0;  // created in the period and assigned
  double assign_ms = 0;       // their total time from creation to (latest) assignment
  double resolve_ms = 0;      // resolved in the period: total time from creation

  void add(const Sums& o) {
    counts.received += o.counts.received;
    counts.resolved += o.counts.resolved;
    counts.on_time += o.counts.on_time;
    assigned += o.assigned;
    assign_ms += o.assign_ms;
    resolve_ms += o.resolve_ms;
  }
};

std::optional<double> hours(double total_ms, std::int64_t n) {
  if (n == 0) return std::nullopt;
  return round_2(total_ms / static_cast<double>(n) / kMsPerHour);
}

// Most received first, then most resolved, then by code; the row without a code last.
void sort_rows(std::vector<GroupRow>& rows) {
  std::sort(rows.begin(), rows.end(), [](const GroupRow& a, const GroupRow& b) {
    const bool a_none = !a.label.code, b_none = !b.label.code;
    if (a_none != b_none) return b_none;
    if (a.counts.received != b.counts.received) return a.counts.received > b.counts.received;
    if (a.counts.resolved != b.counts.resolved) return a.counts.resolved > b.counts.resolved;
    return a.label.code.value_or("") < b.label.code.value_or("");
  });
}

using Key = std::optional<std::string>;

std::vector<GroupRow> rows_of(const std::map<Key, Sums>& groups,
                              Label (Labeler::*name)(const Key&) const, const Labeler& labeler) {
  std::vector<GroupRow> rows;
  rows.reserve(groups.size());
  for (const auto& [code, sums] : groups)
    rows.push_back(GroupRow{(labeler.*name)(code), sums.counts});
  sort_rows(rows);
  return rows;
}

// One pass over the reports created or resolved in the range, grouped by category, ward and
// unit together; totals and the three breakdowns are sums of these groups.
void add_groups(Tx& tx, const DateRange& range, const Scope& scope, const Labeler& labeler,
                Stats& out, Sums& total) {
  Params p;
  const std::string start = p.add(range.start()), end = p.add(range.end());
  const std::string created = "created_at >= " + start + " AND created_at < " + end;
  const std::string resolved = "resolved_at >= " + start + " AND resolved_at < " + end;
  const std::string where = scope_sql(scope, p);
  const std::string created_and_assigned = created + " AND assigned_at IS NOT NULL";
  const Rows rows = tx.query(
      "SELECT " +
          columns({"category_code", "ward_code", kUnitOfReport, sum_if(created), sum_if(resolved),
                   sum_if(resolved + " AND resolved_at <= due_at"), sum_if(created_and_assigned),
                   sum_if(created_and_assigned, "assigned_at - created_at"),
                   sum_if(resolved, "resolved_at - created_at")}) +
          " FROM reports WHERE " + where + " AND ((" + created + ") OR (" + resolved +
          ")) GROUP BY 1, 2, 3",
      p.values());
  std::map<Key, Sums> by_category, by_ward, by_unit;
  for (const Row& r : rows) {
    Sums s;
    s.counts = Counts{r.i64(3), r.i64(4), r.i64(5)};
    s.assigned = r.i64(6);
    s.assign_ms = r.f64(7);
    s.resolve_ms = r.f64(8);
    by_category[r.opt_str(0)].add(s);
    by_ward[r.opt_str(1)].add(s);
    by_unit[r.opt_str(2)].add(s);
    total.add(s);
  }
  out.by_category = rows_of(by_category, &Labeler::category, labeler);
  out.by_ward = rows_of(by_ward, &Labeler::ward, labeler);
  out.by_unit = rows_of(by_unit, &Labeler::unit, labeler);
}

void add_by_day(Tx& tx, const DateRange& range, const Scope& scope, Stats& out) {
  const std::int64_t first = city_day_number(range.from);
  out.by_day.clear();
  for (int i = 0; i < range.days(); ++i) out.by_day.push_back(DayRow{cds::add_days(range.from, i)});
  for (const char* column : {"created_at", "resolved_at"}) {
    Params p;
    const std::string start = p.add(range.start()), end = p.add(range.end());
    const std::string where = scope_sql(scope, p);
    const std::string c = column;
    const Rows rows =
        tx.query("SELECT " + city_day_sql(c) + ", COUNT(*) FROM reports WHERE " + c +
                     " >= " + start + " AND " + c + " < " + end + " AND " + where + " GROUP BY 1",
                 p.values());
    for (const Row& r : rows) {
      const std::int64_t i = r.i64(0) - first;
      if (i < 0 || i >= static_cast<std::int64_t>(out.by_day.size())) continue;
      (c == "created_at" ? out.by_day[i].received : out.by_day[i].resolved) = r.i64(1);
    }
  }
}

void add_open(Tx& tx, const Scope& scope, const Labeler& labeler, Stats& out) {
  out.overdue.clear();
  Params p;
  const std::string now = p.add(out.as_of);
  const std::string where = scope_sql(scope, p);
  const std::string open = "status IN (" + open_states_sql() + ")";
  const Row counts = aggregate_row(tx,
                                   "SELECT COUNT(*), COALESCE(" + sum_if("due_at < " + now) +
                                       ", 0) FROM reports WHERE " + open + " AND " + where,
                                   p);
  out.open_now = counts.i64(0);
  out.overdue_now = counts.i64(1);

  const Rows rows = tx.query(
      "SELECT " + columns({"id", "code", "category_code", kUnitOfReport, "ward_code", "due_at"}) +
          " FROM reports WHERE " + open + " AND due_at < " + now + " AND " + where +
          " ORDER BY due_at, id LIMIT " + std::to_string(kMaxOverdue),
      p.values());
  const std::int64_t today = city_day_number(city_date(out.as_of));
  for (const Row& r : rows) {
    OverdueReport o;
    o.id = r.i64(0);
    o.code = r.str(1);
    o.category = labeler.category(r.opt_str(2));
    o.unit = labeler.unit(r.opt_str(3));
    o.ward = labeler.ward(r.opt_str(4));
    o.due_at = r.i64(5);
    o.days_overdue =
        static_cast<int>(std::max<std::int64_t>(0, today - city_day_number(city_date(o.due_at))));
    out.overdue.push_back(std::move(o));
  }
}

Satisfaction satisfaction_of(std::int64_t count, std::int64_t sum) {
  Satisfaction s;
  s.count = count;
  if (count > 0) s.average = round_2(static_cast<double>(sum) / static_cast<double>(count));
  return s;
}

void add_satisfaction(Tx& tx, const DateRange& range, const Scope& scope, Stats& out) {
  Params p;
  const std::string start = p.add(range.start()), end = p.add(range.end());
  const std::string where = scope_sql(scope, p);
  const Row r = aggregate_row(
      tx,
      "SELECT COUNT(*), COALESCE(SUM(rating), 0) FROM reports WHERE closed_at >= " + start +
          " AND closed_at < " + end + " AND rating IS NOT NULL AND " + where,
      p);
  out.satisfaction = satisfaction_of(r.i64(0), r.i64(1));
}

// Best first: a higher on-time rate (compared exactly, as fractions), then more resolved, then
// the unit's code; units that resolved nothing have no rate and come after those that did.
bool ranks_before(const RankingRow& a, const RankingRow& b) {
  const bool a_rate = a.resolved > 0, b_rate = b.resolved > 0;
  if (a_rate != b_rate) return a_rate;
  if (a_rate) {
    const std::int64_t lhs = a.on_time * b.resolved, rhs = b.on_time * a.resolved;
    if (lhs != rhs) return lhs > rhs;
  }
  if (a.resolved != b.resolved) return a.resolved > b.resolved;
  return a.unit.code.value_or("") < b.unit.code.value_or("");
}

}  // namespace

std::optional<double> Counts::on_time_rate() const {
  if (resolved == 0) return std::nullopt;
  return round_rate(static_cast<double>(on_time) / static_cast<double>(resolved));
}

std::optional<double> RankingRow::on_time_rate() const {
  return Counts{0, resolved, on_time}.on_time_rate();
}

double round_rate(double rate) {
  return std::round(rate * 10000.0) / 10000.0;
}

double round_2(double value) {
  return std::round(value * 100.0) / 100.0;
}

Result<Stats> StatsService::stats(const DateRange& range, const Scope& scope) const {
  auto catalog = catalog_.snapshot();
  if (!catalog.ok()) return catalog.status();
  const Labeler labeler(**catalog);
  Stats out;
  out.range = range;
  out.scope = scope;
  out.as_of = clock_.now();
  Status st = db_.read([&](Tx& tx) -> Status {
    Sums total;
    add_groups(tx, range, scope, labeler, out, total);
    out.totals = total.counts;
    out.avg_hours_to_assign = hours(total.assign_ms, total.assigned);
    out.avg_hours_to_resolve = hours(total.resolve_ms, total.counts.resolved);
    add_by_day(tx, range, scope, out);
    add_open(tx, scope, labeler, out);
    add_satisfaction(tx, range, scope, out);
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return out;
}

Result<Ranking> StatsService::ranking(Month month) const {
  auto catalog = catalog_.snapshot();
  if (!catalog.ok()) return catalog.status();
  const Labeler labeler(**catalog);
  Ranking out;
  out.period = reporting_period(month);
  Params p;
  const std::string start = p.add(out.period.start), end = p.add(out.period.end);
  const std::string assigned = "assigned_at >= " + start + " AND assigned_at < " + end;
  const std::string resolved = "resolved_at >= " + start + " AND resolved_at < " + end;
  const std::string rated =
      "closed_at >= " + start + " AND closed_at < " + end + " AND rating IS NOT NULL";
  // Still the unit's to do at the end: not resolved by then, nor closed without a resolution
  // (rejected, merged as a duplicate, withdrawn) before it.
  const std::string overdue_at_end =
      "assigned_at < " + end + " AND due_at < " + end +
      " AND (resolved_at IS NULL OR resolved_at >= " + end +
      ") AND NOT (status IN ('rejected', 'duplicate', 'withdrawn') AND closed_at < " + end + ")";
  const std::string kind = p.add(std::string(reports::kind_name(reports::Kind::kReport)));
  const std::string sql =
      "SELECT " +
      columns({"unit_code", sum_if(assigned), sum_if(resolved),
               sum_if(resolved + " AND resolved_at <= due_at"), sum_if(overdue_at_end),
               sum_if(rated), sum_if(rated, "rating")}) +
      " FROM reports WHERE kind = " + kind +
      " AND assigned_at IS NOT NULL AND unit_code IS NOT NULL GROUP BY unit_code";
  Status st = db_.read([&](Tx& tx) -> Status {
    out.rows.clear();
    for (const Row& r : tx.query(sql, p.values())) {
      RankingRow row;
      row.unit = labeler.unit(r.opt_str(0));
      row.assigned = r.i64(1);
      row.resolved = r.i64(2);
      row.on_time = r.i64(3);
      row.overdue_open_at_end = r.i64(4);
      row.satisfaction = satisfaction_of(r.i64(5), r.i64(6));
      if (row.assigned > 0 || row.resolved > 0) out.rows.push_back(std::move(row));
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  std::sort(out.rows.begin(), out.rows.end(), ranks_before);
  for (std::size_t i = 0; i < out.rows.size(); ++i) out.rows[i].rank = static_cast<int>(i) + 1;
  return out;
}

}  // namespace cds::stats
