// Cluster and point queries over the sorted base and its overlay.
#include "map/report_index.hpp"

#include <algorithm>
#include <cstring>
#include <limits>

namespace cds::map {
namespace {

// The tiles at `zoom` that cover the view: columns [x0, x1], rows [y0, y1].
struct TileSpan {
  int zoom;
  std::uint32_t x0, x1, y0, y1;
  std::size_t count() const { return std::size_t{x1 - x0 + 1} * (y1 - y0 + 1); }
  bool holds(const Tile& t) const { return t.x >= x0 && t.x <= x1 && t.y >= y0 && t.y <= y1; }
  std::size_t slot(const Tile& t) const {
    return std::size_t{t.y - y0} * (x1 - x0 + 1) + (t.x - x0);
  }
};

TileSpan span_at(const Viewport& v, int zoom) {
  const Tile north_west = tile_of(to_tile_point(v.max_lat, v.min_lon), zoom);
  const Tile south_east = tile_of(to_tile_point(v.min_lat, v.max_lon), zoom);
  return TileSpan{zoom, north_west.x, south_east.x, north_west.y, south_east.y};
}

// The deepest zoom ≤ `wanted` at which at most `max_tiles` tiles cover the view.
TileSpan fitting_span(const Viewport& v, int wanted, std::size_t max_tiles) {
  int zoom = std::clamp(wanted, 0, kKeyZoom);
  TileSpan s = span_at(v, zoom);
  while (s.count() > max_tiles && zoom > 0) s = span_at(v, --zoom);
  return s;
}

bool inside(const Viewport& v, const MapEntry& e) {
  return e.lat >= v.min_lat && e.lat <= v.max_lat && e.lon >= v.min_lon && e.lon <= v.max_lon;
}

TilePoint point_of(const MapEntry& e) {
  return to_tile_point(e.lat, e.lon);
}

}  // namespace

std::optional<std::uint8_t> public_state_index(std::string_view name) {
  for (std::size_t i = 0; i < kPublicStateNames.size(); ++i)
    if (kPublicStateNames[i] == name) return static_cast<std::uint8_t>(i);
  return std::nullopt;
}

std::string_view MapEntry::code_text() const {
  return std::string_view(code.data(), strnlen(code.data(), code.size()));
}

void set_code(MapEntry& e, std::string_view code) {
  e.code.fill('\0');
  std::memcpy(e.code.data(), code.data(), std::min(code.size(), e.code.size()));
}

bool Filter::keeps(const MapEntry& e) const {
  if (!(states & (1u << e.state))) return false;
  if (!categories.empty() && (e.category >= categories.size() || !categories[e.category]))
    return false;
  if (since && e.created_at < *since) return false;
  if (until && e.created_at >= *until) return false;
  return true;
}

bool Filter::prefix_answers() const {
  return !since && !until;
}

std::uint32_t Aggregate::total() const {
  std::uint32_t n = 0;
  for (auto c : counts) n += c;
  return n;
}

void Aggregate::add(const MapEntry& e, int sign) {
  counts[e.state] += static_cast<std::uint32_t>(sign);
  sum_lat += sign * e.lat;
  sum_lon += sign * e.lon;
}

SortedBase::SortedBase(std::vector<MapEntry> entries) : entries_(std::move(entries)) {
  std::sort(entries_.begin(), entries_.end(), [](const MapEntry& a, const MapEntry& b) {
    return a.key != b.key ? a.key < b.key : a.id < b.id;
  });
  prefix_.resize(entries_.size() + 1);
  compact_.reserve(entries_.size());
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    const MapEntry& e = entries_[i];
    prefix_[i + 1] = prefix_[i];
    prefix_[i + 1].counts[e.state] += 1;
    prefix_[i + 1].sum_lat[e.state] += e.lat;
    prefix_[i + 1].sum_lon[e.state] += e.lon;
    compact_.push_back(Compact{e.created_at, e.category, e.state});
  }
}

