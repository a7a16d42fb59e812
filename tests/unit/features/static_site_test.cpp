// The web front end as the server answers it, through the router: which file or shell each path
// gets, in which encoding, with which caching and validators, and that nothing outside the build
// is ever reached.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "auth/gate.hpp"
#include "http/router.hpp"
#include "web/negotiation.hpp"
#include "web/site_files.hpp"
#include "web/static_site.hpp"

namespace cds::web {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kWelcome = "<!doctype html><title>welcome</title>";
constexpr std::string_view kWelcomePolicy = "default-src 'none'";
constexpr std::string_view kAsset = "assets/index-3f9a1c2b.js";

// The value of a response header, or "" when absent.
std::string header_of(const http::Response& res, std::string_view name) {
  for (const auto& [n, v] : res.headers) {
    if (n == name) return v;
  }
  return {};
}

std::string problem_code(const http::Response& res) {
  return std::string(boost::json::parse(res.body).as_object().at("code").as_string());
}

class StaticSiteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "cds-static-site-XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    root_ = tmpl;
    dist_ = root_ / "dist";
    // A fake build, as web/dist will hold it.
    write("app/index.html", "<!doctype html><title>app</title>");
    write("app/index.html.gz", "GZ(app shell)");
    write("app/index.html.br", "BR(app shell)");
    write("app/manifest.webmanifest", R"({"name":"Công dân số"})");
    write("app/sw.js", "self.addEventListener('fetch', () => {});");
    write("app/icons/icon-192.png", "\x89PNG fake");
    write("staff/index.html", "<!doctype html><title>staff</title>");
    write(std::string(kAsset), "console.log('app');");
    write(std::string(kAsset) + ".gz", "GZ(app js)");
    write(std::string(kAsset) + ".br", "BR(app js)");
    write(std::string(kAsset) + ".map", R"({"version":3})");
    write("assets/index-8c1d4e7f.css", "body{}");
    write("assets/logo.svg", "<svg/>");
    write("assets/archive.tar.gz", "a real archive, no original beside it");
    write("secret.txt", "outside every section");
    fs::create_directory_symlink(root_, dist_ / "app" / "linked-folder");
    fs::create_symlink(dist_ / "secret.txt", dist_ / "app" / "linked.txt");
    write("app/huge.png", std::string(kMaxFileBytes + 1, 'x'));
    site_ = std::make_unique<StaticSite>(dist_.string());
    site_->register_routes(router_, kWelcome, kWelcomePolicy);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }

  void write(const std::string& name, const std::string& bytes) {
    const fs::path path = dist_ / name;
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << bytes;
  }

  // Runs `target` through the router as the server would: an unknown path is "route 404".
  static http::Response call(const http::Router& router, const std::string& target,
                             std::vector<std::pair<std::string, std::string>> headers = {},
                             http::Method method = http::Method::kGet) {
    http::Request req;
    req.method = method;
    req.target = target;
    const size_t q = target.find('?');
    req.path = http::percent_decode(target.substr(0, q), false);
    if (q != std::string::npos) req.query = target.substr(q + 1);
    req.headers = std::move(headers);
    http::Router::Match m = router.match(req);
    if (m.route == nullptr) return http::Response::text(m.path_exists ? 405 : 404, "route");
    return m.route->handler(req);
  }
  http::Response get(const std::string& target,
                     std::vector<std::pair<std::string, std::string>> headers = {}) const {
    return call(router_, target, std::move(headers));
  }
  http::Response get_encoded(const std::string& target, const std::string& accept) const {
    return get(target, {{"accept-encoding", accept}});
  }

  fs::path root_, dist_;
  std::unique_ptr<StaticSite> site_;
  http::Router router_;
};

TEST_F(StaticSiteTest, LoadsTheBuildAndSkipsLinksAndHugeFiles) {
  EXPECT_TRUE(site_->built());
  const SiteFiles& files = site_->files();
  ASSERT_NE(files.find(kAsset), nullptr);
  EXPECT_TRUE(files.find(kAsset)->gzip.has_value());
  EXPECT_TRUE(files.find(kAsset)->brotli.has_value());
  EXPECT_EQ(files.find(std::string(kAsset) + ".gz"), nullptr);  // a variant, not a file
  ASSERT_NE(files.find("assets/archive.tar.gz"), nullptr);      // no original: a file of its own
  EXPECT_EQ(files.find("assets/archive.tar.gz")->content_type, "application/octet-stream");
  EXPECT_EQ(files.find("app/linked.txt"), nullptr);
  EXPECT_EQ(files.find("app/linked-folder/dist/secret.txt"), nullptr);
  EXPECT_EQ(files.find("app/huge.png"), nullptr);
  std::vector<std::string> skipped = files.skipped();
  std::sort(skipped.begin(), skipped.end());
  EXPECT_EQ(skipped, (std::vector<std::string>{"app/huge.png (larger than 5 MB)",
                                               "app/linked-folder (symbolic link)",
                                               "app/linked.txt (symbolic link)"}));
  EXPECT_NE(site_->describe().find("web front end loaded from"), std::string::npos);
  EXPECT_NE(site_->describe().find("app/huge.png (larger than 5 MB)"), std::string::npos);
}

