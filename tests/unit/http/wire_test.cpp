#include "http/wire.hpp"

#include <gtest/gtest.h>

#include <set>

#include "http/access_log.hpp"
#include "http/server_problems.hpp"

#include <unistd.h>
#include <boost/json.hpp>

namespace cds::http {
namespace {

TEST(Wire, RequestIdRules) {
  EXPECT_TRUE(valid_request_id("abc-DEF_1.2"));
  EXPECT_TRUE(valid_request_id(std::string(64, 'a')));
  EXPECT_FALSE(valid_request_id(""));
  EXPECT_FALSE(valid_request_id(std::string(65, 'a')));
  EXPECT_FALSE(valid_request_id("a b"));
  EXPECT_FALSE(valid_request_id("a\"b"));
  EXPECT_FALSE(valid_request_id("ñ"));
  std::set<std::string> ids;
  for (int i = 0; i < 100; ++i) {
    std::string id = new_request_id();
    EXPECT_EQ(id.size(), 16u);
    EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos);
    ids.insert(id);
  }
  EXPECT_EQ(ids.size(), 100u);
}

TEST(Wire, HandlerHeaders) {
  EXPECT_TRUE(handler_header_allowed("Location", "/api/v1/reports/1"));
  EXPECT_TRUE(handler_header_allowed("Cache-Control", "max-age=60"));
  EXPECT_FALSE(handler_header_allowed("Location", "/x\r\nSet-Cookie: a=b"));
  EXPECT_FALSE(handler_header_allowed("Bad Name", "x"));
  EXPECT_FALSE(handler_header_allowed("content-length", "5"));
  EXPECT_FALSE(handler_header_allowed("Transfer-Encoding", "chunked"));
  EXPECT_FALSE(handler_header_allowed("Connection", "close"));
}

TEST(Wire, HeadViolations) {
  const RequestHead good{.method = "GET", .target = "/healthz", .version = 11, .host_fields = 1};
  EXPECT_EQ(head_violation(good), "");
  EXPECT_EQ(head_violation({.method = "GET", .target = "/", .version = 10}), "");
  EXPECT_EQ(head_violation({.method = "GET", .target = "/", .version = 11}), "host");
  EXPECT_EQ(head_violation({.method = "GET", .target = "/", .version = 11, .host_fields = 2}),
            "host");
  EXPECT_EQ(head_violation({.method = "GET", .target = "api/v1", .host_fields = 1}), "target");
  EXPECT_EQ(head_violation({.method = "GET", .target = "*", .host_fields = 1}), "target");
  EXPECT_EQ(head_violation({.method = "OPTIONS", .target = "*", .host_fields = 1}), "");
  EXPECT_EQ(head_violation({.method = "GET", .target = "HTTP://h/x", .host_fields = 1}), "");
  EXPECT_EQ(head_violation({.method = "CONNECT", .target = "h:443", .host_fields = 1}), "target");
  RequestHead te = good;
  te.transfer_encoding = "chunked";
  te.chunked = true;
  EXPECT_EQ(head_violation(te), "");
  te.transfer_encoding = "chunked, identity";
  te.chunked = false;
  EXPECT_EQ(head_violation(te), "transfer_encoding");
}

TEST(Wire, SplitsTargets) {
  std::string_view path, query;
  split_target("/a/b?x=1&y=%20", path, query);
  EXPECT_EQ(path, "/a/b");
  EXPECT_EQ(query, "x=1&y=%20");
  split_target("/a", path, query);
  EXPECT_EQ(path, "/a");
  EXPECT_EQ(query, "");
  split_target("http://example.org/a?b", path, query);
  EXPECT_EQ(path, "/a");
  EXPECT_EQ(query, "b");
  split_target("http://example.org", path, query);
  EXPECT_EQ(path, "/");
}

TEST(ServerProblems, FormatsSizes) {
  EXPECT_EQ(format_size(1 << 20), "1 MiB");
  EXPECT_EQ(format_size(3 << 19), "1.5 MiB");
  EXPECT_EQ(format_size(16 * 1024), "16 KiB");
  EXPECT_EQ(format_size(300), "300 bytes");
}

TEST(ServerProblems, CarryTheHttpStatusEvenWithoutACode) {
  Response r = server_problem(Lang::kEn, 405, "method_not_allowed");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.content_type, "application/problem+json");
  auto body = boost::json::parse(r.body).as_object();
  EXPECT_EQ(body["status"].as_int64(), 405);
  EXPECT_EQ(body["code"].as_string(), "method_not_allowed");
  EXPECT_EQ(body["detail"].as_string(), "This address does not accept that method.");

