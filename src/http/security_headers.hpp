// The security headers every answer of the server carries, whatever produced it: a handler's
// JSON, a problem, a static file, a stream, or the server's own 503.
#pragma once

#include <boost/beast/http/fields.hpp>
#include <string_view>

namespace cds::http {

// The policy of an answer that is not a page: it loads nothing, runs nothing and may not be
// framed. Pages (the web app, the welcome page) set their own Content-Security-Policy.
inline constexpr std::string_view kApiContentSecurityPolicy =
    "default-src 'none'; frame-ancestors 'none'";
// Geolocation for the report's place and the nearby list, camera for a report's photo, from this
// origin only; nothing else a page might ask the browser for.
inline constexpr std::string_view kPermissionsPolicy =
    "geolocation=(self), camera=(self), microphone=(), payment=(), usb=()";
// Two years, the usual value for a site that is https only; subdomains are left to their owners.
inline constexpr std::string_view kStrictTransportSecurity = "max-age=63072000";

// Sets on `out` each security header that the handler did not set itself. `https_only`: the
// public URL is https, so browsers are told to use nothing else (HSTS).
void add_security_headers(boost::beast::http::fields& out, bool https_only);

}  // namespace cds::http
