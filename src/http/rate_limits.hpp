// Rate limits per route class: each class allows so many requests per minute per client address
// and per signed-in caller; the server checks them on the event loop, before a handler is queued,
// and answers 429 with Retry-After beyond them.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/clock.hpp"
#include "http/message.hpp"
#include "http/router.hpp"
#include "http/token_buckets.hpp"

namespace cds::http {

class Metrics;

struct RateClass {
  std::string name;  // "write", "sign_in", ...
  // Requests per minute (a bucket this deep, refilled at this rate); 0: no limit.
  double per_ip = 0;                         // per client address
  double per_user = 0;                       // per credential (session cookie or bearer token)
  std::string message_key = "rate_limited";  // the 429's title
};

struct RateLimitOptions {
  std::vector<RateClass> classes;
  // The class of a route by method and pattern: one of `classes`' names, or empty (not limited).
  std::function<std::string(Method, std::string_view pattern)> classify;
  // The caller's credential (a bearer token or session cookie), or empty when anonymous. It is
  // read without a store call; a user with two sessions has two allowances.
  std::function<std::string_view(const Request&)> credential;
  std::size_t max_keys = 100'000;  // buckets remembered, every class and scope together
};

class RateLimits {
 public:
  // Classifies every route of `router` now: add routes before. `clock` and `metrics` outlive this.
  RateLimits(RateLimitOptions options, const Router& router, const Clock& clock, Metrics& metrics);

  // Counts `req` (from req.remote_address, the client's address) against its route's class: the
  // 429 to answer, or nullopt when it may go on. Any thread; no store call.
  std::optional<Response> check(const Request& req, const Route& route);

  // The class a route was put in ("" when none); for tests.
  std::string_view class_of(const Route& route) const;

 private:
  RateLimitOptions options_;
  Metrics& metrics_;
  TokenBuckets buckets_;
  std::unordered_map<const Route*, std::size_t> class_index_;  // written only in the constructor
};

}  // namespace cds::http
