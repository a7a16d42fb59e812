// Token buckets in an LRU list per shard: the least recently seen bucket sits at the back, where
// it is forgotten once it has refilled (it then equals a new one) or when the shard is full.
#include "http/token_buckets.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

namespace cds::http {

struct TokenBuckets::Shard {
  struct Bucket {
    std::string key;
    double tokens = 0;
    Millis updated = 0;  // when `tokens` was last brought up to date
    double capacity = 0;
  };
  std::mutex mutex;
  std::list<Bucket> recent;  // most recently seen first; guarded by mutex
  std::unordered_map<std::string_view, std::list<Bucket>::iterator> index;  // into `recent`
};

TokenBuckets::TokenBuckets(const Clock& clock, std::size_t max_keys, std::size_t shards)
    : clock_(clock),
      max_per_shard_(std::max<std::size_t>(1, max_keys / std::max<std::size_t>(1, shards))) {
  shards = std::max<std::size_t>(1, shards);
  shards_.reserve(shards);
  for (std::size_t i = 0; i < shards; ++i) shards_.push_back(std::make_unique<Shard>());
}

TokenBuckets::~TokenBuckets() = default;

TokenBuckets::Shard& TokenBuckets::shard_for(std::string_view key) const {
  return *shards_[std::hash<std::string_view>{}(key) % shards_.size()];
}

int TokenBuckets::take(std::string_view key, double per_minute) {
  if (per_minute <= 0) return 60;  // a class that is closed: nothing ever refills
  const Millis now = clock_.now();
  const double per_ms = per_minute / 60'000.0;
  Shard& s = shard_for(key);
  std::lock_guard lock(s.mutex);
  // Forget the least recently seen buckets that have refilled: they equal new ones.
  while (!s.recent.empty()) {
    const auto& last = s.recent.back();
    const double refilled =
        last.tokens + static_cast<double>(now - last.updated) * last.capacity / 60'000.0;
    if (refilled < last.capacity && s.index.size() < max_per_shard_) break;
    s.index.erase(last.key);
    s.recent.pop_back();
  }
  Shard::Bucket* bucket = nullptr;
  if (auto it = s.index.find(key); it != s.index.end()) {
    s.recent.splice(s.recent.begin(), s.recent, it->second);  // now the most recent
    bucket = &s.recent.front();
    const Millis elapsed = std::max<Millis>(0, now - bucket->updated);
    bucket->tokens = std::min(per_minute, bucket->tokens + static_cast<double>(elapsed) * per_ms);
  } else {
    s.recent.push_front(Shard::Bucket{std::string(key), per_minute, now, per_minute});
    bucket = &s.recent.front();
    s.index.emplace(bucket->key, s.recent.begin());
  }
  bucket->updated = now;
  bucket->capacity = per_minute;
  if (bucket->tokens >= 1.0) {
    bucket->tokens -= 1.0;
    return 0;
  }
  const double wait_ms = (1.0 - bucket->tokens) / per_ms;
  return std::max(1, static_cast<int>(std::ceil(wait_ms / 1000.0)));
}

std::size_t TokenBuckets::size() const {
  std::size_t n = 0;
  for (const auto& s : shards_) {
    std::lock_guard lock(s->mutex);
    n += s->index.size();
  }
  return n;
}

}  // namespace cds::http
