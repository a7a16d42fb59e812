// JSON log lines for requests and errors.
#include "http/access_log.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>

#include "common/clock.hpp"
#include "common/json_text.hpp"

namespace cds::http {
namespace {

// Longest path logged; the rest is cut so that a 16 KiB target cannot flood the log.
constexpr size_t kMaxLoggedPath = 1024;
constexpr size_t kMaxLoggedField = 256;

void append_field(std::string& out, std::string_view name, std::string_view value,
                  size_t max = kMaxLoggedField) {
  out += ",\"";
  out += name;
  out += "\":";
  append_json_string(out, value.substr(0, max));
}

std::string line_start(std::string_view level, std::string_view msg) {
  std::string line;
  line.reserve(320);
  line += "{\"time\":\"";
  line += format_rfc3339(SystemClock().now());
  line += "\",\"level\":\"";
  line += level;
  line += "\",\"msg\":";
  append_json_string(line, msg);
  return line;
}

}  // namespace

void AccessLog::request(const AccessRecord& r) const {
  if (!enabled_) return;
  std::string line = line_start("info", "request");
  append_field(line, "request_id", r.request_id);
  append_field(line, "method", r.method, 32);
  append_field(line, "route", r.route);
  append_field(line, "path", r.path, kMaxLoggedPath);
  char buf[96];
  std::snprintf(buf, sizeof buf, ",\"status\":%d,\"duration_ms\":%.3f,\"bytes\":%llu", r.status,
                r.duration_ms, static_cast<unsigned long long>(r.bytes));
  line += buf;
  append_field(line, "remote", r.remote);
  line += "}\n";
  write_line(line);
}

void AccessLog::error(std::string_view msg, std::string_view request_id,
                      std::string_view detail) const {
  std::string line = line_start("error", msg);
  if (!request_id.empty()) append_field(line, "request_id", request_id);
  append_field(line, "error", detail, 2048);
  line += "}\n";
  write_line(line);
}

void AccessLog::write_line(std::string& line) const {
  std::lock_guard lock(write_mutex_);
  std::string_view rest = line;
  while (!rest.empty()) {
    const ssize_t n = ::write(fd_, rest.data(), rest.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return;  // a closed stdout must not take the server down
    }
    rest.remove_prefix(static_cast<size_t>(n));
  }
}

}  // namespace cds::http
