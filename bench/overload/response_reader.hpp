// The reading side of one HTTP/1.1 response, without I/O, for bench_openloop: fed the bytes of a
// keep-alive connection as they arrive, it says when one response is complete, with its status
// and whether the server closes the connection after it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace cds::bench {

class ResponseReader {
 public:
  enum class State {
    kHeaders,  // waiting for the status line and headers
    kBody,     // headers in; reading a body delimited by Content-Length, chunks or the close
    kDone,     // one response complete: status() and closes() hold
    kBad,      // malformed: the connection is unusable
  };

  // Feeds the next bytes. Returns the state after them. Bytes past the end of the response are
  // an error (kBad): a request is only sent once the previous answer is in, so a server never
  // sends more than one response ahead.
  State feed(std::string_view bytes);

  // The connection ended (read returned 0). A body that runs to the close is then complete;
  // any other response not yet complete is not. Returns the state after it.
  State end_of_stream();

  // Makes the reader ready for the next response on the same connection.
  void reset();

  State state() const { return state_; }
  int status() const { return status_; }
  // The server said `Connection: close`, or the body ran to the close.
  bool closes() const { return closes_; }

 private:
  enum class Framing { kLength, kChunked, kUntilClose };
  enum class ChunkPart { kSize, kData, kDataEnd, kTrailers };

  State parse_headers();
  State consume_body();
  State consume_chunked();

  State state_ = State::kHeaders;
  std::string pending_;  // bytes not yet consumed: headers being read, a chunk line
  int status_ = 0;
  bool closes_ = false;
  Framing framing_ = Framing::kLength;
  std::size_t remaining_ = 0;  // body bytes still to come (kLength) or of this chunk (kData)
  ChunkPart chunk_part_ = ChunkPart::kSize;
};

}  // namespace cds::bench
