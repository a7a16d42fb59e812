#include "http/router.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace cds::http {
namespace {

Handler answer(std::string text) {
  return [text](Request&) { return Response::text(200, text); };
}

Request request(Method method, std::string target) {
  Request req;
  req.method = method;
  req.target = std::move(target);
  req.path = percent_decode(req.target.substr(0, req.target.find('?')), false);
  return req;
}

// The handler's answer for `target`, or "404"/"405".
std::string route_of(const Router& router, Method method, std::string target) {
  Request req = request(method, std::move(target));
  Router::Match m = router.match(req);
  if (m.route == nullptr) return m.path_exists ? "405" : "404";
  return m.route->handler(req).body;
}

TEST(Router, MatchesLiteralPaths) {
  Router router;
  router.add(Method::kGet, "/", answer("root"));
  router.add(Method::kGet, "/api/v1/reports", answer("list"));
  EXPECT_EQ(route_of(router, Method::kGet, "/"), "root");
  EXPECT_EQ(route_of(router, Method::kGet, "/api/v1/reports"), "list");
  EXPECT_EQ(route_of(router, Method::kGet, "/api/v1/reports?after=abc"), "list");
  EXPECT_EQ(route_of(router, Method::kGet, "/api/v1"), "404");
  EXPECT_EQ(route_of(router, Method::kGet, "/api/v1/reports/x"), "404");
}

TEST(Router, TrailingSlashIsAnotherPath) {
  Router router;
  router.add(Method::kGet, "/api/v1/reports", answer("list"));
  router.add(Method::kGet, "/api/v1/reports/{id}", answer("one"));
  EXPECT_EQ(route_of(router, Method::kGet, "/api/v1/reports/"), "404");
  EXPECT_EQ(route_of(router, Method::kGet, "/api/v1/reports//"), "404");
  EXPECT_EQ(route_of(router, Method::kGet, "//api/v1/reports"), "404");
}

TEST(Router, BindsParams) {
  Router router;
  router.add(Method::kGet, "/api/v1/reports/{id}/photos/{n}", answer("photo"));
  Request req = request(Method::kGet, "/api/v1/reports/12/photos/3?x=1");
  Router::Match m = router.match(req);
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->pattern, "/api/v1/reports/{id}/photos/{n}");
  EXPECT_EQ(req.path_param("id"), "12");
  EXPECT_EQ(req.path_param("n"), "3");
  EXPECT_EQ(req.path_params.size(), 2u);
}

TEST(Router, PercentDecodesParamsWithoutSplittingOnEncodedSlash) {
  Router router;
  router.add(Method::kGet, "/api/v1/dossiers/{code}", answer("dossier"));
  router.add(Method::kGet, "/api/v1/search/{q}", answer("search"));
  Request req = request(Method::kGet, "/api/v1/dossiers/H%C3%94-01%2F2026");
  ASSERT_NE(router.match(req).route, nullptr);
  EXPECT_EQ(req.path_param("code"), "HÔ-01/2026");
  // '+' stays a plus in a path.
  Request plus = request(Method::kGet, "/api/v1/search/c%C3%A2y+xanh%20qu%E1%BA%ADn");
  ASSERT_NE(router.match(plus).route, nullptr);
  EXPECT_EQ(plus.path_param("q"), "cây+xanh quận");
}

TEST(Router, EncodedLiteralSegmentsMatch) {
  Router router;
  router.add(Method::kGet, "/api/v1/reports", answer("list"));
  EXPECT_EQ(route_of(router, Method::kGet, "/api/v1/rep%6Frts"), "list");
}

TEST(Router, EmptySegmentNeverBindsAParam) {
  Router router;
  router.add(Method::kGet, "/a/{id}/b", answer("b"));
  EXPECT_EQ(route_of(router, Method::kGet, "/a//b"), "404");
}

