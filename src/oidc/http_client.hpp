// Outgoing HTTPS requests to the identity provider (discovery, keys, PAR, token, userinfo), with
// libcurl. Blocking: call from the worker pool, never from an I/O thread. Safe to call from many
// threads at once (each call has its own handle).
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "common/status.hpp"

namespace cds::oidc {

struct HttpReply {
  long status = 0;
  std::string content_type;
  std::string body;
};

struct HttpCall {
  std::string method = "GET";  // GET or POST
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // POST: application/x-www-form-urlencoded unless a header says otherwise
  std::chrono::milliseconds timeout{5000};
  std::size_t max_reply_bytes = 1 << 20;
};

// The reply, whatever its status; an error (503 idp_unreachable) when no reply came: refused
// connection, timeout, TLS failure, a reply larger than `max_reply_bytes`.
Result<HttpReply> send(const HttpCall& call);

// "a=1&b=x%20y": form encoding of `fields` (RFC 3986 unreserved characters kept).
std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields);
std::string url_encode(std::string_view text);

}  // namespace cds::oidc
