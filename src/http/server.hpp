// The HTTP/1.1 server: Boost.Beast + Asio coroutines behind this small interface.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "http/router.hpp"

namespace cds::http {

class Metrics;

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0: pick a free port (tests); see Server::port()
  int io_threads = 1;         // threads running the event loop
  int worker_threads = 64;    // threads running blocking handlers (store calls)
  std::size_t header_limit = 16 * 1024;
  std::chrono::milliseconds read_timeout{15000};    // whole request, once its first byte arrived
  std::chrono::milliseconds idle_timeout{60000};    // keep-alive connection with no request
  std::chrono::milliseconds shutdown_grace{10000};  // drain time on stop()
  std::size_t max_connections = 20000;              // open streams count too
  std::chrono::milliseconds write_timeout{15000};   // one response reaching a slow reader
  bool access_log = true;                           // one JSON line per request on stdout
  // Streams (Server-Sent Events): a comment line this often keeps proxies from closing an idle
  // stream and finds dead peers (a write that cannot complete within write_timeout ends it).
  std::chrono::milliseconds stream_heartbeat{15000};
  // The `retry:` hint sent to streams closed by a drain: reconnect (to another node) after it.
  std::chrono::milliseconds stream_retry_on_shutdown{1000};
  // The public URL is https: every answer carries Strict-Transport-Security, and requests are
  // marked so that cookies are Secure (Request::https_only).
  bool https_only = false;
  // Admission control: a request for the worker pool is refused at once (503 with Retry-After)
  // when this many already wait for a worker, or when the oldest of them has waited longer than
  // worker_queue_wait. 0: no bound (the queue grows with the load, and so does latency).
  std::size_t worker_queue_limit = 1024;
  std::chrono::milliseconds worker_queue_wait{1000};
  int overload_retry_after_s = 1;  // the Retry-After of those 503s
  // The workers run this many nice steps below the event loop (Linux: per thread), so that under
  // overload the event loop still reads requests, refuses them and answers /healthz at once
  // instead of waiting for a core behind busy handlers. 0: same priority.
  int worker_nice = 5;
  // Peers whose X-Forwarded-For names the client (http/client_address.hpp): nginx on this host.
  std::vector<std::string> trusted_proxies = {"127.0.0.1", "::1"};
};

class RateLimits;

// Serves `router`. Thread-safe: stop() may be called from any thread or a signal watcher.
class Server {
 public:
  // `limits` (optional) outlives the server. Throws std::invalid_argument for a trusted proxy
  // that is not an address or block.
  Server(ServerOptions options, const Router& router, Metrics& metrics,
         RateLimits* limits = nullptr);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listening socket; throws std::runtime_error when it cannot.
  void bind();
  // The bound port (after bind()).
  std::uint16_t port() const;
  // Serves until stop() or SIGTERM/SIGINT, then drains in-flight requests and returns. Runs the
  // event loop on the calling thread plus io_threads - 1 more; ignores SIGPIPE process-wide.
  // Call once; bind() first, or run() binds.
  void run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cds::http
