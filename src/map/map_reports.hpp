// Keeps the map's index of public reports in step with the store: built once from `reports`, then
// brought up to date from the event log (every change to a report appends an event naming it in
// the same transaction) at most every kRefreshEvery, and rebuilt whole every kRebuildEvery as a
// safety net for changes that append no event, or when a category's sensitivity changes.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/clock.hpp"
#include "common/status.hpp"
#include "map/report_index.hpp"
#include "store/database.hpp"

namespace cds::map {

// Which reports the map shows, and where (docs/MAP.md):
//  - public reports (kind `report`, public = 1) in a state the public sees;
//  - at their own point, unless the report is anonymous, its category is sensitive or it has no
//    point: then at its ward's centroid (never its own place); without a ward it is left out.
struct ReportRow {
  std::int64_t id = 0;
  std::string code, category, state;
  std::optional<double> lat, lon;
  std::optional<std::string> ward;
  bool anonymous = false;
  Millis created_at = 0;
};

class MapReports {
 public:
  static constexpr std::chrono::milliseconds kRefreshEvery{1000};
  static constexpr std::chrono::minutes kRebuildEvery{10};
  // Past this many overlay entries the sorted base is rebuilt from the current entries.
  static constexpr std::size_t kMaxOverlay = 20'000;
  // How often categories' sensitivity and the wards' centroids are read again (a change rebuilds).
  static constexpr std::chrono::seconds kReferenceEvery{10};

  explicit MapReports(store::Database& db) : db_(db) {}

  // The index, brought up to date first when it is older than kRefreshEvery. Thread-safe: one
  // caller refreshes while the others keep answering from the index they have.
  Result<std::shared_ptr<const ReportIndex>> index();

  // Builds or refreshes now (tests, the benchmark, start-up).
  Status refresh(bool rebuild);

 private:
  struct WardPoint {
    double lat, lon;
  };
  Status rebuild_locked();
  Status apply_events_locked();
  std::optional<MapEntry> to_entry(const ReportRow& row);
  std::uint16_t intern(std::vector<std::string>& table, std::map<std::string, std::uint16_t>& ids,
                       const std::string& code);
  void publish_locked(bool new_base);
  Status read_reference(store::Tx& tx);

  store::Database& db_;
  std::mutex refresh_mutex_;  // one refresher at a time; guards everything below but current_
  std::unordered_map<std::int64_t, MapEntry> entries_;    // every entry shown now, by report id
  std::vector<std::shared_ptr<const SortedBase>> bases_;  // by category index
  std::unordered_map<std::int64_t, std::size_t> base_position_;  // report id → base entry
  std::unordered_map<std::int64_t, MapEntry> removed_;           // base entries no longer current
  std::unordered_map<std::int64_t, MapEntry> added_;             // current entries not in the base
  std::vector<std::string> categories_, wards_;
  std::map<std::string, std::uint16_t> category_ids_, ward_ids_;
  std::map<std::string, bool> sensitive_;  // category → hides the place
  std::map<std::string, WardPoint> centroids_;
  std::int64_t last_event_ = 0;
  std::chrono::steady_clock::time_point refreshed_at_, rebuilt_at_, reference_read_at_;

  std::mutex current_mutex_;  // guards current_
  std::shared_ptr<const ReportIndex> current_;
};

}  // namespace cds::map
