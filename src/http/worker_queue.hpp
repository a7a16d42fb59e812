// Admission to the worker pool: how many requests wait for a worker and since when. A request is
// refused (503 with Retry-After) rather than queued when the queue is full or its oldest request
// has already waited too long, so that latency stays bounded under overload.
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <mutex>

namespace cds::http {

class WorkerQueue {
 public:
  using Clock = std::chrono::steady_clock;
  enum class Admit { kYes, kQueueFull, kQueueStale };

  // `max_waiting` 0: no bound on the queue; `max_wait` 0: no bound on the oldest wait.
  WorkerQueue(std::size_t max_waiting, std::chrono::milliseconds max_wait)
      : max_waiting_(max_waiting), max_wait_(max_wait) {}

  // Before a handler is queued (the event loop): kYes counts it as waiting; started() must
  // follow once a worker takes it. Any thread.
  Admit try_enqueue(Clock::time_point now);
  // A worker took the oldest waiting request (the pool runs them in order). Any thread.
  void started();
  std::size_t waiting() const;

 private:
  const std::size_t max_waiting_;
  const std::chrono::milliseconds max_wait_;
  mutable std::mutex mutex_;
  std::deque<Clock::time_point> queued_at_;  // oldest first; guarded by mutex_
};

}  // namespace cds::http
