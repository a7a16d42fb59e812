// The outbox worker: turns the event log into notifications (the inbox) and pushes to send, in
// log order, from a cursor kept in the store. Each batch is one transaction: the notifications,
// the pushes and the new cursor commit together, so after a crash the batch runs again and the
// inbox's (user, event) key keeps anyone from being told twice. Several nodes may run it: the
// cursor row is locked by the first, and the others wait and then see the work done.
#pragma once

#include "common/clock.hpp"
#include "common/status.hpp"
#include "store/database.hpp"

namespace cds::notify {

class Outbox {
 public:
  Outbox(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Handles the next events after the cursor (at most `limit`); how many it handled (0: none
  // waiting).
  Result<int> run_batch(int limit = 200);

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace cds::notify
