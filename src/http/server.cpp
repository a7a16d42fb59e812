// The HTTP/1.1 server: the accept loop, the lifecycle (bind, run on the I/O threads and the worker
// pool) and the graceful drain. One connection is served by Session, in server_session.cpp.
#include "http/server.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <latch>
#include <memory>
#include <thread>
#include <vector>

#include "http/metrics.hpp"
#include "http/security_headers.hpp"
#include "http/server_problems.hpp"
#include "http/server_session.hpp"
#include "http/wire.hpp"

namespace cds::http {
namespace detail {

using namespace std::chrono_literals;

asio::awaitable<void> ServerCore::accept_loop() {
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(ioc), kUseTuple);
    if (ec) {
      if (stopping.load() || !acceptor.is_open() || ec == asio::error::operation_aborted) co_return;
      // Out of descriptors or memory: wait a moment rather than spin, then keep serving.
      log.error("accept failed", {}, ec.message());
      asio::steady_timer pause(control, 50ms);
      co_await pause.async_wait(kUseTuple);
      continue;
    }
    beast::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    metrics.connection_opened();
    if (active_sessions.load() >= options.max_connections) {
      auto executor = socket.get_executor();
      asio::co_spawn(executor, reject_overloaded(tcp::socket(std::move(socket))), asio::detached);
      continue;
    }
    try {
      std::shared_ptr<Session> session;
      {
        std::lock_guard lock(sessions_mutex);
        const std::uint64_t id = next_session_id++;
        session = std::make_shared<Session>(*this, tcp::socket(std::move(socket)), id);
        sessions.emplace(id, session);
      }
      active_sessions.fetch_add(1);
      asio::co_spawn(session->executor(), Session::run(session), asio::detached);
    } catch (const std::exception& e) {
      // Out of memory for one more connection: drop it, keep accepting.
      log.error("connection setup failed", {}, e.what());
      metrics.connection_closed();
    }
  }
}

// Beyond max_connections: a 503 with a retry hint, without reading the request, then close.
asio::awaitable<void> ServerCore::reject_overloaded(tcp::socket socket) {
  const auto started = SteadyClock::now();
  beast::tcp_stream stream(std::move(socket));
  const std::string request_id = new_request_id();
  Response problem = server_problem(Lang::kVi, 503, "unavailable");
  bhttp::response<bhttp::string_body> out(bhttp::status::service_unavailable, 11);
  out.set(bhttp::field::content_type, problem.content_type);
  out.set(bhttp::field::retry_after, "5");
  out.set("X-Request-Id", request_id);
  add_security_headers(out, options.https_only);
  out.keep_alive(false);
  out.body() = std::move(problem.body);
  out.prepare_payload();
  stream.expires_after(kLingerTime);
  auto [ec, n] = co_await bhttp::async_write(stream, out, kUseTuple);
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  if (!ec) {
    beast::flat_buffer drop;
    for (std::size_t dropped = 0; dropped < kLingerBytes;) {
      auto [read_ec, read] = co_await stream.async_read_some(drop.prepare(16384), kUseTuple);
      if (read_ec) break;
      dropped += read;
    }
  }
  stream.socket().close(ignored);
  const auto elapsed = std::chrono::duration<double>(SteadyClock::now() - started).count();
  metrics.observe_request("OTHER", kUnmatched, 503, elapsed);
  log.request(
      AccessRecord{request_id, "", kUnmatched, "", 503, elapsed * 1000.0, out.body().size(), ""});
  metrics.connection_closed();
}

void ServerCore::begin_shutdown() {
  if (shutdown_started) return;
  shutdown_started = true;
  stopping.store(true);
  beast::error_code ignored;
  acceptor.close(ignored);
  if (signals) signals->cancel(ignored);

  std::vector<std::shared_ptr<Session>> live;
  {
    std::lock_guard lock(sessions_mutex);
    for (auto& [id, weak] : sessions) {
      if (auto session = weak.lock()) live.push_back(std::move(session));
    }
  }
  if (live.empty()) return;
  for (auto& session : live) {
    asio::post(session->executor(), [session] { session->on_shutdown(); });
  }
  drain_timer.expires_after(options.shutdown_grace);
  drain_timer.async_wait([this](beast::error_code ec) {
    if (ec) return;  // every connection ended in time
    std::lock_guard lock(sessions_mutex);
    for (auto& [id, weak] : sessions) {
      if (auto session = weak.lock()) {
        asio::post(session->executor(), [session] { session->force_close(); });
      }
    }
  });
}

