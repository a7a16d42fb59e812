#include "calendar/working_calendar.hpp"

#include <gtest/gtest.h>

namespace cds {
namespace {

Millis at(const char* rfc3339) {
  return *parse_rfc3339(rfc3339);
}

TEST(WorkingCalendar, WeekendsDoNotCount) {
  WorkingCalendar cal;
  // Monday 2026-11-23, 5 working days: Tue..Fri and the next Monday.
  EXPECT_EQ(format_rfc3339(cal.deadline(at("2026-11-23T09:00:00+07:00"), 5)),
            "2026-11-30T23:59:59.999+07:00");
  // Friday: the following Friday.
  EXPECT_EQ(format_rfc3339(cal.deadline(at("2026-11-27T16:00:00+07:00"), 5)),
            "2026-12-04T23:59:59.999+07:00");
  // Saturday late at night: counting starts on Monday.
  EXPECT_EQ(format_rfc3339(cal.deadline(at("2026-11-28T23:30:00+07:00"), 1)),
            "2026-11-30T23:59:59.999+07:00");
}

TEST(WorkingCalendar, DayOfReceiptFollowsCityTime) {
  WorkingCalendar cal;
  // 17:30 UTC on Sunday is 00:30 on Monday in the city: the first working day is Tuesday.
  EXPECT_EQ(format_rfc3339(cal.deadline(at("2026-11-29T17:30:00Z"), 1)),
            "2026-12-01T23:59:59.999+07:00");
}

TEST(WorkingCalendar, HolidaysDoNotCount) {
  // Tết 2026: Monday 16 to Friday 20 February are holidays.
  WorkingCalendar cal({Date{2026, 2, 16}, Date{2026, 2, 17}, Date{2026, 2, 18}, Date{2026, 2, 19},
                       Date{2026, 2, 20}});
  EXPECT_FALSE(cal.is_working_day(Date{2026, 2, 18}));
  EXPECT_TRUE(cal.is_working_day(Date{2026, 2, 23}));
  EXPECT_EQ(format_rfc3339(cal.deadline(at("2026-02-13T10:00:00+07:00"), 2)),
            "2026-02-24T23:59:59.999+07:00");
}

TEST(WorkingCalendar, AtLeastOneDay) {
  WorkingCalendar cal;
  EXPECT_EQ(cal.deadline(at("2026-11-23T09:00:00+07:00"), 0),
            cal.deadline(at("2026-11-23T09:00:00+07:00"), 1));
}

}  // namespace
}  // namespace cds
