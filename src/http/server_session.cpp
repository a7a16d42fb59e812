// One connection of the HTTP/1.1 server: reading a request under its limits and deadline, calling
// the handler on the I/O thread or the worker pool, writing the answer, keep-alive and close.
#include "http/server_session.hpp"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <span>

#include "http/metrics.hpp"
#include "http/rate_limits.hpp"
#include "http/security_headers.hpp"
#include "http/server_problems.hpp"
#include "http/wire.hpp"

namespace cds::http::detail {
namespace {

using namespace std::chrono_literals;

// Body limit for a request that matched no route: it is read and dropped (keeping the connection)
// up to this size; beyond it the 404/405 is answered and the connection closed.
constexpr std::size_t kUnmatchedBodyLimit = 64 * 1024;
// The soft read deadline answers 408; the stream's own timeout is a backstop this much later.
constexpr auto kBackstop = 2000ms;
constexpr std::size_t kReadChunk = 4096;
// The kernel's send buffer for an open stream (Linux doubles it for its bookkeeping).
constexpr int kStreamSendBuffer = 64 * 1024;
// The most frames one gather write of a stream takes (a longer batch takes several).
constexpr std::size_t kFramesPerWrite = 16;
// How long a stream's sent bytes may stay unacknowledged before the kernel gives the peer up.
constexpr unsigned kStreamUnackedLimitMs = 45'000;

Method to_method(bhttp::verb v) {
  switch (v) {
    case bhttp::verb::get:
      return Method::kGet;
    case bhttp::verb::head:
      return Method::kHead;
    case bhttp::verb::post:
      return Method::kPost;
    case bhttp::verb::put:
      return Method::kPut;
    case bhttp::verb::patch:
      return Method::kPatch;
    case bhttp::verb::delete_:
      return Method::kDelete;
    case bhttp::verb::options:
      return Method::kOptions;
    default:
      return Method::kOther;
  }
}

}  // namespace

// What the server knows about the exchange in progress, for the response headers, the access
// log and the metrics.
struct Exchange {
  SteadyClock::time_point started = SteadyClock::now();
  std::string method = "OTHER";  // as received, for the log
  Method parsed_method = Method::kOther;
  std::string_view route = kUnmatched;  // a route's pattern (the router outlives the server)
  std::string path;
  std::string request_id;
  std::string client;  // the client's address (through a trusted proxy: the one it names)
  Lang lang = Lang::kVi;
  unsigned version = 11;
};

Session::Session(ServerCore& server, tcp::socket socket, std::uint64_t id)
    : server_(server), id_(id), stream_(std::move(socket)), read_deadline_(stream_.get_executor()) {
  beast::error_code ec;
  const auto endpoint = stream_.socket().remote_endpoint(ec);
  if (!ec) remote_ = endpoint.address().to_string();
}

asio::awaitable<void> Session::run(std::shared_ptr<Session> self) {
  try {
    co_await self->serve();
  } catch (const std::exception& e) {
    self->server_.log.error("connection failed", {}, e.what());
  }
  beast::error_code ec;
  self->read_deadline_.cancel();
  self->stream_.socket().close(ec);
  self->server_.metrics.connection_closed();
  self->server_.session_ended(self->id_);
}

// The connection loop. Each turn waits for the first byte of a request, then serves it. A
// later handler that takes the socket over (Server-Sent Events) would leave this loop.
asio::awaitable<void> Session::serve() {
  bool first = true;
  for (;;) {
    if (server_.stopping.load()) co_return;
    if (buffer_.size() == 0) {
      // A new connection gets read_timeout to say something; a kept-alive one idle_timeout.
      state_ = State::kIdle;
      stream_.expires_after(first ? server_.options.read_timeout : server_.options.idle_timeout);
      auto [ec, n] = co_await stream_.async_read_some(buffer_.prepare(kReadChunk), kUseTuple);
      if (ec) co_return;  // end of stream, idle timeout, reset, or closed by the drain
      buffer_.commit(n);
    }
    first = false;
    if (!co_await serve_request()) co_return;
  }
}

// Reads, routes, handles and answers one request. False when the connection must close.
asio::awaitable<bool> Session::serve_request() {
  state_ = State::kReading;
  Exchange ex;
  const bool arrived_during_drain = server_.stopping.load();
  // The deadline is armed only when a read has to wait for the network: most requests are
  // already whole in the buffer, and a timer per request is measurable.
  const auto deadline = ex.started + server_.options.read_timeout;
  if (buffered().find("\r\n\r\n") == std::string_view::npos) arm_read_deadline(deadline);

  // The header first, with no body limit yet: the route decides the limit.
  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(server_.options.header_limit));
  parser.body_limit(boost::none);
  {
    auto [ec, n] = co_await bhttp::async_read_header(stream_, buffer_, parser, kUseTuple);
    if (ec) {
      co_await fail_read(ec, ex, 0);
      co_return false;
    }
  }

