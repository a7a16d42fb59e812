// bench_fanout: opens N Server-Sent Events subscriptions to one server, publishes one event, and
// measures when each subscriber has it (the last one is the figure), and the server's memory per
// subscription. One thread, one epoll set; it never waits longer than its timeouts.
//
//   bench_fanout --port 18191 --path /sub --n 15000 --marker fanout-1
//       --publish-url http://127.0.0.1:18191/pub --publish-body 'fanout-1' --server-pid 123
//
// Prints one JSON object on stdout; progress goes to stderr.
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <spawn.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <time.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "../ipv4_address.hpp"
#include "fanout_options.hpp"
#include "process_cpu.hpp"
#include "process_memory.hpp"
#include "sse_stream.hpp"

extern char** environ;

namespace {

using Clock = std::chrono::steady_clock;
using cds::bench::FanoutOptions;
using cds::bench::SseStream;

// A non-blocking TCP socket whose connect has begun, or -1 with errno set.
int start_connect(const sockaddr_in& address) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_TCP);
  if (fd < 0) return -1;
  const int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  if (connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) < 0 &&
      errno != EINPROGRESS) {
    const int saved = errno;
    close(fd);
    errno = saved;
    return -1;
  }
  return fd;
}

// Closes with a reset, so that tens of thousands of closed sockets leave no TIME_WAIT behind to
// exhaust the ephemeral ports of the next run.
void close_abortively(int fd) {
  const linger hard{1, 0};
  setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
  close(fd);
}

// CPU time of this process so far: what reading the subscribers costs the machine the server
// shares.
double own_cpu_ms() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

