// The index holder and the fallback.
#include "areas/locator.hpp"

#include "areas/boundary_store.hpp"
#include "areas/city_outline.hpp"
#include "common/hash.hpp"

namespace cds::areas {

std::string_view method_name(Method method) {
  return method == Method::kBoundary ? "boundary" : "nearest_centroid";
}

Locator::Locator(store::Database& db, std::chrono::milliseconds recheck)
    : db_(db), recheck_(recheck) {}

Status Locator::refresh() const {
  std::lock_guard refresh(refresh_mutex_);
  return refresh_locked();
}

Status Locator::refresh_locked() const {
  std::int64_t version = 0;
  std::vector<StoredBoundary> rows;
  Status st = db_.read([&](store::Tx& tx) -> Status {
    version = boundary_version(tx);
    if (version != loaded_version_) rows = load_boundaries(tx);
    return Status::Ok();
  });
  const auto now = std::chrono::steady_clock::now();
  if (!st.ok()) {
    // Keep serving what is held; try again after the next interval.
    std::lock_guard lock(mutex_);
    checked_at_ = now;
    checked_ = true;
    return st;
  }
  std::shared_ptr<const WardIndex> fresh;
  bool replace = version != loaded_version_;
  if (replace && !rows.empty()) {
    std::string all;
    std::vector<Boundary> boundaries;
    boundaries.reserve(rows.size());
    for (auto& r : rows) {
      all += r.code + ":" + r.digest + ";";
      boundaries.push_back(Boundary{std::move(r.code), std::move(r.geometry)});
    }
    auto built = WardIndex::build(boundaries, sha256_hex(all).substr(0, 16));
    if (!built.ok()) {
      std::lock_guard lock(mutex_);
      checked_at_ = now;
      checked_ = true;
      return built.status();
    }
    fresh = std::move(*built);
  }
  loaded_version_ = version;
  std::lock_guard lock(mutex_);
  if (replace) index_ = std::move(fresh);
  checked_at_ = now;
  checked_ = true;
  return Status::Ok();
}

std::shared_ptr<const WardIndex> Locator::index() const {
  {
    std::lock_guard lock(mutex_);
    if (checked_ && std::chrono::steady_clock::now() - checked_at_ < recheck_) return index_;
  }
  // Someone is already reading the store: serve the index held meanwhile (the first call of all
  // waits for it instead, so that no point is placed by the fallback while boundaries exist).
  std::unique_lock refresh(refresh_mutex_, std::try_to_lock);
  if (!refresh.owns_lock()) {
    {
      std::lock_guard lock(mutex_);
      if (checked_) return index_;
    }
    refresh.lock();
  }
  {
    std::lock_guard lock(mutex_);
    if (checked_ && std::chrono::steady_clock::now() - checked_at_ < recheck_) return index_;
  }
  (void)refresh_locked();
  std::lock_guard lock(mutex_);
  return index_;
}

std::optional<Located> Locator::locate(double lat, double lon) const {
  if (auto idx = index()) {
    auto p = idx->locate(lat, lon);
    if (!p) return std::nullopt;
    return Located{p->ward, Method::kBoundary, p->outside_by_m};
  }
  return areas::locate(nullptr, lat, lon);
}

std::optional<Located> locate(const Locator* locator, double lat, double lon) {
  if (locator) return locator->locate(lat, lon);
  if (!in_city(lat, lon)) return std::nullopt;
  return Located{&nearest_ward(lat, lon), Method::kNearestCentroid, 0};
}

}  // namespace cds::areas
