// Server-level problem responses, built on problem() so that every problem has one shape.
#include "http/server_problems.hpp"

#include <boost/json.hpp>
#include <cstdio>

#include "common/json_text.hpp"
#include "common/messages.hpp"
#include "http/problem.hpp"

namespace cds::http {
namespace {

Code code_for(int http_status) {
  switch (http_status) {
    case 400:
      return Code::kBadRequest;
    case 404:
      return Code::kNotFound;
    case 413:
      return Code::kTooLarge;
    case 429:
      return Code::kTooManyRequests;
    case 503:
      return Code::kUnavailable;
    case 500:
      return Code::kInternal;
    default:
      return Code::kBadRequest;  // 405, 408, 431: patched below
  }
}

}  // namespace

Response server_problem(Lang lang, int http_status, std::string_view key,
                        const std::map<std::string, std::string>& params) {
  Status status(code_for(http_status), std::string(key));
  for (const auto& [name, value] : params) status.with(name, value);
  Response r = problem(lang, status);
  if (r.status != http_status) {
    // Status has no code for this HTTP status: keep the shape, fix the number and the title.
    boost::json::value body = boost::json::parse(r.body);
    boost::json::object& o = body.as_object();
    o["status"] = http_status;
    o["title"] = message(key, lang == Lang::kEn, params);
    r.body = json_text(body);
    r.status = http_status;
  }
  return r;
}

std::string format_size(std::size_t bytes) {
  constexpr std::size_t kKiB = 1024, kMiB = 1024 * 1024, kGiB = kMiB * 1024;
  const auto scaled = [bytes](std::size_t unit, const char* name) {
    char buf[48];
    if (bytes % unit == 0) {
      std::snprintf(buf, sizeof buf, "%zu %s", bytes / unit, name);
    } else {
      std::snprintf(buf, sizeof buf, "%.1f %s", static_cast<double>(bytes) / unit, name);
    }
    return std::string(buf);
  };
  if (bytes >= kGiB) return scaled(kGiB, "GiB");
  if (bytes >= kMiB) return scaled(kMiB, "MiB");
  if (bytes >= kKiB) return scaled(kKiB, "KiB");
  return std::to_string(bytes) + " bytes";
}

}  // namespace cds::http
