// Serves the built web front end (web/dist): the citizen app under /app/, the staff console under
// /staff/, the bundler's hashed files under /assets/, and each app's shell for its deep links.
#pragma once

#include <string>
#include <string_view>

#include "http/message.hpp"
#include "http/router.hpp"
#include "web/site_files.hpp"

namespace cds::web {

// Loaded once at start-up and immutable after: handlers run on any I/O thread concurrently.
// Only files loaded from the folder are ever served, so no request path can reach outside it.
class StaticSite {
 public:
  // Loads `dir` (the web_dir setting) into memory; see SiteFiles::load.
  explicit StaticSite(std::string dir);

  // Whether the citizen app is built: the folder holds app/index.html.
  bool built() const;
  const SiteFiles& files() const { return files_; }
  // One line for the start-up log: what was loaded (or why nothing was), and what was skipped.
  std::string describe() const;

  // GET /, /app, /app/, /app/{path...}, /staff, /staff/, /staff/{path...} and /assets/{path...}:
  // public, answered on the I/O thread. `home_page` is the HTML answered at / while the app is
  // not built (once built, / redirects to /app/), under the Content-Security-Policy
  // `home_policy`. This object, `home_page` and `home_policy` must outlive `router`.
  void register_routes(http::Router& router, std::string_view home_page,
                       std::string_view home_policy) const;

 private:
  // /app/... or /staff/...: a file of the section, else its shell (app/index.html).
  http::Response section(const http::Request& req, std::string_view name) const;
  // /assets/...: a file, immutable when its name carries a content hash.
  http::Response asset(const http::Request& req) const;
  // `file` in the best coding the request admits, or 304 when the client's copy is current.
  // `worker_scope`: the Service-Worker-Allowed value, for a service worker script.
  http::Response send(const http::Request& req, const StaticFile& file,
                      std::string_view cache_control, std::string_view worker_scope = {}) const;

  std::string dir_;
  SiteFiles files_;
};

// The Content-Security-Policy of every file of the web app: scripts (and the service worker)
// from this origin only and never inline, styles from this origin (inline styles allowed for the
// UI library), images also from data:, blob: and any https origin (map tiles), no plugins, forms
// posted only here, no framing.
inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; img-src 'self' data: blob: https:; connect-src 'self'; "
    "style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'";

}  // namespace cds::web
