#include "calendar/working_calendar.hpp"

namespace cds {

bool WorkingCalendar::is_working_day(Date d) const {
  const int wd = weekday(d);
  return wd != 0 && wd != 6 && holidays_.count(d) == 0;
}

Millis WorkingCalendar::deadline(Millis received, int working_days) const {
  Date day = city_date(received);
  int left = working_days < 1 ? 1 : working_days;
  // Counting starts the day after receipt; days that are not working days do not count.
  while (left > 0) {
    day = add_days(day, 1);
    if (is_working_day(day)) --left;
  }
  return city_midnight(add_days(day, 1)) - 1;
}

}  // namespace cds
