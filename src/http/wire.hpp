// Small rules of the wire that the server applies to every exchange, kept out of the Beast
// translation units so that they compile fast and can be tested alone.
#pragma once

#include <string>
#include <string_view>

namespace cds::http {

// A client's X-Request-Id is echoed when it is 1–64 characters of [A-Za-z0-9._-].
bool valid_request_id(std::string_view id);
// 16 random hex characters (64 bits; for correlating logs, not a secret).
std::string new_request_id();

// A header a handler may set: a token name, a value without CR, LF or NUL, and not one of the
// framing headers the server owns (Content-Length, Transfer-Encoding, Connection).
bool handler_header_allowed(std::string_view name, std::string_view value);

// Splits a request target into its raw path and raw query (without '?'). Absolute-form targets
// ("http://host/a?b") lose their scheme and authority; an empty path becomes "/".
void split_target(std::string_view target, std::string_view& path, std::string_view& query);

bool iequals_ascii(std::string_view a, std::string_view b);

// What the parser accepts but HTTP/1.1 forbids in a request's head, which the server answers
// with 400 and a closed connection: an HTTP/1.1 request without exactly one Host, or any with
// several (RFC 9112 §3.2); a target that is neither a path, an absolute URL nor "*" for OPTIONS
// (§3.2); a Transfer-Encoding whose last coding is not chunked (§6.3). Empty when none applies.
struct RequestHead {
  std::string_view method;
  std::string_view target;
  unsigned version = 11;  // 10 or 11
  std::size_t host_fields = 0;
  std::string_view transfer_encoding;  // the field's value, empty when absent
  bool chunked = false;                // the parser's reading of it
};
std::string_view head_violation(const RequestHead& head);

}  // namespace cds::http