void SortedBase::scan(std::size_t first, std::size_t last, const Filter& f, Aggregate& a) const {
  const bool by_category = !f.categories.empty();
  const Millis since = f.since.value_or(std::numeric_limits<Millis>::min());
  const Millis until = f.until.value_or(std::numeric_limits<Millis>::max());
  for (std::size_t i = first; i < last; ++i) {
    const Compact& c = compact_[i];
    if (!(f.states & (1u << c.state)) || c.created_at < since || c.created_at >= until) continue;
    if (by_category && (c.category >= f.categories.size() || !f.categories[c.category])) continue;
    a.add(entries_[i], 1);
  }
}

std::pair<std::size_t, std::size_t> SortedBase::range(std::uint64_t first_key,
                                                      std::uint64_t end_key) const {
  auto by_key = [](const MapEntry& e, std::uint64_t k) { return e.key < k; };
  auto lo = std::lower_bound(entries_.begin(), entries_.end(), first_key, by_key);
  auto hi = std::lower_bound(lo, entries_.end(), end_key, by_key);
  return {static_cast<std::size_t>(lo - entries_.begin()),
          static_cast<std::size_t>(hi - entries_.begin())};
}

std::pair<std::size_t, std::size_t> SortedBase::range_from(std::size_t from,
                                                           std::uint64_t first_key,
                                                           std::uint64_t end_key) const {
  // The first position at or after `start` whose key is not below `key`: doubling steps, then a
  // binary search within the last step.
  auto gallop = [this](std::size_t start, std::uint64_t key) {
    const std::size_t n = entries_.size();
    if (start >= n || entries_[start].key >= key) return start;
    std::size_t step = 1, lo = start;
    while (lo + step < n && entries_[lo + step].key < key) {
      lo += step;
      step *= 2;
    }
    const std::size_t hi = std::min(n, lo + step + 1);
    auto it = std::lower_bound(entries_.begin() + lo, entries_.begin() + hi, key,
                               [](const MapEntry& e, std::uint64_t k) { return e.key < k; });
    return static_cast<std::size_t>(it - entries_.begin());
  };
  const std::size_t first = gallop(from, first_key);
  return {first, gallop(first, end_key)};
}

Aggregate SortedBase::sum(std::size_t first, std::size_t last, std::uint8_t states) const {
  Aggregate a;
  for (int s = 0; s < kPublicStates; ++s) {
    if (!(states & (1u << s))) continue;
    a.counts[s] = prefix_[last].counts[s] - prefix_[first].counts[s];
    // Differences of large sums lose a little precision; a centre to ~1e-9 degrees is plenty.
    a.sum_lat += prefix_[last].sum_lat[s] - prefix_[first].sum_lat[s];
    a.sum_lon += prefix_[last].sum_lon[s] - prefix_[first].sum_lon[s];
  }
  return a;
}

ReportIndex::ReportIndex(std::vector<std::shared_ptr<const SortedBase>> bases,
                         std::vector<MapEntry> removed, std::vector<MapEntry> added,
                         std::vector<std::string> categories, std::vector<std::string> wards)
    : bases_(std::move(bases)),
      removed_(std::move(removed)),
      added_(std::move(added)),
      categories_(std::move(categories)),
      wards_(std::move(wards)) {
  for (const MapEntry& e : removed_) removed_ids_.insert(e.id);
}

std::optional<std::uint16_t> ReportIndex::category_index(std::string_view code) const {
  for (std::size_t i = 0; i < categories_.size(); ++i)
    if (categories_[i] == code) return static_cast<std::uint16_t>(i);
  return std::nullopt;
}

std::size_t ReportIndex::size() const {
  std::size_t n = 0;
  for (const auto& b : bases_)
    if (b) n += b->entries().size();
  return n - removed_.size() + added_.size();
}

std::vector<const SortedBase*> ReportIndex::bases_for(const Filter& filter) const {
  std::vector<const SortedBase*> out;
  for (std::size_t c = 0; c < bases_.size(); ++c) {
    if (!bases_[c] || bases_[c]->entries().empty()) continue;
    if (!filter.categories.empty() && (c >= filter.categories.size() || !filter.categories[c]))
      continue;
    out.push_back(bases_[c].get());
  }
  return out;
}

