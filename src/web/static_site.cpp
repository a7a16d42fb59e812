// The routes of the web front end and how each file is answered: caching, encodings, validators
// and the Content-Security-Policy of the web app (the other security headers:
// http/security_headers).
#include "web/static_site.hpp"

#include <utility>

#include "auth/gate.hpp"
#include "common/status.hpp"
#include "http/problem.hpp"
#include "web/negotiation.hpp"

namespace cds::web {
namespace {

// A file whose name carries a content hash never changes: a year, and no revalidation.
constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";
// Everything else (shells, the manifest, the service worker, icons) is revalidated on each use,
// so that a new build reaches every phone at its next load; the ETag makes that a 304.
constexpr std::string_view kRevalidate = "no-cache";

http::Response redirect(int status, std::string location) {
  http::Response res;
  res.status = status;
  res.content_type.clear();
  res.header("Location", std::move(location));
  return res;
}

// "/app" → "/app/", keeping the query.
http::Response add_slash(const http::Request& req, std::string_view path) {
  std::string location(path);
  if (!req.query.empty()) location += "?" + req.query;
  return redirect(301, std::move(location));
}

http::Response not_found(const http::Request& req) {
  return http::problem(req, Status::NotFound("route_not_found"));
}

http::Response not_built(const http::Request& req) {
  return http::problem(req, Status::NotFound("web_app_not_built"));
}

// Whether the path under a section holds a "." or ".." segment: never a file, never a deep link.
bool has_dot_segment(std::string_view path) {
  for (;;) {
    const size_t slash = path.find('/');
    const std::string_view segment = path.substr(0, slash);
    if (segment == "." || segment == "..") return true;
    if (slash == std::string_view::npos) return false;
    path.remove_prefix(slash + 1);
  }
}

// Whether the last segment names a file ("missing.js"), which the shell must not stand in for.
bool names_a_file(std::string_view path) {
  const std::string_view last = path.substr(path.rfind('/') + 1);
  const size_t dot = last.rfind('.');
  return dot != std::string_view::npos && dot > 0 && dot + 1 < last.size();
}

}  // namespace

StaticSite::StaticSite(std::string dir) : dir_(std::move(dir)), files_(SiteFiles::load(dir_)) {}

bool StaticSite::built() const {
  return files_.find("app/index.html") != nullptr;
}

std::string StaticSite::describe() const {
  std::string out;
  if (!files_.error().empty()) {
    out = "web front end not loaded: " + files_.error();
  } else if (!built()) {
    out = "web front end not built: " + dir_ + " has no app/index.html; / shows the welcome page";
  } else {
    out = "web front end loaded from " + dir_ + ": " + std::to_string(files_.file_count()) +
          " files, " + std::to_string((files_.total_bytes() + 1023) / 1024) + " KiB";
  }
  for (size_t i = 0; i < files_.skipped().size(); ++i) {
    out += (i == 0 ? "; skipped " : ", ") + files_.skipped()[i];
  }
  return out;
}

void StaticSite::register_routes(http::Router& router, std::string_view home_page,
                                 std::string_view home_policy) const {
  const http::RouteOptions kInline{.inline_handler = true};
  router.add(
      http::Method::kGet, "/", auth::public_route([this, home_page, home_policy](http::Request&) {
        if (built()) return redirect(302, "/app/");
        auto res = http::Response::text(200, std::string(home_page), "text/html; charset=utf-8");
        res.header("Content-Security-Policy", std::string(home_policy));
        return res;
      }),
      kInline);
  router.add(http::Method::kGet, "/app",
             auth::public_route([](http::Request& req) { return add_slash(req, "/app/"); }),
             kInline);
  router.add(http::Method::kGet, "/app/",
             auth::public_route([this](http::Request& req) { return section(req, "app"); }),
             kInline);
  router.add(http::Method::kGet, "/app/{path...}",
             auth::public_route([this](http::Request& req) { return section(req, "app"); }),
             kInline);
  router.add(http::Method::kGet, "/staff",
             auth::public_route([](http::Request& req) { return add_slash(req, "/staff/"); }),
             kInline);
  router.add(http::Method::kGet, "/staff/",
             auth::public_route([this](http::Request& req) { return section(req, "staff"); }),
             kInline);
  router.add(http::Method::kGet, "/staff/{path...}",
             auth::public_route([this](http::Request& req) { return section(req, "staff"); }),
             kInline);
  router.add(http::Method::kGet, "/assets/{path...}",
             auth::public_route([this](http::Request& req) { return asset(req); }), kInline);
}

http::Response StaticSite::section(const http::Request& req, std::string_view name) const {
  const std::string prefix = std::string(name) + "/";
  const StaticFile* shell = files_.find(prefix + "index.html");
  if (!built() || shell == nullptr) return not_built(req);
  const std::string_view rest = req.path_param("path");  // empty at "/app/"
  if (!rest.empty()) {
    if (has_dot_segment(rest)) return not_found(req);
    if (const StaticFile* file = files_.find(prefix + std::string(rest))) {
      // The service worker may control the whole section, whatever folder it is served from.
      return send(req, *file, kRevalidate, rest == "sw.js" ? "/" + prefix : std::string());
    }
    if (names_a_file(rest)) return not_found(req);
  }
  return send(req, *shell, kRevalidate);  // a deep link: the app routes it in the browser
}

http::Response StaticSite::asset(const http::Request& req) const {
  if (!built()) return not_built(req);
  const std::string_view rest = req.path_param("path");
  const StaticFile* file =
      has_dot_segment(rest) ? nullptr : files_.find("assets/" + std::string(rest));
  if (file == nullptr) return not_found(req);
  return send(req, *file, file->hashed_name ? kImmutable : kRevalidate);
}

http::Response StaticSite::send(const http::Request& req, const StaticFile& file,
                                std::string_view cache_control,
                                std::string_view worker_scope) const {
  const Coding coding = choose_coding(parse_accept_encoding(req.header("accept-encoding")),
                                      file.brotli.has_value(), file.gzip.has_value());
  const Representation& chosen = coding == Coding::kBrotli ? *file.brotli
                                 : coding == Coding::kGzip ? *file.gzip
                                                           : file.identity;
  http::Response res;
  res.header("ETag", chosen.etag);
  res.header("Cache-Control", std::string(cache_control));
  if (file.has_variants()) res.header("Vary", "Accept-Encoding");
  if (!worker_scope.empty()) res.header("Service-Worker-Allowed", std::string(worker_scope));
  // Every file, not only pages: the service worker runs under the policy of its own script. On a
  // 304 too, since a cache replaces the stored headers with those of the 304.
  res.header("Content-Security-Policy", std::string(kContentSecurityPolicy));
  if (none_match(req.header("if-none-match"), chosen.etag)) {
    res.status = 304;
    res.content_type.clear();
    return res;
  }
  res.status = 200;
  res.content_type = file.content_type;
  if (coding != Coding::kIdentity) res.header("Content-Encoding", std::string(coding_name(coding)));
  res.body = chosen.body;  // a copy: a response owns its body
  return res;
}

}  // namespace cds::web
