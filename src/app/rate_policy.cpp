// Route classes and default allowances. The defaults are per minute and far above what a person
// does (a citizen sends a few reports a month; the staff console makes a few requests a second at
// most): they stop scripts, not people. Mobile carriers put many phones behind one address, so the
// per-address allowances are wider than the per-user ones.
#include "app/rate_policy.hpp"

#include <array>
#include <charconv>

#include "auth/sessions.hpp"

namespace cds::app {
namespace {

struct Default {
  const char* name;
  int per_ip;
  int per_user;
  const char* message_key;
};

constexpr std::array<Default, 6> kDefaults = {{
    {"read", 6000, 1200, "rate_limited"},
    {"search", 1200, 300, "rate_limited"},
    {"write", 1200, 120, "rate_limited"},
    {"upload", 300, 60, "uploads_too_many"},
    // Guessing passwords and TOTP codes; VNeID sign-ins pass here too.
    {"sign_in", 300, 0, "sign_ins_too_many"},
    // Guessing a dossier's receipt secret for a known code (docs/DOSSIERS.md).
    {"lookup", 10, 0, "dossier_lookups_too_many"},
}};

Status bad(std::string what) {
  Status st = Status::Invalid("invalid_config");
  st.with("detail", std::move(what));
  return st;
}

// Sets "ip.write" (or "user.*") to `rate` in `classes`.
Status apply(std::vector<http::RateClass>& classes, std::string_view name, int rate) {
  const auto dot = name.find('.');
  const std::string_view scope = name.substr(0, dot);
  const std::string_view cls = dot == std::string_view::npos ? "" : name.substr(dot + 1);
  if (scope != "ip" && scope != "user")
    return bad("rate limit " + std::string(name) + ": scope ip or user");
  bool found = false;
  for (http::RateClass& c : classes) {
    if (cls != "*" && c.name != cls) continue;
    (scope == "ip" ? c.per_ip : c.per_user) = rate;
    found = true;
  }
  if (!found) return bad("rate limit " + std::string(name) + ": no such class");
  return Status::Ok();
}

}  // namespace

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const auto comma = text.find(',');
    std::string_view item = text.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) out.emplace_back(item);
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
  }
  return out;
}

std::string route_class(http::Method method, std::string_view pattern) {
  using http::Method;
  // Health checks, metrics and the web app's own files are never limited.
  if (pattern == "/healthz" || pattern == "/readyz" || pattern == "/metrics" || pattern == "/" ||
      pattern.starts_with("/app") || pattern.starts_with("/staff") ||
      pattern.starts_with("/assets/") || pattern.starts_with("/.well-known/"))
    return "";
  const bool reading = method == Method::kGet || method == Method::kHead;
  if (pattern.starts_with("/api/v1/auth/") && pattern != "/api/v1/auth/logout") return "sign_in";
  if (pattern == "/api/v1/media" && method == Method::kPost) return "upload";
  if (pattern == "/api/v1/dossiers/{code}" && reading) return "lookup";
  if (reading && (pattern == "/api/v1/procedures" || pattern == "/api/v1/reports" ||
                  pattern == "/api/v1/news" || pattern == "/api/v1/staff/reports" ||
                  pattern == "/api/v1/map/reports" || pattern == "/api/v1/areas/locate"))
    return "search";
  return reading ? "read" : "write";
}

Result<http::RateLimitOptions> rate_limit_options(const Limits& limits) {
  http::RateLimitOptions options;
  for (const Default& d : kDefaults) {
    options.classes.push_back(http::RateClass{d.name, static_cast<double>(d.per_ip),
                                              static_cast<double>(d.per_user), d.message_key});
  }
  for (const auto& [name, rate] : limits.rates) {
    if (Status st = apply(options.classes, name, rate); !st.ok()) return st;
  }
  for (const std::string& item : split_list(limits.rates_text)) {
    const auto eq = item.find('=');
    int rate = -1;
    if (eq != std::string::npos) {
      const char* first = item.data() + eq + 1;
      auto [end, ec] = std::from_chars(first, item.data() + item.size(), rate);
      if (ec != std::errc{} || end != item.data() + item.size()) rate = -1;
    }
    if (rate < 0) return bad("rate limit '" + item + "': SCOPE.CLASS=PER_MINUTE");
    if (Status st = apply(options.classes, std::string_view(item).substr(0, eq), rate); !st.ok())
      return st;
  }
  options.classify = route_class;
  options.credential = [](const http::Request& req) -> std::string_view {
    const std::string_view authorization = req.header("authorization");
    if (!authorization.empty()) return authorization;
    return auth::cookie_value(req.header("cookie"), auth::kSessionCookie);
  };
  options.max_keys = static_cast<std::size_t>(limits.max_keys);
  return options;
}

}  // namespace cds::app