TEST(Router, LiteralBeatsParamWhateverTheOrderOfAdding) {
  Router router;
  router.add(Method::kGet, "/api/v1/reports/{id}", answer("one"));
  router.add(Method::kGet, "/api/v1/reports/mine", answer("mine"));
  router.add(Method::kGet, "/api/v1/{kind}/export", answer("kind-export"));
  router.add(Method::kGet, "/api/v1/reports/{id}/timeline", answer("timeline"));
  router.add(Method::kGet, "/api/v1/{kind}/{id}", answer("generic"));
  EXPECT_EQ(route_of(router, Method::kGet, "/api/v1/reports/mine"), "mine");
  EXPECT_EQ(route_of(router, Method::kGet, "/api/v1/reports/42"), "one");
  EXPECT_EQ(route_of(router, Method::kGet, "/api/v1/ideas/42"), "generic");
  // The earlier literal decides: "reports" (literal) beats "{kind}" at position 2.
  EXPECT_EQ(route_of(router, Method::kGet, "/api/v1/reports/export"), "one");
  EXPECT_EQ(route_of(router, Method::kGet, "/api/v1/ideas/export"), "kind-export");
  EXPECT_EQ(route_of(router, Method::kGet, "/api/v1/reports/7/timeline"), "timeline");
}

TEST(Router, CatchAllBindsTheRestOfThePath) {
  Router router;
  router.add(Method::kGet, "/app/{path...}", answer("app"));
  Request one = request(Method::kGet, "/app/manifest.webmanifest");
  ASSERT_NE(router.match(one).route, nullptr);
  EXPECT_EQ(one.path_param("path"), "manifest.webmanifest");
  EXPECT_EQ(one.path_params.size(), 1u);

  Request deep = request(Method::kGet, "/app/reports/12/timeline?tab=1");
  ASSERT_NE(router.match(deep).route, nullptr);
  EXPECT_EQ(deep.path_param("path"), "reports/12/timeline");

  // Each segment is decoded; an encoded "/" cannot be told from a real one in the joined text.
  Request encoded = request(Method::kGet, "/app/b%C3%A1o/a%2Fb/");
  ASSERT_NE(router.match(encoded).route, nullptr);
  EXPECT_EQ(encoded.path_param("path"), "báo/a/b/");
}

TEST(Router, CatchAllNeedsAFirstSegment) {
  Router router;
  router.add(Method::kGet, "/app/{path...}", answer("app"));
  EXPECT_EQ(route_of(router, Method::kGet, "/app"), "404");
  EXPECT_EQ(route_of(router, Method::kGet, "/app/"), "404");
  EXPECT_EQ(route_of(router, Method::kGet, "/app//x"), "404");
  EXPECT_EQ(route_of(router, Method::kGet, "/apps/x"), "404");
  EXPECT_EQ(route_of(router, Method::kGet, "/app/x//"), "app");
}

TEST(Router, LiteralsAndParamsBeatCatchAll) {
  Router router;
  router.add(Method::kGet, "/app/{path...}", answer("rest"));
  router.add(Method::kGet, "/app/", answer("shell"));
  router.add(Method::kGet, "/app/sw.js", answer("sw"));
  router.add(Method::kGet, "/app/reports/{id}", answer("report"));
  router.add(Method::kGet, "/app/news/{path...}", answer("news"));
  router.add(Method::kGet, "/app/{page}", answer("page"));
  router.add(Method::kGet, "/{section}/{id}", answer("generic"));
  EXPECT_EQ(route_of(router, Method::kGet, "/app/"), "shell");
  EXPECT_EQ(route_of(router, Method::kGet, "/app/sw.js"), "sw");
  EXPECT_EQ(route_of(router, Method::kGet, "/app/reports/7"), "report");
  EXPECT_EQ(route_of(router, Method::kGet, "/app/reports/7/photos"), "rest");
  EXPECT_EQ(route_of(router, Method::kGet, "/app/news/a/b"), "news");
  // A one-segment {param} is more specific than a {rest...} at the same position.
  EXPECT_EQ(route_of(router, Method::kGet, "/app/icon.png"), "page");
  EXPECT_EQ(route_of(router, Method::kGet, "/app/a/b"), "rest");
  // The earlier literal decides, as anywhere else.
  EXPECT_EQ(route_of(router, Method::kGet, "/staff/icon.png"), "generic");
  // HEAD reaches the catch-all's GET; another method is 405 with its Allow.
  EXPECT_EQ(route_of(router, Method::kHead, "/app/a/b"), "rest");
  Request post = request(Method::kPost, "/app/a/b");
  Router::Match m = router.match(post);
  EXPECT_EQ(m.route, nullptr);
  EXPECT_TRUE(m.path_exists);
  EXPECT_EQ(allow_header(m.allowed), "GET, HEAD");
}

