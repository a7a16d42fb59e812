#include "http/worker_queue.hpp"

namespace cds::http {

WorkerQueue::Admit WorkerQueue::try_enqueue(Clock::time_point now) {
  std::lock_guard lock(mutex_);
  if (max_waiting_ > 0 && queued_at_.size() >= max_waiting_) return Admit::kQueueFull;
  if (max_wait_.count() > 0 && !queued_at_.empty() && now - queued_at_.front() > max_wait_)
    return Admit::kQueueStale;
  queued_at_.push_back(now);
  return Admit::kYes;
}

void WorkerQueue::started() {
  std::lock_guard lock(mutex_);
  if (!queued_at_.empty()) queued_at_.pop_front();
}

std::size_t WorkerQueue::waiting() const {
  std::lock_guard lock(mutex_);
  return queued_at_.size();
}

}  // namespace cds::http