TEST_F(StaticSiteTest, PrefersBrotliThenGzipThenIdentity) {
  http::Response br = get_encoded("/" + std::string(kAsset), "gzip, deflate, br");
  ASSERT_EQ(br.status, 200);
  EXPECT_EQ(br.body, "BR(app js)");
  EXPECT_EQ(header_of(br, "Content-Encoding"), "br");
  EXPECT_EQ(header_of(br, "Vary"), "Accept-Encoding");
  EXPECT_EQ(br.content_type, "text/javascript; charset=utf-8");

  http::Response gz = get_encoded("/" + std::string(kAsset), "gzip");
  EXPECT_EQ(gz.body, "GZ(app js)");
  EXPECT_EQ(header_of(gz, "Content-Encoding"), "gzip");

  http::Response no_br = get_encoded("/" + std::string(kAsset), "br;q=0, gzip;q=0.5");
  EXPECT_EQ(no_br.body, "GZ(app js)");

  http::Response plain = get("/" + std::string(kAsset));
  EXPECT_EQ(plain.body, "console.log('app');");
  EXPECT_EQ(header_of(plain, "Content-Encoding"), "");
  EXPECT_EQ(header_of(plain, "Vary"), "Accept-Encoding");

  http::Response refused = get_encoded("/" + std::string(kAsset), "BR;Q=0.000, gzip; q=0, *");
  EXPECT_EQ(refused.body, "console.log('app');");

  http::Response star = get_encoded("/" + std::string(kAsset), "*");
  EXPECT_EQ(star.body, "BR(app js)");

  // A file without variants is sent as it is, without Vary.
  http::Response svg = get_encoded("/assets/logo.svg", "br, gzip");
  EXPECT_EQ(svg.body, "<svg/>");
  EXPECT_EQ(header_of(svg, "Content-Encoding"), "");
  EXPECT_EQ(header_of(svg, "Vary"), "");
  EXPECT_EQ(svg.content_type, "image/svg+xml");

  // The shell is negotiated too.
  http::Response shell = get_encoded("/app/reports/12", "gzip, br");
  EXPECT_EQ(shell.body, "BR(app shell)");
  EXPECT_EQ(header_of(shell, "Content-Encoding"), "br");
}

TEST_F(StaticSiteTest, OnlyHashedAssetsAreImmutable) {
  constexpr std::string_view kForever = "public, max-age=31536000, immutable";
  EXPECT_EQ(header_of(get("/" + std::string(kAsset)), "Cache-Control"), kForever);
  EXPECT_EQ(header_of(get("/assets/index-8c1d4e7f.css"), "Cache-Control"), kForever);
  EXPECT_EQ(get("/assets/index-8c1d4e7f.css").content_type, "text/css; charset=utf-8");
  EXPECT_EQ(header_of(get("/" + std::string(kAsset) + ".map"), "Cache-Control"), kForever);
  EXPECT_EQ(header_of(get("/assets/logo.svg"), "Cache-Control"), "no-cache");
  EXPECT_EQ(header_of(get("/app/"), "Cache-Control"), "no-cache");
  EXPECT_EQ(header_of(get("/app/reports/12"), "Cache-Control"), "no-cache");
  http::Response manifest = get("/app/manifest.webmanifest");
  EXPECT_EQ(manifest.status, 200);
  EXPECT_EQ(manifest.content_type, "application/manifest+json");
  EXPECT_EQ(header_of(manifest, "Cache-Control"), "no-cache");
  http::Response icon = get("/app/icons/icon-192.png");
  EXPECT_EQ(icon.status, 200);
  EXPECT_EQ(icon.content_type, "image/png");
  EXPECT_EQ(header_of(icon, "Cache-Control"), "no-cache");
}

