// Route matching: a linear scan over a few dozen patterns, segment by segment, on the raw path so
// that an encoded "/" (%2F) inside a parameter never splits it.
#include "http/router.hpp"

#include <algorithm>
#include <stdexcept>

namespace cds::http {
namespace {

bool is_param(std::string_view segment) {
  return segment.size() >= 2 && segment.front() == '{' && segment.back() == '}';
}

// "/a/b" → {"a", "b"}; "/" → {""}; "/a/" → {"a", ""}: a trailing slash is a segment of its own,
// so "/a/" never matches "/a".
template <class String>
std::vector<String> split_path(std::string_view path) {
  std::vector<String> out;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  for (;;) {
    const size_t slash = path.find('/');
    out.emplace_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

// The undecoded path the router works on. Requests built by the server carry it in `target`;
// requests built by hand (tests, internal dispatch) may only have `path`.
std::string_view raw_path(const Request& req) {
  if (!req.target.empty() && req.target.front() == '/') {
    std::string_view t = req.target;
    return t.substr(0, t.find('?'));
  }
  return req.path;
}

// A segment as the router compares it: decoded only when it holds an escape.
struct Segment {
  std::string_view raw;
  bool escaped = false;
  std::string decoded;  // set when escaped
  std::string_view text() const { return escaped ? std::string_view(decoded) : raw; }
};

bool method_accepts(Method route, Method requested, bool& exact) {
  exact = route == requested;
  return exact || (requested == Method::kHead && route == Method::kGet);
}

// True when `a` is a better match than `b` for the same path: at the first position where one
// has a literal and the other a {param}, the literal wins; on a tie an exact method beats the GET
// that answers a HEAD.
bool better(const Route& a, bool a_exact, const Route& b, bool b_exact) {
  for (size_t i = 0; i < a.segments.size(); ++i) {
    const bool a_literal = !is_param(a.segments[i]);
    const bool b_literal = !is_param(b.segments[i]);
    if (a_literal != b_literal) return a_literal;
  }
  return a_exact && !b_exact;
}

}  // namespace

void Router::add(Method method, std::string pattern, Handler handler, RouteOptions options) {
  // Patterns are written by programmers at start-up; a wrong one is a bug worth stopping for.
  if (pattern.empty() || pattern.front() != '/') {
    throw std::invalid_argument("route pattern must start with '/': " + pattern);
  }
  auto route = std::make_unique<Route>();
  route->method = method;
  route->segments = split_path<std::string>(pattern);
  for (const auto& existing : routes_) {
    if (existing->method != method || existing->segments.size() != route->segments.size()) continue;
    bool same_shape = true;
    for (size_t i = 0; i < route->segments.size() && same_shape; ++i) {
      const std::string& a = existing->segments[i];
      const std::string& b = route->segments[i];
      same_shape = is_param(a) ? is_param(b) : a == b;
    }
    if (same_shape) {
      throw std::invalid_argument("route " + std::string(method_name(method)) + " " + pattern +
                                  " is ambiguous with " + existing->pattern);
    }
  }
  route->pattern = std::move(pattern);
  route->handler = std::move(handler);
  route->options = options;
  routes_.push_back(std::move(route));
}

Router::Match Router::match(Request& req) const {
  std::vector<Segment> segments;
  for (std::string_view raw : split_path<std::string_view>(raw_path(req))) {
    Segment s{raw, raw.find('%') != raw.npos, {}};
    if (s.escaped) s.decoded = percent_decode(raw, false);
    segments.push_back(std::move(s));
  }

  Match result;
  bool best_exact = false;
  for (const auto& route : routes_) {
    if (route->segments.size() != segments.size()) continue;
    bool path_matches = true;
    for (size_t i = 0; i < segments.size() && path_matches; ++i) {
      const std::string& pattern = route->segments[i];
      path_matches = is_param(pattern) ? !segments[i].raw.empty() : pattern == segments[i].text();
    }
    if (!path_matches) continue;
    bool exact = false;
    if (!method_accepts(route->method, req.method, exact)) {
      result.path_exists = true;
      result.allowed.push_back(route->method);
      if (route->method == Method::kGet) result.allowed.push_back(Method::kHead);
      continue;
    }
    if (result.route == nullptr || better(*route, exact, *result.route, best_exact)) {
      result.route = route.get();
      best_exact = exact;
    }
  }

  if (result.route != nullptr) {
    result.allowed.clear();
    req.path_params.clear();
    for (size_t i = 0; i < segments.size(); ++i) {
      const std::string& pattern = result.route->segments[i];
      if (is_param(pattern)) {
        req.path_params.insert_or_assign(pattern.substr(1, pattern.size() - 2),
                                         std::string(segments[i].text()));
      }
    }
  } else {
    std::sort(result.allowed.begin(), result.allowed.end());
    result.allowed.erase(std::unique(result.allowed.begin(), result.allowed.end()),
                         result.allowed.end());
  }
  return result;
}

std::string allow_header(const std::vector<Method>& methods) {
  std::string out;
  for (Method m : methods) {
    if (!out.empty()) out += ", ";
    out += method_name(m);
  }
  return out;
}

}  // namespace cds::http
