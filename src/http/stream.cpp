#include "http/stream.hpp"

#include <utility>

namespace cds::http {

bool StreamSink::push(Frame frame) {
  std::function<void()> wake;
  bool accepted = true;
  {
    std::lock_guard lock(mutex_);
    if (closed_ || cut_off_ || finished_) return false;
    if (queue_.size() + 1 > max_frames_ || queued_bytes_ + frame->size() > max_bytes_) {
      accepted = false;
      cut_off_ = true;
      queue_.clear();
      queued_bytes_ = 0;
      wake = waker_;
    } else {
      if (queue_.empty()) wake = waker_;
      queued_bytes_ += frame->size();
      queue_.push_back(std::move(frame));
    }
  }
  if (wake) wake();
  return accepted;
}

void StreamSink::close() {
  std::function<void()> wake;
  {
    std::lock_guard lock(mutex_);
    if (closed_ || finished_) return;
    closed_ = true;
    wake = waker_;
  }
  if (wake) wake();
}

bool StreamSink::ended() const {
  std::lock_guard lock(mutex_);
  return closed_ || cut_off_ || finished_;
}

bool StreamSink::cut_off() const {
  std::lock_guard lock(mutex_);
  return cut_off_;
}

StreamSink::Batch StreamSink::take() {
  std::lock_guard lock(mutex_);
  Batch batch;
  batch.frames.swap(queue_);
  queued_bytes_ = 0;
  batch.closed = closed_;
  batch.cut_off = cut_off_;
  return batch;
}

void StreamSink::set_waker(std::function<void()> waker) {
  bool pending = false;
  {
    std::lock_guard lock(mutex_);
    waker_ = waker;
    pending = !queue_.empty() || closed_ || cut_off_;
  }
  if (pending && waker) waker();
}

void StreamSink::finish() {
  std::function<void()> on_end;
  {
    std::lock_guard lock(mutex_);
    if (finished_) return;
    finished_ = true;
    queue_.clear();
    queued_bytes_ = 0;
    waker_ = nullptr;
    on_end.swap(on_end_);
  }
  if (on_end) on_end();
}

void StreamSink::set_on_end(std::function<void()> on_end) {
  bool run_now = false;
  {
    std::lock_guard lock(mutex_);
    if (finished_) {
      run_now = true;
    } else {
      on_end_ = std::move(on_end);
    }
  }
  if (run_now && on_end) on_end();
}

}  // namespace cds::http