  Request req = make_request(parser.get(), ex);
  if (bad_head(parser)) {
    disarm_read_deadline();
    co_await send(ex, server_problem(ex.lang, 400, "bad_request"), false);
    co_await close(true);
    co_return false;
  }
  if (arrived_during_drain) {
    disarm_read_deadline();
    Response res = server_problem(ex.lang, 503, "shutting_down");
    res.header("Retry-After", "1");
    co_await send(ex, std::move(res), false);
    co_await close(true);
    co_return false;
  }

  Router::Match match = server_.router.match(req);
  const Route* route = match.route;
  if (route != nullptr) ex.route = route->pattern;
  const std::size_t limit = route ? route->options.body_limit : kUnmatchedBodyLimit;
  const auto content_length = parser.content_length();
  const bool has_body = parser.chunked() || (content_length && *content_length > 0);
  const bool expects_continue = iequals_ascii(parser.get()[bhttp::field::expect], "100-continue");

  // Rate limits, before the body is read: a refused upload is not received.
  if (route != nullptr && server_.limits != nullptr) {
    if (auto refused = server_.limits->check(req, *route)) {
      disarm_read_deadline();
      const bool keep = parser.is_done() && parser.get().keep_alive() && !server_.stopping.load();
      const bool sent = co_await send(ex, std::move(*refused), keep);
      if (!keep) co_await close(!parser.is_done());
      co_return (sent && keep);
    }
  }
  if (route != nullptr && content_length && *content_length > limit) {
    disarm_read_deadline();
    co_await send(ex, too_large(ex, limit), false);
    co_await close(true);
    co_return false;
  }
  if (route == nullptr && has_body &&
      (expects_continue || (content_length && *content_length > limit))) {
    // Not worth reading: answer now and close rather than leave the body on the wire.
    disarm_read_deadline();
    co_await send(ex, no_route(ex, match), false);
    co_await close(true);
    co_return false;
  }
  if (!parser.is_done()) {
    parser.body_limit(limit);
    const bool body_buffered = content_length && buffer_.size() >= *content_length;
    if (!body_buffered) arm_read_deadline(deadline);
    if (expects_continue && route != nullptr) {
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      auto [ec, n] = co_await asio::async_write(
          stream_, asio::buffer(kContinue.data(), kContinue.size()), kUseTuple);
      if (ec) co_return false;
    }
    auto [ec, n] = co_await bhttp::async_read(stream_, buffer_, parser, kUseTuple);
    if (ec) {
      co_await fail_read(ec, ex, limit);
      co_return false;
    }
  }
  disarm_read_deadline();

  const bool client_keeps_alive = parser.get().keep_alive();
  req.body = std::move(parser.get().body());
  Response res;
  if (route == nullptr) {
    res = no_route(ex, match);
  } else {
    state_ = State::kHandling;
    res = co_await call_handler(*route, req);
  }
  if (res.stream) {
    if (res.status == 200 && ex.parsed_method != Method::kHead) {
      co_await serve_stream(ex, std::move(res));
      co_return false;
    }
    res.stream->finish();
    res.stream.reset();
  }
  // After the drain began, the answer in progress is the connection's last.
  const bool keep_alive = client_keeps_alive && !server_.stopping.load();
  const bool sent = co_await send(ex, std::move(res), keep_alive);
  if (!sent) co_return false;
  if (!keep_alive) co_await close(false);
  co_return keep_alive;
}

bool Session::bad_head(const bhttp::request_parser<bhttp::string_body>& parser) {
  const auto& msg = parser.get();
  const RequestHead head{.method = msg.method_string(),
                         .target = msg.target(),
                         .version = msg.version(),
                         .host_fields = msg.count(bhttp::field::host),
                         .transfer_encoding = msg[bhttp::field::transfer_encoding],
                         .chunked = parser.chunked()};
  return !head_violation(head).empty();
}

