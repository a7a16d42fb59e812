// One thread's share of bench_openloop's load: its own epoll set and connections, sending each of
// its requests at the time the schedule gives it, whether or not earlier ones were answered.
#pragma once

#include <netinet/in.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "response_reader.hpp"

namespace cds::bench {

using Clock = std::chrono::steady_clock;

// The schedule: request i (i = 0, 1, ... total - 1) is due at t0 + i / rate. A generator takes
// the requests first, first + stride, first + 2 * stride, ...
struct Schedule {
  Clock::time_point t0;
  double rate = 0;           // requests per second, over all generators
  std::uint64_t total = 0;   // requests in the run
  Clock::duration window{};  // t0 + window: the end of the run; rates count answers in it
  Clock::duration grace{};   // after the window, for the last answers to arrive
  std::uint64_t first = 0;
  std::uint64_t stride = 1;
  Clock::time_point due(std::uint64_t i) const {
    return t0 + std::chrono::nanoseconds(static_cast<std::int64_t>(double(i) * 1e9 / rate));
  }
};

// What one generator saw. Latencies are in microseconds from the request's scheduled time.
struct Tally {
  std::uint64_t scheduled = 0;  // requests whose time came
  std::uint64_t sent = 0;       // put on a connection (or on one being opened)
  std::uint64_t not_sent = 0;   // no idle connection and the connection limit reached
  std::uint64_t ok = 0, r429 = 0, r503 = 0, other = 0;  // answers, by status
  std::uint64_t window_ok = 0, window_r429 = 0, window_r503 = 0, window_other = 0;  // of them, in
                                                                                    // the window
  std::uint64_t connect_errors = 0;  // the server refused or reset the connection attempt
  std::uint64_t closed_early = 0;    // the connection ended or failed before the answer
  std::uint64_t bad_responses = 0;   // not HTTP/1.1 as the reader understands it
  std::uint64_t timeouts = 0;        // still unanswered at the end of the grace
  std::uint64_t connections_opened = 0;
  std::uint64_t most_open = 0;               // connections open at once, at most
  std::vector<std::uint32_t> latency_us;     // of every answer
  std::vector<std::uint32_t> ok_latency_us;  // of the 2xx answers

  std::uint64_t answers() const { return ok + r429 + r503 + other; }
  std::uint64_t errors() const { return connect_errors + closed_early + bad_responses + timeouts; }
  void merge(const Tally& other);
};

class OpenLoopGenerator {
 public:
  // request: the bytes of one request, sent as they are on every connection. max_connections:
  // this generator's own limit.
  OpenLoopGenerator(const sockaddr_in& server, std::string request, Schedule schedule,
                    std::size_t max_connections);
  ~OpenLoopGenerator();
  OpenLoopGenerator(const OpenLoopGenerator&) = delete;
  OpenLoopGenerator& operator=(const OpenLoopGenerator&) = delete;

  // Runs the schedule, then waits out the grace for the answers; returns false if epoll failed.
  // Call once, from the thread that owns this generator.
  bool run();
  const Tally& tally() const { return tally_; }

 private:
  enum class State { kFree, kConnecting, kBusy, kIdle };
  struct Connection {
    int fd = -1;
    State state = State::kFree;
    bool in_idle_list = false;  // idle_ may hold it; entries whose state is not kIdle are stale
    bool want_write = false;    // registered for EPOLLOUT
    std::size_t written = 0;    // bytes of request_ written for the current request
    Clock::time_point due;      // the current request's scheduled time
    ResponseReader reader;
  };

  void dispatch(Clock::time_point due);
  bool open_connection(Clock::time_point due);
  void on_event(std::uint32_t slot, std::uint32_t events);
  void finish_connect(std::uint32_t slot);
  void write_request(std::uint32_t slot);
  void on_readable(std::uint32_t slot);
  void on_answer(std::uint32_t slot);
  void set_want_write(std::uint32_t slot, bool want);
  void release(std::uint32_t slot, bool abortively);

  sockaddr_in server_;
  std::string request_;
  Schedule schedule_;
  std::size_t max_connections_;
  int epoll_ = -1;
  std::vector<Connection> connections_;  // by slot; the slot is the epoll event's data
  std::vector<std::uint32_t> free_slots_;
  std::vector<std::uint32_t> idle_;  // most recently answered last: it is reused first
  std::size_t open_ = 0;
  std::size_t outstanding_ = 0;  // connections with a request sent and not yet answered
  Tally tally_;
};

}  // namespace cds::bench
