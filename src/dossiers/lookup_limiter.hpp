// How many public lookups one client address may make: a fixed window per address, kept in this
// process's memory (each node counts its own; issue 8 brings the product's general limits).
// Codes cannot be enumerated anyway (each needs its receipt's secret); the limit makes guessing a
// secret for a known code slow.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "common/clock.hpp"

namespace cds::dossiers {

class LookupLimiter {
 public:
  // `per_window` tries per `window` for each address.
  LookupLimiter(const Clock& clock, int per_window, Millis window = 60'000)
      : clock_(clock), per_window_(per_window), window_(window) {}

  // Counts a try from `client`. 0 when it may go on; otherwise the seconds until it may try
  // again (for Retry-After). Any thread.
  int try_once(const std::string& client);

 private:
  struct Window {
    Millis start = 0;
    int tries = 0;
  };
  // Forgets windows that ended, so that the table holds only recent clients.
  void sweep(Millis now);

  const Clock& clock_;
  const int per_window_;
  const Millis window_;
  std::mutex mutex_;
  std::unordered_map<std::string, Window> windows_;  // guarded by mutex_
  Millis last_sweep_ = 0;                            // guarded by mutex_
};

}  // namespace cds::dossiers
