// The in-memory index of public reports for the map: every report at the point the public may see
// (its own, or its ward's centroid when it is anonymous or its category is sensitive), one array
// per category sorted by Morton key so that any tile at any zoom is one run of each array, with
// prefix sums of counts and coordinates per state so that a tile's count and centre, filtered by
// category and state, cost two binary searches per category (a time filter scans the runs). Changes
// since the sorted base was built are a small overlay (removed base entries, added entries) applied
// per query. An index is immutable once built: any number of threads may query it.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "common/clock.hpp"
#include "map/tiles.hpp"

namespace cds::map {

// The states in which the public sees a report, in this order (bits of Filter::states).
inline constexpr int kPublicStates = 5;
inline constexpr std::array<std::string_view, kPublicStates> kPublicStateNames = {
    "received", "assigned", "in_progress", "resolved", "closed"};
std::optional<std::uint8_t> public_state_index(std::string_view name);

// One public report as the map shows it.
struct MapEntry {
  std::uint64_t key = 0;  // Morton key of the shown point
  std::int64_t id = 0;
  Millis created_at = 0;
  double lat = 0, lon = 0;      // the shown point: exact, or the ward's centroid
  std::array<char, 16> code{};  // "PA-2611-000123", NUL-padded
  std::uint16_t category = 0;   // index into ReportIndex::categories
  std::uint16_t ward = 0;       // index into ReportIndex::wards
  std::uint8_t state = 0;       // index into kPublicStateNames
  bool approximate = false;     // shown at the ward's centroid, never at its own place

  std::string_view code_text() const;
};
void set_code(MapEntry& e, std::string_view code);

// What a query keeps. Empty `categories` keeps every category.
struct Filter {
  std::vector<bool> categories;  // by category index
  std::uint8_t states = (1u << kPublicStates) - 1;
  std::optional<Millis> since, until;  // created_at in [since, until)
  bool keeps(const MapEntry& e) const;
  // Only states and categories are chosen: prefix sums per state, in the chosen categories'
  // bases, answer without looking at entries.
  bool prefix_answers() const;
};

// Counts by state and the sum of shown coordinates (for the centre) of some entries.
struct Aggregate {
  std::array<std::uint32_t, kPublicStates> counts{};
  double sum_lat = 0, sum_lon = 0;
  std::uint32_t total() const;
  void add(const MapEntry& e, int sign);
};

// The map's view: a box (degrees) and Leaflet's zoom.
struct Viewport {
  double min_lon, min_lat, max_lon, max_lat;
  int zoom;
};

struct Cluster {
  Tile cell;
  Aggregate aggregate;
};
struct ClusterAnswer {
  int cell_zoom = 0;
  std::vector<Cluster> clusters;  // non-empty cells only
  std::int64_t total = 0;
};
struct PointAnswer {
  std::vector<MapEntry> points;
  bool truncated = false;  // more kept entries lie in the box than `limit`
};

// The sorted entries and their prefix sums. Built once (O(n log n)), then read-only.
class SortedBase {
 public:
  explicit SortedBase(std::vector<MapEntry> entries);
  const std::vector<MapEntry>& entries() const { return entries_; }
  // Positions [first, last) of the entries whose keys lie in [first_key, end_key).
  std::pair<std::size_t, std::size_t> range(std::uint64_t first_key, std::uint64_t end_key) const;
  // The same, searching forward from position `from` (every entry before it has a smaller key)
  // by galloping: cheap when the answer is near, as it is for cells taken in key order.
  std::pair<std::size_t, std::size_t> range_from(std::size_t from, std::uint64_t first_key,
                                                 std::uint64_t end_key) const;
  // The aggregate of the entries at positions [first, last) in the states of `states` (bits), in
  // O(1).
  Aggregate sum(std::size_t first, std::size_t last, std::uint8_t states) const;
  // Adds the entries at positions [first, last) that `filter` keeps to `a`: a scan, but over the
  // compact copy of the filtered fields (16 bytes an entry, not 72).
  void scan(std::size_t first, std::size_t last, const Filter& filter, Aggregate& a) const;

 private:
  struct Prefix {
    std::array<std::uint32_t, kPublicStates> counts{};
    std::array<double, kPublicStates> sum_lat{}, sum_lon{};
  };
  struct Compact {
    Millis created_at;
    std::uint16_t category;
    std::uint8_t state;
  };
  std::vector<MapEntry> entries_;
  std::vector<Compact> compact_;  // the fields filters read, in the same order
  std::vector<Prefix> prefix_;    // prefix_[i]: entries [0, i)
};

class ReportIndex {
 public:
  // Cells are tiles this many zooms deeper than the view: 64 px squares on 256 px tiles.
  static constexpr int kCellDepth = 2;
  // A view never asks for more cells than this (the cell zoom drops until it fits).
  static constexpr std::size_t kMaxCells = 4096;

  // `bases[c]`: the sorted entries of category index c (one base per category, so that a
  // category filter reads only its categories' bases and still answers from prefix sums).
  ReportIndex(std::vector<std::shared_ptr<const SortedBase>> bases, std::vector<MapEntry> removed,
              std::vector<MapEntry> added, std::vector<std::string> categories,
              std::vector<std::string> wards);

  ClusterAnswer clusters(const Viewport& view, const Filter& filter) const;
  PointAnswer points(const Viewport& view, const Filter& filter, std::size_t limit) const;

  const std::vector<std::string>& categories() const { return categories_; }
  const std::vector<std::string>& wards() const { return wards_; }
  std::optional<std::uint16_t> category_index(std::string_view code) const;
  std::size_t size() const;  // entries shown on the map
  std::size_t overlay_size() const { return removed_.size() + added_.size(); }

 private:
  // The bases a filter reads: every category's, or the chosen ones'.
  std::vector<const SortedBase*> bases_for(const Filter& filter) const;

  std::vector<std::shared_ptr<const SortedBase>> bases_;  // by category index; may hold nulls
  std::vector<MapEntry> removed_;  // base entries that changed or left since the base was built
  std::unordered_set<std::int64_t> removed_ids_;
  std::vector<MapEntry> added_;  // current entries not in the base
  std::vector<std::string> categories_;
  std::vector<std::string> wards_;
};

}  // namespace cds::map
