// The product's rate-limit policy: the class of every route and what each class allows by default,
// with the configuration's overrides applied (docs/SECURITY.md, "Rate limits").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/config.hpp"
#include "common/status.hpp"
#include "http/message.hpp"
#include "http/rate_limits.hpp"

namespace cds::app {

// "read", "search", "write", "upload", "sign_in", "lookup", or "" for a route never limited
// (health, metrics, the web app's files).
std::string route_class(http::Method method, std::string_view pattern);

// The classes with their allowances: the defaults, then `limits.rates`, then `limits.rates_text`.
// invalid_config for an override naming no class or scope.
Result<http::RateLimitOptions> rate_limit_options(const Limits& limits);

// "a, b,c" → {"a", "b", "c"}.
std::vector<std::string> split_list(std::string_view text);

}  // namespace cds::app
