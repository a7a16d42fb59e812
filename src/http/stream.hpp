// A response that stays open and sends text as it comes (Server-Sent Events). A handler answers
// with a Response whose `stream` is set; the server writes the status, headers and `body` first,
// then whatever is pushed to the stream, until the stream or the client ends it.
//
// Plain types: features push frames without knowing the wire. Frames are shared, immutable
// strings, so one event serialized once is written to every stream that receives it.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace cds::http {

using Frame = std::shared_ptr<const std::string>;

class StreamSink {
 public:
  // At most `max_frames` frames and `max_bytes` bytes wait to be written; a push beyond either
  // cuts the stream off (a slow consumer is dropped, never buffered without bound).
  StreamSink(std::size_t max_frames, std::size_t max_bytes)
      : max_frames_(max_frames), max_bytes_(max_bytes) {}
  StreamSink(const StreamSink&) = delete;
  StreamSink& operator=(const StreamSink&) = delete;

  // Queues `frame` for writing. False when the stream has ended or this push overflowed the
  // queue (which ends it). Thread-safe.
  bool push(Frame frame);
  // Ends the stream once what is queued has been written. Thread-safe.
  void close();
  bool ended() const;
  bool cut_off() const;

  // --- For the server (the connection that writes the stream) ---
  struct Batch {
    std::vector<Frame> frames;
    bool closed = false;   // close() was called: end after writing `frames`
    bool cut_off = false;  // the queue overflowed: end now, `frames` is empty
  };
  // Takes everything queued.
  Batch take();
  // Called (from any thread, outside the lock) after a push or close finds the queue empty: the
  // writer wakes. A waker set when something is already queued is called at once.
  void set_waker(std::function<void()> waker);
  // The writer has stopped (client gone, cut off, closed, server stopping): no more pushes are
  // taken, and `on_end` (set by the feature that made the stream) runs once.
  void finish();
  // Runs once when the server stops writing: the feature unregisters its subscriber here.
  void set_on_end(std::function<void()> on_end);

 private:
  const std::size_t max_frames_;
  const std::size_t max_bytes_;
  mutable std::mutex mutex_;
  std::vector<Frame> queue_;
  std::size_t queued_bytes_ = 0;
  bool closed_ = false;
  bool cut_off_ = false;
  bool finished_ = false;
  std::function<void()> waker_;
  std::function<void()> on_end_;
};

}  // namespace cds::http
