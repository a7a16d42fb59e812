// Test support for the HTTP tests: a Server on 127.0.0.1 with an ephemeral port, run on a
// background thread, and a blocking POSIX-socket client that speaks just enough HTTP/1.1.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>

#include "http/metrics.hpp"
#include "http/router.hpp"
#include "http/server.hpp"

namespace cds::http::testing {

// Options for tests: short timeouts, no access log on stdout.
inline ServerOptions test_options() {
  ServerOptions o;
  o.host = "127.0.0.1";
  o.port = 0;
  o.io_threads = 1;
  o.worker_threads = 2;
  o.read_timeout = std::chrono::milliseconds(2000);
  o.idle_timeout = std::chrono::milliseconds(2000);
  o.write_timeout = std::chrono::milliseconds(2000);
  o.shutdown_grace = std::chrono::milliseconds(2000);
  o.access_log = false;
  return o;
}

// Runs a Server on a background thread from construction to stop_and_join() (or destruction).
class TestServer {
 public:
  TestServer(const Router& router, ServerOptions options = test_options())
      : server_(std::make_unique<Server>(std::move(options), router, metrics_)) {
    server_->bind();
    thread_ = std::thread([this] {
      io_thread_ = std::this_thread::get_id();
      server_->run();
      returned_.store(true);
    });
    while (io_thread_ == std::thread::id())
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~TestServer() { stop_and_join(); }

  void stop() { server_->stop(); }
  void stop_and_join() {
    if (!thread_.joinable()) return;
    server_->stop();
    thread_.join();
  }
  // True when run() has returned within `timeout` (after stop()).
  bool joins_within(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!returned_.load()) {
      if (std::chrono::steady_clock::now() >= deadline) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    thread_.join();
    return true;
  }

  std::uint16_t port() const { return server_->port(); }
  Metrics& metrics() { return metrics_; }
  std::thread::id io_thread() const { return io_thread_; }

 private:
  Metrics metrics_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
  std::atomic<std::thread::id> io_thread_{};
  std::atomic<bool> returned_{false};
};

struct HttpResponse {
  int status = 0;                              // 0: the connection ended before a response
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

// A blocking client connection with a 5 s receive timeout, so that a broken server fails the
// test instead of hanging it.
class Client {
 public:
  explicit Client(std::uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      ::close(fd_);
      throw std::runtime_error("connect failed");
    }
    timeval tv{5, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }
  ~Client() { ::close(fd_); }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // False when the peer is gone.
  bool send(std::string_view data) {
    while (!data.empty()) {
      const ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      data.remove_prefix(static_cast<size_t>(n));
    }
    return true;
  }

  // Reads one response (Content-Length bodies only, as the server sends). `head` skips the body.
  // Interim (1xx) responses are skipped unless `interim`.
  HttpResponse read_response(bool head = false, bool interim = false) {
    HttpResponse r;
    size_t end;
    while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
      if (!fill()) return r;
    }
    std::string head_text = buffer_.substr(0, end);
    buffer_.erase(0, end + 4);
    size_t line_end = head_text.find("\r\n");
    std::string status_line = head_text.substr(0, line_end);
    r.status = std::stoi(status_line.substr(9, 3));
    size_t pos = line_end == std::string::npos ? head_text.size() : line_end + 2;
    while (pos < head_text.size()) {
      size_t next = head_text.find("\r\n", pos);
      if (next == std::string::npos) next = head_text.size();
      std::string line = head_text.substr(pos, next - pos);
      size_t colon = line.find(':');
      std::string name = line.substr(0, colon);
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::string value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      r.headers[name] = value;
      pos = next + 2;
    }
    if (r.status / 100 == 1) return interim ? r : read_response(head);
    size_t length =
        head ? 0
             : std::stoul(r.header("content-length").empty() ? "0" : r.header("content-length"));
    while (buffer_.size() < length) {
      if (!fill()) return HttpResponse{};
    }
    r.body = buffer_.substr(0, length);
    buffer_.erase(0, length);
    return r;
  }

  HttpResponse request(const std::string& raw, bool head = false) {
    if (!send(raw)) return {};
    return read_response(head);
  }

  // True when the server ends the connection (EOF or reset) within `timeout`.
  bool closed_within(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return false;
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
      char buf[4096];
      const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) return true;
      buffer_.append(buf, static_cast<size_t>(n));
    }
  }

  void shutdown_write() { ::shutdown(fd_, SHUT_WR); }

  // Reads until the bytes received after the response head contain `needle` (true), or the
  // connection ends or 5 s pass (false). What was read stays available to received().
  bool read_until(std::string_view needle) {
    while (buffer_.find(needle) == std::string::npos) {
      if (!fill()) return false;
    }
    return true;
  }
  const std::string& received() const { return buffer_; }

  bool readable_now() {
    pollfd p{fd_, POLLIN, 0};
    return !buffer_.empty() || ::poll(&p, 1, 0) > 0;
  }

 private:
  bool fill() {
    char buf[16384];
    const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) return false;
    buffer_.append(buf, static_cast<size_t>(n));
    return true;
  }

  int fd_ = -1;
  std::string buffer_;
};

inline std::string get(const std::string& path, const std::string& extra_headers = "") {
  return "GET " + path + " HTTP/1.1\r\nHost: test\r\n" + extra_headers + "\r\n";
}

}  // namespace cds::http::testing