Request Session::make_request(const bhttp::request<bhttp::string_body>& msg, Exchange& ex) {
  Request req;
  req.method = to_method(msg.method());
  req.target = std::string(msg.target());
  std::string_view raw_path, raw_query;
  split_target(req.target, raw_path, raw_query);
  req.path = percent_decode(raw_path, false);
  req.query = std::string(raw_query);
  req.headers.reserve(16);
  for (const auto& field : msg) {
    std::string name(field.name_string());
    for (char& c : name) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    req.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  req.remote_address = server_.proxies.client_of(remote_, req.header("x-forwarded-for"));
  req.https_only = server_.options.https_only;
  const std::string_view client_id = req.header("x-request-id");
  req.request_id = valid_request_id(client_id) ? std::string(client_id) : new_request_id();

  ex.method = std::string(msg.method_string());
  ex.parsed_method = req.method;
  ex.path = req.path;
  ex.request_id = req.request_id;
  ex.client = req.remote_address;
  ex.lang = req.lang();
  ex.version = msg.version();
  return req;
}

namespace {

// Runs `work` on the worker pool, then resumes the awaiting coroutine on its own executor with the
// answer. Not asio::co_spawn: that hands its result back through the pool's queue, behind every
// request still waiting there, so under load an answer that was ready waited for the whole queue
// to drain (2,000 queued searches: every answer came within the last 0.2 s of a 3 s burst).
template <typename Work>
asio::awaitable<Response> on_pool(asio::thread_pool& pool, Work work) {
  auto initiate = [&pool](auto handler, Work work) {
    auto resume = asio::make_work_guard(asio::get_associated_executor(handler));
    asio::post(pool, [work = std::move(work), handler = std::move(handler),
                      resume = std::move(resume)]() mutable {
      Response res = work();
      asio::post(resume.get_executor(),
                 [handler = std::move(handler), res = std::move(res)]() mutable {
                   std::move(handler)(std::move(res));
                 });
      resume.reset();
    });
  };
  co_return co_await asio::async_initiate<const asio::use_awaitable_t<>&, void(Response)>(
      std::move(initiate), asio::use_awaitable, std::move(work));
}

}  // namespace

// A handler's answer, or 500 when it throws. Inline handlers run here on the I/O thread; the
// others on the worker pool, and this coroutine resumes on the connection's strand after.
// A request refused by admission control gets its 503 at once, on the I/O thread; one that a
// worker takes after waiting longer than worker_queue_wait gets it without running (its client
// may have given up, and skipping it drains the queue fast, so that what runs waited little).
asio::awaitable<Response> Session::call_handler(const Route& route, Request& req) {
  if (route.options.inline_handler) co_return invoke(route, req);
  const auto overloaded = [this, &req](std::string_view reason) {
    server_.metrics.overload_refused(reason);
    const std::string seconds = std::to_string(server_.options.overload_retry_after_s);
    Response res = server_problem(req.lang(), 503, "overloaded", {{"retry_after", seconds}});
    res.header("Retry-After", seconds);
    return res;
  };
  const auto queued_at = SteadyClock::now();
  const auto admit = server_.worker_queue.try_enqueue(queued_at);
  if (admit != WorkerQueue::Admit::kYes)
    co_return overloaded(admit == WorkerQueue::Admit::kQueueFull ? "queue_full" : "queue_stale");
  server_.metrics.worker_queue_changed(1);
  co_return co_await on_pool(*server_.pool, [&]() -> Response {
    server_.worker_queue.started();
    server_.metrics.worker_queue_changed(-1);
    const auto max_wait = server_.options.worker_queue_wait;
    if (max_wait.count() > 0 && SteadyClock::now() - queued_at > max_wait)
      return overloaded("queue_expired");
    server_.metrics.workers_busy_changed(1);
    struct Done {
      Metrics& metrics;
      ~Done() { metrics.workers_busy_changed(-1); }
    } done{server_.metrics};
    return invoke(route, req);
  });
}

Response Session::invoke(const Route& route, Request& req) const {
  try {
    Response res = route.handler(req);
    if (!res.log_detail.empty())
      server_.log.error("request failed", req.request_id, res.log_detail);
    return res;
  } catch (const std::exception& e) {
    server_.log.error("handler failed", req.request_id, e.what());
  } catch (...) {
    server_.log.error("handler failed", req.request_id, "unknown exception");
  }
  return server_problem(req.lang(), 500, "internal");
}

Response Session::no_route(const Exchange& ex, const Router::Match& match) const {
  if (!match.path_exists) return server_problem(ex.lang, 404, "route_not_found");
  Response res = server_problem(ex.lang, 405, "method_not_allowed");
  res.header("Allow", allow_header(match.allowed));
  return res;
}

Response Session::too_large(const Exchange& ex, std::size_t limit) {
  return server_problem(ex.lang, 413, "too_large", {{"limit", format_size(limit)}});
}

// A read of the header or body failed: say why when the client can still hear it.
asio::awaitable<void> Session::fail_read(beast::error_code ec, Exchange& ex, std::size_t limit) {
  const bool timed_out = timed_out_;
  disarm_read_deadline();
  if (ex.request_id.empty()) ex.request_id = new_request_id();
  if (timed_out) {
    co_await send(ex, server_problem(ex.lang, 408, "timeout"), false);
    co_await close(true);
  } else if (ec == bhttp::error::header_limit) {
    co_await send(ex, server_problem(ex.lang, 431, "headers_too_large"), false);
    co_await close(true);
  } else if (ec == bhttp::error::body_limit) {
    co_await send(ex, too_large(ex, limit), false);
    co_await close(true);
  } else if (ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category() &&
             ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message &&
             ec != bhttp::error::need_more) {
    // The bytes are not HTTP (bad method, target, version, header or chunk).
    co_await send(ex, server_problem(ex.lang, 400, "bad_request"), false);
    co_await close(true);
  }
  // Anything else (end of stream, reset, closed by the drain) ends the connection silently.
}

// Writes `res` with the headers every response carries, then records it. False when the
// client could not be written to.
asio::awaitable<bool> Session::send(const Exchange& ex, Response res, bool keep_alive) {
  if (res.status < 100 || res.status > 599) {
    server_.log.error("handler answered an invalid status", ex.request_id,
                      std::to_string(res.status));
    res = server_problem(ex.lang, 500, "internal");
  }
  bhttp::response<bhttp::string_body> out;
  out.version(ex.version);
  out.result(static_cast<unsigned>(res.status));
  bool has_content_type = false, has_cache_control = false;
  for (const auto& [name, value] : res.headers) {
    if (!handler_header_allowed(name, value)) {
      server_.log.error("response header dropped", ex.request_id, name);
      continue;
    }
    has_content_type = has_content_type || iequals_ascii(name, "content-type");
    has_cache_control = has_cache_control || iequals_ascii(name, "cache-control");
    out.insert(name, value);
  }
  if (!has_content_type && !res.content_type.empty()) {
    out.set(bhttp::field::content_type, res.content_type);
  }
  if (!has_cache_control && ex.path.starts_with("/api/")) {
    out.set(bhttp::field::cache_control, "no-store");
  }
  out.set("X-Request-Id", ex.request_id);
  add_security_headers(out, server_.options.https_only);
  out.keep_alive(keep_alive);

  const std::size_t body_size = res.body.size();
  const bool bodiless_status = res.status < 200 || res.status == 204 || res.status == 304;
  std::size_t bytes = 0;
  if (bodiless_status) {
    // No body and no Content-Length (RFC 9110 §8.6).
  } else if (ex.parsed_method == Method::kHead) {
    out.content_length(body_size);  // what a GET would have sent
  } else {
    out.body() = std::move(res.body);
    out.content_length(body_size);
    bytes = body_size;
  }

  state_ = State::kWriting;
  stream_.expires_after(server_.options.write_timeout);
  auto [ec, n] = co_await bhttp::async_write(stream_, out, kUseTuple);
  record(ex, res.status, bytes);
  co_return !ec;
}

void Session::record(const Exchange& ex, int status, std::size_t bytes) {
  const auto elapsed = std::chrono::duration<double>(SteadyClock::now() - ex.started).count();
  server_.metrics.observe_request(method_name(ex.parsed_method), ex.route, status, elapsed);
  server_.log.request(AccessRecord{ex.request_id, ex.method, ex.route, ex.path, status,
                                   elapsed * 1000.0, bytes,
                                   ex.client.empty() ? remote_ : ex.client});
}

// A streaming answer (Server-Sent Events): the header with chunked encoding, then the handler's
// body and every frame pushed to the sink, a heartbeat comment when nothing was sent for a
// while, until the sink ends (closed or cut off for being too slow), the client goes away or
// the server drains (which sends a `retry:` hint first). The request is logged when the stream
// starts; the connection closes when it ends.
asio::awaitable<void> Session::serve_stream(const Exchange& ex, Response res) {
  std::shared_ptr<StreamSink> sink = std::move(res.stream);
  struct Finish {
    StreamSink& sink;
    ~Finish() { sink.finish(); }
  } finish{*sink};

  bhttp::response<bhttp::empty_body> head;
  head.version(ex.version);
  head.result(bhttp::status::ok);
  for (const auto& [name, value] : res.headers) {
    if (handler_header_allowed(name, value)) head.insert(name, value);
  }
  head.set(bhttp::field::content_type, res.content_type);
  head.set(bhttp::field::cache_control, "no-store");
  head.set("X-Accel-Buffering", "no");  // nginx in front: pass each frame on at once
  head.set("X-Request-Id", ex.request_id);
  add_security_headers(head, server_.options.https_only);
  head.keep_alive(false);
  head.chunked(true);
  state_ = State::kStreaming;
  stream_.expires_after(server_.options.write_timeout);
  bhttp::response_serializer<bhttp::empty_body> serializer(head);
  auto [ec, n] = co_await bhttp::async_write_header(stream_, serializer, kUseTuple);
  record(ex, 200, 0);
  if (ec) co_return;
  // The request buffer is not needed any more; an open stream should cost little memory. A fixed
  // kernel send buffer, too, instead of one that grows to megabytes for a reader that does not
  // read: a client that far behind is cut off by the sink's bound instead.
  buffer_.clear();
  buffer_.shrink_to_fit();
  beast::error_code option_ec;
  stream_.socket().set_option(asio::socket_base::send_buffer_size(kStreamSendBuffer), option_ec);
  // A phone that vanishes (no FIN: out of coverage, battery) leaves writes sitting in the send
  // buffer, which heartbeats alone would take hours to fill. The kernel ends the connection when
  // sent data stays unacknowledged this long, and probes a quiet one with keepalives.
  const int fd = stream_.socket().native_handle();
  const unsigned user_timeout = kStreamUnackedLimitMs;
  ::setsockopt(fd, IPPROTO_TCP, TCP_USER_TIMEOUT, &user_timeout, sizeof user_timeout);
  stream_.socket().set_option(asio::socket_base::keep_alive(true), option_ec);
  const int idle = 60, interval = 15, count = 3;
  ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof idle);
  ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &interval, sizeof interval);
  ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &count, sizeof count);

  stream_sink_ = sink;
  stream_wake_ = std::make_unique<asio::steady_timer>(stream_.get_executor());
  std::weak_ptr<Session> weak = weak_from_this();
  auto executor = stream_.get_executor();
  sink->set_waker([weak, executor] {
    asio::post(executor, [weak] {
      if (auto self = weak.lock()) self->wake_stream();
    });
  });
  asio::co_spawn(executor, watch_peer(shared_from_this()), asio::detached);

  if (!res.body.empty() && !co_await write_text(res.body)) co_return;
  static constexpr std::string_view kHeartbeat = ": keep-alive\n\n";
  for (;;) {
    if (peer_gone_) co_return;
    if (server_.stopping.load()) {
      const std::string hint =
          "retry: " + std::to_string(server_.options.stream_retry_on_shutdown.count()) + "\n\n";
      co_await write_text(hint);
      break;
    }
    StreamSink::Batch batch = sink->take();
    if (batch.cut_off) co_return;  // too slow: the client reconnects and resumes from the log
    if (!batch.frames.empty()) {
      if (!co_await write_frames(batch.frames)) co_return;
      continue;
    }
    if (batch.closed) break;
    stream_wake_->expires_after(server_.options.stream_heartbeat);
    auto [wait_ec] = co_await stream_wake_->async_wait(kUseTuple);
    if (!wait_ec && !peer_gone_ && !server_.stopping.load()) {
      if (!co_await write_text(kHeartbeat)) co_return;
    }
  }
  // The last chunk ends the body; then the connection closes.
  static constexpr std::string_view kLast = "0\r\n\r\n";
  stream_.expires_after(server_.options.write_timeout);
  co_await asio::async_write(stream_, asio::buffer(kLast.data(), kLast.size()), kUseTuple);
  beast::error_code shutdown_ec;
  stream_.socket().shutdown(tcp::socket::shutdown_send, shutdown_ec);
}

