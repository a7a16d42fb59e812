// Time in the product: INTEGER milliseconds since the Unix epoch everywhere, RFC 3339 with the
// city's offset (+07:00; Vietnam keeps no daylight saving) on the wire.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cds {

using Millis = std::int64_t;

// The city's fixed offset from UTC.
inline constexpr Millis kCityOffsetMs = 7LL * 3600 * 1000;
inline constexpr Millis kDayMs = 24LL * 3600 * 1000;

// Wall-clock now. Services take a Clock so that tests can set the time.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Millis now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Millis now() const override;
};

// A clock that only moves when told; for tests.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Millis start) : now_(start) {}
  Millis now() const override { return now_; }
  void set(Millis t) { now_ = t; }
  void advance(Millis d) { now_ += d; }

 private:
  Millis now_;
};

// "2026-11-28T10:00:00.123+07:00" (milliseconds shown only when non-zero).
std::string format_rfc3339(Millis t);
// Accepts an offset or Z; nullopt when the text is not RFC 3339.
std::optional<Millis> parse_rfc3339(std::string_view text);

// A civil date, and conversions in the city's time zone.
struct Date {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  auto operator<=>(const Date&) const = default;
};
Date city_date(Millis t);
// Midnight at the start of `d` in the city, as epoch milliseconds.
Millis city_midnight(Date d);
// 0 = Sunday ... 6 = Saturday.
int weekday(Date d);
Date add_days(Date d, int days);
std::string format_date(Date d);                        // 2026-11-28
std::optional<Date> parse_date(std::string_view text);  // 2026-11-28

}  // namespace cds
