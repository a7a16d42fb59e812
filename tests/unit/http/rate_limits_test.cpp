// Token buckets (with a clock that moves only when told), their memory bound, the rate-limit
// check per address and per credential, trusted proxies and the worker queue's admission.
#include "http/rate_limits.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "http/client_address.hpp"
#include "http/metrics.hpp"
#include "http/token_buckets.hpp"
#include "http/worker_queue.hpp"

namespace cds::http {
namespace {

TEST(TokenBuckets, AllowsABurstThenRefillsAtTheRate) {
  ManualClock clock(1'000'000);
  TokenBuckets buckets(clock, 1000);
  // 6 a minute: a full bucket of 6, then one token every 10 s.
  for (int i = 0; i < 6; ++i) EXPECT_EQ(buckets.take("a", 6), 0) << i;
  EXPECT_EQ(buckets.take("a", 6), 10);
  clock.advance(4'000);
  EXPECT_EQ(buckets.take("a", 6), 6);  // 0.4 token there, 0.6 to go: 6 s, rounded up
  clock.advance(6'000);
  EXPECT_EQ(buckets.take("a", 6), 0);
  EXPECT_EQ(buckets.take("a", 6), 10);
  // Another key has its own bucket.
  EXPECT_EQ(buckets.take("b", 6), 0);
}

TEST(TokenBuckets, NeverHoldsMoreThanOneMinute) {
  ManualClock clock(0);
  TokenBuckets buckets(clock, 1000);
  EXPECT_EQ(buckets.take("a", 2), 0);
  clock.advance(3'600'000);  // an hour idle refills to 2, not 120
  EXPECT_EQ(buckets.take("a", 2), 0);
  EXPECT_EQ(buckets.take("a", 2), 0);
  EXPECT_GT(buckets.take("a", 2), 0);
}

TEST(TokenBuckets, RetryAfterIsAtLeastOneSecond) {
  ManualClock clock(0);
  TokenBuckets buckets(clock, 1000);
  for (int i = 0; i < 6000; ++i) ASSERT_EQ(buckets.take("fast", 6000), 0);
  EXPECT_EQ(buckets.take("fast", 6000), 1);  // 10 ms to the next token: "1" second
}

TEST(TokenBuckets, ForgetsRefilledBucketsAndCapsTheKeys) {
  ManualClock clock(0);
  TokenBuckets buckets(clock, 64, 1);  // one shard of 64
  for (int i = 0; i < 1000; ++i) buckets.take("client" + std::to_string(i), 60);
  EXPECT_EQ(buckets.size(), 64u);  // the least recently seen were dropped
  clock.advance(2'000);            // every bucket refilled (1 token a second)
  buckets.take("new", 60);
  EXPECT_EQ(buckets.size(), 1u);  // refilled buckets equal new ones: forgotten
}

TEST(TokenBuckets, KeepsTheBucketsInUseWhenFull) {
  ManualClock clock(0);
  TokenBuckets buckets(clock, 8, 1);
  buckets.take("busy", 1);  // empty now, and stays seen
  for (int i = 0; i < 100; ++i) {
    buckets.take("other" + std::to_string(i), 1);
    EXPECT_GT(buckets.take("busy", 1), 0) << i;  // still held back: never evicted while used
  }
}

TEST(TrustedProxies, NamesTheClientOnlyThroughTrustedPeers) {
  TrustedProxies proxies({"127.0.0.1", "10.0.0.0/8", "fd00::/8"});
  EXPECT_TRUE(proxies.trusts("10.20.30.40"));
  EXPECT_TRUE(proxies.trusts("::ffff:10.1.2.3"));
  EXPECT_TRUE(proxies.trusts("fd12::1"));
  EXPECT_FALSE(proxies.trusts("11.0.0.1"));
  EXPECT_FALSE(proxies.trusts("not an address"));
  // An untrusted peer's header is the peer's own invention.
  EXPECT_EQ(proxies.client_of("203.0.113.9", "198.51.100.1"), "203.0.113.9");
  // Through nginx on this host: the address nginx saw.
  EXPECT_EQ(proxies.client_of("127.0.0.1", "198.51.100.1"), "198.51.100.1");
  // A client's own X-Forwarded-For sits left of what the proxies appended.
  EXPECT_EQ(proxies.client_of("127.0.0.1", "1.1.1.1, 198.51.100.1, 10.0.0.7"), "198.51.100.1");
  EXPECT_EQ(proxies.client_of("127.0.0.1", ""), "127.0.0.1");
  EXPECT_EQ(proxies.client_of("127.0.0.1", "garbage"), "127.0.0.1");
  EXPECT_EQ(proxies.client_of("127.0.0.1", "10.0.0.7"), "10.0.0.7");  // all trusted: the last
  EXPECT_THROW(TrustedProxies({"10.0.0.0/33"}), std::invalid_argument);
  EXPECT_THROW(TrustedProxies({"nginx"}), std::invalid_argument);
  EXPECT_FALSE(TrustedProxies().trusts("127.0.0.1"));
}

TEST(WorkerQueue, RefusesWhenFullOrWhenTheOldestWaitedTooLong) {
  using namespace std::chrono_literals;
  WorkerQueue queue(2, 1000ms);
  const auto t0 = WorkerQueue::Clock::now();
  EXPECT_EQ(queue.try_enqueue(t0), WorkerQueue::Admit::kYes);
  EXPECT_EQ(queue.try_enqueue(t0 + 10ms), WorkerQueue::Admit::kYes);
  EXPECT_EQ(queue.try_enqueue(t0 + 20ms), WorkerQueue::Admit::kQueueFull);
  queue.started();  // the one from t0
  EXPECT_EQ(queue.waiting(), 1u);
  EXPECT_EQ(queue.try_enqueue(t0 + 2000ms), WorkerQueue::Admit::kQueueStale);  // t0+10ms waits
  queue.started();
  EXPECT_EQ(queue.try_enqueue(t0 + 2000ms), WorkerQueue::Admit::kYes);  // empty again
  WorkerQueue unbounded(0, 0ms);
  for (int i = 0; i < 10'000; ++i) ASSERT_EQ(unbounded.try_enqueue(t0), WorkerQueue::Admit::kYes);
}

class RateLimitsTest : public ::testing::Test {
 protected:
  RateLimitsTest() {
    router_.add(Method::kPost, "/write", [](Request&) { return Response::no_content(); });
    router_.add(Method::kGet, "/free", [](Request&) { return Response::no_content(); });
  }
  RateLimitOptions options() {
    RateLimitOptions o;
    o.classes = {RateClass{"write", 3, 2, "rate_limited"}};
    o.classify = [](Method, std::string_view pattern) {
      return pattern == "/write" ? std::string("write") : std::string();
    };
    o.credential = [](const Request& req) { return req.header("authorization"); };
    return o;
  }
  const Route& route(std::string_view pattern) {
    for (const auto& r : router_.routes())
      if (r->pattern == pattern) return *r;
    throw std::logic_error("no route");
  }
  static Request from(std::string address, std::string token = "") {
    Request req;
    req.method = Method::kPost;
    req.remote_address = std::move(address);
    if (!token.empty()) req.headers.emplace_back("authorization", "Bearer " + token);
    req.headers.emplace_back("accept-language", "en");
    return req;
  }
  Router router_;
  ManualClock clock_{0};
  Metrics metrics_;
};

TEST_F(RateLimitsTest, PerAddressThenPerCredential) {
  RateLimits limits(options(), router_, clock_, metrics_);
  const Route& write = route("/write");
  EXPECT_EQ(limits.class_of(write), "write");
  EXPECT_EQ(limits.class_of(route("/free")), "");
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(limits.check(from("10.0.0.1"), write)) << i;
  auto refused = limits.check(from("10.0.0.1"), write);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 429);
  EXPECT_EQ(refused->content_type, "application/problem+json");
  bool has_retry_after = false;
  for (const auto& [name, value] : refused->headers)
    has_retry_after = has_retry_after || (name == "Retry-After" && value == "20");
  EXPECT_TRUE(has_retry_after) << refused->body;
  EXPECT_NE(refused->body.find("20 seconds"), std::string::npos) << refused->body;
  // Another address is not held back; a route outside every class never is.
  EXPECT_FALSE(limits.check(from("10.0.0.2"), write));
  for (int i = 0; i < 10; ++i) EXPECT_FALSE(limits.check(from("10.0.0.1"), route("/free")));
  // Per credential: 2, wherever they come from; another token has its own.
  EXPECT_FALSE(limits.check(from("10.0.1.1", "alice"), write));
  EXPECT_FALSE(limits.check(from("10.0.1.2", "alice"), write));
  auto alice = limits.check(from("10.0.1.3", "alice"), write);
  ASSERT_TRUE(alice);
  EXPECT_EQ(alice->status, 429);
  EXPECT_FALSE(limits.check(from("10.0.1.4", "bob"), write));
  const std::string text = metrics_.render();
  EXPECT_NE(text.find("cds_http_rate_limited_total{scope=\"ip\",class=\"write\"} 1"),
            std::string::npos);
  EXPECT_NE(text.find("cds_http_rate_limited_total{scope=\"user\",class=\"write\"} 1"),
            std::string::npos);
}

}  // namespace
}  // namespace cds::http
