// The server over real sockets: a Server on 127.0.0.1, a tiny router, a blocking client.
#include "http/server.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdio>
#include <future>

#include "http/stream.hpp"
#include "test_server.hpp"

namespace cds::http {
namespace {

using namespace std::chrono_literals;
using testing::Client;
using testing::get;
using testing::HttpResponse;
using testing::test_options;
using testing::TestServer;

boost::json::object json_of(const HttpResponse& r) {
  return boost::json::parse(r.body).as_object();
}

// A router with a few routes that record what they saw.
struct Fixture {
  Router router;
  std::atomic<int> upload_calls{0};
  std::atomic<std::thread::id> inline_thread{};
  std::atomic<std::thread::id> pool_thread{};

  Fixture() {
    router.add(Method::kGet, "/api/v1/items/{id}", [](Request& req) {
      boost::json::object o;
      o["id"] = req.path_param("id");
      o["path"] = req.path;
      o["query"] = req.query;
      o["request_id"] = req.request_id;
      o["remote"] = req.remote_address;
      Response r;
      r.body = boost::json::serialize(o);
      return r;
    });
    router.add(Method::kDelete, "/api/v1/items/{id}",
               [](Request&) { return Response::no_content(); });
    router.add(
        Method::kPost, "/api/v1/uploads",
        [this](Request& req) {
          ++upload_calls;
          return Response::text(201, "got " + std::to_string(req.body.size()));
        },
        RouteOptions{.body_limit = 1024});
    router.add(Method::kGet, "/boom",
               [](Request&) -> Response { throw std::runtime_error("boom"); });
    router.add(
        Method::kGet, "/inline",
        [this](Request&) {
          inline_thread = std::this_thread::get_id();
          return Response::text(200, "inline");
        },
        RouteOptions{.inline_handler = true});
    router.add(Method::kGet, "/pooled", [this](Request&) {
      pool_thread = std::this_thread::get_id();
      return Response::text(200, "pooled");
    });
    router.add(Method::kGet, "/cached", [](Request&) {
      return Response::text(200, "x").header("Cache-Control", "max-age=60");
    });
    router.add(Method::kGet, "/api/v1/cached", [](Request&) {
      return Response::text(200, "x").header("Cache-Control", "max-age=60");
    });
  }
};

TEST(Server, KeepAliveServesTwoRequestsOnOneConnection) {
  Fixture f;
  TestServer server(f.router);
  Client c(server.port());
  HttpResponse first = c.request(get("/api/v1/items/1"));
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(json_of(first)["id"].as_string(), "1");
  EXPECT_NE(first.header("connection"), "close");
  HttpResponse second = c.request(get("/api/v1/items/2"));
  ASSERT_EQ(second.status, 200);
  EXPECT_EQ(json_of(second)["id"].as_string(), "2");
}

TEST(Server, PipelinedRequestsAreAnsweredInOrder) {
  Fixture f;
  TestServer server(f.router);
  Client c(server.port());
  ASSERT_TRUE(c.send(get("/api/v1/items/a") + get("/api/v1/items/b")));
  EXPECT_EQ(json_of(c.read_response())["id"].as_string(), "a");
  EXPECT_EQ(json_of(c.read_response())["id"].as_string(), "b");
}

TEST(Server, Http10ClosesAfterTheResponse) {
  Fixture f;
  TestServer server(f.router);
  Client c(server.port());
  HttpResponse r = c.request("GET /api/v1/items/1 HTTP/1.0\r\n\r\n");
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(c.closed_within(1000ms));
}

TEST(Server, ConnectionCloseIsHonoured) {
  Fixture f;
  TestServer server(f.router);
  Client c(server.port());
  HttpResponse r = c.request(get("/api/v1/items/1", "Connection: close\r\n"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.header("connection"), "close");
  EXPECT_TRUE(c.closed_within(1000ms));
}

TEST(Server, FillsRequestFields) {
  Fixture f;
  TestServer server(f.router);
  Client c(server.port());
  HttpResponse r = c.request(get("/api/v1/items/c%C3%A2y%2Fxanh?q=c%C3%A2y+xanh&x=1"));
  ASSERT_EQ(r.status, 200);
  auto o = json_of(r);
  EXPECT_EQ(o["id"].as_string(), "cây/xanh");
  EXPECT_EQ(o["path"].as_string(), "/api/v1/items/cây/xanh");
  EXPECT_EQ(o["query"].as_string(), "q=c%C3%A2y+xanh&x=1");
  EXPECT_EQ(o["remote"].as_string(), "127.0.0.1");
}

TEST(Server, UnknownRouteIs404ProblemInVietnameseByDefault) {
  Fixture f;
  TestServer server(f.router);
  Client c(server.port());
  HttpResponse r = c.request(get("/api/v1/nothing"));
  ASSERT_EQ(r.status, 404);
  EXPECT_EQ(r.header("content-type"), "application/problem+json");
  EXPECT_EQ(r.header("content-language"), "vi");
  auto o = json_of(r);
  EXPECT_EQ(o["status"].as_int64(), 404);
  EXPECT_EQ(o["code"].as_string(), "route_not_found");
  EXPECT_EQ(o["detail"].as_string(), "Không có địa chỉ này.");
  // The connection stays usable.
  EXPECT_EQ(c.request(get("/api/v1/items/1")).status, 200);
}

TEST(Server, UnknownRouteIs404ProblemInEnglishWhenAsked) {
  Fixture f;
  TestServer server(f.router);
  Client c(server.port());
  HttpResponse r = c.request(get("/api/v1/nothing", "Accept-Language: en-US,en;q=0.9\r\n"));
  ASSERT_EQ(r.status, 404);
  EXPECT_EQ(r.header("content-language"), "en");
  EXPECT_EQ(json_of(r)["detail"].as_string(), "There is no such address.");
}

TEST(Server, UnknownRouteWithASmallBodyKeepsTheConnection) {
  Fixture f;
  TestServer server(f.router);
  Client c(server.port());
  HttpResponse r = c.request("POST /nothing HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello");
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.header("connection"), "close");
  EXPECT_EQ(c.request(get("/api/v1/items/1")).status, 200);
}

TEST(Server, TrailingSlashIs404) {
  Fixture f;
  TestServer server(f.router);
  Client c(server.port());
  EXPECT_EQ(c.request(get("/api/v1/items/1/")).status, 404);
}

TEST(Server, WrongMethodIs405WithAllow) {
  Fixture f;
  TestServer server(f.router);
  Client c(server.port());
  HttpResponse r =
      c.request("PUT /api/v1/items/1 HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\n{}");
  ASSERT_EQ(r.status, 405);
  EXPECT_EQ(r.header("allow"), "GET, HEAD, DELETE");
  auto o = json_of(r);
  EXPECT_EQ(o["status"].as_int64(), 405);
  EXPECT_EQ(o["code"].as_string(), "method_not_allowed");
  EXPECT_EQ(c.request(get("/api/v1/items/1")).status, 200);
}

TEST(Server, HeadAnswersLikeGetWithoutBody) {
  Fixture f;
  TestServer server(f.router);
  Client c(server.port());
  HttpResponse whole = c.request(get("/api/v1/items/7"));
  HttpResponse head = c.request("HEAD /api/v1/items/7 HTTP/1.1\r\nHost: t\r\n\r\n", true);
  ASSERT_EQ(head.status, 200);
  EXPECT_EQ(head.header("content-length"), std::to_string(whole.body.size()));
  // Nothing but the next response follows on the connection.
  HttpResponse next = c.request(get("/api/v1/items/8"));
  EXPECT_EQ(next.status, 200);
  EXPECT_EQ(json_of(next)["id"].as_string(), "8");
}

TEST(Server, NoContentHasNoBody) {
  Fixture f;
  TestServer server(f.router);
  Client c(server.port());
  HttpResponse r = c.request("DELETE /api/v1/items/1 HTTP/1.1\r\nHost: t\r\n\r\n", true);
  EXPECT_EQ(r.status, 204);
  EXPECT_EQ(r.header("content-length"), "");
  EXPECT_EQ(r.header("content-type"), "");
  EXPECT_EQ(c.request(get("/api/v1/items/2")).status, 200);
}

TEST(Server, EveryResponseCarriesTheCommonHeaders) {
  Fixture f;
  TestServer server(f.router);
  Client c(server.port());
  HttpResponse api = c.request(get("/api/v1/items/1"));
  EXPECT_EQ(api.header("x-content-type-options"), "nosniff");
  EXPECT_EQ(api.header("content-type"), "application/json");
  EXPECT_EQ(api.header("cache-control"), "no-store");
  HttpResponse missing = c.request(get("/api/v1/nothing"));
  EXPECT_EQ(missing.header("cache-control"), "no-store");
  EXPECT_EQ(missing.header("x-content-type-options"), "nosniff");
  HttpResponse own = c.request(get("/api/v1/cached"));
  EXPECT_EQ(own.header("cache-control"), "max-age=60");
  HttpResponse outside = c.request(get("/inline"));
  EXPECT_EQ(outside.header("cache-control"), "");
  EXPECT_EQ(outside.header("content-type"), "text/plain; charset=utf-8");
}

TEST(Server, RequestIdIsEchoedOrGenerated) {
  Fixture f;
  TestServer server(f.router);
  Client c(server.port());
  HttpResponse echoed = c.request(get("/api/v1/items/1", "X-Request-Id: client-42.a_b\r\n"));
  EXPECT_EQ(echoed.header("x-request-id"), "client-42.a_b");
  EXPECT_EQ(json_of(echoed)["request_id"].as_string(), "client-42.a_b");

  HttpResponse generated = c.request(get("/api/v1/items/1"));
  const std::string id = generated.header("x-request-id");
  EXPECT_EQ(id.size(), 16u);
  EXPECT_EQ(json_of(generated)["request_id"].as_string(), id);

  HttpResponse replaced = c.request(get("/api/v1/items/1", "X-Request-Id: bad id!\r\n"));
  EXPECT_EQ(replaced.header("x-request-id").size(), 16u);
  EXPECT_NE(replaced.header("x-request-id"), "bad id!");
  HttpResponse too_long =
      c.request(get("/api/v1/items/1", "X-Request-Id: " + std::string(65, 'a') + "\r\n"));
  EXPECT_EQ(too_long.header("x-request-id").size(), 16u);
  // Problems carry one too.
  EXPECT_EQ(c.request(get("/nothing", "X-Request-Id: r1\r\n")).header("x-request-id"), "r1");
}

TEST(Server, HeadersOver16KiBAre431) {
  Fixture f;
  TestServer server(f.router);
  Client c(server.port());
  HttpResponse r =
      c.request(get("/api/v1/items/1", "X-Filler: " + std::string(17 * 1024, 'a') + "\r\n"));
  ASSERT_EQ(r.status, 431);
  EXPECT_EQ(r.header("content-type"), "application/problem+json");
  auto o = json_of(r);
  EXPECT_EQ(o["status"].as_int64(), 431);
  EXPECT_EQ(o["code"].as_string(), "headers_too_large");
  EXPECT_TRUE(c.closed_within(2000ms));
  // Headers just under the limit are fine.
  Client ok(server.port());
  EXPECT_EQ(ok.request(get("/api/v1/items/1", "X-Filler: " + std::string(15 * 1024, 'a') + "\r\n"))
                .status,
            200);
}

TEST(Server, BodyWithinTheRouteLimitReachesTheHandler) {
  Fixture f;
  TestServer server(f.router);
  Client c(server.port());
  HttpResponse r =
      c.request("POST /api/v1/uploads HTTP/1.1\r\nHost: t\r\nContent-Length: 1024\r\n\r\n" +
                std::string(1024, 'x'));
  EXPECT_EQ(r.status, 201);
  EXPECT_EQ(r.body, "got 1024");
  EXPECT_EQ(f.upload_calls.load(), 1);
}

TEST(Server, ContentLengthOverTheRouteLimitIs413AndNeverReachesTheHandler) {
  Fixture f;
  TestServer server(f.router);
  Client c(server.port());
  HttpResponse r = c.request(
      "POST /api/v1/uploads HTTP/1.1\r\nHost: t\r\nAccept-Language: en\r\nContent-Length: "
      "4096\r\n\r\n" +
      std::string(100, 'x'));
  ASSERT_EQ(r.status, 413);
  auto o = json_of(r);
  EXPECT_EQ(o["code"].as_string(), "too_large");
  EXPECT_EQ(o["detail"].as_string(), "The request body is too large (at most 1 KiB).");
  EXPECT_EQ(r.header("connection"), "close");
  EXPECT_TRUE(c.closed_within(2000ms));
  EXPECT_EQ(f.upload_calls.load(), 0);
}

TEST(Server, ExpectContinueOverTheLimitIsRefusedBeforeTheBody) {
  Fixture f;
  TestServer server(f.router);
  Client c(server.port());
  HttpResponse r = c.request(
      "POST /api/v1/uploads HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: "
      "4096\r\n\r\n");
  EXPECT_EQ(r.status, 413);
  Client ok(server.port());
  ASSERT_TRUE(
      ok.send("POST /api/v1/uploads HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: "
              "3\r\n\r\n"));
  HttpResponse cont = ok.read_response(false, true);
  EXPECT_EQ(cont.status, 100) << "the client sends the body only after 100 Continue";
  ASSERT_TRUE(ok.send("abc"));
  HttpResponse done = ok.read_response();
  EXPECT_EQ(done.status, 201);
  EXPECT_EQ(done.body, "got 3");
  EXPECT_EQ(f.upload_calls.load(), 1);
}

TEST(Server, ChunkedBodyGrowingPastTheLimitIs413) {
  Fixture f;
  TestServer server(f.router);
  Client c(server.port());
  std::string chunked =
      "POST /api/v1/uploads HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 3; ++i) chunked += "200\r\n" + std::string(512, 'x') + "\r\n";
  chunked += "0\r\n\r\n";
  HttpResponse r = c.request(chunked);
  ASSERT_EQ(r.status, 413);
  EXPECT_EQ(json_of(r)["code"].as_string(), "too_large");
  EXPECT_EQ(f.upload_calls.load(), 0);

  Client small(server.port());
  HttpResponse ok = small.request(
      "POST /api/v1/uploads HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: "
      "chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
  EXPECT_EQ(ok.status, 201);
  EXPECT_EQ(ok.body, "got 5");
}

TEST(Server, HandlerExceptionIs500AndTheServerKeepsServing) {
  Fixture f;
  TestServer server(f.router);
  Client c(server.port());
  HttpResponse r = c.request(get("/boom", "Accept-Language: en\r\n"));
  ASSERT_EQ(r.status, 500);
  auto o = json_of(r);
  EXPECT_EQ(o["code"].as_string(), "internal");
  EXPECT_EQ(r.body.find("boom"), std::string::npos) << "the exception text stays in the log";
  EXPECT_EQ(c.request(get("/api/v1/items/1")).status, 200);
  Client other(server.port());
  EXPECT_EQ(other.request(get("/api/v1/items/2")).status, 200);
}

TEST(Server, MalformedRequestIs400AndCloses) {
  Fixture f;
  TestServer server(f.router);
  Client c(server.port());
  HttpResponse r = c.request("GET /x HTTP/9.9\r\nHost: t\r\n\r\n");
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(c.closed_within(2000ms));
  Client garbage(server.port());
  HttpResponse g = garbage.request("\x01\x02 nonsense\r\n\r\n");
  EXPECT_EQ(g.status, 400);
  Client ok(server.port());
  EXPECT_EQ(ok.request(get("/api/v1/items/1")).status, 200);
}

TEST(Server, SlowClientIsCutOffAfterTheReadTimeout) {
  Fixture f;
  ServerOptions options = test_options();
  options.read_timeout = 300ms;
  TestServer server(f.router, options);
  Client c(server.port());
  const auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(c.send("GET /api/v1/items/1 HTTP/1.1\r\nHost: t\r\n"));
  HttpResponse r = c.read_response();
  EXPECT_EQ(r.status, 408);
  EXPECT_TRUE(c.closed_within(2000ms));
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_GE(elapsed, 250ms);
  EXPECT_LT(elapsed, 2500ms);
}

TEST(Server, TricklingClientIsCutOffTooFromItsFirstByte) {
  Fixture f;
  ServerOptions options = test_options();
  options.read_timeout = 300ms;
  TestServer server(f.router, options);
  Client c(server.port());
  const std::string request = get("/api/v1/items/1", "X-Slow: " + std::string(100, 'a') + "\r\n");
  const auto start = std::chrono::steady_clock::now();
  // A byte every 20 ms would need 3 s for the whole request; the deadline is for all of it.
  for (char byte : request) {
    if (c.readable_now() || std::chrono::steady_clock::now() - start > 3s) break;
    if (!c.send(std::string(1, byte))) break;
    std::this_thread::sleep_for(20ms);
  }
  const HttpResponse r = c.read_response();
  EXPECT_TRUE(r.status == 408 || r.status == 0);
  EXPECT_TRUE(c.closed_within(2000ms));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2500ms);
}

TEST(Server, IdleKeepAliveConnectionIsClosedAfterTheIdleTimeout) {
  Fixture f;
  ServerOptions options = test_options();
  options.idle_timeout = 300ms;
  TestServer server(f.router, options);
  Client c(server.port());
  ASSERT_EQ(c.request(get("/api/v1/items/1")).status, 200);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(c.closed_within(2000ms));
  EXPECT_GE(std::chrono::steady_clock::now() - start, 250ms);
}

TEST(Server, SilentNewConnectionIsClosedAfterTheReadTimeout) {
  Fixture f;
  ServerOptions options = test_options();
  options.read_timeout = 300ms;
  options.idle_timeout = 10s;
  TestServer server(f.router, options);
  Client c(server.port());
  const auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(c.closed_within(2000ms));
  EXPECT_GE(std::chrono::steady_clock::now() - start, 250ms);
}

TEST(Server, ClientHalfCloseStillGetsItsAnswerThenTheConnectionEnds) {
  Fixture f;
  TestServer server(f.router);
  Client c(server.port());
  ASSERT_TRUE(c.send(get("/api/v1/items/1")));
  c.shutdown_write();
  EXPECT_EQ(c.read_response().status, 200);
  EXPECT_TRUE(c.closed_within(1000ms));
}

TEST(Server, ClosedConnectionsAreForgotten) {
  Fixture f;
  TestServer server(f.router);
  {
    Client a(server.port());
    Client b(server.port());
    ASSERT_EQ(a.request(get("/api/v1/items/1")).status, 200);
    ASSERT_TRUE(b.send("GET /api/v1/items/1 HTTP/1.1\r\nHost"));  // gone mid-request
  }
  const auto deadline = std::chrono::steady_clock::now() + 2s;
  while (server.metrics().open_connections() != 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(5ms);
  }
  EXPECT_EQ(server.metrics().open_connections(), 0);
}

TEST(Server, AccessLogWritesOneLinePerRequestWithoutTheQuery) {
  Fixture f;
  ServerOptions options = test_options();
  options.access_log = true;
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  std::fflush(stdout);
  const int saved_stdout = ::dup(1);
  ::dup2(fds[1], 1);
  {
    TestServer server(f.router, options);
    Client c(server.port());
    c.request(
        get("/api/v1/items/42?phone=0901234567", "X-Request-Id: log-test\r\nCookie: s=secret\r\n"));
    c.request(get("/nothing"));
    server.stop_and_join();
  }
  ::dup2(saved_stdout, 1);
  ::close(saved_stdout);
  ::close(fds[1]);
  std::string text;
  char buf[4096];
  for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;)
    text.append(buf, static_cast<size_t>(n));
  ::close(fds[0]);
  EXPECT_EQ(text.find("0901234567"), std::string::npos) << text;
  EXPECT_EQ(text.find("secret"), std::string::npos) << text;
  const size_t nl = text.find('\n');
  ASSERT_NE(nl, std::string::npos) << text;
  auto line = boost::json::parse(text.substr(0, nl)).as_object();
  EXPECT_EQ(line["msg"].as_string(), "request");
  EXPECT_EQ(line["request_id"].as_string(), "log-test");
  EXPECT_EQ(line["method"].as_string(), "GET");
  EXPECT_EQ(line["route"].as_string(), "/api/v1/items/{id}");
  EXPECT_EQ(line["path"].as_string(), "/api/v1/items/42");
  EXPECT_EQ(line["status"].as_int64(), 200);
  EXPECT_EQ(line["remote"].as_string(), "127.0.0.1");
  EXPECT_GT(line["bytes"].as_int64(), 0);
  auto second =
      boost::json::parse(text.substr(nl + 1, text.find('\n', nl + 1) - nl - 1)).as_object();
  EXPECT_EQ(second["route"].as_string(), "unmatched");
  EXPECT_EQ(second["status"].as_int64(), 404);
}

TEST(Server, NonInlineHandlersRunOffTheIoThread) {
  Fixture f;
  TestServer server(f.router);
  Client c(server.port());
  EXPECT_EQ(c.request(get("/inline")).body, "inline");
  EXPECT_EQ(c.request(get("/pooled")).body, "pooled");
  EXPECT_EQ(f.inline_thread.load(), server.io_thread());
  EXPECT_NE(f.pool_thread.load(), server.io_thread());
  EXPECT_NE(f.pool_thread.load(), std::thread::id());
}

TEST(Server, SlowHandlersDoNotBlockOtherConnections) {
  Router router;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  router.add(Method::kGet, "/slow", [released](Request&) {
    released.wait_for(3s);
    return Response::text(200, "slow");
  });
  router.add(Method::kGet, "/fast", [](Request&) { return Response::text(200, "fast"); });
  TestServer server(router);
  Client slow(server.port());
  ASSERT_TRUE(slow.send(get("/slow")));
  Client fast(server.port());
  EXPECT_EQ(fast.request(get("/fast")).body, "fast");
  release.set_value();
  EXPECT_EQ(slow.read_response().body, "slow");
}

TEST(Server, ServesManyClientsOnSeveralIoThreads) {
  Fixture f;
  ServerOptions options = test_options();
  options.io_threads = 2;
  options.worker_threads = 3;
  TestServer server(f.router, options);
  constexpr int kClients = 8, kRequests = 25;
  std::atomic<int> ok{0};
  std::vector<std::thread> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.emplace_back([&, i] {
      Client c(server.port());
      for (int j = 0; j < kRequests; ++j) {
        const std::string id = std::to_string(i) + "-" + std::to_string(j);
        HttpResponse r = c.request(get(j % 2 ? "/api/v1/items/" + id : "/inline"));
        if (r.status == 200 && (j % 2 == 0 || json_of(r)["id"].as_string() == id)) ++ok;
      }
    });
  }
  for (auto& t : clients) t.join();
  EXPECT_EQ(ok.load(), kClients * kRequests);
  server.stop_and_join();
  EXPECT_NE(
      server.metrics().render().find(
          "cds_http_requests_total{method=\"GET\",route=\"/api/v1/items/{id}\",status=\"200\"} " +
          std::to_string(kClients * (kRequests / 2)) + "\n"),
      std::string::npos);
  EXPECT_EQ(server.metrics().open_connections(), 0);
}

