#include "dossiers/lookup_limiter.hpp"

namespace cds::dossiers {

int LookupLimiter::try_once(const std::string& client) {
  const Millis now = clock_.now();
  std::lock_guard lock(mutex_);
  if (now - last_sweep_ >= window_) sweep(now);
  Window& w = windows_[client];
  if (now - w.start >= window_) w = Window{now, 0};
  if (w.tries >= per_window_) {
    const Millis left = w.start + window_ - now;
    return static_cast<int>((left + 999) / 1000);
  }
  ++w.tries;
  return 0;
}

void LookupLimiter::sweep(Millis now) {
  last_sweep_ = now;
  std::erase_if(windows_, [&](const auto& entry) { return now - entry.second.start >= window_; });
}

}  // namespace cds::dossiers
