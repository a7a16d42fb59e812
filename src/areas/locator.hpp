// Which ward a point is in, for every feature that places a point (report intake, a citizen's
// shared location, /api/v1/areas/locate, alert areas). With imported boundaries it asks the
// R-tree (areas::WardIndex); without them (a fresh install) it falls back to the compiled-in
// city outline and the nearest ward centroid, and says so.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>

#include "areas/ward_index.hpp"
#include "areas/wards.hpp"
#include "common/status.hpp"
#include "store/database.hpp"

namespace cds::areas {

enum class Method {
  kBoundary,         // inside (or within kEdgeToleranceM of) an imported ward polygon
  kNearestCentroid,  // no boundaries imported: inside the city outline, nearest ward centre
};
std::string_view method_name(Method method);  // "boundary" | "nearest_centroid"

struct Located {
  const WardFact* ward;  // never null
  Method method;
  double outside_by_m = 0;  // boundary method: distance to the ward when just outside it
};

// Holds the index of the current boundaries. Thread-safe; keep one per process (the composition
// root owns it and hands it to the services).
class Locator {
 public:
  // How often the boundaries' version is read from the store: an import reaches every node
  // within this time.
  static constexpr std::chrono::milliseconds kRecheck{10'000};

  explicit Locator(store::Database& db, std::chrono::milliseconds recheck = kRecheck);

  // The index of the boundaries as of at most `recheck` ago: read again when the version in the
  // store moved. Null when none are imported. If the store cannot be read, the index held is kept.
  std::shared_ptr<const WardIndex> index() const;

  // Reads the version now and rebuilds the index if it moved (serve calls it at start).
  Status refresh() const;

  // The ward of (lat, lon), or nullopt when the point is outside the city.
  std::optional<Located> locate(double lat, double lon) const;

 private:
  Status refresh_locked() const;  // REQUIRES refresh_mutex_

  store::Database& db_;
  const std::chrono::milliseconds recheck_;
  mutable std::mutex refresh_mutex_;  // one refresh at a time; guards loaded_version_
  mutable std::int64_t loaded_version_ = -1;
  mutable std::mutex mutex_;  // guards index_ and checked_at_
  mutable std::shared_ptr<const WardIndex> index_;
  mutable std::chrono::steady_clock::time_point checked_at_{};
  mutable bool checked_ = false;
};

// With a locator, its answer; without one (tests, tools), the compiled-in fallback.
std::optional<Located> locate(const Locator* locator, double lat, double lon);

}  // namespace cds::areas