TEST(Server, StopLetsARunningHandlerFinish) {
  Router router;
  std::promise<void> started;
  router.add(Method::kGet, "/slow", [&started](Request&) {
    started.set_value();
    std::this_thread::sleep_for(300ms);
    return Response::text(200, "finished");
  });
  TestServer server(router);
  Client c(server.port());
  Client idle(server.port());
  ASSERT_TRUE(c.send(get("/slow")));
  started.get_future().wait();
  server.stop();
  HttpResponse r = c.read_response();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "finished");
  EXPECT_EQ(r.header("connection"), "close");
  EXPECT_TRUE(c.closed_within(1000ms));
  EXPECT_TRUE(idle.closed_within(1000ms));
  EXPECT_TRUE(server.joins_within(2000ms));
}

TEST(Server, StopWithIdleConnectionsReturnsPromptly) {
  Fixture f;
  ServerOptions options = test_options();
  options.idle_timeout = 10s;
  TestServer server(f.router, options);
  Client c(server.port());
  ASSERT_EQ(c.request(get("/api/v1/items/1")).status, 200);
  const auto start = std::chrono::steady_clock::now();
  server.stop();
  EXPECT_TRUE(c.closed_within(1000ms));
  EXPECT_TRUE(server.joins_within(2000ms));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1000ms);
}