  Response big = server_problem(Lang::kVi, 413, "too_large", {{"limit", "1 MiB"}});
  auto o = boost::json::parse(big.body).as_object();
  EXPECT_EQ(o["status"].as_int64(), 413);
  EXPECT_EQ(o["detail"].as_string(), "Nội dung gửi lên quá lớn (tối đa 1 MiB).");
}

// Reads what the log wrote to a pipe.
std::string drain(int fd) {
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  return out;
}

TEST(AccessLog, WritesOneJsonLinePerRequest) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  {
    AccessLog log(true, fds[1]);
    log.request(AccessRecord{"abc123", "GET", "/api/v1/reports/{id}", "/api/v1/reports/12", 200,
                             0.42, 123, "127.0.0.1"});
    log.request(AccessRecord{"x", "GET", "unmatched", "/bad\"\n\xff/đường", 404, 1, 0, "::1"});
    log.error("handler failed", "abc123", "boom");
  }
  ::close(fds[1]);
  std::string text = drain(fds[0]);
  ::close(fds[0]);
  std::vector<std::string> lines;
  for (size_t pos = 0, nl; (nl = text.find('\n', pos)) != std::string::npos; pos = nl + 1) {
    lines.push_back(text.substr(pos, nl - pos));
  }
  ASSERT_EQ(lines.size(), 3u);
  auto first = boost::json::parse(lines[0]).as_object();
  EXPECT_EQ(first["level"].as_string(), "info");
  EXPECT_EQ(first["msg"].as_string(), "request");
  EXPECT_EQ(first["request_id"].as_string(), "abc123");
  EXPECT_EQ(first["route"].as_string(), "/api/v1/reports/{id}");
  EXPECT_EQ(first["path"].as_string(), "/api/v1/reports/12");
  EXPECT_EQ(first["status"].as_int64(), 200);
  EXPECT_DOUBLE_EQ(first["duration_ms"].to_number<double>(), 0.42);
  EXPECT_EQ(first["bytes"].as_int64(), 123);
  EXPECT_EQ(first["remote"].as_string(), "127.0.0.1");
  const std::string time(first["time"].as_string());
  EXPECT_EQ(time.substr(time.size() - 6), "+07:00");
  // Quotes, control characters and invalid UTF-8 cannot break the line.
  auto second = boost::json::parse(lines[1]).as_object();
  EXPECT_EQ(second["path"].as_string(), "/bad\"\n\xef\xbf\xbd/đường");
  auto third = boost::json::parse(lines[2]).as_object();
  EXPECT_EQ(third["level"].as_string(), "error");
  EXPECT_EQ(third["error"].as_string(), "boom");
}

TEST(AccessLog, DisabledDropsRequestsButNotErrors) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  {
    AccessLog log(false, fds[1]);
    log.request(AccessRecord{"a", "GET", "/x", "/x", 200, 1, 0, ""});
    log.error("accept failed", {}, "EMFILE");
  }
  ::close(fds[1]);
  std::string text = drain(fds[0]);
  ::close(fds[0]);
  EXPECT_EQ(text.find("\"request\""), std::string::npos);
  EXPECT_NE(text.find("accept failed"), std::string::npos);
}

}  // namespace
}  // namespace cds::http
