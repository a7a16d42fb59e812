// Routes a request to its handler by method and path; "/api/v1/reports/{id}" binds `id`, and a
// last segment "{path...}" ("/app/{path...}") binds the rest of the path, one segment or more.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace cds::http {

using Handler = std::function<Response(Request&)>;

struct RouteOptions {
  // Largest body accepted; larger ones are refused with 413 before the handler runs.
  std::size_t body_limit = 1 << 20;
  // Cheap handlers that never block (no store call) run on the I/O thread; the others run on the
  // worker pool so that a slow commit never stalls the event loop.
  bool inline_handler = false;
};

struct Route {
  Method method;
  std::string pattern;  // "/api/v1/reports/{id}/photos"
  Handler handler;
  RouteOptions options;
  std::vector<std::string> segments;  // pattern split on '/'
  bool catch_all = false;             // the last segment is "{name...}"
};

class Router {
 public:
  void add(Method method, std::string pattern, Handler handler, RouteOptions options = {});

  struct Match {
    const Route* route = nullptr;  // null: no route for this path and method
    bool path_exists = false;      // some route has this path with another method (405)
    // When route is null and path_exists: the methods this path accepts, in enum order, HEAD
    // included where GET is (the Allow header of the 405).
    std::vector<Method> allowed;
  };
  // Finds the route and fills req.path_params. Literal segments win over {params}, which win over
  // a {rest...}. A {rest...} needs a non-empty first segment ("/app/" does not match
  // "/app/{rest...}") and binds the decoded segments joined by '/' ("/app/a%2Fb/c" → "a/b/c").
  Match match(Request& req) const;
  const std::vector<std::unique_ptr<Route>>& routes() const { return routes_; }

 private:
  std::vector<std::unique_ptr<Route>> routes_;
};

// "GET, HEAD, POST": the value of an Allow header.
std::string allow_header(const std::vector<Method>& methods);

}  // namespace cds::http