TEST(Server, StopGivesUpOnStragglersAfterTheGrace) {
  Router router;
  router.add(Method::kGet, "/x", [](Request&) { return Response::text(200, "x"); });
  ServerOptions options = test_options();
  options.shutdown_grace = 200ms;
  options.read_timeout = 10s;
  TestServer server(router, options);
  Client c(server.port());
  ASSERT_TRUE(c.send("GET /x HTTP/1.1\r\n"));  // a request that never completes
  std::this_thread::sleep_for(50ms);
  server.stop();
  EXPECT_TRUE(server.joins_within(2000ms));
}

TEST(Server, ConnectionsBeyondTheLimitGet503) {
  Fixture f;
  ServerOptions options = test_options();
  options.max_connections = 1;
  TestServer server(f.router, options);
  Client first(server.port());
  ASSERT_EQ(first.request(get("/api/v1/items/1")).status, 200);
  Client second(server.port());
  HttpResponse r = second.request(get("/api/v1/items/1"));
  ASSERT_EQ(r.status, 503);
  EXPECT_FALSE(r.header("retry-after").empty());
  EXPECT_EQ(r.header("content-type"), "application/problem+json");
  EXPECT_TRUE(second.closed_within(2000ms));
  EXPECT_EQ(first.request(get("/api/v1/items/2")).status, 200);
}