TEST(Router, RejectsMisplacedOrAmbiguousCatchAll) {
  Router router;
  router.add(Method::kGet, "/app/{path...}", answer("a"));
  EXPECT_THROW(router.add(Method::kGet, "/app/{other...}", answer("x")), std::invalid_argument);
  EXPECT_THROW(router.add(Method::kGet, "/x/{path...}/y", answer("x")), std::invalid_argument);
  EXPECT_THROW(router.add(Method::kGet, "/x/{...}", answer("x")), std::invalid_argument);
  EXPECT_NO_THROW(router.add(Method::kGet, "/app/{one}", answer("x")));
  EXPECT_NO_THROW(router.add(Method::kGet, "/app/{one}/{path...}", answer("x")));
  EXPECT_NO_THROW(router.add(Method::kPost, "/app/{path...}", answer("x")));
}

TEST(Router, OtherMethodOnAKnownPathIs405WithAllowedMethods) {
  Router router;
  router.add(Method::kPost, "/api/v1/reports", answer("create"));
  router.add(Method::kGet, "/api/v1/reports", answer("list"));
  router.add(Method::kDelete, "/api/v1/reports/{id}", answer("delete"));
  Request req = request(Method::kPut, "/api/v1/reports");
  Router::Match m = router.match(req);
  EXPECT_EQ(m.route, nullptr);
  EXPECT_TRUE(m.path_exists);
  EXPECT_EQ(allow_header(m.allowed), "GET, HEAD, POST");

  Request del = request(Method::kGet, "/api/v1/reports/9");
  m = router.match(del);
  EXPECT_EQ(m.route, nullptr);
  EXPECT_TRUE(m.path_exists);
  EXPECT_EQ(allow_header(m.allowed), "DELETE");

  Request none = request(Method::kGet, "/api/v1/ideas");
  m = router.match(none);
  EXPECT_EQ(m.route, nullptr);
  EXPECT_FALSE(m.path_exists);
  EXPECT_TRUE(m.allowed.empty());
}

TEST(Router, HeadFallsBackToGetButPrefersItsOwnRoute) {
  Router router;
  router.add(Method::kGet, "/a", answer("get a"));
  router.add(Method::kGet, "/b", answer("get b"));
  router.add(Method::kHead, "/b", answer("head b"));
  router.add(Method::kPost, "/c", answer("post c"));
  EXPECT_EQ(route_of(router, Method::kHead, "/a"), "get a");
  EXPECT_EQ(route_of(router, Method::kHead, "/b"), "head b");
  EXPECT_EQ(route_of(router, Method::kHead, "/c"), "405");
}

TEST(Router, MatchWorksOnAPathWithoutTarget) {
  Router router;
  router.add(Method::kGet, "/x/{id}", answer("x"));
  Request req;
  req.method = Method::kGet;
  req.path = "/x/1";
  ASSERT_NE(router.match(req).route, nullptr);
  EXPECT_EQ(req.path_param("id"), "1");
}

TEST(Router, RejectsBadOrAmbiguousPatterns) {
  Router router;
  router.add(Method::kGet, "/a/{id}", answer("a"));
  EXPECT_THROW(router.add(Method::kGet, "a", answer("x")), std::invalid_argument);
  EXPECT_THROW(router.add(Method::kGet, "/a/{other}", answer("x")), std::invalid_argument);
  EXPECT_NO_THROW(router.add(Method::kPost, "/a/{id}", answer("x")));
  EXPECT_NO_THROW(router.add(Method::kGet, "/a/b", answer("x")));
}

TEST(Router, KeepsRouteOptions) {
  Router router;
  router.add(Method::kPost, "/upload", answer("ok"),
             RouteOptions{.body_limit = 10, .inline_handler = true});
  Request req = request(Method::kPost, "/upload");
  Router::Match m = router.match(req);
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->options.body_limit, 10u);
  EXPECT_TRUE(m.route->options.inline_handler);
}

}  // namespace
}  // namespace cds::http
