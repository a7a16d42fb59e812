// JSON and CSV views of the dashboard's figures.
#include "stats/stats_views.hpp"

#include <boost/json/array.hpp>

#include "stats/csv.hpp"

namespace cds::stats {
namespace {

namespace json = boost::json;

json::value number_or_null(const std::optional<double>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

json::value code_or_null(const std::optional<std::string>& code) {
  return code ? json::value(*code) : json::value(nullptr);
}

const std::string& name_of(const Label& label, bool en) {
  return en ? label.name_en : label.name;
}

// {code, name}, or null for the row of reports without one.
json::value label_json(const Label& label, bool en) {
  if (!label.code) return nullptr;
  return json::object{{"code", *label.code}, {"name", name_of(label, en)}};
}

json::object satisfaction_json(const Satisfaction& s) {
  return json::object{{"count", s.count}, {"average", number_or_null(s.average)}};
}

json::array rows_json(const std::vector<GroupRow>& rows, bool en) {
  json::array out;
  for (const auto& r : rows) {
    out.push_back(json::object{{"code", code_or_null(r.label.code)},
                               {"name", name_of(r.label, en)},
                               {"received", r.counts.received},
                               {"resolved", r.counts.resolved},
                               {"on_time", r.counts.on_time},
                               {"on_time_rate", number_or_null(r.counts.on_time_rate())}});
  }
  return out;
}

std::string optional_text(const std::optional<std::string>& s) {
  return s.value_or("");
}

}  // namespace

json::object to_json(const Stats& s, bool en) {
  json::object period{{"from", format_date(s.range.from)},
                      {"to", format_date(s.range.to)},
                      {"days", s.range.days()},
                      {"start", format_rfc3339(s.range.start())},
                      {"end", format_rfc3339(s.range.end())}};
  json::object filters{{"kind", reports::kind_name(s.scope.kind)},
                       {"category", code_or_null(s.scope.category)},
                       {"unit", code_or_null(s.scope.unit)},
                       {"ward", code_or_null(s.scope.ward)}};
  json::object totals{{"received", s.totals.received},
                      {"resolved", s.totals.resolved},
                      {"on_time", s.totals.on_time},
                      {"on_time_rate", number_or_null(s.totals.on_time_rate())},
                      {"open_now", s.open_now},
                      {"overdue_now", s.overdue_now},
                      {"avg_hours_to_assign", number_or_null(s.avg_hours_to_assign)},
                      {"avg_hours_to_resolve", number_or_null(s.avg_hours_to_resolve)},
                      {"satisfaction", satisfaction_json(s.satisfaction)}};
  json::array by_day;
  for (const auto& d : s.by_day) {
    by_day.push_back(json::object{
        {"date", format_date(d.date)}, {"received", d.received}, {"resolved", d.resolved}});
  }
  json::array overdue;
  for (const auto& o : s.overdue) {
    overdue.push_back(json::object{{"id", o.id},
                                   {"code", o.code},
                                   {"category", label_json(o.category, en)},
                                   {"unit", label_json(o.unit, en)},
                                   {"ward", label_json(o.ward, en)},
                                   {"due_at", format_rfc3339(o.due_at)},
                                   {"days_overdue", o.days_overdue}});
  }
  return json::object{
      {"period", std::move(period)},         {"as_of", format_rfc3339(s.as_of)},
      {"filters", std::move(filters)},       {"totals", std::move(totals)},
      {"by_day", std::move(by_day)},         {"by_category", rows_json(s.by_category, en)},
      {"by_unit", rows_json(s.by_unit, en)}, {"by_ward", rows_json(s.by_ward, en)},
      {"overdue", std::move(overdue)}};
}

json::object to_json(const Ranking& ranking, bool en) {
  json::array items;
  for (const auto& r : ranking.rows) {
    items.push_back(json::object{{"rank", r.rank},
                                 {"code", code_or_null(r.unit.code)},
                                 {"name", name_of(r.unit, en)},
                                 {"assigned", r.assigned},
                                 {"resolved", r.resolved},
                                 {"on_time", r.on_time},
                                 {"on_time_rate", number_or_null(r.on_time_rate())},
                                 {"overdue_open_at_end", r.overdue_open_at_end},
                                 {"satisfaction", satisfaction_json(r.satisfaction)}});
  }
  return json::object{{"period", json::object{{"month", format_month(ranking.period.month)},
                                              {"start", format_rfc3339(ranking.period.start)},
                                              {"end", format_rfc3339(ranking.period.end)}}},
                      {"items", std::move(items)}};
}

std::string to_csv(const Stats& s, bool en) {
  CsvWriter csv;
  csv.row({"section", "code", "name", "received", "resolved", "on_time", "on_time_rate", "value"});
  csv.row({"period", "from", en ? "From" : "Từ ngày", "", "", "", "", format_date(s.range.from)});
  csv.row({"period", "to", en ? "To" : "Đến ngày", "", "", "", "", format_date(s.range.to)});
  csv.row({"totals", "", en ? "Total" : "Tổng cộng", csv_number(s.totals.received),
           csv_number(s.totals.resolved), csv_number(s.totals.on_time),
           csv_number(s.totals.on_time_rate()), ""});
  auto indicator = [&](std::string_view code, std::string_view vi, std::string_view english,
                       const std::string& value) {
    csv.row({"indicator", code, en ? english : vi, "", "", "", "", value});
  };
  indicator("open_now", "Đang xử lý", "Open now", csv_number(s.open_now));
  indicator("overdue_now", "Đang quá hạn", "Overdue now", csv_number(s.overdue_now));
  indicator("avg_hours_to_assign", "Thời gian chuyển xử lý trung bình (giờ)",
            "Average time to assign (hours)", csv_number(s.avg_hours_to_assign));
  indicator("avg_hours_to_resolve", "Thời gian giải quyết trung bình (giờ)",
            "Average time to resolve (hours)", csv_number(s.avg_hours_to_resolve));
  indicator("satisfaction_count", "Số lượt đánh giá", "Ratings", csv_number(s.satisfaction.count));
  indicator("satisfaction_average", "Mức hài lòng trung bình (1–5)", "Average satisfaction (1–5)",
            csv_number(s.satisfaction.average));
  for (const auto& [section, rows] :
       {std::pair{"category", &s.by_category}, std::pair{"unit", &s.by_unit},
        std::pair{"ward", &s.by_ward}}) {
    for (const auto& r : *rows) {
      csv.row({section, optional_text(r.label.code), name_of(r.label, en),
               csv_number(r.counts.received), csv_number(r.counts.resolved),
               csv_number(r.counts.on_time), csv_number(r.counts.on_time_rate()), ""});
    }
  }
  for (const auto& d : s.by_day) {
    csv.row({"day", format_date(d.date), "", csv_number(d.received), csv_number(d.resolved), "", "",
             ""});
  }
  return csv.text();
}

std::string to_csv(const Ranking& ranking, bool en) {
  CsvWriter csv;
  csv.row({"rank", "code", "name", "assigned", "resolved", "on_time", "on_time_rate",
           "overdue_open_at_end", "satisfaction_count", "satisfaction_average"});
  for (const auto& r : ranking.rows) {
    csv.row({csv_number(std::int64_t{r.rank}), optional_text(r.unit.code), name_of(r.unit, en),
             csv_number(r.assigned), csv_number(r.resolved), csv_number(r.on_time),
             csv_number(r.on_time_rate()), csv_number(r.overdue_open_at_end),
             csv_number(r.satisfaction.count), csv_number(r.satisfaction.average)});
  }
  return csv.text();
}

std::string csv_filename(const Stats& s) {
  return "congdanso-stats-" + format_date(s.range.from) + "_" + format_date(s.range.to) + ".csv";
}

std::string csv_filename(const Ranking& ranking) {
  return "congdanso-ranking-" + format_month(ranking.period.month) + ".csv";
}

}  // namespace cds::stats
