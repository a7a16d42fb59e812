// The spans of time that statistics cover, in city time (+07:00): a range of whole city dates,
// and the city's monthly reporting period, which runs from the 25th to the 25th.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/clock.hpp"

namespace cds::stats {

// A query covers at most this many days (a leap year), and by default the last kDefaultDays.
inline constexpr int kMaxDays = 366;
inline constexpr int kDefaultDays = 30;

// Whole city dates `from` .. `to`, both included: [midnight of from, midnight after to).
struct DateRange {
  Date from;
  Date to;

  Millis start() const { return city_midnight(from); }
  Millis end() const { return city_midnight(add_days(to, 1)); }  // exclusive
  int days() const;
};

// The kDefaultDays city dates that end with today (the city date of `now`).
DateRange last_days(Millis now);

// A month of the city's reporting calendar, "2026-11".
struct Month {
  int year = 1970;
  int month = 1;  // 1..12
  auto operator<=>(const Month&) const = default;
};

// The city's monthly reporting period, by which units are ranked: the period named by month M
// runs from the 25th of the month before M, 00:00 city time (included), to the 25th of M, 00:00
// city time (excluded). 2026-11 covers 2026-10-25 00:00 to 2026-11-25 00:00 (+07:00): a report
// resolved at 2026-11-24 23:59 counts in November's period, one resolved at 2026-11-25 00:00 in
// December's.
inline constexpr int kPeriodDay = 25;
struct ReportingPeriod {
  Month month;
  Millis start = 0;  // included
  Millis end = 0;    // excluded
};
ReportingPeriod reporting_period(Month month);
// The month whose reporting period contains `t`: from the 25th on, the next calendar month's.
Month reporting_month_of(Millis t);

std::optional<Month> parse_month(std::string_view text);  // "2026-11"
std::string format_month(Month month);

}  // namespace cds::stats
