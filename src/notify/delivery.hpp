// The delivery machinery of one node: the outbox worker, the relay to this node's streams and the
// web-push senders, each on its own thread, woken after every local commit and, with PostgreSQL,
// by NOTIFY from the other nodes (and once a second in any case, so that a lost wake-up costs a
// second, never an event). docs/REALTIME.md describes the whole path.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "common/clock.hpp"
#include "events/hub.hpp"
#include "notify/outbox.hpp"
#include "notify/push_worker.hpp"
#include "notify/relay.hpp"
#include "store/database.hpp"

namespace cds::notify {

struct DeliveryOptions {
  std::string pg_url;  // set with PostgreSQL: LISTEN for the other nodes' commits
  std::chrono::milliseconds poll{1000};
  int push_threads = 4;
  std::string push_subject;
  bool push_allow_http = false;
};

class Delivery {
 public:
  // `vapid` may be null: no key, no web push (the rest works).
  Delivery(store::Database& db, events::Hub& hub, const Clock& clock,
           std::unique_ptr<push::VapidKey> vapid, DeliveryOptions options);
  ~Delivery();
  Delivery(const Delivery&) = delete;
  Delivery& operator=(const Delivery&) = delete;

  // Positions the hub at the outbox's cursor and starts the threads. Also makes the store call
  // wake() after each commit.
  Status start();
  // Stops and joins the threads (idempotent).
  void stop();
  // Something was committed: look at the store again.
  void wake();

  const Relay& relay() const { return relay_; }
  const push::VapidKey* vapid() const { return vapid_.get(); }

 private:
  // Waits until wake() after `seen` or `timeout`; returns the generation now.
  std::uint64_t wait(std::uint64_t seen, std::chrono::milliseconds timeout);
  void run_until_stopped(const char* what, const std::function<Result<int>()>& step);
  void run_outbox();
  void run_relay();
  void run_push();
  void run_listener();

  store::Database& db_;
  const Clock& clock_;
  const DeliveryOptions options_;
  std::unique_ptr<push::VapidKey> vapid_;
  Outbox outbox_;
  Relay relay_;
  std::unique_ptr<PushWorker> push_;

  std::mutex mutex_;
  std::condition_variable cv_;
  std::uint64_t generation_ = 0;  // guarded by mutex_
  std::atomic<bool> stopping_{false};
  std::vector<std::thread> threads_;
};

}  // namespace cds::notify
