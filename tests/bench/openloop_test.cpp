// bench_openloop's response framing, and its accounting against a stub server on loopback: answers
// by status over reused and closed connections, and requests not sent once every connection
// waits for an answer that never comes (the generator does not wait for it).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "open_loop_generator.hpp"
#include "response_reader.hpp"

namespace cds::bench {
namespace {

using State = ResponseReader::State;

State feed_bytewise(ResponseReader& reader, std::string_view bytes) {
  State state = reader.state();
  for (char c : bytes) state = reader.feed(std::string_view(&c, 1));
  return state;
}

TEST(ResponseReader, ContentLengthAcrossReads) {
  ResponseReader reader;
  EXPECT_EQ(reader.feed("HTTP/1.1 200 OK\r\nContent-Le"), State::kHeaders);
  EXPECT_EQ(reader.feed("ngth: 5\r\n\r\nab"), State::kBody);
  EXPECT_EQ(reader.feed("cde"), State::kDone);
  EXPECT_EQ(reader.status(), 200);
  EXPECT_FALSE(reader.closes());
}

TEST(ResponseReader, ChunkedWithExtensionAndTrailerByteByByte) {
  ResponseReader reader;
  const std::string response =
      "HTTP/1.1 429 Too Many Requests\r\nTransfer-Encoding: chunked\r\n\r\n"
      "4;ext=1\r\nabcd\r\n10\r\n0123456789abcdef\r\n0\r\nX-Trailer: 1\r\n\r\n";
  EXPECT_EQ(feed_bytewise(reader, response.substr(0, response.size() - 1)), State::kBody);
  EXPECT_EQ(reader.feed("\n"), State::kDone);
  EXPECT_EQ(reader.status(), 429);
}

TEST(ResponseReader, ConnectionCloseAndHttp10AreClosing) {
  ResponseReader reader;
  EXPECT_EQ(reader.feed("HTTP/1.1 503 X\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"),
            State::kDone);
  EXPECT_TRUE(reader.closes());
  reader.reset();
  EXPECT_EQ(reader.feed("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n"), State::kDone);
  EXPECT_TRUE(reader.closes());
  reader.reset();
  EXPECT_EQ(reader.feed("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n"),
            State::kDone);
  EXPECT_FALSE(reader.closes());
}

TEST(ResponseReader, BodyWithoutLengthEndsAtTheClose) {
  ResponseReader reader;
  EXPECT_EQ(reader.feed("HTTP/1.1 200 OK\r\n\r\nsome body"), State::kBody);
  EXPECT_EQ(reader.end_of_stream(), State::kDone);
  EXPECT_TRUE(reader.closes());
}

TEST(ResponseReader, InterimResponseIsSkippedAnd204HasNoBody) {
  ResponseReader reader;
  EXPECT_EQ(reader.feed("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n"),
            State::kDone);
  EXPECT_EQ(reader.status(), 204);
}

TEST(ResponseReader, MalformedOrCutShortIsBad) {
  ResponseReader garbage;
  EXPECT_EQ(garbage.feed("SSH-2.0-OpenSSH\r\n\r\n"), State::kBad);
  ResponseReader cut;
  EXPECT_EQ(cut.feed("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"), State::kBody);
  EXPECT_EQ(cut.end_of_stream(), State::kBad);
  ResponseReader extra;  // a second response nobody asked for
  EXPECT_EQ(extra.feed("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nxHTTP/1.1"), State::kBad);
  ResponseReader bad_chunk;
  EXPECT_EQ(bad_chunk.feed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"),
            State::kBad);
}

// A loopback server with a thread per connection that answers every request with `answer`
// (closing after it when close_after is set), or never answers when `answer` is empty.
class StubServer {
 public:
  StubServer(std::string answer, bool close_after)
      : answer_(std::move(answer)), close_after_(close_after) {
    listener_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    address_.sin_family = AF_INET;
    address_.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(listener_, reinterpret_cast<sockaddr*>(&address_), sizeof address_);
    socklen_t size = sizeof address_;
    getsockname(listener_, reinterpret_cast<sockaddr*>(&address_), &size);
    listen(listener_, 128);
    acceptor_ = std::thread([this] { accept_loop(); });
  }
  ~StubServer() {
    stopping_ = true;
    shutdown(listener_, SHUT_RDWR);
    acceptor_.join();
    std::lock_guard lock(mutex_);
    for (int fd : fds_) shutdown(fd, SHUT_RDWR);
    for (std::thread& t : connections_) t.join();
    for (int fd : fds_) close(fd);
    close(listener_);
  }
  const sockaddr_in& address() const { return address_; }

