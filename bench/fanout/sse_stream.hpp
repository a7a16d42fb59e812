// The reading side of one Server-Sent Events subscription, without I/O: it is fed the bytes of an
// HTTP/1.1 response as they arrive and says when the headers are in, when the stream is ready and
// when the frame carrying the benchmark's marker is complete.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace cds::bench {

class SseStream {
 public:
  enum class State {
    kHeaders,       // waiting for the status line and headers
    kWaitingReady,  // headers in (200); waiting for the first frame that contains ready_marker
    kReady,         // subscribed; waiting for the frame that contains the marker
    kReceived,      // the marker's frame is complete
    kFailed,        // not 200, malformed, or the body ended
  };

  // ready_marker: text of the first frame that shows the subscription is live ("event: ready");
  // empty when the response headers alone show it. marker: text that only the published frame
  // carries. Both must outlive the stream.
  SseStream(std::string_view ready_marker, std::string_view marker)
      : ready_marker_(ready_marker), marker_(marker) {}

  // Feeds the next bytes of the response. Returns the state after them.
  State feed(std::string_view bytes);

  State state() const { return state_; }
  int status() const { return status_; }
  // Why the stream failed, for the report; empty unless state() is kFailed.
  std::string_view failure() const { return failure_; }

 private:
  void parse_headers();
  void decode_chunked(std::string_view bytes);
  void on_body(std::string_view bytes);
  // Finds a complete frame (ending in a blank line) that contains needle in scan_, dropping what
  // comes before it; keeps only a tail that may still begin a match otherwise.
  bool take_frame_with(std::string_view needle);
  void fail(std::string_view why);

  std::string_view ready_marker_;
  std::string_view marker_;
  State state_ = State::kHeaders;
  int status_ = 0;
  std::string failure_;
  std::string head_;  // the status line and headers, until complete
  bool chunked_ = false;

  enum class ChunkState { kSize, kSizeExtension, kData, kDataEnd };
  ChunkState chunk_state_ = ChunkState::kSize;
  std::uint64_t chunk_size_ = 0;  // size being read, then bytes left in the current chunk
  int chunk_size_digits_ = 0;
  int chunk_end_left_ = 0;  // bytes of the CRLF after a chunk's data still to skip

  std::string scan_;  // decoded body not yet matched
};

}  // namespace cds::bench
