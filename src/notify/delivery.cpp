#include "notify/delivery.hpp"

#include <cstdio>

#include "store/pg_listener.hpp"

namespace cds::notify {
namespace {

void log_failure(const char* what, const Status& st) {
  std::fprintf(stderr, "{\"level\":\"error\",\"msg\":\"%s\",\"error\":\"%s\"}\n", what,
               st.internal_detail().empty() ? st.key().c_str() : st.internal_detail().c_str());
}

}  // namespace

Delivery::Delivery(store::Database& db, events::Hub& hub, const Clock& clock,
                   std::unique_ptr<push::VapidKey> vapid, DeliveryOptions options)
    : db_(db),
      clock_(clock),
      options_(std::move(options)),
      vapid_(std::move(vapid)),
      outbox_(db, clock),
      relay_(db, hub) {
  if (vapid_) {
    push_ = std::make_unique<PushWorker>(
        db, clock, *vapid_, options_.push_subject,
        push::SendOptions{std::chrono::seconds(10), options_.push_allow_http});
  }
}

Delivery::~Delivery() {
  stop();
}

Status Delivery::start() {
  if (Status st = relay_.start(); !st.ok()) return st;
  db_.set_commit_listener([this] { wake(); });
  threads_.emplace_back([this] { run_outbox(); });
  threads_.emplace_back([this] { run_relay(); });
  if (push_) {
    for (int i = 0; i < options_.push_threads; ++i) threads_.emplace_back([this] { run_push(); });
  }
  if (!options_.pg_url.empty()) threads_.emplace_back([this] { run_listener(); });
  return Status::Ok();
}

void Delivery::stop() {
  if (stopping_.exchange(true)) return;
  cv_.notify_all();
  for (auto& t : threads_) t.join();
  threads_.clear();
  db_.set_commit_listener(nullptr);  // the server has stopped: nothing else commits now
}

void Delivery::wake() {
  {
    std::lock_guard lock(mutex_);
    ++generation_;
  }
  cv_.notify_all();
}

std::uint64_t Delivery::wait(std::uint64_t seen, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  cv_.wait_for(lock, timeout, [&] { return stopping_.load() || generation_ != seen; });
  return generation_;
}

// Runs `step` until it has nothing left (0) or fails, each time something may have changed.
void Delivery::run_until_stopped(const char* what, const std::function<Result<int>()>& step) {
  std::uint64_t seen = 0;
  while (!stopping_.load()) {
    {
      std::lock_guard lock(mutex_);
      seen = generation_;
    }
    for (;;) {
      auto done = step();
      if (!done.ok()) {
        log_failure(what, done.status());
        break;
      }
      if (*done == 0 || stopping_.load()) break;
    }
    wait(seen, options_.poll);
  }
}

void Delivery::run_outbox() {
  run_until_stopped("outbox worker", [this] { return outbox_.run_batch(); });
}

void Delivery::run_relay() {
  run_until_stopped("relay", [this] { return relay_.run_once(); });
}

void Delivery::run_push() {
  std::uint64_t seen = 0;
  while (!stopping_.load()) {
    {
      std::lock_guard lock(mutex_);
      seen = generation_;
    }
    auto sent = push_->run_once();
    if (!sent.ok()) log_failure("push worker", sent.status());
    if (sent.ok() && *sent > 0) continue;
    auto timeout = options_.poll;
    if (auto due = push_->next_due()) {
      const Millis in = *due - clock_.now();
      if (in > 0 && in < timeout.count()) timeout = std::chrono::milliseconds(in);
      if (in <= 0) timeout = std::chrono::milliseconds(50);  // leased by another sender
    }
    wait(seen, timeout);
  }
}

void Delivery::run_listener() {
  store::PgListener listener(options_.pg_url, std::string(events::kLogChannel));
  while (!stopping_.load()) {
    if (listener.wait(std::chrono::milliseconds(500))) wake();
  }
}

}  // namespace cds::notify
