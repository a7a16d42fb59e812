// Sends the pushes the outbox queued (push_deliveries): claims a few due ones with a lease (so
// that two threads or two nodes never send the same one at once), encrypts and sends each, and
// records the outcome: accepted → done; 404/410 → the subscription is deleted; 429/5xx/no answer
// → retried with exponential backoff (or after Retry-After) until the message's TTL or 8 tries;
// any other refusal → dropped. A crash between sending and recording sends it again when the
// lease runs out: web push is at least once, and the Topic header lets the phone's push service
// replace a repeat that has not been shown yet.
#pragma once

#include <optional>
#include <string>

#include "common/clock.hpp"
#include "common/status.hpp"
#include "push/web_push.hpp"
#include "store/database.hpp"

namespace cds::notify {

class PushWorker {
 public:
  PushWorker(store::Database& db, const Clock& clock, const push::VapidKey& key,
             std::string subject, push::SendOptions options)
      : db_(db), clock_(clock), key_(key), subject_(std::move(subject)), options_(options) {}

  // Sends up to `limit` due pushes; how many it claimed (0: none due).
  Result<int> run_once(int limit = 8);
  // When the next push falls due, if any is waiting.
  std::optional<Millis> next_due();

 private:
  store::Database& db_;
  const Clock& clock_;
  const push::VapidKey& key_;
  const std::string subject_;
  const push::SendOptions options_;
};

// How long to wait before try number `attempts` + 1: 2^attempts seconds up to an hour, with up
// to a quarter of jitter so that a recovering push service is not hit by every retry at once.
Millis push_backoff(int attempts, std::uint64_t jitter_seed);

}  // namespace cds::notify
