#include "http/metrics.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace cds::http {
namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(Metrics, CountsRequestsByMethodRouteAndStatus) {
  Metrics m;
  m.observe_request("GET", "/api/v1/reports/{id}", 200, 0.0003);
  m.observe_request("GET", "/api/v1/reports/{id}", 200, 0.002);
  m.observe_request("GET", "/api/v1/reports/{id}", 404, 0.002);
  m.observe_request("POST", "/api/v1/reports", 201, 0.2);
  const std::string text = m.render();
  EXPECT_TRUE(contains(text, "# TYPE cds_http_requests_total counter\n"));
  EXPECT_TRUE(contains(
      text,
      "cds_http_requests_total{method=\"GET\",route=\"/api/v1/reports/{id}\",status=\"200\"} 2\n"));
  EXPECT_TRUE(contains(
      text,
      "cds_http_requests_total{method=\"GET\",route=\"/api/v1/reports/{id}\",status=\"404\"} 1\n"));
  EXPECT_TRUE(contains(
      text,
      "cds_http_requests_total{method=\"POST\",route=\"/api/v1/reports\",status=\"201\"} 1\n"));
}

TEST(Metrics, HistogramBucketsAreCumulative) {
  Metrics m;
  m.observe_request("GET", "/r", 200, 0.0003);  // ≤ 0.0005
  m.observe_request("GET", "/r", 200, 0.002);   // ≤ 0.0025
  m.observe_request("GET", "/r", 200, 0.0025);  // ≤ 0.0025 (bounds are inclusive)
  m.observe_request("GET", "/r", 200, 30);      // only +Inf
  const std::string text = m.render();
  EXPECT_TRUE(contains(text, "# TYPE cds_http_request_duration_seconds histogram\n"));
  EXPECT_TRUE(
      contains(text, "cds_http_request_duration_seconds_bucket{route=\"/r\",le=\"0.0005\"} 1\n"));
  EXPECT_TRUE(
      contains(text, "cds_http_request_duration_seconds_bucket{route=\"/r\",le=\"0.001\"} 1\n"));
  EXPECT_TRUE(
      contains(text, "cds_http_request_duration_seconds_bucket{route=\"/r\",le=\"0.0025\"} 3\n"));
  EXPECT_TRUE(
      contains(text, "cds_http_request_duration_seconds_bucket{route=\"/r\",le=\"10\"} 3\n"));
  EXPECT_TRUE(
      contains(text, "cds_http_request_duration_seconds_bucket{route=\"/r\",le=\"+Inf\"} 4\n"));
  EXPECT_TRUE(contains(text, "cds_http_request_duration_seconds_count{route=\"/r\"} 4\n"));
  EXPECT_TRUE(contains(text, "cds_http_request_duration_seconds_sum{route=\"/r\"} 30.004"));
}

TEST(Metrics, ConnectionsGaugeAndCounter) {
  Metrics m;
  m.connection_opened();
  m.connection_opened();
  m.connection_closed();
  EXPECT_EQ(m.open_connections(), 1);
  const std::string text = m.render();
  EXPECT_TRUE(
      contains(text, "# TYPE cds_http_open_connections gauge\ncds_http_open_connections 1\n"));
  EXPECT_TRUE(
      contains(text, "# TYPE cds_http_connections_total counter\ncds_http_connections_total 2\n"));
}

TEST(Metrics, AppendsCollectorText) {
  Metrics m;
  m.add_collector([] {
    return std::string("# TYPE cds_store_commits_total counter\ncds_store_commits_total 7");
  });
  m.add_collector([] { return std::string(); });
  const std::string text = m.render();
  EXPECT_TRUE(contains(text, "cds_store_commits_total 7\n"));
  EXPECT_EQ(text.back(), '\n');
}

TEST(Metrics, EscapesLabelValues) {
  Metrics m;
  m.observe_request("GET", "/a\"b\\c\n", 200, 0.1);
  EXPECT_TRUE(contains(m.render(), "route=\"/a\\\"b\\\\c\\n\""));
}

TEST(Metrics, IsThreadSafe) {
  Metrics m;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&m] {
      for (int i = 0; i < 1000; ++i) {
        m.observe_request("GET", "/x", 200, 0.001);
        m.connection_opened();
        m.connection_closed();
      }
    });
  }
  for (int i = 0; i < 20; ++i) (void)m.render();
  for (auto& t : threads) t.join();
  EXPECT_TRUE(contains(
      m.render(), "cds_http_requests_total{method=\"GET\",route=\"/x\",status=\"200\"} 4000\n"));
  EXPECT_EQ(m.open_connections(), 0);
}

}  // namespace
}  // namespace cds::http
