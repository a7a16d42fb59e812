// A table of token buckets keyed by client (an address, a credential), for rate limits: sharded
// so that threads rarely meet on one lock, and bounded in memory (a full bucket is forgotten, and
// beyond a cap the least recently seen key is dropped).
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/clock.hpp"

namespace cds::http {

class TokenBuckets {
 public:
  // `clock` outlives the table. At most `max_keys` buckets are kept (spread over `shards`).
  TokenBuckets(const Clock& clock, std::size_t max_keys, std::size_t shards = 16);
  ~TokenBuckets();

  // Takes one token from `key`'s bucket, which holds `per_minute` tokens when full and refills
  // at `per_minute` per minute (a new key starts full). 0 when the token was there; otherwise the
  // whole seconds until one will be (at least 1: the value of a Retry-After). Any thread.
  int take(std::string_view key, double per_minute);

  // Buckets held now (every shard); for tests and metrics.
  std::size_t size() const;

 private:
  struct Shard;
  Shard& shard_for(std::string_view key) const;

  const Clock& clock_;
  const std::size_t max_per_shard_;
  std::vector<std::unique_ptr<Shard>> shards_;
};

}  // namespace cds::http
