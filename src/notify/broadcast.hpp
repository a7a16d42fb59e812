// A message to everyone: one "broadcast" event in the log, which delivery fans out after commit to
// every open app (live streams) and to the devices of people who did not turn broadcasts off
// (docs/REALTIME.md). For features that broadcast as part of their own change (news).
#pragma once

#include <cstdint>
#include <string>

#include "common/clock.hpp"
#include "store/database.hpp"

namespace cds::notify {

struct BroadcastMessage {
  std::string title_vi;  // required
  std::string title_en;  // empty: Vietnamese only
  std::string body_vi;   // empty: no body
  std::string body_en;
  std::string url;                // a screen of this site ("/app/news/3"); empty: the app's home
  std::string severity = "info";  // info | warning | danger
  std::int64_t sender_id = 0;
};

// Appends the broadcast inside `tx`, so that it commits with the caller's change or not at all;
// returns the event's id. The payload has the shape POST /api/v1/admin/broadcasts writes.
std::int64_t append_broadcast(store::Tx& tx, Millis now, const BroadcastMessage& message);

}  // namespace cds::notify
