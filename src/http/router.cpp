// Route matching: a linear scan over a few dozen patterns, segment by segment, on the raw path so
// that an encoded "/" (%2F) inside a parameter never splits it (a {rest...} joins its segments'
// decoded text with '/', so there the two cannot be told apart).
#include "http/router.hpp"

#include <algorithm>
#include <stdexcept>

namespace cds::http {
namespace {

// "{id}" or "{rest...}".
bool is_param(std::string_view segment) {
  return segment.size() >= 2 && segment.front() == '{' && segment.back() == '}';
}

bool is_catch_all(std::string_view segment) {
  return is_param(segment) && segment.ends_with("...}");
}

// How specific a pattern segment is: where two routes match one path, the more specific segment
// at the first position where they differ wins.
enum Specificity { kCatchAll = 0, kParam = 1, kLiteral = 2 };

Specificity specificity(std::string_view segment) {
  if (!is_param(segment)) return kLiteral;
  return is_catch_all(segment) ? kCatchAll : kParam;
}

// "{id}" → "id", "{rest...}" → "rest".
std::string_view param_name(std::string_view segment) {
  segment = segment.substr(1, segment.size() - 2);
  if (segment.ends_with("...")) segment.remove_suffix(3);
  return segment;
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

// True when `a` is a better match than `b` for the same path: at the first position where their
// kinds differ, a literal beats a {param}, which beats a {rest...}; on a tie an exact method beats
// the GET that answers a HEAD. (Both matched the same path, so up to a {rest...} they have a
// segment at each position.)
bool better(const Route& a, bool a_exact, const Route& b, bool b_exact) {
  const size_t n = std::min(a.segments.size(), b.segments.size());
  for (size_t i = 0; i < n; ++i) {
    const Specificity sa = specificity(a.segments[i]);
    const Specificity sb = specificity(b.segments[i]);
    if (sa != sb) return sa > sb;
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
  for (size_t i = 0; i < route->segments.size(); ++i) {
    const std::string& segment = route->segments[i];
    if (!is_catch_all(segment)) continue;
    if (i + 1 != route->segments.size() || param_name(segment).empty()) {
      throw std::invalid_argument("a {name...} segment must be named and last: " + pattern);
    }
    route->catch_all = true;
  }
  for (const auto& existing : routes_) {
    if (existing->method != method || existing->segments.size() != route->segments.size()) continue;
    bool same_shape = true;
    for (size_t i = 0; i < route->segments.size() && same_shape; ++i) {
      const std::string& a = existing->segments[i];
      const std::string& b = route->segments[i];
      same_shape = specificity(a) == specificity(b) && (is_param(a) || a == b);
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
    const size_t n = route->segments.size();
    if (route->catch_all ? segments.size() < n : segments.size() != n) continue;
    bool path_matches = true;
    // A {rest...} is checked like a {param}: its first segment must not be empty.
    for (size_t i = 0; i < n && path_matches; ++i) {
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
    const std::vector<std::string>& patterns = result.route->segments;
    for (size_t i = 0; i < patterns.size(); ++i) {
      if (!is_param(patterns[i])) continue;
      std::string value(segments[i].text());
      if (i + 1 == patterns.size() && result.route->catch_all) {
        for (size_t rest = i + 1; rest < segments.size(); ++rest) {
          value += '/';
          value += segments[rest].text();
        }
      }
      req.path_params.insert_or_assign(std::string(param_name(patterns[i])), std::move(value));
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
