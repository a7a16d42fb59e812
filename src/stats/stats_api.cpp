// HTTP handlers of the dashboard: reading the query, unit scope, JSON or CSV.
#include "stats/stats_api.hpp"

#include <algorithm>

#include "areas/wards.hpp"
#include "http/json.hpp"
#include "http/problem.hpp"
#include "stats/csv.hpp"
#include "stats/stats_views.hpp"

namespace cds::stats {
namespace {

using auth::Principal;
using auth::Role;
using http::Request;
using http::Response;

// A query parameter, with an empty value read as absent (a form's "all" choice).
std::optional<std::string> param(const Request& req, std::string_view name) {
  auto v = req.query_param(name);
  if (v && v->empty()) return std::nullopt;
  return v;
}

// ?format=json (the default) or csv; false for csv. Records a wrong value in `errors`.
bool wants_json(const Request& req, Status& errors) {
  const auto format = param(req, "format");
  if (!format || *format == "json") return true;
  if (*format == "csv") return false;
  errors.field("format", "field_one_of").with("values", "json, csv");
  return true;
}

Response csv_response(std::string body, const std::string& filename) {
  Response r = Response::text(200, std::move(body), std::string(kCsvContentType));
  r.header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  return r;
}

struct StatsQuery {
  DateRange range;
  Scope scope;
  bool json = true;
};

// Reads ?from=&to=&kind=&category=&unit=&ward=&format=; every wrong parameter at once (422).
Result<StatsQuery> read_stats_query(const Request& req, const catalog::Snapshot& catalog,
                                    Millis now) {
  StatsQuery q;
  Status errors = Status::Invalid("invalid");
  const DateRange recent = last_days(now);
  std::optional<Date> from, to;
  if (auto s = param(req, "from")) {
    from = parse_date(*s);
    if (!from) errors.field("from", "stats_date_invalid");
  }
  if (auto s = param(req, "to")) {
    to = parse_date(*s);
    if (!to) errors.field("to", "stats_date_invalid");
  }
  if (errors.fields().empty()) {
    // Without `to`: up to today. Without `from`: the kDefaultDays that end with `to`.
    q.range.to = to.value_or(recent.to);
    q.range.from = from.value_or(add_days(q.range.to, 1 - kDefaultDays));
    if (q.range.from > q.range.to)
      errors.field("from", "stats_range_reversed");
    else if (q.range.days() > kMaxDays)
      errors.field("to", "stats_range_too_long").with("max", std::to_string(kMaxDays));
  }
  if (auto k = param(req, "kind")) {
    auto kind = reports::parse_kind(*k);
    if (kind)
      q.scope.kind = *kind;
    else
      errors.field("kind", "field_one_of").with("values", "report, idea");
  }
  q.scope.category = param(req, "category");
  if (q.scope.category && !catalog.category(*q.scope.category))
    errors.field("category", "unknown_category");
  q.scope.unit = param(req, "unit");
  if (q.scope.unit && !catalog.unit(*q.scope.unit))
    errors.field("unit", "unknown_unit").with("unit", *q.scope.unit);
  q.scope.ward = param(req, "ward");
  if (q.scope.ward && !areas::find_ward(*q.scope.ward)) errors.field("ward", "unknown_ward");
  q.json = wants_json(req, errors);
  if (!errors.fields().empty()) return errors;
  return q;
}

}  // namespace

void StatsApi::register_routes(http::Router& router) {
  router.add(http::Method::kGet, "/api/v1/staff/stats",
             gate_.allow(auth::Access::roles(
                             {Role::kOperator, Role::kLeader, Role::kAdmin, Role::kUnitStaff}),
                         [this](Request& r, const Principal& who) { return stats(r, who); }));
  router.add(http::Method::kGet, "/api/v1/staff/stats/ranking",
             gate_.allow(auth::Access::roles(
                             {Role::kOperator, Role::kLeader, Role::kAdmin, Role::kUnitStaff}),
                         [this](Request& r, const Principal& who) { return ranking(r, who); }));
}

Response StatsApi::stats(Request& req, const Principal& who) const {
  // Unit staff see their own unit only: another unit is refused, no unit means theirs.
  if (who.role == Role::kUnitStaff) {
    auto unit = param(req, "unit");
    if (unit && *unit != who.unit_code) return http::problem(req, Status::Forbidden());
  }
  auto catalog = catalog_.snapshot();
  if (!catalog.ok()) return http::problem(req, catalog.status());
  auto query = read_stats_query(req, **catalog, clock_.now());
  if (!query.ok()) return http::problem(req, query.status());
  if (who.role == Role::kUnitStaff) query->scope.unit = who.unit_code;
  auto stats = service_.stats(query->range, query->scope);
  if (!stats.ok()) return http::problem(req, stats.status());
  const bool en = req.lang() == http::Lang::kEn;
  if (!query->json) return csv_response(to_csv(*stats, en), csv_filename(*stats));
  return http::json(200, to_json(*stats, en));
}

Response StatsApi::ranking(Request& req, const Principal& who) const {
  Status errors = Status::Invalid("invalid");
  Month month = reporting_month_of(clock_.now());
  if (auto m = param(req, "month")) {
    if (auto parsed = parse_month(*m))
      month = *parsed;
    else
      errors.field("month", "stats_month_invalid");
  }
  const bool json = wants_json(req, errors);
  if (!errors.fields().empty()) return http::problem(req, errors);
  auto ranking = service_.ranking(month);
  if (!ranking.ok()) return http::problem(req, ranking.status());
  // Unit staff see their own unit's row, with its rank among all.
  if (who.role == Role::kUnitStaff) {
    std::erase_if(ranking->rows, [&](const RankingRow& r) { return r.unit.code != who.unit_code; });
  }
  const bool en = req.lang() == http::Lang::kEn;
  if (!json) return csv_response(to_csv(*ranking, en), csv_filename(*ranking));
  return http::json(200, to_json(*ranking, en));
}

}  // namespace cds::stats