TEST(Server, MetricsCountRequestsByRoutePattern) {
  Fixture f;
  TestServer server(f.router);
  Client c(server.port());
  ASSERT_EQ(c.request(get("/api/v1/items/1")).status, 200);
  ASSERT_EQ(c.request(get("/api/v1/items/2")).status, 200);
  ASSERT_EQ(c.request(get("/api/v1/missing")).status, 404);
  // The last observation happens right after its write; a further exchange orders it.
  ASSERT_EQ(c.request(get("/inline")).status, 200);
  const std::string text = server.metrics().render();
  EXPECT_NE(text.find("cds_http_requests_total{method=\"GET\",route=\"/api/v1/items/"
                      "{id}\",status=\"200\"} 2\n"),
            std::string::npos)
      << text;
  EXPECT_NE(
      text.find("cds_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"} 1\n"),
      std::string::npos);
  EXPECT_EQ(text.find("/api/v1/items/1"), std::string::npos) << "raw paths never become labels";
  EXPECT_NE(text.find("cds_http_open_connections 1\n"), std::string::npos);
  EXPECT_NE(text.find("cds_http_connections_total 1\n"), std::string::npos);
}

TEST(Server, BindFailsLoudlyOnABusyPort) {
  Router router;
  Metrics metrics;
  Server first(test_options(), router, metrics);
  first.bind();
  ServerOptions options = test_options();
  options.port = first.port();
  Server second(options, router, metrics);
  // SO_REUSEADDR does not let two listeners share a port on Linux.
  EXPECT_THROW(second.bind(), std::runtime_error);
  ServerOptions bad = test_options();
  bad.host = "no-such-host.invalid";
  Server third(bad, router, metrics);
  EXPECT_THROW(third.bind(), std::runtime_error);
}

}  // namespace
}  // namespace cds::http