TEST_F(StaticSiteTest, ServiceWorkerIsNeverCachedLongAndMayControlTheApp) {
  http::Response sw = get("/app/sw.js");
  ASSERT_EQ(sw.status, 200);
  EXPECT_EQ(sw.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(header_of(sw, "Cache-Control"), "no-cache");
  EXPECT_EQ(header_of(sw, "Service-Worker-Allowed"), "/app/");
  EXPECT_EQ(header_of(get("/app/manifest.webmanifest"), "Service-Worker-Allowed"), "");
}

TEST_F(StaticSiteTest, EtagAnswers304WhenTheCopyIsCurrent) {
  http::Response first = get("/" + std::string(kAsset));
  const std::string etag = header_of(first, "ETag");
  ASSERT_EQ(etag.size(), 18u) << etag;  // "\"" + 16 hex + "\""
  EXPECT_EQ(etag.front(), '"');

  http::Response again = get("/" + std::string(kAsset), {{"if-none-match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_TRUE(again.content_type.empty());
  EXPECT_EQ(header_of(again, "ETag"), etag);
  EXPECT_EQ(header_of(again, "Cache-Control"), "public, max-age=31536000, immutable");

  EXPECT_EQ(get("/" + std::string(kAsset), {{"if-none-match", "\"other\", W/" + etag}}).status,
            304);
  EXPECT_EQ(get("/" + std::string(kAsset), {{"if-none-match", "*"}}).status, 304);
  EXPECT_EQ(get("/" + std::string(kAsset), {{"if-none-match", "\"other\""}}).status, 200);

  // Each encoding is its own representation with its own tag.
  http::Response br = get_encoded("/" + std::string(kAsset), "br");
  EXPECT_NE(header_of(br, "ETag"), etag);
  EXPECT_EQ(
      get("/" + std::string(kAsset), {{"accept-encoding", "br"}, {"if-none-match", etag}}).status,
      200);
  EXPECT_EQ(get("/" + std::string(kAsset),
                {{"accept-encoding", "br"}, {"if-none-match", header_of(br, "ETag")}})
                .status,
            304);

  // The shell revalidates the same way.
  const std::string shell_tag = header_of(get("/app/reports/1"), "ETag");
  EXPECT_EQ(get("/app/", {{"if-none-match", shell_tag}}).status, 304);
}

TEST_F(StaticSiteTest, DeepLinksGetTheShellWithSecurityHeaders) {
  for (const char* target : {"/app/", "/app/reports/12", "/app/reports/PA-2611-000123?tab=timeline",
                             "/app/b%C3%A1o-c%C3%A1o/"}) {
    http::Response res = get(target);
    ASSERT_EQ(res.status, 200) << target;
    EXPECT_EQ(res.body, "<!doctype html><title>app</title>") << target;
    EXPECT_EQ(res.content_type, "text/html; charset=utf-8");
    EXPECT_EQ(header_of(res, "Content-Security-Policy"), kContentSecurityPolicy);
  }
  EXPECT_EQ(get("/staff/").body, "<!doctype html><title>staff</title>");
  EXPECT_EQ(get("/staff/reports/12").body, "<!doctype html><title>staff</title>");
  // Scripts too: the service worker runs under the policy of its own script.
  EXPECT_EQ(header_of(get("/" + std::string(kAsset)), "Content-Security-Policy"),
            kContentSecurityPolicy);
  EXPECT_EQ(header_of(get("/app/sw.js"), "Content-Security-Policy"), kContentSecurityPolicy);
  // A 304 carries it too: a cache replaces the stored headers with those of the 304.
  const std::string tag = header_of(get("/app/sw.js"), "ETag");
  http::Response revalidated = get("/app/sw.js", {{"if-none-match", tag}});
  EXPECT_EQ(revalidated.status, 304);
  EXPECT_EQ(header_of(revalidated, "Content-Security-Policy"), kContentSecurityPolicy);
}

TEST_F(StaticSiteTest, AMissingFileIs404NotTheShell) {
  for (const char* target : {"/app/missing.js", "/app/icons/missing.png", "/staff/missing.css",
                             "/assets/index-00000000.js", "/assets/", "/assets/logo.svg/x"}) {
    http::Response res = get(target);
    EXPECT_EQ(res.status, 404) << target;
    if (res.body != "route") {
      EXPECT_EQ(res.content_type, "application/problem+json") << target;
      EXPECT_EQ(problem_code(res), "route_not_found") << target;
    }
  }
  // Files outside the sections exist in the build but have no address.
  EXPECT_EQ(get("/secret.txt").status, 404);
  EXPECT_EQ(get("/assets/index.html").status, 404);
}

TEST_F(StaticSiteTest, TraversalNeverLeavesTheBuild) {
  for (const char* target : {
           "/assets/../secret.txt",
           "/assets/%2e%2e/secret.txt",
           "/assets/..%2Fsecret.txt",
           "/assets/..%2F..%2Fdist%2Fsecret.txt",
           "/assets/%2E%2E%2Fapp%2Findex.html",
           "/assets/./index-3f9a1c2b.js",
           "/assets//index-3f9a1c2b.js",
           "/app/../secret.txt",
           "/app/..%2Fsecret.txt",
           "/app/%2e%2e/%2e%2e/etc/passwd",
           "/app/./sw.js",
           "/app/linked.txt",
           "/app/linked-folder/dist/secret.txt",
           "/app/huge.png",
           "/staff/..%2Fapp%2Fsw.js",
           "/assets/%00",
       }) {
    http::Response res = get(target);
    EXPECT_EQ(res.status, 404) << target;
    EXPECT_EQ(res.body.find("outside every section"), std::string::npos) << target;
  }
}

TEST_F(StaticSiteTest, HeadIsAnsweredLikeGet) {
  http::Response head =
      call(router_, "/" + std::string(kAsset), {{"accept-encoding", "gzip"}}, http::Method::kHead);
  http::Response get_res = get_encoded("/" + std::string(kAsset), "gzip");
  EXPECT_EQ(head.status, 200);
  // The server drops the body of a HEAD answer and keeps its length.
  EXPECT_EQ(head.body.size(), get_res.body.size());
  EXPECT_EQ(head.headers, get_res.headers);
  EXPECT_EQ(call(router_, "/app/reports/1", {}, http::Method::kHead).status, 200);
  EXPECT_EQ(call(router_, "/app/missing.js", {}, http::Method::kHead).status, 404);
  EXPECT_EQ(call(router_, "/app/", {}, http::Method::kPost).status, 405);
}

TEST_F(StaticSiteTest, RootRedirectsToTheAppOnceBuilt) {
  http::Response root = get("/");
  EXPECT_EQ(root.status, 302);
  EXPECT_EQ(header_of(root, "Location"), "/app/");
  http::Response app = get("/app?lang=en");
  EXPECT_EQ(app.status, 301);
  EXPECT_EQ(header_of(app, "Location"), "/app/?lang=en");
  EXPECT_EQ(header_of(get("/staff"), "Location"), "/staff/");
}

TEST_F(StaticSiteTest, RoutesAreRegisteredAsPublic) {
  const auto rules = auth::route_rules(router_);
  EXPECT_EQ(rules.size(), 8u);
  for (const auto& rule : rules) {
    ASSERT_TRUE(rule.access.has_value()) << rule.pattern;
    EXPECT_EQ(rule.access->kind(), auth::Access::Kind::kPublic) << rule.pattern;
  }
  for (const auto& route : router_.routes()) {
    EXPECT_TRUE(route->options.inline_handler) << route->pattern;  // no store call
  }
}

class UnbuiltSiteTest : public StaticSiteTest {};

TEST_F(UnbuiltSiteTest, NotBuiltAnswers404AndTheWelcomePage) {
  for (const fs::path& dir : {root_ / "no-such-folder", root_ / "dist" / "staff"}) {
    StaticSite site(dir.string());
    EXPECT_FALSE(site.built());
    EXPECT_NE(site.describe().find("not built"), std::string::npos);
    http::Router router;
    site.register_routes(router, kWelcome, kWelcomePolicy);
    for (const char* target :
         {"/app/", "/app/reports/1", "/app/sw.js", "/staff/", "/assets/index-3f9a1c2b.js"}) {
      http::Response res = call(router, target);
      EXPECT_EQ(res.status, 404) << target;
      ASSERT_EQ(res.content_type, "application/problem+json") << target;
      EXPECT_EQ(problem_code(res), "web_app_not_built") << target;
    }
    http::Response en = call(router, "/app/", {{"accept-language", "en"}});
    EXPECT_NE(en.body.find("The web app is not built (run make build)."), std::string::npos);
    http::Response root = call(router, "/");
    EXPECT_EQ(root.status, 200);
    EXPECT_EQ(root.body, kWelcome);
    EXPECT_EQ(root.content_type, "text/html; charset=utf-8");
    EXPECT_EQ(header_of(root, "Content-Security-Policy"), kWelcomePolicy);
  }
}

TEST_F(UnbuiltSiteTest, AStaffConsoleMissingIsNotBuiltOnItsOwn) {
  fs::remove(dist_ / "staff" / "index.html");
  StaticSite site(dist_.string());
  http::Router router;
  site.register_routes(router, kWelcome, kWelcomePolicy);
  EXPECT_EQ(call(router, "/app/").status, 200);
  http::Response staff = call(router, "/staff/");
  EXPECT_EQ(staff.status, 404);
  EXPECT_EQ(problem_code(staff), "web_app_not_built");
}

TEST(SiteFiles, ContentTypes) {
  EXPECT_EQ(content_type_for("app/index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(content_type_for("a.mjs"), "text/javascript; charset=utf-8");
  EXPECT_EQ(content_type_for("a.JSON"), "application/json");
  EXPECT_EQ(content_type_for("a.js.map"), "application/json");
  EXPECT_EQ(content_type_for("favicon.ico"), "image/x-icon");
  EXPECT_EQ(content_type_for("f-3f9a1c2b.woff2"), "font/woff2");
  EXPECT_EQ(content_type_for("robots.txt"), "text/plain; charset=utf-8");
  EXPECT_EQ(content_type_for("x.dir/README"), "application/octet-stream");
}

TEST(SiteFiles, RecognisesContentHashes) {
  EXPECT_TRUE(has_content_hash("assets/index-3f9a1c2b.js"));
  EXPECT_TRUE(has_content_hash("assets/index-3f9a1c2b.js.map"));
  EXPECT_TRUE(has_content_hash("assets/index-BpH3xK9a.css"));
  EXPECT_TRUE(has_content_hash("assets/index-BpHxKaQz.js"));
  EXPECT_TRUE(has_content_hash("assets/workbox-window.prod.es5-3f9a1c2b.js"));
  EXPECT_TRUE(has_content_hash("assets/report_list-a1b2c3d4e5.js"));
  EXPECT_TRUE(has_content_hash("assets/app-D20q4_l5.js"));
  EXPECT_TRUE(has_content_hash("assets/app-D2-q4_l5.js"));  // base64url holds '-' too
  EXPECT_FALSE(has_content_hash("assets/my-app-settings.js"));
  EXPECT_FALSE(has_content_hash("assets/logo.svg"));
  EXPECT_FALSE(has_content_hash("assets/app-settings.js"));
  EXPECT_FALSE(has_content_hash("assets/app-Settings.js"));
  EXPECT_FALSE(has_content_hash("assets/icon-192.png"));
  EXPECT_FALSE(has_content_hash("assets/index-3f9a.js"));
  EXPECT_FALSE(has_content_hash("assets/3f9a1c2b3f9a.js"));
  EXPECT_FALSE(has_content_hash("assets/x-3f9a1c2b.dir/logo.svg"));
}

TEST(Negotiation, AcceptEncoding) {
  auto accepts = [](std::string_view header) {
    const AcceptedCodings a = parse_accept_encoding(header);
    std::string out;
    if (a.brotli) out += "br ";
    if (a.gzip) out += "gzip ";
    if (a.identity) out += "identity";
    return out;
  };
  EXPECT_EQ(accepts(""), "identity");
  EXPECT_EQ(accepts("gzip, deflate, br, zstd"), "br gzip identity");
  EXPECT_EQ(accepts("br;q=1.0, gzip;q=0.8, *;q=0.1"), "br gzip identity");
  EXPECT_EQ(accepts("x-gzip"), "gzip identity");
  EXPECT_EQ(accepts("gzip;q=0, br;q=0."), "identity");
  EXPECT_EQ(accepts("*"), "br gzip identity");
  EXPECT_EQ(accepts("*;q=0"), "");
  EXPECT_EQ(accepts("gzip, *;q=0"), "gzip ");
  EXPECT_EQ(accepts("identity;q=0, br"), "br ");
  EXPECT_EQ(accepts(" Br ; q=0.001 ,GZIP"), "br gzip identity");
  EXPECT_EQ(choose_coding(parse_accept_encoding("br, gzip"), false, true), Coding::kGzip);
  EXPECT_EQ(choose_coding(parse_accept_encoding("br, gzip"), false, false), Coding::kIdentity);
  EXPECT_EQ(choose_coding(parse_accept_encoding("*;q=0"), true, true), Coding::kIdentity);
}

TEST(Negotiation, IfNoneMatch) {
  EXPECT_TRUE(none_match("\"abc\"", "\"abc\""));
  EXPECT_TRUE(none_match("W/\"abc\"", "\"abc\""));
  EXPECT_TRUE(none_match("\"x\", \"abc\"", "\"abc\""));
  EXPECT_TRUE(none_match("\"a,b\",\"abc\"", "\"abc\""));
  EXPECT_TRUE(none_match("*", "\"abc\""));
  EXPECT_FALSE(none_match("", "\"abc\""));
  EXPECT_FALSE(none_match("abc", "\"abc\""));
  EXPECT_FALSE(none_match("\"abc", "\"abc\""));
  EXPECT_FALSE(none_match("\"abcd\"", "\"abc\""));
}

}  // namespace
}  // namespace cds::web
