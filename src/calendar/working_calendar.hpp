// Working days for deadlines: Monday to Friday, less the public holidays that fall on them.
#pragma once

#include <set>

#include "common/clock.hpp"

namespace cds {

class WorkingCalendar {
 public:
  WorkingCalendar() = default;
  explicit WorkingCalendar(std::set<Date> holidays) : holidays_(std::move(holidays)) {}

  bool is_working_day(Date d) const;
  // The deadline for something received at `received` with `working_days` to answer: the end of
  // the Nth working day after the day of receipt (23:59:59.999 city time). A report received on a
  // weekend or holiday starts counting from the next working day, as it would at a counter.
  Millis deadline(Millis received, int working_days) const;

 private:
  std::set<Date> holidays_;
};

}  // namespace cds
