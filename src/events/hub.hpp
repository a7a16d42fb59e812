// The in-process hub: fans the frames of committed events out to this node's open streams.
// Frames are serialized once and shared by every stream they go to. The relay (notify/relay)
// publishes in event-id order; a stream opened at position P receives every event after P
// (docs/REALTIME.md explains why nothing is missed and nothing repeated).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "http/stream.hpp"

namespace cds::events {

// Who a stream belongs to, and so what it may receive.
struct StreamScope {
  std::int64_t user_id = 0;         // 0: not signed in (public broadcasts only)
  std::optional<std::string> unit;  // unit staff: their unit's queue changes
  bool all_queues = false;          // operators, leaders, admins: every queue change
  std::vector<std::string> wards;   // hot alerts for these wards (home, last location, chosen)
};

// Who one frame is for.
struct Target {
  enum class Kind { kEveryone, kUser, kQueue, kWards };
  Kind kind = Kind::kEveryone;
  std::int64_t user_id = 0;         // kUser
  std::optional<std::string> unit;  // kQueue: the unit whose queue changed (none: unrouted)
  std::vector<std::string> wards;   // kWards: streams following any of these wards

  bool reaches(const StreamScope& scope) const;
};

struct Delivery {
  Target target;
  http::Frame frame;
};

// The frames of one event.
struct EventFrames {
  std::int64_t event_id = 0;
  std::vector<Delivery> deliveries;
  bool count_reach = false;  // publish() reports how many streams this event reached
};

// How many of this node's streams one event reached.
struct Reach {
  std::int64_t event_id = 0;
  std::size_t streams = 0;
};

// For a stream that receives several frames of one event: one frame holding them all, so that
// the event reaches the client whole or not at all.
http::Frame join_frames(const std::vector<http::Frame>& frames);

struct HubLimits {
  std::size_t per_user = 8;
  std::size_t per_node = 20000;
};

class Hub {
 public:
  explicit Hub(HubLimits limits) : limits_(limits) {}
  Hub(const Hub&) = delete;
  Hub& operator=(const Hub&) = delete;

  enum class Refusal { kNone, kUserLimit, kNodeLimit };
  struct Opened {
    Refusal refusal = Refusal::kNone;
    std::uint64_t id = 0;       // for unsubscribe
    std::int64_t position = 0;  // every event after this one will be pushed to the sink
  };
  // Registers `sink` for `scope`. Events after max(position, after) are pushed to it; the caller
  // sends the ones in (after, position] itself, from the log. Thread-safe.
  Opened subscribe(std::shared_ptr<http::StreamSink> sink, const StreamScope& scope,
                   std::int64_t after);
  void unsubscribe(std::uint64_t id);

  // Pushes each event's frames to the streams they reach, in order, then records `position`
  // (>= every event_id given) as published. Called by one thread (the relay). Returns the reach
  // of the events marked count_reach.
  std::vector<Reach> publish(std::int64_t position, const std::vector<EventFrames>& events);
  std::int64_t position() const;

  std::size_t open_streams() const;
  std::uint64_t cut_off_streams() const;  // pushed to while too far behind, since start

 private:
  struct Subscriber {
    std::uint64_t id;
    std::shared_ptr<http::StreamSink> sink;
    StreamScope scope;
    std::int64_t after;  // events up to this one were sent before the stream joined
  };
  void push(Subscriber& sub, const http::Frame& frame);

  const HubLimits limits_;
  mutable std::mutex mutex_;
  std::int64_t position_ = 0;
  std::uint64_t next_id_ = 1;
  std::uint64_t cut_off_ = 0;
  std::unordered_map<std::uint64_t, Subscriber> subscribers_;
  std::unordered_map<std::int64_t, std::size_t> per_user_;
  // Indexes into subscribers_ by what they receive besides broadcasts.
  std::unordered_map<std::int64_t, std::vector<std::uint64_t>> by_user_;
  std::unordered_map<std::string, std::vector<std::uint64_t>> by_unit_;
  std::unordered_map<std::string, std::vector<std::uint64_t>> by_ward_;
  std::vector<std::uint64_t> all_queues_;
};

}  // namespace cds::events