 private:
  void accept_loop() {
    while (!stopping_) {
      const int fd = accept(listener_, nullptr, nullptr);
      if (fd < 0) return;
      std::lock_guard lock(mutex_);
      fds_.push_back(fd);
      connections_.emplace_back([this, fd] { serve(fd); });
    }
  }
  void serve(int fd) {
    std::string pending;
    char buffer[4096];
    for (;;) {
      const ssize_t n = recv(fd, buffer, sizeof buffer, 0);
      if (n <= 0) return;
      pending.append(buffer, static_cast<std::size_t>(n));
      for (std::size_t end; (end = pending.find("\r\n\r\n")) != std::string::npos;) {
        pending.erase(0, end + 4);
        if (answer_.empty()) continue;
        send(fd, answer_.data(), answer_.size(), MSG_NOSIGNAL);
        if (close_after_) {
          shutdown(fd, SHUT_WR);
          return;
        }
      }
    }
  }

  std::string answer_;
  bool close_after_;
  int listener_ = -1;
  sockaddr_in address_{};
  std::atomic<bool> stopping_{false};
  std::thread acceptor_;
  std::mutex mutex_;  // guards fds_ and connections_
  std::vector<int> fds_;
  std::vector<std::thread> connections_;
};

Tally drive(const StubServer& server, double rate, double seconds, std::size_t connections,
            double grace_seconds = 5) {
  Schedule schedule;
  schedule.rate = rate;
  schedule.total = static_cast<std::uint64_t>(std::llround(rate * seconds));
  schedule.window =
      std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  schedule.grace =
      std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(grace_seconds));
  schedule.t0 = Clock::now();
  OpenLoopGenerator generator(server.address(), "GET / HTTP/1.1\r\nHost: stub\r\n\r\n", schedule,
                              connections);
  EXPECT_TRUE(generator.run());
  return generator.tally();
}

TEST(OpenLoopGenerator, CountsKeepAliveAnswers) {
  StubServer server("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", false);
  const Tally t = drive(server, 200, 0.25, 50);
  EXPECT_EQ(t.scheduled, 50u);
  EXPECT_EQ(t.sent, 50u);
  EXPECT_EQ(t.not_sent, 0u);
  EXPECT_EQ(t.ok, 50u);
  EXPECT_EQ(t.errors(), 0u);
  EXPECT_EQ(t.latency_us.size(), 50u);
  EXPECT_EQ(t.ok_latency_us.size(), 50u);
}

TEST(OpenLoopGenerator, ReconnectsAfterConnectionClose) {
  StubServer server("HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n", true);
  const Tally t = drive(server, 200, 0.1, 20);
  EXPECT_EQ(t.r503, 20u);
  EXPECT_EQ(t.connections_opened, 20u);  // one per answer: none was reused after its close
  EXPECT_EQ(t.errors(), 0u);
}

TEST(OpenLoopGenerator, ReadsChunkedRefusals) {
  StubServer server(
      "HTTP/1.1 429 Too Many\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n", false);
  const Tally t = drive(server, 200, 0.1, 20);
  EXPECT_EQ(t.r429, 20u);
  EXPECT_EQ(t.ok, 0u);
  EXPECT_EQ(t.errors(), 0u);
}

TEST(OpenLoopGenerator, DoesNotWaitForAnswersAndCountsWhatItCouldNotSend) {
  StubServer server("", false);  // never answers
  const Tally t = drive(server, 100, 0.2, 3, 0.05);
  EXPECT_EQ(t.scheduled, 20u);
  EXPECT_EQ(t.sent, 3u);       // one on each of the three connections
  EXPECT_EQ(t.not_sent, 17u);  // the rest came due while all three waited
  EXPECT_EQ(t.timeouts, 3u);
  EXPECT_EQ(t.answers(), 0u);
}

}  // namespace
}  // namespace cds::bench