double ms_between(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

struct Subscriber {
  explicit Subscriber(const FanoutOptions& o) : stream(o.ready_marker, o.marker) {}
  int fd = -1;
  int attempts = 0;
  bool request_sent = false;
  bool counted_ready = false;
  SseStream stream;
  Clock::time_point received_at;
};

// The publish request: one POST on its own connection, in the same event loop.
struct Publisher {
  int fd = -1;
  bool sent = false;
  bool done = false;
  int status = 0;  // the HTTP status, or the exit status of --publish-command
  std::string request;
  std::string response;
  Clock::time_point answered_at{};  // stays the epoch until a status is known
};

constexpr std::uint64_t kPublisherTag = ~std::uint64_t{0};

class FanoutClient {
 public:
  explicit FanoutClient(FanoutOptions options) : o_(std::move(options)) {
    epoll_ = epoll_create1(EPOLL_CLOEXEC);
    subscribers_.reserve(static_cast<std::size_t>(o_.n));
  }

  int run() {
    const auto address = cds::bench::resolve_ipv4(o_.host, o_.port);
    if (!address) {
      std::fprintf(stderr, "bench_fanout: cannot resolve %s\n", o_.host.c_str());
      return 2;
    }
    address_ = *address;
    const cds::bench::ProcessMemory before = cds::bench::read_process_memory(o_.server_pids);
    const Clock::time_point connect_start = Clock::now();
    open_all();
    const double connect_s = ms_between(connect_start, Clock::now()) / 1000;
    std::fprintf(stderr, "bench_fanout: %d of %d ready in %.1f s (%d reconnects)\n", ready_, o_.n,
                 connect_s, reconnects_);
    // Settle; then let any subscription dropped meanwhile come back before measuring.
    poll_until(Clock::now() + seconds(o_.settle_s), [] { return false; });
    poll_until(Clock::now() + seconds(o_.batch_timeout_s),
               [&] { return ready_ + failed_ >= static_cast<int>(subscribers_.size()); });
    const cds::bench::ProcessMemory after = cds::bench::read_process_memory(o_.server_pids);

    // Subscriptions that are live now are the ones that should receive the broadcast.
    const int live_at_publish = ready_ - dropped_;
    const int dropped_before_publish = dropped_;
    publishing_ = true;
    const std::int64_t cpu_before_ns = cds::bench::read_cpu_ns(o_.server_pids);
    const double client_cpu_before_ms = own_cpu_ms();
    publish();
    const Clock::time_point deadline = t0_ + seconds(o_.receive_timeout_s);
    poll_until(deadline, [&] {
      return received_ + (dropped_ - dropped_before_publish) >= live_at_publish &&
             (publisher_.fd < 0 || publisher_.done) && publish_pid_ <= 0;
    });
    reap_publish_command(true);
    const double client_cpu_ms = own_cpu_ms() - client_cpu_before_ms;
    const double server_cpu_ms =
        double(cds::bench::read_cpu_ns(o_.server_pids) - cpu_before_ns) / 1e6;
    for (Subscriber& s : subscribers_) {
      if (s.fd >= 0) close_abortively(s.fd);
    }
    if (publisher_.fd >= 0) close(publisher_.fd);
    print_report(live_at_publish, dropped_before_publish, connect_s, server_cpu_ms, client_cpu_ms,
                 before, after);
    return 0;
  }

 private:
  static Clock::duration seconds(double s) {
    return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s));
  }

  void open_all() {
    std::string request = "GET " + o_.path + " HTTP/1.1\r\nHost: " + o_.host + ":" +
                          std::to_string(o_.port) +
                          "\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n";
    for (const std::string& h : o_.headers) request += h + "\r\n";
    request += "\r\n";
    request_ = std::move(request);

    while (static_cast<int>(subscribers_.size()) < o_.n && !out_of_sockets_) {
      const int batch_end = std::min(o_.n, static_cast<int>(subscribers_.size()) + o_.batch);
      while (static_cast<int>(subscribers_.size()) < batch_end && !out_of_sockets_) {
        subscribers_.emplace_back(o_);
        connect_subscriber(subscribers_.size() - 1);
      }
      const int target = static_cast<int>(subscribers_.size());
      poll_until(Clock::now() + seconds(o_.batch_timeout_s),
                 [&] { return ready_ + failed_ >= target; });
    }
  }

  // (Re)opens subscription `index`; a socket that cannot even start connecting counts as failed.
  void connect_subscriber(std::size_t index) {
    Subscriber& s = subscribers_[index];
    ++s.attempts;
    s.request_sent = false;
    s.counted_ready = false;
    s.stream = SseStream(o_.ready_marker, o_.marker);
    s.fd = start_connect(address_);
    if (s.fd < 0) {
      record_failure(std::string("connect: ") + std::strerror(errno));
      out_of_sockets_ = errno == EMFILE || errno == ENFILE || errno == EADDRNOTAVAIL;
      ++failed_;
      return;
    }
    epoll_event ev{};
    ev.events = EPOLLOUT | EPOLLIN | EPOLLRDHUP;
    ev.data.u64 = index;
    epoll_ctl(epoll_, EPOLL_CTL_ADD, s.fd, &ev);
  }

  template <typename Done>
  void poll_until(Clock::time_point deadline, Done done) {
    std::vector<epoll_event> events(1024);
    while (!done()) {
      const Clock::time_point now = Clock::now();
      if (now >= deadline) return;
      const int wait_ms = static_cast<int>(std::min<double>(ms_between(now, deadline) + 1, 100));
      const int count = epoll_wait(epoll_, events.data(), static_cast<int>(events.size()), wait_ms);
      if (count < 0 && errno != EINTR) return;
      for (int i = 0; i < count; ++i) {
        if (events[i].data.u64 == kPublisherTag) {
          on_publisher_event(events[i].events);
        } else {
          on_subscriber_event(subscribers_[events[i].data.u64], events[i].events);
        }
      }
      reap_publish_command(false);
      if (!reconnect_queue_.empty()) {
        const std::vector<std::size_t> queue = std::move(reconnect_queue_);
        reconnect_queue_.clear();
        for (std::size_t index : queue) connect_subscriber(index);
      }
    }
  }

  void on_subscriber_event(Subscriber& s, std::uint32_t events) {
    if (s.fd < 0) return;
    if (!s.request_sent && (events & (EPOLLOUT | EPOLLERR | EPOLLHUP))) {
      int error = 0;
      socklen_t length = sizeof error;
      getsockopt(s.fd, SOL_SOCKET, SO_ERROR, &error, &length);
      if (error != 0) {
        drop(s, std::string("connect: ") + std::strerror(error));
        return;
      }
      // The request is a few hundred bytes: one send fills no socket buffer.
      if (send(s.fd, request_.data(), request_.size(), MSG_NOSIGNAL) !=
          static_cast<ssize_t>(request_.size())) {
        drop(s, "send failed");
        return;
      }
      s.request_sent = true;
      epoll_event ev{};
      ev.events = EPOLLIN | EPOLLRDHUP;
      ev.data.u64 = static_cast<std::uint64_t>(&s - subscribers_.data());
      epoll_ctl(epoll_, EPOLL_CTL_MOD, s.fd, &ev);
      return;
    }
    char buffer[16384];
    for (;;) {
      const ssize_t got = recv(s.fd, buffer, sizeof buffer, 0);
      if (got > 0) {
        const SseStream::State before = s.stream.state();
        const SseStream::State now =
            s.stream.feed(std::string_view(buffer, static_cast<std::size_t>(got)));
        if (now != before) on_transition(s, now);
        if (s.fd < 0) return;
        continue;
      }
      if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
      if (got < 0 && errno == EINTR) continue;
      drop(s, got == 0 ? "closed by server" : std::string("recv: ") + std::strerror(errno));
      return;
    }
  }

  void on_transition(Subscriber& s, SseStream::State now) {
    if ((now == SseStream::State::kReady || now == SseStream::State::kReceived) &&
        !s.counted_ready) {
      s.counted_ready = true;
      ++ready_;
    }
    if (now == SseStream::State::kReceived) {
      s.received_at = Clock::now();
      ++received_;
    } else if (now == SseStream::State::kFailed) {
      drop(s, std::string(s.stream.failure()));
    }
  }

  // Closes a subscription that failed. Before the publish it is opened again (up to
  // --reconnects times); otherwise it counts once: as failed if it was never ready, or as
  // dropped (unless it had already received the broadcast).
  void drop(Subscriber& s, const std::string& why) {
    record_failure(why);
    epoll_ctl(epoll_, EPOLL_CTL_DEL, s.fd, nullptr);
    close_abortively(s.fd);
    s.fd = -1;
    if (!publishing_ && s.attempts <= o_.reconnects && !out_of_sockets_) {
      if (s.counted_ready) --ready_;
      reconnect_queue_.push_back(static_cast<std::size_t>(&s - subscribers_.data()));
      ++reconnects_;
      return;
    }
    if (s.counted_ready) {
      if (s.stream.state() != SseStream::State::kReceived) ++dropped_;
    } else {
      ++failed_;
    }
  }

  void record_failure(const std::string& why) { ++failures_[why]; }

  void publish() {
    if (!o_.publish_command.empty()) {
      const char* argv[] = {"sh", "-c", o_.publish_command.c_str(), nullptr};
      t0_ = Clock::now();
      if (posix_spawn(&publish_pid_, "/bin/sh", nullptr, nullptr, const_cast<char**>(argv),
                      environ) != 0) {
        publish_pid_ = 0;
        record_failure("publish command could not start");
      }
      return;
    }
    const auto url = cds::bench::parse_url(o_.publish_url);
    const auto address = url ? cds::bench::resolve_ipv4(url->host, url->port) : std::nullopt;
    if (!address) {
      record_failure("cannot resolve the publish host");
      t0_ = Clock::now();
      return;
    }
    publisher_.request = "POST " + url->target + " HTTP/1.1\r\nHost: " + url->host + ":" +
                         std::to_string(url->port) + "\r\nConnection: close\r\nContent-Length: " +
                         std::to_string(o_.publish_body.size()) + "\r\n";
    for (const std::string& h : o_.publish_headers) publisher_.request += h + "\r\n";
    publisher_.request += "\r\n" + o_.publish_body;
    // Connect first: t0 is taken when the request is sent, not before the handshake.
    publisher_.fd = start_connect(*address);
    if (publisher_.fd < 0) {
      record_failure(std::string("publish connect: ") + std::strerror(errno));
      t0_ = Clock::now();
      return;
    }
    epoll_event ev{};
    ev.events = EPOLLOUT | EPOLLIN | EPOLLRDHUP;
    ev.data.u64 = kPublisherTag;
    epoll_ctl(epoll_, EPOLL_CTL_ADD, publisher_.fd, &ev);
    t0_ = Clock::now();  // replaced when the request is sent
    poll_until(Clock::now() + seconds(5), [&] { return publisher_.sent || publisher_.done; });
  }

  void on_publisher_event(std::uint32_t events) {
    Publisher& p = publisher_;
    if (p.done) return;
    if (!p.sent && (events & (EPOLLOUT | EPOLLERR | EPOLLHUP))) {
      int error = 0;
      socklen_t length = sizeof error;
      getsockopt(p.fd, SOL_SOCKET, SO_ERROR, &error, &length);
      t0_ = Clock::now();
      if (error != 0 || send(p.fd, p.request.data(), p.request.size(), MSG_NOSIGNAL) !=
                            static_cast<ssize_t>(p.request.size())) {
        record_failure("publish request could not be sent");
        p.done = true;
        epoll_ctl(epoll_, EPOLL_CTL_DEL, p.fd, nullptr);
        return;
      }
      p.sent = true;
      epoll_event ev{};
      ev.events = EPOLLIN | EPOLLRDHUP;
      ev.data.u64 = kPublisherTag;
      epoll_ctl(epoll_, EPOLL_CTL_MOD, p.fd, &ev);
      return;
    }
    char buffer[4096];
    for (;;) {
      const ssize_t got = recv(p.fd, buffer, sizeof buffer, 0);
      if (got > 0) {
        p.response.append(buffer, static_cast<std::size_t>(got));
        if (p.status == 0 && p.response.size() >= 12 &&
            p.response.find('\n') != std::string::npos) {
          p.status = std::atoi(p.response.c_str() + 9);  // "HTTP/1.1 201"
          p.answered_at = Clock::now();
          p.done = true;  // the status is all that is needed
          epoll_ctl(epoll_, EPOLL_CTL_DEL, p.fd, nullptr);
          return;
        }
        continue;
      }
      if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
      if (got < 0 && errno == EINTR) continue;
      if (p.status == 0) record_failure("publish: no response");
      p.done = true;
      epoll_ctl(epoll_, EPOLL_CTL_DEL, p.fd, nullptr);
      return;
    }
  }

  // Collects the publish command's exit status; with `stop`, first ends a command that has
  // outlived the receive timeout.
  void reap_publish_command(bool stop) {
    if (publish_pid_ <= 0) return;
    int status = 0;
    if (stop && waitpid(publish_pid_, &status, WNOHANG) == 0) {
      kill(publish_pid_, SIGKILL);
      record_failure("publish command still running at the timeout");
    }
    const pid_t done = waitpid(publish_pid_, &status, stop ? 0 : WNOHANG);
    if (done == publish_pid_) {
      publisher_.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      publisher_.answered_at = Clock::now();
      publish_pid_ = 0;
    }
  }

  void print_report(int live_at_publish, int dropped_before_publish, double connect_s,
                    double server_cpu_ms, double client_cpu_ms,
                    const cds::bench::ProcessMemory& before,
                    const cds::bench::ProcessMemory& after) const {
    std::vector<double> latencies;
    latencies.reserve(static_cast<std::size_t>(received_));
    for (const Subscriber& s : subscribers_) {
      if (s.stream.state() == SseStream::State::kReceived)
        latencies.push_back(ms_between(t0_, s.received_at));
    }
    std::sort(latencies.begin(), latencies.end());
    auto rank = [&](double q) {  // nearest-rank percentile
      if (latencies.empty()) return -1.0;
      const auto index =
          static_cast<std::size_t>(std::ceil(q * static_cast<double>(latencies.size())));
      return latencies[std::min(latencies.size(), std::max<std::size_t>(index, 1)) - 1];
    };
    const double per_conn_rss =
        live_at_publish > 0 ? double(after.rss_kib - before.rss_kib) / live_at_publish : -1;
    const double per_conn_pss =
        live_at_publish > 0 ? double(after.pss_kib - before.pss_kib) / live_at_publish : -1;
    std::string growth;  // each process's RSS growth: where the memory went
    for (std::size_t i = 0; i < after.names.size() && i < before.rss_by_pid.size(); ++i) {
      growth += (growth.empty() ? "\"" : ",\"") + after.names[i] +
                "\":" + std::to_string(after.rss_by_pid[i] - before.rss_by_pid[i]);
    }
    std::string errors;
    for (const auto& [why, count] : failures_) {
      errors += (errors.empty() ? "\"" : ",\"") + why + "\":" + std::to_string(count);
    }
    std::printf(
        "{\"target\":\"%s\",\"n\":%d,\"connected\":%d,\"received\":%d,\"first_ms\":%.2f,"
        "\"p50_ms\":%.2f,"
        "\"p99_ms\":%.2f,\"max_ms\":%.2f,\"server_cpu_ms\":%.2f,\"client_cpu_ms\":%.2f,\"rss_"
        "before_kib\":%lld,\"rss_"
        "after_kib\":%lld,"
        "\"kib_per_conn\":%.2f,\"pss_before_kib\":%lld,\"pss_after_kib\":%lld,"
        "\"pss_kib_per_conn\":%.2f,\"memory_complete\":%s,\"connect_s\":%.2f,"
        "\"publish_status\":%d,\"publish_response_ms\":%.2f,\"never_ready\":%d,"
        "\"dropped_before_publish\":%d,\"lost_after_publish\":%d,\"reconnects\":%d,"
        "\"rss_growth_kib\":{%s},\"errors\":{%s}}\n",
        o_.label.c_str(), o_.n, live_at_publish, received_,
        latencies.empty() ? -1.0 : latencies.front(), rank(0.50), rank(0.99),
        latencies.empty() ? -1.0 : latencies.back(), server_cpu_ms, client_cpu_ms,
        static_cast<long long>(before.rss_kib), static_cast<long long>(after.rss_kib), per_conn_rss,
        static_cast<long long>(before.pss_kib), static_cast<long long>(after.pss_kib), per_conn_pss,
        before.complete && after.complete && !o_.server_pids.empty() ? "true" : "false", connect_s,
        publisher_.status,
        publisher_.answered_at != Clock::time_point{} ? ms_between(t0_, publisher_.answered_at)
                                                      : -1.0,
        failed_, dropped_before_publish, dropped_ - dropped_before_publish, reconnects_,
        growth.c_str(), errors.c_str());
  }

  FanoutOptions o_;
  int epoll_ = -1;
  std::string request_;
  std::vector<Subscriber> subscribers_;  // reserved for n up front: epoll data holds indices
  Publisher publisher_;
  pid_t publish_pid_ = 0;
  Clock::time_point t0_;
  int ready_ = 0;    // became ready (some may have been dropped since)
  int failed_ = 0;   // never became ready
  int dropped_ = 0;  // ready, then closed before the broadcast arrived
  int received_ = 0;
  int reconnects_ = 0;
  bool publishing_ = false;  // from the publish on, a dropped subscription stays closed
  bool out_of_sockets_ = false;
  sockaddr_in address_{};
  std::vector<std::size_t> reconnect_queue_;  // dropped before the publish, to open again
  std::map<std::string, int> failures_;
};

}  // namespace

int main(int argc, char** argv) {
  FanoutClient client(cds::bench::parse_fanout_options(argc, argv));
  return client.run();
}
