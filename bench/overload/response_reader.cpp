// HTTP/1.1 response framing for bench_openloop: status line, the three headers that matter to a
// client that reuses connections, and a body by Content-Length, by chunks or up to the close.
#include "response_reader.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace cds::bench {
namespace {

constexpr std::size_t kMaxHeaderBytes = 64 * 1024;  // more is not a response from our server

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// Whether the comma-separated header value holds `token` (case-insensitive).
bool has_token(std::string_view value, std::string_view token) {
  while (!value.empty()) {
    const std::size_t comma = value.find(',');
    std::string_view item = value.substr(0, comma);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    if (equals_ignoring_case(item, token)) return true;
    if (comma == std::string_view::npos) break;
    value.remove_prefix(comma + 1);
  }
  return false;
}

}  // namespace

void ResponseReader::reset() {
  state_ = State::kHeaders;
  pending_.clear();
  status_ = 0;
  closes_ = false;
  framing_ = Framing::kLength;
  remaining_ = 0;
  chunk_part_ = ChunkPart::kSize;
}

ResponseReader::State ResponseReader::feed(std::string_view bytes) {
  if (state_ == State::kDone || state_ == State::kBad) {
    if (!bytes.empty()) state_ = State::kBad;
    return state_;
  }
  pending_.append(bytes);
  if (state_ == State::kHeaders) state_ = parse_headers();
  if (state_ == State::kBody) state_ = consume_body();
  if (state_ == State::kDone && !pending_.empty()) state_ = State::kBad;
  return state_;
}

ResponseReader::State ResponseReader::end_of_stream() {
  if (state_ == State::kBody && framing_ == Framing::kUntilClose) {
    state_ = State::kDone;
  } else if (state_ != State::kDone) {
    state_ = State::kBad;
  }
  return state_;
}

ResponseReader::State ResponseReader::parse_headers() {
  for (;;) {
    const std::size_t end = pending_.find("\r\n\r\n");
    if (end == std::string::npos) {
      return pending_.size() > kMaxHeaderBytes ? State::kBad : State::kHeaders;
    }
    const std::string_view head(pending_.data(), end + 2);
    // Status line: HTTP/1.x SP 3DIGIT SP reason
    const std::size_t line_end = head.find("\r\n");
    const std::string_view status_line = head.substr(0, line_end);
    if (status_line.size() < 12 || !status_line.starts_with("HTTP/1.")) return State::kBad;
    const bool http10 = status_line[7] == '0';
    int status = 0;
    const auto [ptr, ec] = std::from_chars(status_line.data() + 9, status_line.data() + 12, status);
    if (ec != std::errc() || ptr != status_line.data() + 12) return State::kBad;

    bool has_length = false;
    bool chunked = false;
    bool close = http10;
    std::size_t length = 0;
    std::string_view rest = head.substr(line_end + 2);
    while (!rest.empty()) {
      const std::size_t eol = rest.find("\r\n");
      if (eol == std::string_view::npos) return State::kBad;
      const std::string_view line = rest.substr(0, eol);
      rest.remove_prefix(eol + 2);
      const std::size_t colon = line.find(':');
      if (colon == std::string_view::npos) return State::kBad;
      const std::string_view name = line.substr(0, colon);
      std::string_view value = line.substr(colon + 1);
      while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) {
        value.remove_prefix(1);
      }
      if (equals_ignoring_case(name, "content-length")) {
        const auto [p, e] = std::from_chars(value.data(), value.data() + value.size(), length);
        if (e != std::errc()) return State::kBad;
        has_length = true;
      } else if (equals_ignoring_case(name, "transfer-encoding")) {
        chunked = has_token(value, "chunked");
      } else if (equals_ignoring_case(name, "connection")) {
        if (has_token(value, "close")) close = true;
        if (has_token(value, "keep-alive")) close = false;
      }
    }
    pending_.erase(0, end + 4);
    if (status >= 100 && status < 200) continue;  // an interim response: the real one follows

    status_ = status;
    closes_ = close;
    if (status == 204 || status == 304) {
      remaining_ = 0;
      framing_ = Framing::kLength;
    } else if (chunked) {
      framing_ = Framing::kChunked;
      chunk_part_ = ChunkPart::kSize;
    } else if (has_length) {
      framing_ = Framing::kLength;
      remaining_ = length;
    } else {
      framing_ = Framing::kUntilClose;
      closes_ = true;
    }
    return State::kBody;
  }
}

ResponseReader::State ResponseReader::consume_body() {
  switch (framing_) {
    case Framing::kLength: {
      const std::size_t taken = std::min(remaining_, pending_.size());
      pending_.erase(0, taken);
      remaining_ -= taken;
      return remaining_ == 0 ? State::kDone : State::kBody;
    }
    case Framing::kUntilClose:
      pending_.clear();
      return State::kBody;
    case Framing::kChunked:
      return consume_chunked();
  }
  return State::kBad;
}

ResponseReader::State ResponseReader::consume_chunked() {
  std::size_t at = 0;
  State result = State::kBody;
  while (result == State::kBody) {
    if (chunk_part_ == ChunkPart::kData) {
      const std::size_t taken = std::min(remaining_, pending_.size() - at);
      at += taken;
      remaining_ -= taken;
      if (remaining_ > 0) break;
      chunk_part_ = ChunkPart::kDataEnd;
      continue;
    }
    if (chunk_part_ == ChunkPart::kDataEnd) {
      if (pending_.size() - at < 2) break;
      if (pending_.compare(at, 2, "\r\n") != 0) return State::kBad;
      at += 2;
      chunk_part_ = ChunkPart::kSize;
      continue;
    }
    const std::size_t eol = pending_.find("\r\n", at);
    if (eol == std::string::npos) {
      if (pending_.size() - at > kMaxHeaderBytes) return State::kBad;
      break;
    }
    const std::string_view line(pending_.data() + at, eol - at);
    at = eol + 2;
    if (chunk_part_ == ChunkPart::kTrailers) {
      if (line.empty()) result = State::kDone;  // the blank line after the last chunk
      continue;
    }
    std::size_t size = 0;
    const auto [ptr, ec] = std::from_chars(line.data(), line.data() + line.size(), size, 16);
    if (ec != std::errc() || ptr == line.data()) return State::kBad;
    if (size == 0) {
      chunk_part_ = ChunkPart::kTrailers;
    } else {
      remaining_ = size;
      chunk_part_ = ChunkPart::kData;
    }
  }
  pending_.erase(0, at);
  return result;
}

}  // namespace cds::bench
