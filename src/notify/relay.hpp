// From the store to this node's streams: the relay reads what the outbox worker has finished (the
// events up to its cursor, with their notifications) and publishes their frames to the hub, in
// event order. A new stream's backlog (what it missed since its Last-Event-ID) is built from the
// log by the same rules, so a frame reads the same live and on resume.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/status.hpp"
#include "events/event_log.hpp"
#include "events/hub.hpp"
#include "notify/notifications.hpp"
#include "store/database.hpp"

namespace cds::notify {

// "id: N\nevent: NAME\ndata: JSON\n\n".
std::string sse_frame(std::int64_t id, std::string_view name, const boost::json::value& data);

// The frames of one event: a broadcast to everyone; a notification to each person told; a queue
// change to the staff who see that queue (with no personal data).
events::EventFrames frames_of(const events::Event& event,
                              const std::vector<Notification>& notifications);

class Relay {
 public:
  Relay(store::Database& db, events::Hub& hub) : db_(db), hub_(hub) {}

  // Starts the hub at the outbox's cursor: streams opened from now on get what comes after.
  Status start();
  // Publishes the events the outbox finished since the last call (at most `limit`); how many.
  Result<int> run_once(int limit = 500);

  // What a stream of `scope` missed in (after, up_to]: its frames, in order, as one text. When
  // more than `limit` events qualify, `reset` is set and `text` is empty: the client reloads.
  struct Backlog {
    std::string text;
    bool reset = false;
  };
  Result<Backlog> backlog(const events::StreamScope& scope, std::int64_t after, std::int64_t up_to,
                          int limit = 1000) const;

 private:
  Status record_reach(const std::vector<events::Reach>& reached);
  store::Database& db_;
  events::Hub& hub_;
};

// The outbox's cursor: every event up to it has its notifications.
std::int64_t delivered_position(store::Tx& tx);

}  // namespace cds::notify