ClusterAnswer ReportIndex::clusters(const Viewport& view, const Filter& filter) const {
  const TileSpan cells = fitting_span(view, view.zoom + kCellDepth, kMaxCells);
  std::vector<Aggregate> sums(cells.count());
  const bool prefix = filter.prefix_answers();
  // Each cell is one run of keys; taken in key order, each run starts at or after the last one's
  // end, so that one forward walk (galloping over the gaps) finds them all.
  std::vector<Tile> in_order;
  in_order.reserve(cells.count());
  for (std::uint32_t y = cells.y0; y <= cells.y1; ++y)
    for (std::uint32_t x = cells.x0; x <= cells.x1; ++x) in_order.push_back(Tile{cells.zoom, x, y});
  std::sort(in_order.begin(), in_order.end(),
            [](const Tile& a, const Tile& b) { return morton(a.x, a.y) < morton(b.x, b.y); });
  for (const SortedBase* base : bases_for(filter)) {
    std::size_t from = 0;
    for (const Tile& cell : in_order) {
      auto [first, last] = base->range_from(from, cell.first_key(), cell.end_key());
      from = last;
      if (first == last) continue;
      Aggregate& a = sums[cells.slot(cell)];
      if (prefix) {
        const Aggregate part = base->sum(first, last, filter.states);
        for (int s = 0; s < kPublicStates; ++s) a.counts[s] += part.counts[s];
        a.sum_lat += part.sum_lat;
        a.sum_lon += part.sum_lon;
      } else {
        base->scan(first, last, filter, a);
      }
    }
  }
  // The overlay: take back what left the base, count what came since.
  for (const MapEntry& e : removed_) {
    const Tile cell = tile_of(point_of(e), cells.zoom);
    if (cells.holds(cell) && filter.keeps(e)) sums[cells.slot(cell)].add(e, -1);
  }
  for (const MapEntry& e : added_) {
    const Tile cell = tile_of(point_of(e), cells.zoom);
    if (cells.holds(cell) && filter.keeps(e)) sums[cells.slot(cell)].add(e, 1);
  }
  ClusterAnswer out;
  out.cell_zoom = cells.zoom;
  for (std::uint32_t y = cells.y0; y <= cells.y1; ++y) {
    for (std::uint32_t x = cells.x0; x <= cells.x1; ++x) {
      const Tile cell{cells.zoom, x, y};
      const Aggregate& a = sums[cells.slot(cell)];
      const std::uint32_t n = a.total();
      if (n == 0) continue;
      out.total += n;
      out.clusters.push_back(Cluster{cell, a});
    }
  }
  return out;
}

PointAnswer ReportIndex::points(const Viewport& view, const Filter& filter,
                                std::size_t limit) const {
  // A few tiles cover the box; within them only entries inside the box itself are kept.
  const TileSpan tiles = fitting_span(view, view.zoom, 64);
  PointAnswer out;
  auto keep = [&](const MapEntry& e) {
    if (!inside(view, e) || !filter.keeps(e)) return true;
    if (out.points.size() == limit) {
      out.truncated = true;
      return false;
    }
    out.points.push_back(e);
    return true;
  };
  for (const SortedBase* base : bases_for(filter)) {
    const auto& entries = base->entries();
    for (std::uint32_t y = tiles.y0; y <= tiles.y1; ++y) {
      for (std::uint32_t x = tiles.x0; x <= tiles.x1; ++x) {
        const Tile tile{tiles.zoom, x, y};
        auto [first, last] = base->range(tile.first_key(), tile.end_key());
        for (std::size_t i = first; i < last; ++i) {
          if (!removed_ids_.empty() && removed_ids_.count(entries[i].id)) continue;
          if (!keep(entries[i])) return out;
        }
      }
    }
  }
  for (const MapEntry& e : added_)
    if (!keep(e)) return out;
  return out;
}

}  // namespace cds::map