// Writes `frames` in chunked encoding, up to kFramesPerWrite frames per gather write, straight
// from the shared frames (nothing copied). On the socket itself, without a per-write timer (one
// per write is measurable when a broadcast wakes thousands of streams): a reader too slow to
// take what it is sent is cut off by the sink's bound (wake_stream() then cancels the write), and
// a peer that vanished by TCP_USER_TIMEOUT. False when the write failed: the stream ends.
asio::awaitable<bool> Session::write_frames(const std::vector<Frame>& frames) {
  static constexpr std::string_view kCrlf = "\r\n";
  std::size_t next = 0;
  while (next < frames.size()) {
    const std::size_t count = std::min(kFramesPerWrite, frames.size() - next);
    std::size_t size = 0;
    for (std::size_t i = 0; i < count; ++i) size += frames[next + i]->size();
    std::array<char, 24> head;
    const int head_size = std::snprintf(head.data(), head.size(), "%zx\r\n", size);
    std::array<asio::const_buffer, kFramesPerWrite + 2> parts;
    parts[0] = asio::const_buffer(head.data(), static_cast<std::size_t>(head_size));
    for (std::size_t i = 0; i < count; ++i)
      parts[i + 1] = asio::const_buffer(frames[next + i]->data(), frames[next + i]->size());
    parts[count + 1] = asio::const_buffer(kCrlf.data(), kCrlf.size());
    auto [ec, n] = co_await asio::async_write(
        stream_.socket(), std::span<const asio::const_buffer>(parts.data(), count + 2), kUseTuple);
    if (ec) co_return false;
    next += count;
  }
  co_return true;
}

