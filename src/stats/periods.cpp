// City-time periods for statistics.
#include "stats/periods.hpp"

#include <cstdio>

namespace cds::stats {

int DateRange::days() const {
  return static_cast<int>((city_midnight(to) - city_midnight(from)) / kDayMs) + 1;
}

DateRange last_days(Millis now) {
  const Date today = city_date(now);
  return DateRange{add_days(today, 1 - kDefaultDays), today};
}

ReportingPeriod reporting_period(Month month) {
  const Month before =
      month.month == 1 ? Month{month.year - 1, 12} : Month{month.year, month.month - 1};
  return ReportingPeriod{month, city_midnight(Date{before.year, before.month, kPeriodDay}),
                         city_midnight(Date{month.year, month.month, kPeriodDay})};
}

Month reporting_month_of(Millis t) {
  const Date d = city_date(t);
  if (d.day < kPeriodDay) return Month{d.year, d.month};
  return d.month == 12 ? Month{d.year + 1, 1} : Month{d.year, d.month + 1};
}

std::optional<Month> parse_month(std::string_view text) {
  // A month is the first ten characters of a date without the day: reuse the date's reading.
  if (text.size() != 7) return std::nullopt;
  const auto day = parse_date(std::string(text) + "-01");
  if (!day) return std::nullopt;
  return Month{day->year, day->month};
}

std::string format_month(Month month) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", month.year, month.month);
  return buf;
}

}  // namespace cds::stats
