// Why each header: docs/OPERATIONS.md ("Security headers and cookies").
#include "http/security_headers.hpp"

namespace cds::http {
namespace {

void set_default(boost::beast::http::fields& out, std::string_view name, std::string_view value) {
  if (out.find(name) == out.end()) out.set(name, value);
}

}  // namespace

void add_security_headers(boost::beast::http::fields& out, bool https_only) {
  out.set("X-Content-Type-Options", "nosniff");
  set_default(out, "Content-Security-Policy", kApiContentSecurityPolicy);
  // No-referrer rather than strict-origin-when-cross-origin: a page's address names a report
  // (PA-2611-000123), a dossier or a search, and the only cross-origin requests the app makes
  // are map tiles, which need no Referer from us.
  set_default(out, "Referrer-Policy", "no-referrer");
  set_default(out, "X-Frame-Options", "DENY");  // frame-ancestors for browsers without CSP 2
  set_default(out, "Permissions-Policy", kPermissionsPolicy);
  set_default(out, "Cross-Origin-Opener-Policy", "same-origin");
  if (https_only) set_default(out, "Strict-Transport-Security", kStrictTransportSecurity);
}

}  // namespace cds::http