asio::awaitable<bool> Session::write_text(std::string_view text) {
  std::vector<Frame> one(1, std::make_shared<const std::string>(text));
  co_return co_await write_frames(one);
}

// While a stream is open, reads what the client sends (nothing, normally) so that its going
// away is noticed at once rather than at the next write.
asio::awaitable<void> Session::watch_peer(std::shared_ptr<Session> self) {
  std::array<char, 256> scratch;
  for (;;) {
    // On the socket itself, not the timed stream: the writer's deadlines are for writes only.
    auto [ec, n] =
        co_await self->stream_.socket().async_read_some(asio::buffer(scratch), kUseTuple);
    if (ec) break;
  }
  self->peer_gone_ = true;
  self->wake_stream();
}

// Ends the connection after a final answer. With `linger`, what the client still sends (a body
// we refused) is read and dropped for a moment first, so that closing with unread bytes does
// not reset the connection before the client has read the answer.
asio::awaitable<void> Session::close(bool linger) {
  state_ = State::kClosing;
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  if (linger && !ec) {
    stream_.expires_after(
        std::min<SteadyClock::duration>(kLingerTime, server_.options.read_timeout));
    std::size_t dropped = 0;
    buffer_.clear();
    while (dropped < kLingerBytes) {
      auto [read_ec, n] = co_await stream_.async_read_some(buffer_.prepare(16384), kUseTuple);
      if (read_ec) break;
      dropped += n;
    }
  }
  stream_.socket().close(ec);
}

// The read deadline of one request: when it passes, pending reads are cancelled (not the
// socket closed, as the stream's own timeout would) so that a 408 can still be written.
void Session::arm_read_deadline(SteadyClock::time_point deadline) {
  if (deadline_armed_) return;
  deadline_armed_ = true;
  timed_out_ = false;
  stream_.expires_at(deadline + kBackstop);
  read_deadline_.expires_at(deadline);
  read_deadline_.async_wait(
      [self = shared_from_this(), generation = ++deadline_generation_](beast::error_code ec) {
        if (ec || generation != self->deadline_generation_) return;  // disarmed in time
        self->timed_out_ = true;
        self->cancel_socket();
      });
}

void Session::disarm_read_deadline() {
  if (!deadline_armed_) return;
  deadline_armed_ = false;
  ++deadline_generation_;
  read_deadline_.cancel();
}

}  // namespace cds::http::detail
