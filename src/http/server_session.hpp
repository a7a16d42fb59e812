// The server's private parts, shared by server.cpp (accept loop, lifecycle, drain) and
// server_session.cpp (one connection). Includes Beast and Asio: only cds_http_server includes it.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "http/access_log.hpp"
#include "http/client_address.hpp"
#include "http/message.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "http/stream.hpp"
#include "http/worker_queue.hpp"

namespace cds::http::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using SteadyClock = std::chrono::steady_clock;

// Errors come back as values on the hot path: no exception per closed connection.
inline constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);

// After refusing a request whose body was not read, the body is drained for at most this long (and
// this many bytes) before closing, so that the client reads our answer instead of a reset.
inline constexpr std::chrono::milliseconds kLingerTime{1000};
inline constexpr std::size_t kLingerBytes = 1 << 20;
// The most bytes of one connection held unparsed at once: a head (header_limit) and a few
// pipelined requests fit many times over, while a line that never ends (a chunk header with an
// endless extension) fails with 400 instead of growing without bound. Bodies are not held here.
inline constexpr std::size_t kMaxBufferedBytes = 1 << 20;
// The route recorded for a request that matched none (and for one refused before it was read).
inline constexpr std::string_view kUnmatched = "unmatched";

class Session;

// What the accept loop, the sessions and the control functions share. Lives as long as Server.
struct ServerCore {
  ServerCore(ServerOptions o, const Router& r, Metrics& m, RateLimits* l)
      : options(std::move(o)),
        router(r),
        metrics(m),
        limits(l),
        proxies(options.trusted_proxies),
        worker_queue(options.worker_queue_limit, options.worker_queue_wait),
        log(options.access_log),
        ioc(std::max(1, options.io_threads)),
        control(asio::make_strand(ioc)),
        acceptor(control),
        drain_timer(control) {}

  asio::awaitable<void> accept_loop();
  asio::awaitable<void> reject_overloaded(tcp::socket socket);
  // On `control`: stop accepting, tell every session, close the stragglers after the grace.
  void begin_shutdown();
  void session_ended(std::uint64_t id);

  const ServerOptions options;
  const Router& router;
  Metrics& metrics;
  RateLimits* const limits;  // null: no rate limits
  const TrustedProxies proxies;
  WorkerQueue worker_queue;
  const AccessLog log;
  asio::io_context ioc;
  // Serializes the acceptor, the signal set and the drain timer.
  asio::strand<asio::io_context::executor_type> control;
  tcp::acceptor acceptor;
  asio::steady_timer drain_timer;
  std::optional<asio::signal_set> signals;  // set during run()
  std::optional<asio::thread_pool> pool;    // set during run()
  std::atomic<std::uint16_t> bound_port{0};
  std::atomic<bool> stopping{false};
  bool shutdown_started = false;  // on control
  std::atomic<std::size_t> active_sessions{0};

  std::mutex sessions_mutex;
  std::unordered_map<std::uint64_t, std::weak_ptr<Session>> sessions;  // guarded by sessions_mutex
  std::uint64_t next_session_id = 0;                                   // guarded by sessions_mutex
};

struct Exchange;  // the exchange in progress; server_session.cpp

// One client connection. Owned by its coroutine (and briefly by timers and posted notices);
// every member is used only on the connection's strand.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(ServerCore& server, tcp::socket socket, std::uint64_t id);

  asio::any_io_executor executor() { return stream_.get_executor(); }

  // Serves the connection until it ends, then closes it and tells the server.
  static asio::awaitable<void> run(std::shared_ptr<Session> self);

  // Drain has begun: a connection waiting for its next request closes now; one inside a request
  // finishes it and then closes.
  void on_shutdown() {
    if (state_ == State::kIdle) cancel_socket();
    if (state_ == State::kStreaming) wake_stream();
  }
  // The grace is over: whatever is still open closes (a handler still running on the pool ends
  // on its own; its answer is dropped).
  void force_close() { stream_.close(); }

 private:
  enum class State { kIdle, kReading, kHandling, kWriting, kStreaming, kClosing };

  // Reading and answering; each is described where it is defined, in server_session.cpp.
  asio::awaitable<void> serve();
  asio::awaitable<bool> serve_request();
  Request make_request(const bhttp::request<bhttp::string_body>& msg, Exchange& ex);
  static bool bad_head(const bhttp::request_parser<bhttp::string_body>& parser);
  asio::awaitable<Response> call_handler(const Route& route, Request& req);
  Response invoke(const Route& route, Request& req) const;
  Response no_route(const Exchange& ex, const Router::Match& match) const;
  static Response too_large(const Exchange& ex, std::size_t limit);
  asio::awaitable<void> fail_read(beast::error_code ec, Exchange& ex, std::size_t limit);
  asio::awaitable<bool> send(const Exchange& ex, Response res, bool keep_alive);
  asio::awaitable<void> close(bool linger);
  asio::awaitable<void> serve_stream(const Exchange& ex, Response res);
  static asio::awaitable<void> watch_peer(std::shared_ptr<Session> self);
  asio::awaitable<bool> write_frames(const std::vector<Frame>& frames);
  asio::awaitable<bool> write_text(std::string_view text);
  // Something was pushed, the stream was closed or cut off, or the server drains.
  void wake_stream() {
    if (stream_wake_) stream_wake_->cancel();
    if (stream_sink_ && stream_sink_->cut_off()) {
      beast::error_code ec;
      stream_.socket().cancel(ec);  // a write stuck on a reader that does not read
    }
  }
  void record(const Exchange& ex, int status, std::size_t bytes);

  void arm_read_deadline(SteadyClock::time_point deadline);
  void disarm_read_deadline();
  std::string_view buffered() const {
    return {static_cast<const char*>(buffer_.data().data()), buffer_.size()};
  }
  void cancel_socket() {
    beast::error_code ec;
    stream_.socket().cancel(ec);
  }

  ServerCore& server_;
  const std::uint64_t id_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_{kMaxBufferedBytes};
  asio::steady_timer read_deadline_;
  std::uint64_t deadline_generation_ = 0;  // a deadline fires only for the request that armed it
  bool deadline_armed_ = false;
  bool timed_out_ = false;
  State state_ = State::kIdle;
  std::string remote_;
  // While streaming: the timer the writer sleeps on until the next heartbeat (a push cancels it),
  // and whether the client has gone (its side closed or reset).
  std::unique_ptr<asio::steady_timer> stream_wake_;
  std::shared_ptr<StreamSink> stream_sink_;
  bool peer_gone_ = false;
};

}  // namespace cds::http::detail
