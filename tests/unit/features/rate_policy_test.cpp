// The product's route classes and the configuration's overrides of their allowances.
#include "app/rate_policy.hpp"

#include <gtest/gtest.h>

namespace cds::app {
namespace {

using http::Method;

TEST(RatePolicy, ClassifiesRoutes) {
  EXPECT_EQ(route_class(Method::kGet, "/healthz"), "");
  EXPECT_EQ(route_class(Method::kGet, "/metrics"), "");
  EXPECT_EQ(route_class(Method::kGet, "/assets/{path...}"), "");
  EXPECT_EQ(route_class(Method::kGet, "/api/v1/staff/reports/{id}"), "read");
  EXPECT_EQ(route_class(Method::kGet, "/api/v1/reports/{id}"), "read");
  EXPECT_EQ(route_class(Method::kGet, "/api/v1/reports"), "search");
  EXPECT_EQ(route_class(Method::kGet, "/api/v1/procedures"), "search");
  EXPECT_EQ(route_class(Method::kPost, "/api/v1/reports"), "write");
  EXPECT_EQ(route_class(Method::kPost, "/api/v1/media"), "upload");
  EXPECT_EQ(route_class(Method::kPost, "/api/v1/auth/staff/login"), "sign_in");
  EXPECT_EQ(route_class(Method::kGet, "/api/v1/auth/vneid/callback"), "sign_in");
  EXPECT_EQ(route_class(Method::kPost, "/api/v1/auth/logout"), "write");
  EXPECT_EQ(route_class(Method::kGet, "/api/v1/dossiers/{code}"), "lookup");
}

double per_ip(const http::RateLimitOptions& o, std::string_view name) {
  for (const auto& c : o.classes)
    if (c.name == name) return c.per_ip;
  return -1;
}

double per_user(const http::RateLimitOptions& o, std::string_view name) {
  for (const auto& c : o.classes)
    if (c.name == name) return c.per_user;
  return -1;
}

TEST(RatePolicy, AppliesOverridesInOrder) {
  Limits limits;
  limits.rates["ip.write"] = 5;
  limits.rates_text = "user.*=0, ip.search=7,ip.write=9";
  auto options = rate_limit_options(limits);
  ASSERT_TRUE(options.ok()) << options.status().key();
  EXPECT_EQ(per_ip(*options, "write"), 9);
  EXPECT_EQ(per_ip(*options, "search"), 7);
  EXPECT_EQ(per_ip(*options, "lookup"), 10);  // the default
  EXPECT_EQ(per_user(*options, "write"), 0);
  EXPECT_EQ(per_user(*options, "read"), 0);
  for (const char* bad :
       {"ip.nothing=1", "host.write=1", "ip.write", "ip.write=-1", "ip.write=x"}) {
    limits.rates_text = bad;
    EXPECT_FALSE(rate_limit_options(limits).ok()) << bad;
  }
}

TEST(RatePolicy, SplitsLists) {
  EXPECT_EQ(split_list(" 127.0.0.1, ::1 ,,10.0.0.0/8"),
            (std::vector<std::string>{"127.0.0.1", "::1", "10.0.0.0/8"}));
  EXPECT_TRUE(split_list("").empty());
}

}  // namespace
}  // namespace cds::app
