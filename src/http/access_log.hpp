// The server's log: one JSON line per answered request (the access log) and one per error, on
// stdout. Never the query string, headers or bodies: they can hold personal data.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

namespace cds::http {

// What is logged about one answered request. Views are borrowed for the call only.
struct AccessRecord {
  std::string_view request_id;
  std::string_view method;
  std::string_view route;  // the route's pattern, or "unmatched"
  std::string_view path;   // percent-decoded, without the query
  int status = 0;
  double duration_ms = 0;
  std::uint64_t bytes = 0;  // response body bytes
  std::string_view remote;
};

// Thread-safe: each line is built first and written with one write(2) under a mutex, so lines
// from several threads never interleave.
class AccessLog {
 public:
  // Writes to file descriptor `fd` (stdout by default; the caller keeps it open). When `enabled`
  // is false the request lines are dropped; error lines are always written.
  explicit AccessLog(bool enabled = true, int fd = 1) : enabled_(enabled), fd_(fd) {}

  bool enabled() const { return enabled_; }
  void request(const AccessRecord& record) const;
  // {"level":"error","msg":msg,"request_id":...,"error":detail}; request_id omitted when empty.
  void error(std::string_view msg, std::string_view request_id, std::string_view detail) const;

 private:
  void write_line(std::string& line) const;

  bool enabled_;
  int fd_;
  mutable std::mutex write_mutex_;  // serializes write(2) calls on fd_
};

}  // namespace cds::http
