// The event loop of one bench_openloop thread: level-triggered epoll over non-blocking sockets,
// one request at a time per keep-alive connection, no pipelining.
#include "open_loop_generator.hpp"

#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <ctime>

namespace cds::bench {
namespace {

constexpr int kMaxEvents = 512;
constexpr std::size_t kReadChunk = 64 * 1024;

std::uint32_t micros(Clock::duration d) {
  const auto us = std::chrono::duration_cast<std::chrono::microseconds>(d).count();
  return static_cast<std::uint32_t>(std::clamp<std::int64_t>(us, 0, UINT32_MAX));
}

// Failures of socket() or connect() that mean this process cannot open one more connection,
// as opposed to the server refusing it.
bool client_side_failure(int error) {
  return error == EMFILE || error == ENFILE || error == EADDRNOTAVAIL || error == ENOBUFS ||
         error == ENOMEM || error == EAGAIN;
}

// Waits for events for at most `left`, with nanosecond resolution where the kernel offers it
// (epoll_pwait2), else rounding the wait up to a millisecond.
int wait_for_events(int epoll, epoll_event* events, Clock::duration left) {
  const auto ns =
      std::max<std::int64_t>(0, std::chrono::duration_cast<std::chrono::nanoseconds>(left).count());
  static thread_local bool have_pwait2 = true;
  if (have_pwait2) {
    const timespec timeout{static_cast<time_t>(ns / 1'000'000'000),
                           static_cast<long>(ns % 1'000'000'000)};
    const int n = epoll_pwait2(epoll, events, kMaxEvents, &timeout, nullptr);
    if (n >= 0 || errno != ENOSYS) return n;
    have_pwait2 = false;
  }
  return epoll_wait(epoll, events, kMaxEvents, static_cast<int>((ns + 999'999) / 1'000'000));
}

}  // namespace

void Tally::merge(const Tally& o) {
  scheduled += o.scheduled;
  sent += o.sent;
  not_sent += o.not_sent;
  ok += o.ok;
  r429 += o.r429;
  r503 += o.r503;
  other += o.other;
  window_ok += o.window_ok;
  window_r429 += o.window_r429;
  window_r503 += o.window_r503;
  window_other += o.window_other;
  connect_errors += o.connect_errors;
  closed_early += o.closed_early;
  bad_responses += o.bad_responses;
  timeouts += o.timeouts;
  connections_opened += o.connections_opened;
  most_open += o.most_open;  // each thread's peak: an upper bound of the peak of all
  latency_us.insert(latency_us.end(), o.latency_us.begin(), o.latency_us.end());
  ok_latency_us.insert(ok_latency_us.end(), o.ok_latency_us.begin(), o.ok_latency_us.end());
}

OpenLoopGenerator::OpenLoopGenerator(const sockaddr_in& server, std::string request,
                                     Schedule schedule, std::size_t max_connections)
    : server_(server),
      request_(std::move(request)),
      schedule_(schedule),
      max_connections_(max_connections),
      connections_(max_connections) {
  epoll_ = epoll_create1(EPOLL_CLOEXEC);
  free_slots_.reserve(max_connections);
  for (std::size_t slot = max_connections; slot > 0; --slot) {
    free_slots_.push_back(static_cast<std::uint32_t>(slot - 1));
  }
  idle_.reserve(max_connections);
  tally_.latency_us.reserve(schedule_.total / schedule_.stride + 1);
}

OpenLoopGenerator::~OpenLoopGenerator() {
  for (std::uint32_t slot = 0; slot < connections_.size(); ++slot) {
    if (connections_[slot].state != State::kFree) release(slot, true);
  }
  if (epoll_ >= 0) close(epoll_);
}

bool OpenLoopGenerator::run() {
  if (epoll_ < 0) return false;
  const Clock::time_point deadline = schedule_.t0 + schedule_.window + schedule_.grace;
  std::uint64_t next = schedule_.first;
  epoll_event events[kMaxEvents];
  for (;;) {
    // Every request whose time has come goes out now, answered or not the ones before it.
    Clock::time_point now = Clock::now();
    for (; next < schedule_.total && schedule_.due(next) <= now; next += schedule_.stride) {
      dispatch(schedule_.due(next));
    }
    const bool all_due = next >= schedule_.total;
    if (now >= deadline || (all_due && outstanding_ == 0)) break;
    const Clock::time_point wake = all_due ? deadline : schedule_.due(next);
    const int n = wait_for_events(epoll_, events, wake - now);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    for (int i = 0; i < n; ++i) on_event(events[i].data.u32, events[i].events);
  }
  tally_.timeouts += outstanding_;
  return true;
}

void OpenLoopGenerator::dispatch(Clock::time_point due) {
  ++tally_.scheduled;
  while (!idle_.empty()) {
    const std::uint32_t slot = idle_.back();
    idle_.pop_back();
    Connection& c = connections_[slot];
    c.in_idle_list = false;
    if (c.state != State::kIdle) continue;  // closed while idle; the slot may hold another now
    ++tally_.sent;
    ++outstanding_;
    c.state = State::kBusy;
    c.due = due;
    c.written = 0;
    c.reader.reset();
    write_request(slot);
    return;
  }
  if (open_ < max_connections_ && open_connection(due)) return;
  ++tally_.not_sent;
}

bool OpenLoopGenerator::open_connection(Clock::time_point due) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_TCP);
  if (fd < 0) return false;
  const int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  if (connect(fd, reinterpret_cast<const sockaddr*>(&server_), sizeof server_) < 0 &&
      errno != EINPROGRESS) {
    const int error = errno;
    close(fd);
    if (client_side_failure(error)) return false;
    ++tally_.sent;
    ++tally_.connect_errors;
    return true;
  }
  const std::uint32_t slot = free_slots_.back();
  free_slots_.pop_back();
  Connection& c = connections_[slot];
  c.fd = fd;
  c.state = State::kConnecting;
  c.want_write = true;
  c.due = due;
  c.written = 0;
  c.reader.reset();
  epoll_event ev{};
  ev.events = EPOLLIN | EPOLLOUT;
  ev.data.u32 = slot;
  epoll_ctl(epoll_, EPOLL_CTL_ADD, fd, &ev);
  ++open_;
  ++outstanding_;
  ++tally_.sent;
  ++tally_.connections_opened;
  tally_.most_open = std::max<std::uint64_t>(tally_.most_open, open_);
  return true;
}

void OpenLoopGenerator::on_event(std::uint32_t slot, std::uint32_t events) {
  Connection& c = connections_[slot];
  if (c.state == State::kFree) return;  // released earlier in this batch
  if (c.state == State::kConnecting) {
    if ((events & (EPOLLOUT | EPOLLERR | EPOLLHUP)) == 0) return;
    finish_connect(slot);
    if (c.state != State::kBusy) return;
  } else if (c.state == State::kBusy && c.want_write && (events & EPOLLOUT) != 0) {
    write_request(slot);
    if (c.state != State::kBusy) return;
  }
  if ((events & (EPOLLIN | EPOLLERR | EPOLLHUP)) != 0) on_readable(slot);
}

void OpenLoopGenerator::finish_connect(std::uint32_t slot) {
  Connection& c = connections_[slot];
  int error = 0;
  socklen_t size = sizeof error;
  if (getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &error, &size) < 0) error = errno;
  if (error != 0) {
    ++tally_.connect_errors;
    release(slot, false);
    return;
  }
  c.state = State::kBusy;
  write_request(slot);
}

void OpenLoopGenerator::write_request(std::uint32_t slot) {
  Connection& c = connections_[slot];
  while (c.written < request_.size()) {
    const ssize_t n =
        send(c.fd, request_.data() + c.written, request_.size() - c.written, MSG_NOSIGNAL);
    if (n > 0) {
      c.written += static_cast<std::size_t>(n);
    } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      set_want_write(slot, true);
      return;
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      // The server may have answered and closed without reading (a refusal at accept): read
      // what it sent before counting the request as lost.
      on_readable(slot);
      if (c.state == State::kBusy) {
        ++tally_.closed_early;
        release(slot, false);
      }
      return;
    }
  }
  set_want_write(slot, false);
}

void OpenLoopGenerator::on_readable(std::uint32_t slot) {
  Connection& c = connections_[slot];
  static thread_local std::string buffer(kReadChunk, '\0');
  const ssize_t n = recv(c.fd, buffer.data(), buffer.size(), 0);
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return;
  if (c.state == State::kIdle) {
    // Bytes or the end of the stream on a connection with nothing asked: the server closed it
    // (its idle timeout) or sent something unasked; either way it is not reused.
    if (n > 0) ++tally_.bad_responses;
    release(slot, false);
    return;
  }
  ResponseReader::State state;
  if (n > 0) {
    state = c.reader.feed(std::string_view(buffer.data(), static_cast<std::size_t>(n)));
  } else {
    state = c.reader.end_of_stream();
  }
  if (state == ResponseReader::State::kDone) {
    on_answer(slot);  // releases the connection when the server closes it
    if (n == 0 && c.state != State::kFree) release(slot, false);
  } else if (state == ResponseReader::State::kBad) {
    if (n > 0) {
      ++tally_.bad_responses;
    } else {
      ++tally_.closed_early;
    }
    release(slot, false);
  } else if (n <= 0) {
    ++tally_.closed_early;
    release(slot, false);
  }
}

void OpenLoopGenerator::on_answer(std::uint32_t slot) {
  Connection& c = connections_[slot];
  const Clock::time_point now = Clock::now();
  const std::uint32_t latency = micros(now - c.due);
  const bool in_window = now <= schedule_.t0 + schedule_.window;
  const int status = c.reader.status();
  tally_.latency_us.push_back(latency);
  if (status >= 200 && status < 300) {
    ++tally_.ok;
    tally_.window_ok += in_window;
    tally_.ok_latency_us.push_back(latency);
  } else if (status == 429) {
    ++tally_.r429;
    tally_.window_r429 += in_window;
  } else if (status == 503) {
    ++tally_.r503;
    tally_.window_r503 += in_window;
  } else {
    ++tally_.other;
    tally_.window_other += in_window;
  }
  --outstanding_;
  if (c.reader.closes()) {
    c.state = State::kIdle;  // not counted as outstanding by release
    release(slot, false);    // the server closes it: the next request opens another
    return;
  }
  c.state = State::kIdle;
  if (!c.in_idle_list) {
    c.in_idle_list = true;
    idle_.push_back(slot);
  }
}

void OpenLoopGenerator::set_want_write(std::uint32_t slot, bool want) {
  Connection& c = connections_[slot];
  if (c.want_write == want) return;
  c.want_write = want;
  epoll_event ev{};
  ev.events = want ? EPOLLIN | EPOLLOUT : EPOLLIN;
  ev.data.u32 = slot;
  epoll_ctl(epoll_, EPOLL_CTL_MOD, c.fd, &ev);
}

// Closes the slot's connection. A request still on it is the caller's to count; abortively
// (a reset) leaves no TIME_WAIT behind, for the end of the run when the client closes first.
void OpenLoopGenerator::release(std::uint32_t slot, bool abortively) {
  Connection& c = connections_[slot];
  if (c.state == State::kConnecting || c.state == State::kBusy) --outstanding_;
  if (abortively) {
    const linger hard{1, 0};
    setsockopt(c.fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
  }
  close(c.fd);
  c.fd = -1;
  c.state = State::kFree;
  c.want_write = false;
  --open_;
  free_slots_.push_back(slot);
}

}  // namespace cds::bench
