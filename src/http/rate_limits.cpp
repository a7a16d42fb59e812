// The 429 answer and the bucket keys: "<scope>|<class>|<client>", where a credential is kept as a
// hash (the token itself never sits in the table).
#include "http/rate_limits.hpp"

#include <charconv>

#include "http/metrics.hpp"
#include "http/server_problems.hpp"

namespace cds::http {

RateLimits::RateLimits(RateLimitOptions options, const Router& router, const Clock& clock,
                       Metrics& metrics)
    : options_(std::move(options)), metrics_(metrics), buckets_(clock, options_.max_keys) {
  if (!options_.classify) return;
  for (const auto& route : router.routes()) {
    const std::string name = options_.classify(route->method, route->pattern);
    for (std::size_t i = 0; i < options_.classes.size(); ++i) {
      if (options_.classes[i].name == name) class_index_.emplace(route.get(), i);
    }
  }
}

std::string_view RateLimits::class_of(const Route& route) const {
  auto it = class_index_.find(&route);
  return it == class_index_.end() ? std::string_view{} : options_.classes[it->second].name;
}

std::optional<Response> RateLimits::check(const Request& req, const Route& route) {
  auto it = class_index_.find(&route);
  if (it == class_index_.end()) return std::nullopt;
  const RateClass& rc = options_.classes[it->second];
  const auto refuse = [&](std::string_view scope, int wait) {
    metrics_.rate_limited(scope, rc.name);
    const std::string seconds = std::to_string(wait);
    Response r = server_problem(req.lang(), 429, rc.message_key, {{"retry_after", seconds}});
    r.header("Retry-After", seconds);
    return r;
  };
  std::string key;
  key.reserve(80);
  if (rc.per_ip > 0 && !req.remote_address.empty()) {
    key.append("ip|").append(rc.name).append("|").append(req.remote_address);
    if (const int wait = buckets_.take(key, rc.per_ip); wait > 0) return refuse("ip", wait);
  }
  if (rc.per_user > 0 && options_.credential) {
    const std::string_view credential = options_.credential(req);
    if (!credential.empty()) {
      char digest[20];
      auto [end, ec] = std::to_chars(digest, digest + sizeof digest,
                                     std::hash<std::string_view>{}(credential), 16);
      key.assign("user|").append(rc.name).append("|").append(digest, end);
      if (const int wait = buckets_.take(key, rc.per_user); wait > 0) return refuse("user", wait);
    }
  }
  return std::nullopt;
}

}  // namespace cds::http
