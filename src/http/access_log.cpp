// JSON log lines for requests and errors.
#include "http/access_log.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>

#include "common/clock.hpp"

namespace cds::http {
namespace {

// Longest path logged; the rest is cut so that a 16 KiB target cannot flood the log.
constexpr size_t kMaxLoggedPath = 1024;
constexpr size_t kMaxLoggedField = 256;

// The length of the valid UTF-8 sequence starting at s[i], or 0 when it is not one.
size_t utf8_sequence(std::string_view s, size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  size_t n;
  std::uint32_t cp;
  if (b0 < 0x80) return 1;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2;
    cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3;
    cp = b0 & 0x0F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4;
    cp = b0 & 0x07;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  // Overlong forms, surrogates and code points past U+10FFFF are not valid.
  if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;
  return n;
}

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

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  for (size_t i = 0; i < s.size();) {
    const char c = s[i];
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80) {
      const size_t n = utf8_sequence(s, i);
      if (n == 0) {
        out += "\\ufffd";
        ++i;
      } else {
        out.append(s.substr(i, n));
        i += n;
      }
      continue;
    }
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (u < 0x20 || u == 0x7F) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", u);
          out += buf;
        } else {
          out += c;
        }
    }
    ++i;
  }
  out += '"';
}

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
