// The project's own code around Beast's request parser (src/http): the request line's target split
// into path and query and percent-decoded as server_session.cpp does, headers, query parameters,
// the language choice, the request id rule, integer path parameters, and the router over every
// route the application registers. Input: "METHOD TARGET\r\n" then header lines "name: value".
// Checks: path and query are views of the target; the router's answer agrees with the pattern it
// names (segment count, literal segments, one binding per {param}); a 405 lists other methods
// only; an accepted request id or handler header obeys its stated rule; parse_int round-trips.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_input.hpp"
#include "http/message.hpp"
#include "http/params.hpp"
#include "http/router.hpp"
#include "http/wire.hpp"

namespace {

using cds::fuzz::check;
using cds::http::Method;

// The application's routes (grep -rhoE 'Method::k[A-Za-z]+, "[^"]+"' src | sort -u): a route
// added later and missing here only narrows what this target reaches.
struct RouteSpec {
  Method method;
  const char* pattern;
};
constexpr RouteSpec kRoutes[] = {
    {Method::kDelete, "/api/v1/admin/apps/{id}"},
    {Method::kDelete, "/api/v1/admin/holidays/{date}"},
    {Method::kDelete, "/api/v1/admin/routing-rules/{category}/{ward}"},
    {Method::kDelete, "/api/v1/me"},
    {Method::kDelete, "/api/v1/me/location"},
    {Method::kDelete, "/api/v1/me/sessions/{id}"},
    {Method::kDelete, "/api/v1/push/subscriptions/{id}"},
    {Method::kDelete, "/api/v1/reports/{id}/follow"},
    {Method::kGet, "/"},
    {Method::kGet, "/.well-known/jwks.json"},
    {Method::kGet, "/alerts.atom"},
    {Method::kGet, "/alerts/{file}"},
    {Method::kGet, "/api/v1/admin/apps"},
    {Method::kGet, "/api/v1/admin/audit"},
    {Method::kGet, "/api/v1/admin/holidays"},
    {Method::kGet, "/api/v1/admin/routing-rules"},
    {Method::kGet, "/api/v1/admin/users"},
    {Method::kGet, "/api/v1/alerts"},
    {Method::kGet, "/api/v1/alerts/{id}"},
    {Method::kGet, "/api/v1/apps"},
    {Method::kGet, "/api/v1/areas"},
    {Method::kGet, "/api/v1/areas/locate"},
    {Method::kGet, "/api/v1/areas/shapes"},
    {Method::kGet, "/api/v1/areas/{code}/shape"},
    {Method::kGet, "/api/v1/auth/vneid/callback"},
    {Method::kGet, "/api/v1/auth/vneid/start"},
    {Method::kGet, "/api/v1/categories"},
    {Method::kGet, "/api/v1/config"},
    {Method::kGet, "/api/v1/dossiers/{code}"},
    {Method::kGet, "/api/v1/events/stream"},
    {Method::kGet, "/api/v1/map/layers"},
    {Method::kGet, "/api/v1/map/pois"},
    {Method::kGet, "/api/v1/map/reports"},
    {Method::kGet, "/api/v1/me"},
    {Method::kGet, "/api/v1/me/consents"},
    {Method::kGet, "/api/v1/me/dossiers"},
    {Method::kGet, "/api/v1/me/dossiers/{code}"},
    {Method::kGet, "/api/v1/me/export"},
    {Method::kGet, "/api/v1/me/sessions"},
    {Method::kGet, "/api/v1/media/{id}"},
    {Method::kGet, "/api/v1/media/{id}/thumbnail"},
    {Method::kGet, "/api/v1/news"},
    {Method::kGet, "/api/v1/news/{id}"},
    {Method::kGet, "/api/v1/notifications"},
    {Method::kGet, "/api/v1/notifications/preferences"},
    {Method::kGet, "/api/v1/notifications/unread-count"},
    {Method::kGet, "/api/v1/procedures"},
    {Method::kGet, "/api/v1/procedures/{code}"},
    {Method::kGet, "/api/v1/push/key"},
    {Method::kGet, "/api/v1/push/subscriptions"},
    {Method::kGet, "/api/v1/reports"},
    {Method::kGet, "/api/v1/reports/{id}"},
    {Method::kGet, "/api/v1/staff/alerts"},
    {Method::kGet, "/api/v1/staff/alerts/{id}"},
    {Method::kGet, "/api/v1/staff/news"},
    {Method::kGet, "/api/v1/staff/news/{id}"},
    {Method::kGet, "/api/v1/staff/reports"},
    {Method::kGet, "/api/v1/staff/reports/{id}"},
    {Method::kGet, "/api/v1/staff/stats"},
    {Method::kGet, "/api/v1/staff/stats/ranking"},
    {Method::kGet, "/api/v1/units"},
    {Method::kGet, "/app"},
    {Method::kGet, "/app/"},
    {Method::kGet, "/app/{path...}"},
    {Method::kGet, "/assets/{path...}"},
    {Method::kGet, "/healthz"},
    {Method::kGet, "/metrics"},
    {Method::kGet, "/news.atom"},
    {Method::kGet, "/readyz"},
    {Method::kGet, "/staff"},
    {Method::kGet, "/staff/"},
    {Method::kGet, "/staff/{path...}"},
    {Method::kPatch, "/api/v1/admin/users/{id}"},
    {Method::kPost, "/api/v1/admin/apps"},
    {Method::kPost, "/api/v1/admin/broadcasts"},
    {Method::kPost, "/api/v1/admin/users"},
    {Method::kPost, "/api/v1/admin/users/{id}/password"},
    {Method::kPost, "/api/v1/admin/users/{id}/totp-reset"},
    {Method::kPost, "/api/v1/alerts/{id}/opened"},
    {Method::kPost, "/api/v1/auth/logout"},
    {Method::kPost, "/api/v1/auth/staff/login"},
    {Method::kPost, "/api/v1/auth/staff/totp/confirm"},
    {Method::kPost, "/api/v1/connector/dossiers/{code}/events"},
    {Method::kPost, "/api/v1/media"},
    {Method::kPost, "/api/v1/notifications/read"},
    {Method::kPost, "/api/v1/push/subscriptions"},
    {Method::kPost, "/api/v1/reports"},
    {Method::kPost, "/api/v1/reports/{id}/follow"},
    {Method::kPost, "/api/v1/reports/{id}/rating"},
    {Method::kPost, "/api/v1/reports/{id}/reopen"},
    {Method::kPost, "/api/v1/reports/{id}/support"},
    {Method::kPost, "/api/v1/reports/{id}/withdraw"},
    {Method::kPost, "/api/v1/staff/alerts"},
    {Method::kPost, "/api/v1/staff/alerts/{id}/approve"},
    {Method::kPost, "/api/v1/staff/alerts/{id}/cancel"},
    {Method::kPost, "/api/v1/staff/news"},
    {Method::kPost, "/api/v1/staff/news/preview"},
    {Method::kPost, "/api/v1/staff/news/{id}/publish"},
    {Method::kPost, "/api/v1/staff/news/{id}/unpublish"},
    {Method::kPost, "/api/v1/staff/reports"},
    {Method::kPost, "/api/v1/staff/reports/{id}/{action}"},
    {Method::kPut, "/api/v1/admin/apps/order"},
    {Method::kPut, "/api/v1/admin/apps/{id}"},
    {Method::kPut, "/api/v1/admin/categories/{code}"},
    {Method::kPut, "/api/v1/admin/holidays/{date}"},
    {Method::kPut, "/api/v1/admin/routing-rules/{category}/{ward}"},
    {Method::kPut, "/api/v1/admin/units/{code}"},
    {Method::kPut, "/api/v1/connector/dossiers/{code}"},
    {Method::kPut, "/api/v1/me/consents/{purpose}"},
    {Method::kPut, "/api/v1/me/home-ward"},
    {Method::kPut, "/api/v1/me/location"},
    {Method::kPut, "/api/v1/notifications/preferences"},
    {Method::kPut, "/api/v1/staff/alerts/{id}"},
    {Method::kPut, "/api/v1/staff/news/{id}"},
};

const cds::http::Router& router() {
  static const auto* r = [] {
    auto* made = new cds::http::Router;
    for (const auto& spec : kRoutes) {
      made->add(spec.method, spec.pattern,
                [](cds::http::Request&) { return cds::http::Response::no_content(); });
    }
    return made;
  }();
  return *r;
}

Method method_of(std::string_view name) {
  constexpr Method kAll[] = {Method::kGet,   Method::kHead,   Method::kPost,   Method::kPut,
                             Method::kPatch, Method::kDelete, Method::kOptions};
  for (Method m : kAll)
    if (cds::http::method_name(m) == name) return m;
  return Method::kOther;
}

std::vector<std::string_view> split(std::string_view path) {
  std::vector<std::string_view> out;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  for (;;) {
    const std::size_t slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

bool is_param(std::string_view s) {
  return s.size() >= 2 && s.front() == '{' && s.back() == '}';
}

bool inside(std::string_view part, std::string_view whole) {
  return part.empty() ||
         (part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size());
}

void check_match(cds::http::Request& req) {
  const cds::http::Router::Match m = router().match(req);
  if (m.route == nullptr) {
    if (!m.path_exists) return;
    check(!m.allowed.empty(), "405 without an Allow list", req.target);
    for (Method allowed : m.allowed) {
      check(allowed != req.method && !(req.method == Method::kHead && allowed == Method::kGet),
            "405 lists the requested method", req.target);
    }
    return;
  }
  const auto& route = *m.route;
  check(route.method == req.method || (req.method == Method::kHead && route.method == Method::kGet),
        "route of another method", req.target + " -> " + route.pattern);
  // As the router reads it: the raw path of an origin-form target, else the decoded path.
  const std::string_view target = req.target;
  const std::string_view raw = target.substr(0, target.find('?'));
  const auto segments = split(raw.empty() || raw.front() != '/' ? std::string_view(req.path) : raw);
  std::size_t params = 0;
  for (std::size_t i = 0; i < route.segments.size(); ++i) {
    const std::string& pattern = route.segments[i];
    if (is_param(pattern)) {
      ++params;
      continue;
    }
    check(i < segments.size(), "route longer than the path", req.target + " -> " + route.pattern);
    check(segments[i] == pattern || route.segments[i].find('%') != std::string::npos ||
              cds::http::percent_decode(segments[i], false) == pattern,
          "literal segment differs", req.target + " -> " + route.pattern);
  }
  if (!route.catch_all) {
    check(segments.size() == route.segments.size(), "segment count differs",
          req.target + " -> " + route.pattern);
  } else {
    check(segments.size() >= route.segments.size(), "catch-all with nothing to bind",
          req.target + " -> " + route.pattern);
  }
  check(req.path_params.size() == params, "path parameters differ from the pattern's",
        req.target + " -> " + route.pattern);
  for (const auto& [name, value] : req.path_params) {
    if (auto id = cds::http::parse_positive_id(value)) check(*id >= 1, "an id below 1", value);
  }
}

void check_int(std::string_view text) {
  const auto v = cds::http::parse_int(text);
  if (!v) return;
  check(cds::http::parse_int(std::to_string(*v)) == v, "parse_int does not round-trip", text);
  check(!text.empty() && text.find_first_not_of("-0123456789") == std::string_view::npos,
        "parse_int accepted a non-digit", text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t eol = input.find("\r\n");
  std::string_view line = input.substr(0, eol);
  input = eol == std::string_view::npos ? std::string_view() : input.substr(eol + 2);

  cds::http::Request req;
  const std::size_t space = line.find(' ');
  req.method = method_of(line.substr(0, space));
  req.target =
      space == std::string_view::npos ? std::string() : std::string(line.substr(space + 1));

  // As server_session.cpp does with what Beast parsed.
  std::string_view raw_path, raw_query;
  cds::http::split_target(req.target, raw_path, raw_query);
  check(inside(raw_path, req.target) || raw_path == "/", "path is not part of the target",
        req.target);
  check(inside(raw_query, req.target), "query is not part of the target", req.target);
  req.path = cds::http::percent_decode(raw_path, false);
  req.query = std::string(raw_query);

  while (!input.empty()) {
    const std::size_t end = input.find("\r\n");
    std::string_view field = input.substr(0, end);
    input = end == std::string_view::npos ? std::string_view() : input.substr(end + 2);
    const std::size_t colon = field.find(':');
    if (colon == std::string_view::npos) continue;
    std::string name(field.substr(0, colon));
    for (char& c : name) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    std::string_view value = field.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
      value.remove_prefix(1);
    check(cds::http::handler_header_allowed(name, value) ==
                  cds::http::handler_header_allowed(name, value) &&
              (!cds::http::handler_header_allowed(name, value) ||
               value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos),
          "a handler header with CR, LF or NUL allowed", field);
    req.headers.emplace_back(std::move(name), std::string(value));
  }

  const std::string_view id = req.header("x-request-id");
  if (cds::http::valid_request_id(id)) {
    check(!id.empty() && id.size() <= 64 &&
              id.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                   "0123456789._-") == std::string_view::npos,
          "a request id outside its rule accepted", id);
  }
  (void)req.lang();
  for (const char* name : {"after", "limit", "q", "near", "mine", "ward", "category"}) {
    if (auto v = req.query_param(name)) {
      check_int(*v);
    }
  }
  check_match(req);
  return 0;
}
