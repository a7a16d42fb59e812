#include "common/clock.hpp"

#include <gtest/gtest.h>

namespace cds {
namespace {

TEST(Clock, FormatsInCityTime) {
  // 2026-11-28T03:00:00Z is 10:00 in the city.
  auto t = parse_rfc3339("2026-11-28T03:00:00Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(format_rfc3339(*t), "2026-11-28T10:00:00+07:00");
  EXPECT_EQ(parse_rfc3339("2026-11-28T10:00:00+07:00"), t);
  EXPECT_EQ(format_rfc3339(*t + 5), "2026-11-28T10:00:00.005+07:00");
}

TEST(Clock, RejectsMalformedTimes) {
  EXPECT_FALSE(parse_rfc3339("2026-11-28"));
  EXPECT_FALSE(parse_rfc3339("2026-13-01T00:00:00Z"));
  EXPECT_FALSE(parse_rfc3339("2026-02-30T00:00:00Z"));
  EXPECT_FALSE(parse_rfc3339("2026-11-28T10:00:00"));
  EXPECT_FALSE(parse_rfc3339("2026-11-28T10:00:00+07:00x"));
}

TEST(Clock, CityDateAndWeekday) {
  // 23:30 UTC on the 27th is already the 28th in the city.
  auto t = parse_rfc3339("2026-11-27T23:30:00Z");
  EXPECT_EQ(format_date(city_date(*t)), "2026-11-28");
  EXPECT_EQ(weekday(Date{2026, 11, 28}), 6);  // Saturday
  EXPECT_EQ(weekday(Date{1970, 1, 1}), 4);    // Thursday
  EXPECT_EQ(format_date(add_days(Date{2026, 12, 30}, 3)), "2027-01-02");
  EXPECT_EQ(format_rfc3339(city_midnight(Date{2026, 11, 28})), "2026-11-28T00:00:00+07:00");
}

}  // namespace
}  // namespace cds
