// Request ids, handler header checks and request-target splitting.
#include "http/wire.hpp"

#include <random>

namespace cds::http {

bool valid_request_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string new_request_id() {
  // One generator per thread: no lock on the hot path. Seeded once from the OS.
  thread_local std::mt19937_64 generator{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::uint64_t bits = generator();
  std::string id(16, '0');
  for (int i = 15; i >= 0; --i) {
    id[static_cast<size_t>(i)] = kHex[bits & 0xF];
    bits >>= 4;
  }
  return id;
}

bool iequals_ascii(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

bool handler_header_allowed(std::string_view name, std::string_view value) {
  if (name.empty()) return false;
  for (char c : name) {
    const bool token = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
    if (!token) return false;
  }
  if (value.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos) return false;
  return !iequals_ascii(name, "content-length") && !iequals_ascii(name, "transfer-encoding") &&
         !iequals_ascii(name, "connection");
}

void split_target(std::string_view target, std::string_view& path, std::string_view& query) {
  std::string_view rest = target;
  const size_t scheme = rest.find("://");
  if (!rest.empty() && rest.front() != '/' && scheme != std::string_view::npos) {
    rest.remove_prefix(scheme + 3);
    const size_t slash = rest.find_first_of("/?");
    rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash);
  }
  const size_t q = rest.find('?');
  path = rest.substr(0, q);
  query = q == std::string_view::npos ? std::string_view{} : rest.substr(q + 1);
  const size_t hash = query.find('#');
  if (hash != std::string_view::npos) query = query.substr(0, hash);
  if (path.empty()) path = "/";
}

std::string_view head_violation(const RequestHead& head) {
  if (head.host_fields > 1 || (head.version >= 11 && head.host_fields == 0)) return "host";
  const std::string_view t = head.target;
  const bool origin_form = !t.empty() && t.front() == '/';
  const auto starts_with_ci = [&](std::string_view prefix) {
    return t.size() >= prefix.size() && iequals_ascii(t.substr(0, prefix.size()), prefix);
  };
  const bool absolute_form = starts_with_ci("http://") || starts_with_ci("https://");
  const bool asterisk_form = t == "*" && head.method == "OPTIONS";
  if (!origin_form && !absolute_form && !asterisk_form) return "target";
  if (!head.transfer_encoding.empty() && !head.chunked) return "transfer_encoding";
  return {};
}

}  // namespace cds::http
