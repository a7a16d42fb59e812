// The reference data seeded into a new database (facts, written here once).
#pragma once

#include <span>
#include <string_view>

namespace cds::catalog {

struct CategoryFact {
  std::string_view code, name, name_en;
  int deadline_days;
  bool sensitive;
  std::string_view icon;
  // Default unit; "@ward" routes to the People's Committee of the report's ward.
  std::string_view default_unit;
};

struct UnitFact {
  std::string_view code, name, name_en, kind;
};

struct HolidayFact {
  std::string_view day, name;
};

std::span<const CategoryFact> category_facts();
std::span<const UnitFact> city_unit_facts();  // departments, utilities, centres (not wards)
std::span<const HolidayFact> holiday_facts();

// "ubnd-26740": the People's Committee of ward 26740.
inline constexpr std::string_view kWardCommitteePrefix = "ubnd-";

}  // namespace cds::catalog
