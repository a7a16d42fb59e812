// The dashboard's periods (city dates, the 25th-to-25th month) and its CSV export's text.
#include <gtest/gtest.h>

#include "stats/csv.hpp"
#include "stats/periods.hpp"
#include "stats/stats_views.hpp"

namespace cds::stats {
namespace {

Millis city(const std::string& local) {
  return parse_rfc3339(local + "+07:00").value();
}

TEST(StatsPeriods, ReportingMonthRunsFrom25thTo25th) {
  const auto nov = reporting_period(Month{2026, 11});
  EXPECT_EQ(format_rfc3339(nov.start), "2026-10-25T00:00:00+07:00");
  EXPECT_EQ(format_rfc3339(nov.end), "2026-11-25T00:00:00+07:00");
  const auto jan = reporting_period(Month{2027, 1});
  EXPECT_EQ(format_rfc3339(jan.start), "2026-12-25T00:00:00+07:00");
  EXPECT_EQ(format_rfc3339(jan.end), "2027-01-25T00:00:00+07:00");
  EXPECT_EQ(reporting_month_of(city("2026-11-24T23:59:59.999")), (Month{2026, 11}));
  EXPECT_EQ(reporting_month_of(city("2026-11-25T00:00:00")), (Month{2026, 12}));
  EXPECT_EQ(reporting_month_of(city("2026-12-25T00:00:00")), (Month{2027, 1}));
  EXPECT_EQ(reporting_month_of(city("2026-10-25T00:00:00")), (Month{2026, 11}));
  // 24 November 17:00 UTC is already the 25th in the city.
  EXPECT_EQ(reporting_month_of(*parse_rfc3339("2026-11-24T17:00:00Z")), (Month{2026, 12}));
}

TEST(StatsPeriods, MonthsAndDateRanges) {
  EXPECT_EQ(parse_month("2026-11"), (Month{2026, 11}));
  EXPECT_EQ(parse_month("2026-13"), std::nullopt);
  EXPECT_EQ(parse_month("2026-1"), std::nullopt);
  EXPECT_EQ(parse_month("2026-11-01"), std::nullopt);
  EXPECT_EQ(parse_month(""), std::nullopt);
  EXPECT_EQ(format_month(Month{2027, 1}), "2027-01");
  const DateRange r{*parse_date("2026-11-01"), *parse_date("2026-11-30")};
  EXPECT_EQ(r.days(), 30);
  EXPECT_EQ(format_rfc3339(r.start()), "2026-11-01T00:00:00+07:00");
  EXPECT_EQ(format_rfc3339(r.end()), "2026-12-01T00:00:00+07:00");
  const DateRange recent = last_days(city("2026-11-26T00:30:00"));
  EXPECT_EQ(format_date(recent.from), "2026-10-28");
  EXPECT_EQ(format_date(recent.to), "2026-11-26");
  EXPECT_EQ(recent.days(), kDefaultDays);
}

TEST(StatsCsv, QuotesAsRfc4180AndKeepsFormulasInert) {
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field("Phường Sài Gòn"), "Phường Sài Gòn");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_field("=1+1"), "'=1+1");
  EXPECT_EQ(csv_field("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(csv_field(""), "");
  CsvWriter w;
  w.row({"a", "b,c"}).row({"", "1"});
  EXPECT_EQ(w.text(),
            "\xEF\xBB\xBF"
            "a,\"b,c\"\r\n,1\r\n");
  EXPECT_EQ(csv_number(0.6667), "0.6667");
  EXPECT_EQ(csv_number(4.0), "4");
  EXPECT_EQ(csv_number(std::optional<double>{}), "");
  EXPECT_EQ(csv_number(std::int64_t{12}), "12");
}

TEST(StatsCsv, RankingExportHasOneRowPerUnit) {
  Ranking ranking;
  ranking.period = reporting_period(Month{2026, 11});
  RankingRow row;
  row.rank = 1;
  row.unit = Label{"sawaco", "Tổng công ty Cấp nước Sài Gòn, TNHH MTV", "Saigon Water"};
  row.assigned = 3;
  row.resolved = 3;
  row.on_time = 2;
  row.satisfaction = Satisfaction{1, 4.0};
  ranking.rows.push_back(row);
  EXPECT_EQ(csv_filename(ranking), "congdanso-ranking-2026-11.csv");
  EXPECT_EQ(to_csv(ranking, false),
            "\xEF\xBB\xBF"
            "rank,code,name,assigned,resolved,on_time,on_time_rate,overdue_open_at_end,"
            "satisfaction_count,satisfaction_average\r\n"
            "1,sawaco,\"Tổng công ty Cấp nước Sài Gòn, TNHH MTV\",3,3,2,0.6667,0,1,4\r\n");
}

}  // namespace
}  // namespace cds::stats
