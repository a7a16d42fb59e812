// Building the map's index from the store and keeping it in step with the event log.
#include "map/map_reports.hpp"

#include <algorithm>
#include <set>

namespace cds::map {
namespace {

using Clock = std::chrono::steady_clock;

constexpr const char* kColumns =
    "SELECT id, code, category_code, status, lat, lon, ward_code, anonymous, created_at, kind, "
    "public FROM reports";
constexpr std::int64_t kPage = 20'000;       // rows per read while building
constexpr std::int64_t kMaxEvents = 20'000;  // more pending events than this: rebuild instead
constexpr std::size_t kIdsPerRead = 500;

struct Loaded {
  ReportRow row;
  bool shown = false;  // public report in a public state
};

Loaded from_row(const store::Row& r) {
  Loaded l;
  l.row.id = r.i64(0);
  l.row.code = r.str(1);
  l.row.category = r.str(2);
  l.row.state = r.str(3);
  l.row.lat = r.opt_f64(4);
  l.row.lon = r.opt_f64(5);
  l.row.ward = r.opt_str(6);
  l.row.anonymous = r.boolean(7);
  l.row.created_at = r.i64(8);
  l.shown = r.str(9) == "report" && r.boolean(10) && public_state_index(l.row.state).has_value();
  return l;
}

}  // namespace

Result<std::shared_ptr<const ReportIndex>> MapReports::index() {
  std::shared_ptr<const ReportIndex> have;
  {
    std::lock_guard lock(current_mutex_);
    have = current_;
  }
  std::unique_lock refresh(refresh_mutex_, std::defer_lock);
  if (have) {
    // Someone else is refreshing: the index in hand is at most a refresh behind.
    if (!refresh.try_lock()) return have;
  } else {
    refresh.lock();
  }
  const auto now = Clock::now();
  if (current_ && now - refreshed_at_ < kRefreshEvery) return current_;
  const bool rebuild = bases_.empty() || now - rebuilt_at_ >= kRebuildEvery;
  Status st = rebuild ? rebuild_locked() : apply_events_locked();
  refreshed_at_ = now;
  if (!st.ok()) {
    if (current_) return current_;  // the store is away: keep answering from what we know
    return st;
  }
  return current_;
}

Status MapReports::refresh(bool rebuild) {
  std::lock_guard lock(refresh_mutex_);
  Status st = rebuild || bases_.empty() ? rebuild_locked() : apply_events_locked();
  refreshed_at_ = Clock::now();
  return st;
}

Status MapReports::read_reference(store::Tx& tx) {
  sensitive_.clear();
  for (const auto& r : tx.query("SELECT code, sensitive FROM categories"))
    sensitive_[r.str(0)] = r.boolean(1);
  centroids_.clear();
  for (const auto& r : tx.query("SELECT code, centroid_lat, centroid_lon FROM areas"))
    centroids_[r.str(0)] = WardPoint{r.f64(1), r.f64(2)};
  return Status::Ok();
}

std::uint16_t MapReports::intern(std::vector<std::string>& table,
                                 std::map<std::string, std::uint16_t>& ids,
                                 const std::string& code) {
  auto it = ids.find(code);
  if (it != ids.end()) return it->second;
  const auto id = static_cast<std::uint16_t>(table.size());
  table.push_back(code);
  ids.emplace(code, id);
  return id;
}

std::optional<MapEntry> MapReports::to_entry(const ReportRow& row) {
  const auto state = public_state_index(row.state);
  if (!state) return std::nullopt;
  auto sensitive = sensitive_.find(row.category);
  // A category nobody knows is treated as sensitive: better a ward than a leak.
  const bool hides_place = row.anonymous || sensitive == sensitive_.end() || sensitive->second;
  MapEntry e;
  e.id = row.id;
  e.created_at = row.created_at;
  e.state = *state;
  set_code(e, row.code);
  e.category = intern(categories_, category_ids_, row.category);
  e.ward = intern(wards_, ward_ids_, row.ward.value_or(""));
  if (!hides_place && row.lat && row.lon) {
    e.lat = *row.lat;
    e.lon = *row.lon;
  } else {
    if (!row.ward) return std::nullopt;
    auto c = centroids_.find(*row.ward);
    if (c == centroids_.end()) return std::nullopt;
    e.lat = c->second.lat;
    e.lon = c->second.lon;
    e.approximate = true;
  }
  const TilePoint p = to_tile_point(e.lat, e.lon);
  e.key = morton(p.x, p.y);
  return e;
}

Status MapReports::rebuild_locked() {
  std::vector<ReportRow> rows;
  std::int64_t last_event = 0;
  Status st = db_.read([&](store::Tx& tx) {
    rows.clear();
    read_reference(tx);
    last_event = tx.one("SELECT COALESCE(MAX(id), 0) FROM events")->i64(0);
    const std::string sql = std::string(kColumns) +
                            " WHERE kind = 'report' AND public = 1 AND id > $1 AND status IN "
                            "('received','assigned','in_progress','resolved','closed') "
                            "ORDER BY id LIMIT $2";
    std::int64_t after = 0;
    for (;;) {
      auto page = tx.query(sql, {after, kPage});
      for (const auto& r : page) rows.push_back(from_row(r).row);
      if (static_cast<std::int64_t>(page.size()) < kPage) break;
      after = rows.back().id;
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  entries_.clear();
  entries_.reserve(rows.size());
  for (const ReportRow& row : rows)
    if (auto e = to_entry(row)) entries_.emplace(row.id, *e);
  last_event_ = last_event;
  rebuilt_at_ = reference_read_at_ = Clock::now();
  publish_locked(true);
  return Status::Ok();
}

Status MapReports::apply_events_locked() {
  const auto sensitive_before = sensitive_;
  const auto centroids_before = centroids_.size();
  std::set<std::int64_t> changed;
  std::vector<Loaded> loaded;
  std::int64_t last_event = last_event_;
  bool too_many = false;
  const auto now = Clock::now();
  const bool reread = now - reference_read_at_ >= kReferenceEvery;
  Status st = db_.read([&](store::Tx& tx) {
    changed.clear();
    loaded.clear();
    if (reread) read_reference(tx);
    auto events = tx.query("SELECT id, report_id FROM events WHERE id > $1 ORDER BY id LIMIT $2",
                           {last_event_, kMaxEvents + 1});
    if (static_cast<std::int64_t>(events.size()) > kMaxEvents) {
      too_many = true;
      return Status::Ok();
    }
    for (const auto& e : events) {
      last_event = e.i64(0);
      if (!e.is_null(1)) changed.insert(e.i64(1));
    }
    std::vector<std::int64_t> ids(changed.begin(), changed.end());
    for (std::size_t i = 0; i < ids.size(); i += kIdsPerRead) {
      std::string in;
      std::vector<store::Value> params;
      for (std::size_t j = i; j < std::min(ids.size(), i + kIdsPerRead); ++j) {
        params.emplace_back(ids[j]);
        in += (in.empty() ? "$" : ", $") + std::to_string(params.size());
      }
      for (const auto& r : tx.query(std::string(kColumns) + " WHERE id IN (" + in + ")", params))
        loaded.push_back(from_row(r));
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  if (reread) reference_read_at_ = now;
  // A category's sensitivity (or the wards) changed: every entry's place may change.
  if (too_many || sensitive_ != sensitive_before || centroids_.size() != centroids_before)
    return rebuild_locked();
  if (changed.empty()) return Status::Ok();
  std::map<std::int64_t, const Loaded*> by_id;
  for (const Loaded& l : loaded) by_id[l.row.id] = &l;
  for (std::int64_t id : changed) {
    auto current = entries_.find(id);
    // The entry shown now is the base's own unless the overlay already replaced it.
    if (current != entries_.end() && !added_.count(id)) removed_.emplace(id, current->second);
    auto l = by_id.find(id);
    std::optional<MapEntry> next;
    if (l != by_id.end() && l->second->shown) next = to_entry(l->second->row);
    if (next) {
      entries_[id] = *next;
      added_[id] = *next;
    } else {
      entries_.erase(id);
      added_.erase(id);
    }
  }
  last_event_ = last_event;
  publish_locked(removed_.size() + added_.size() > kMaxOverlay);
  return Status::Ok();
}

void MapReports::publish_locked(bool new_base) {
  if (new_base) {
    std::vector<std::vector<MapEntry>> by_category(categories_.size());
    for (const auto& [id, e] : entries_) by_category[e.category].push_back(e);
    bases_.clear();
    for (auto& entries : by_category)
      bases_.push_back(std::make_shared<const SortedBase>(std::move(entries)));
    removed_.clear();
    added_.clear();
  }
  std::vector<MapEntry> removed, added;
  for (const auto& [id, e] : removed_) removed.push_back(e);
  for (const auto& [id, e] : added_) added.push_back(e);
  auto next = std::make_shared<const ReportIndex>(bases_, std::move(removed), std::move(added),
                                                  categories_, wards_);
  std::lock_guard lock(current_mutex_);
  current_ = std::move(next);
}

}  // namespace cds::map