namespace cds::http {
namespace {

using namespace std::chrono_literals;
using testing::Client;
using testing::get;
using testing::test_options;
using testing::TestServer;

// A route that answers with a stream the test then pushes to.
struct StreamFixture {
  Router router;
  std::shared_ptr<StreamSink> sink;
  std::promise<void> opened;
  std::atomic<int> ended{0};

  explicit StreamFixture(std::size_t max_frames = 16) {
    router.add(Method::kGet, "/stream", [this, max_frames](Request&) {
      sink = std::make_shared<StreamSink>(max_frames, 1 << 20);
      sink->set_on_end([this] { ++ended; });
      Response r;
      r.content_type = "text/event-stream";
      r.body = "retry: 3000\n\n";
      r.stream = sink;
      opened.set_value();
      return r;
    });
  }
};

TEST(ServerStream, SendsTheOpeningThenEachPushAsAChunk) {
  StreamFixture f;
  TestServer server(f.router);
  Client c(server.port());
  ASSERT_TRUE(c.send(get("/stream")));
  f.opened.get_future().wait();
  auto head = c.read_response(/*head=*/true);
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.header("transfer-encoding"), "chunked");
  EXPECT_EQ(head.header("content-type"), "text/event-stream");
  EXPECT_EQ(head.header("cache-control"), "no-store");
  EXPECT_EQ(head.header("x-accel-buffering"), "no");
  ASSERT_TRUE(c.read_until("retry: 3000\n\n\r\n"));
  f.sink->push(std::make_shared<const std::string>("data: one\n\n"));
  ASSERT_TRUE(c.read_until("data: one\n\n\r\n"));
  EXPECT_NE(c.received().find("b\r\ndata: one\n\n\r\n"), std::string::npos);  // 11 bytes
  // Closed by the feature: the last chunk ends the body and the connection closes.
  f.sink->close();
  EXPECT_TRUE(c.closed_within(2000ms));
  EXPECT_NE(c.received().find("0\r\n\r\n"), std::string::npos);
  // The server finishes the sink just after closing its side: give it a moment.
  for (int i = 0; i < 200 && f.ended.load() == 0; ++i) std::this_thread::sleep_for(10ms);
  EXPECT_EQ(f.ended.load(), 1);
}

TEST(ServerStream, AnIdleStreamGetsHeartbeats) {
  StreamFixture f;
  ServerOptions options = test_options();
  options.stream_heartbeat = 100ms;
  TestServer server(f.router, options);
  Client c(server.port());
  ASSERT_TRUE(c.send(get("/stream")));
  c.read_response(true);
  ASSERT_TRUE(c.read_until(": keep-alive\n\n"));
}

TEST(ServerStream, AClientThatLeavesEndsItsStreamAtOnce) {
  StreamFixture f;
  TestServer server(f.router);
  {
    Client c(server.port());
    ASSERT_TRUE(c.send(get("/stream")));
    c.read_response(true);
  }
  for (int i = 0; i < 200 && f.ended.load() == 0; ++i) std::this_thread::sleep_for(10ms);
  EXPECT_EQ(f.ended.load(), 1);  // well before any heartbeat would have found out
}

TEST(ServerStream, ADrainSendsARetryHintAndCloses) {
  StreamFixture f;
  ServerOptions options = test_options();
  options.stream_retry_on_shutdown = 250ms;
  TestServer server(f.router, options);
  Client c(server.port());
  ASSERT_TRUE(c.send(get("/stream")));
  c.read_response(true);
  ASSERT_TRUE(c.read_until("retry: 3000"));
  server.stop();
  EXPECT_TRUE(c.closed_within(2000ms));
  EXPECT_NE(c.received().find("retry: 250\n\n"), std::string::npos);
  EXPECT_TRUE(server.joins_within(2000ms));
}

}  // namespace
}  // namespace cds::http
