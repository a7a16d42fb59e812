// The request and response that features see. Plain types: no Beast here, so that feature code
// compiles fast; only src/http/server.cpp and server_session.cpp know the wire.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cds::http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };
std::string_view method_name(Method m);

enum class Lang { kVi, kEn };

struct Request {
  Method method = Method::kGet;
  std::string target;  // as received: path and query
  std::string path;    // percent-decoded path, without the query
  std::string query;   // raw query string, without '?'
  // Header names in lower case.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string remote_address;
  std::string request_id;
  // The server's public URL is https (ServerOptions::https_only): cookies must be Secure even
  // when the request itself arrived over plain http from the proxy in front.
  bool https_only = false;
  // Filled by the router from the route's {name} segments.
  std::map<std::string, std::string, std::less<>> path_params;
  // Filled by the authenticator; features read it through auth::Principal.
  std::int64_t user_id = 0;

  // The first value of a header (name in any case), or empty.
  std::string_view header(std::string_view name) const;
  bool has_header(std::string_view name) const;
  // A decoded query parameter, or nullopt.
  std::optional<std::string> query_param(std::string_view name) const;
  std::string_view path_param(std::string_view name) const;
  // From Accept-Language: English when it prefers en, Vietnamese otherwise.
  Lang lang() const;
};

class StreamSink;  // http/stream.hpp

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // Never sent: why a request failed on the server's side, for the error log (set by problem()
  // from Status::internal_detail() on 5xx answers).
  std::string log_detail;
  // Set by a handler that streams (http/stream.hpp): `body` is sent first, then the stream's
  // frames in chunked encoding until the stream or the client ends it. Status 200 only.
  std::shared_ptr<StreamSink> stream;

  Response& header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
  static Response text(int status, std::string body,
                       std::string content_type = "text/plain; charset=utf-8") {
    Response r;
    r.status = status;
    r.content_type = std::move(content_type);
    r.body = std::move(body);
    return r;
  }
  static Response no_content() {
    Response r;
    r.status = 204;
    r.content_type.clear();
    return r;
  }
};

std::string percent_decode(std::string_view s, bool plus_is_space);

}  // namespace cds::http