void ServerCore::session_ended(std::uint64_t id) {
  active_sessions.fetch_sub(1);
  bool last = false;
  {
    std::lock_guard lock(sessions_mutex);
    sessions.erase(id);
    last = sessions.empty();
  }
  if (last && stopping.load()) {
    asio::post(control, [this] { drain_timer.cancel(); });
  }
}

}  // namespace detail

struct Server::Impl : detail::ServerCore {
  using ServerCore::ServerCore;
};

namespace {
namespace asio = detail::asio;
namespace beast = detail::beast;
using detail::tcp;
}  // namespace

Server::Server(ServerOptions options, const Router& router, Metrics& metrics, RateLimits* limits)
    : impl_(std::make_unique<Impl>(std::move(options), router, metrics, limits)) {}

Server::~Server() = default;

void Server::bind() {
  Impl& s = *impl_;
  beast::error_code ec;
  tcp::endpoint endpoint;
  const auto address = asio::ip::make_address(s.options.host, ec);
  if (!ec) {
    endpoint = tcp::endpoint(address, s.options.port);
  } else {
    tcp::resolver resolver(s.ioc);
    auto results = resolver.resolve(s.options.host, std::to_string(s.options.port),
                                    tcp::resolver::passive, ec);
    if (ec || results.empty()) {
      throw std::runtime_error("cannot resolve " + s.options.host + ": " + ec.message());
    }
    endpoint = results.begin()->endpoint();
  }
  const auto fail = [&](std::string_view what) {
    throw std::runtime_error("cannot " + std::string(what) + " " + s.options.host + ":" +
                             std::to_string(s.options.port) + ": " + ec.message());
  };
  if (s.acceptor.open(endpoint.protocol(), ec)) fail("open");
  if (s.acceptor.set_option(asio::socket_base::reuse_address(true), ec)) fail("configure");
  if (s.acceptor.bind(endpoint, ec)) fail("bind");
  if (s.acceptor.listen(asio::socket_base::max_listen_connections, ec)) fail("listen");
  s.bound_port.store(s.acceptor.local_endpoint(ec).port());
}

std::uint16_t Server::port() const {
  return impl_->bound_port.load();
}

namespace {

// Each worker of `pool` lowers its own scheduling priority by `steps` nice steps. The tasks are
// the first in the pool's queue, and each waits until all have started, so that each thread takes
// exactly one; the latch is shared because the last waiter may wake after the others are gone.
void lower_priority(asio::thread_pool& pool, int threads, int steps) {
  if (steps <= 0) return;
  errno = 0;
  const int base = getpriority(PRIO_PROCESS, 0);
  if (errno != 0) return;
  auto started = std::make_shared<std::latch>(threads);
  for (int i = 0; i < threads; ++i) {
    asio::post(pool, [started, target = std::min(19, base + steps)] {
      // On Linux a thread id names one thread here, and nice is per thread.
      setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), target);
      started->arrive_and_wait();
    });
  }
}

}  // namespace

void Server::run() {
  Impl& s = *impl_;
  if (!s.acceptor.is_open() && !s.stopping.load()) bind();
  // A peer that goes away must not kill the process with SIGPIPE (stdout piped to a collector
  // that died, too); writes report EPIPE instead.
  std::signal(SIGPIPE, SIG_IGN);

  const int workers = std::max(1, s.options.worker_threads);
  s.pool.emplace(static_cast<std::size_t>(workers));
  lower_priority(*s.pool, workers, s.options.worker_nice);
  s.signals.emplace(s.control, SIGINT, SIGTERM);
  s.signals->async_wait([&s](beast::error_code ec, int) {
    if (!ec) s.begin_shutdown();
  });
  asio::co_spawn(s.control, s.accept_loop(), asio::detached);

  const auto run_loop = [&s] {
    for (;;) {
      try {
        s.ioc.run();
        return;
      } catch (const std::exception& e) {
        s.log.error("event loop error", {}, e.what());
      }
    }
  };
  std::vector<std::thread> extra;
  for (int i = 1; i < s.options.io_threads; ++i) extra.emplace_back(run_loop);
  run_loop();
  for (auto& t : extra) t.join();

  s.pool->join();
  s.pool.reset();
  s.signals.reset();
}

void Server::stop() {
  Impl& s = *impl_;
  s.stopping.store(true);
  asio::post(s.control, [&s] { s.begin_shutdown(); });
}

}  // namespace cds::http
