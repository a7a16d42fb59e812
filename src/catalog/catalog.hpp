// Categories (lĩnh vực) with their deadlines, units, routing rules and the working calendar's
// holidays: the reference data that routing and deadlines rest on.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/working_calendar.hpp"
#include "common/status.hpp"
#include "store/database.hpp"

namespace cds::catalog {

struct Category {
  std::string code;  // "dien_luc"
  std::string name;
  std::string name_en;
  int deadline_days = 5;   // working days
  bool sensitive = false;  // reports' locations are never public
  std::string icon;
};

struct Unit {
  std::string code;
  std::string name;
  std::string name_en;
  std::string kind;  // ward_committee | department | utility | center | leaders_office
  std::optional<std::string> area_code;
};

// The whole catalogue at one moment, read in one transaction. Immutable once built, so any
// number of threads may read it; intake and views use it instead of querying per request.
struct Snapshot {
  std::map<std::string, Category, std::less<>> categories;
  std::map<std::string, Unit, std::less<>> units;
  std::map<std::pair<std::string, std::string>, std::string> routes;  // (category, ward|'*') → unit
  WorkingCalendar calendar;

  const Category* category(std::string_view code) const;
  const Unit* unit(std::string_view code) const;
  // The unit responsible for `category` in `ward`: the (category, ward) rule, else the category's
  // default rule; nullopt when neither exists (an operator routes it by hand).
  std::optional<std::string> route(std::string_view category, std::string_view ward) const;
};

// Reads the catalogue from the store. Thread-safe.
class Catalog {
 public:
  // How long a snapshot serves before it is read again: an administrator's change to categories,
  // units, routing or holidays reaches every node within this time.
  static constexpr std::chrono::seconds kSnapshotTtl{10};

  explicit Catalog(store::Database& db) : db_(db) {}

  // A snapshot at most kSnapshotTtl old (read now if there is none or it is older).
  Result<std::shared_ptr<const Snapshot>> snapshot() const;

  // Drops the snapshot so that the next read sees an administrator's change at once (on this
  // node; the others within kSnapshotTtl).
  void invalidate() const;

  Result<std::vector<Category>> categories() const;
  Result<std::vector<Unit>> units() const;

 private:
  store::Database& db_;
  mutable std::mutex mutex_;  // guards snapshot_ and read_at_
  mutable std::shared_ptr<const Snapshot> snapshot_;
  mutable std::chrono::steady_clock::time_point read_at_;
};

// Public holidays that do not count as working days (the working calendar). Adding a day that
// exists renames it; removing one that does not exist is 404.
Status add_holiday(store::Database& db, Date day, const std::string& name);
Status remove_holiday(store::Database& db, Date day);
Result<std::vector<std::pair<Date, std::string>>> list_holidays(store::Database& db);

// Writes the reference data (wards, categories, units, routing rules, holidays); idempotent:
// rows that exist are left as an administrator may have changed them.
Status seed_reference_data(store::Database& db);

}  // namespace cds::catalog
