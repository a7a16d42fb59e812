// Parsing of one SSE response: status line and headers, chunked transfer coding, frames.
#include "sse_stream.hpp"

#include <algorithm>
#include <cctype>

namespace cds::bench {
namespace {

// Headers larger than this are not an SSE response we expect.
constexpr std::size_t kMaxHeadBytes = 16 * 1024;

bool iequals_prefix(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) !=
        std::tolower(static_cast<unsigned char>(prefix[i])))
      return false;
  }
  return true;
}

bool icontains(std::string_view text, std::string_view needle) {
  for (std::size_t i = 0; i + needle.size() <= text.size(); ++i) {
    if (iequals_prefix(text.substr(i), needle)) return true;
  }
  return false;
}

// Position just past the blank line that ends the frame beginning before `from`, or npos.
std::size_t frame_end(const std::string& text, std::size_t from) {
  const std::size_t lf = text.find("\n\n", from);
  const std::size_t crlf = text.find("\r\n\r\n", from);
  if (lf == std::string::npos && crlf == std::string::npos) return std::string::npos;
  if (crlf == std::string::npos || (lf != std::string::npos && lf < crlf)) return lf + 2;
  return crlf + 4;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

SseStream::State SseStream::feed(std::string_view bytes) {
  if (state_ == State::kReceived || state_ == State::kFailed) return state_;
  if (state_ == State::kHeaders) {
    head_.append(bytes);
    std::size_t end = head_.find("\r\n\r\n");
    std::size_t separator = 4;
    if (end == std::string::npos) {
      end = head_.find("\n\n");
      separator = 2;
    }
    if (end == std::string::npos) {
      if (head_.size() > kMaxHeadBytes) fail("response headers too large");
      return state_;
    }
    const std::string rest = head_.substr(end + separator);
    head_.resize(end);
    parse_headers();
    head_.clear();
    head_.shrink_to_fit();
    if (state_ == State::kFailed) return state_;
    if (rest.empty()) return state_;
    bytes = rest;  // `rest` lives until the end of this call
    if (chunked_) {
      decode_chunked(bytes);
    } else {
      on_body(bytes);
    }
    return state_;
  }
  if (chunked_) {
    decode_chunked(bytes);
  } else {
    on_body(bytes);
  }
  return state_;
}

void SseStream::parse_headers() {
  // "HTTP/1.1 200 OK"
  const std::string_view head(head_);
  const std::size_t space = head.find(' ');
  if (!iequals_prefix(head, "HTTP/1.") || space == std::string_view::npos ||
      space + 4 > head.size()) {
    fail("malformed status line");
    return;
  }
  status_ = 0;
  for (std::size_t i = space + 1; i < space + 4; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(head[i]))) {
      fail("malformed status line");
      return;
    }
    status_ = status_ * 10 + (head[i] - '0');
  }
  if (status_ != 200) {
    fail("status " + std::to_string(status_));
    return;
  }
  std::size_t line_start = head.find('\n');
  while (line_start != std::string_view::npos && line_start + 1 < head.size()) {
    const std::size_t line_end = head.find('\n', line_start + 1);
    const std::string_view line =
        head.substr(line_start + 1,
                    (line_end == std::string_view::npos ? head.size() : line_end) - line_start - 1);
    if (iequals_prefix(line, "transfer-encoding:") && icontains(line, "chunked")) chunked_ = true;
    line_start = line_end;
  }
  state_ = ready_marker_.empty() ? State::kReady : State::kWaitingReady;
}

void SseStream::decode_chunked(std::string_view bytes) {
  std::size_t i = 0;
  while (i < bytes.size() && state_ != State::kFailed && state_ != State::kReceived) {
    switch (chunk_state_) {
      case ChunkState::kSize:
      case ChunkState::kSizeExtension: {
        const char c = bytes[i++];
        if (c == '\n') {
          if (chunk_size_digits_ == 0) {
            fail("malformed chunk size");
          } else if (chunk_size_ == 0) {
            fail("stream ended");  // the last chunk: the server closed the stream
          } else {
            chunk_state_ = ChunkState::kData;
          }
          chunk_size_digits_ = 0;
          break;
        }
        if (chunk_state_ == ChunkState::kSizeExtension || c == '\r' || c == ' ' || c == '\t') break;
        if (c == ';') {
          chunk_state_ = ChunkState::kSizeExtension;
          break;
        }
        const int digit = hex_value(c);
        if (digit < 0 || chunk_size_digits_ >= 15) {
          fail("malformed chunk size");
          break;
        }
        chunk_size_ = chunk_size_ * 16 + static_cast<std::uint64_t>(digit);
        ++chunk_size_digits_;
        break;
      }
      case ChunkState::kData: {
        const std::size_t take =
            static_cast<std::size_t>(std::min<std::uint64_t>(chunk_size_, bytes.size() - i));
        on_body(bytes.substr(i, take));
        i += take;
        chunk_size_ -= take;
        if (chunk_size_ == 0) chunk_state_ = ChunkState::kDataEnd;
        break;
      }
      case ChunkState::kDataEnd: {
        const char c = bytes[i++];
        if (c == '\n') {
          chunk_state_ = ChunkState::kSize;
        } else if (c != '\r') {
          fail("missing CRLF after chunk");
        }
        break;
      }
    }
  }
}

void SseStream::on_body(std::string_view bytes) {
  if (state_ != State::kWaitingReady && state_ != State::kReady) return;
  scan_.append(bytes);
  if (state_ == State::kWaitingReady) {
    if (!take_frame_with(ready_marker_)) return;
    state_ = State::kReady;
  }
  if (take_frame_with(marker_)) {
    state_ = State::kReceived;
    scan_.clear();
    scan_.shrink_to_fit();
  }
}

bool SseStream::take_frame_with(std::string_view needle) {
  const std::size_t at = scan_.find(needle);
  if (at == std::string::npos) {
    if (scan_.size() >= needle.size()) scan_.erase(0, scan_.size() - needle.size() + 1);
    return false;
  }
  const std::size_t end = frame_end(scan_, at + needle.size());
  if (end == std::string::npos) {
    scan_.erase(0, at);  // keep the frame from the needle on; its end is still to come
    return false;
  }
  scan_.erase(0, end);
  return true;
}

void SseStream::fail(std::string_view why) {
  state_ = State::kFailed;
  failure_ = why;
  scan_.clear();
}

}  // namespace cds::bench
