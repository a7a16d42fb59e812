// The photo endpoints through their handlers and the router: who may upload, who may see, and the
// problem+json each refusal gets.
#include <gtest/gtest.h>
#include <vips/vips.h>

#include <boost/json/parse.hpp>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <set>
#include <string>

#include "auth/authenticator.hpp"
#include "common/clock.hpp"
#include "common/messages.hpp"
#include "http/router.hpp"
#include "media/media_api.hpp"
#include "store/database.hpp"

namespace cds::media {
namespace {

namespace fs = std::filesystem;

std::string small_jpeg(int level) {
  init_media();
  VipsImage* black = nullptr;
  EXPECT_EQ(vips_black(&black, 500, 400, "bands", 3, nullptr), 0);
  VipsImage* grey = nullptr;
  EXPECT_EQ(vips_linear1(black, &grey, 1.0, static_cast<double>(level), "uchar", TRUE, nullptr), 0);
  g_object_unref(black);
  void* buf = nullptr;
  std::size_t len = 0;
  EXPECT_EQ(vips_jpegsave_buffer(grey, &buf, &len, nullptr), 0);
  g_object_unref(grey);
  std::string out(static_cast<const char*>(buf), len);
  g_free(buf);
  return out;
}

std::string multipart(const std::string& file, const std::string& name = "file") {
  return "--b0undary\r\nContent-Disposition: form-data; name=\"" + name +
         "\"; filename=\"p.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n" + file +
         "\r\n--b0undary--\r\n";
}

constexpr const char* kMultipartType = "multipart/form-data; boundary=b0undary";

boost::json::object body_json(const http::Response& res) {
  return boost::json::parse(res.body).as_object();
}

class MediaApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "cds-media-api-XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    db_ = store::open_database("sqlite:" + (dir_ / "test.db").string());
    ASSERT_TRUE(store::migrate(*db_).ok());
    Status st = db_->write([&](store::Tx& tx) {
      const char* roles[] = {"citizen", "citizen", "operator"};
      for (std::int64_t id = 1; id <= 3; ++id) {
        tx.exec("INSERT INTO users (id, username, role, created_at) VALUES ($1, $2, $3, 0)",
                {id, "user" + std::to_string(id), std::string(roles[id - 1])});
        tx.exec(
            "INSERT INTO api_tokens (token_hash, user_id, created_at, expires_at) "
            "VALUES ($1, $2, 0, $3)",
            {auth::hash_token(token(id)), id, clock_.now() + kDayMs});
      }
      return Status::Ok();
    });
    ASSERT_TRUE(st.ok()) << st.internal_detail();
    service_ = std::make_unique<MediaService>(*db_, clock_, (dir_ / "data").string());
    auth_ = std::make_unique<auth::Authenticator>(*db_, clock_);
    api_ = std::make_unique<MediaApi>(
        *service_, *auth_, [this](const std::string& id, const std::optional<auth::Principal>&) {
          return public_ids_.count(id) > 0;
        });
    api_->register_routes(router_);
  }
  void TearDown() override {
    api_.reset();
    auth_.reset();
    service_.reset();
    db_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  static std::string token(std::int64_t user) { return "token-of-user-" + std::to_string(user); }

  // Runs a request through the router, as the server would (body limit included).
  http::Response call(http::Method method, const std::string& path, std::int64_t as_user,
                      std::string body = {}, std::string content_type = {},
                      std::string lang = "vi") {
    http::Request req;
    req.method = method;
    req.path = path;
    req.target = path;
    if (as_user > 0) req.headers.emplace_back("authorization", "Bearer " + token(as_user));
    if (as_user < 0) req.headers.emplace_back("authorization", "Bearer wrong");
    if (!content_type.empty()) req.headers.emplace_back("content-type", content_type);
    req.headers.emplace_back("accept-language", lang);
    req.body = std::move(body);
    http::Router::Match m = router_.match(req);
    EXPECT_NE(m.route, nullptr) << path;
    if (m.route == nullptr) return http::Response::text(404, "no route");
    if (req.body.size() > m.route->options.body_limit) return http::Response::text(413, "limit");
    return m.route->handler(req);
  }

  std::string upload_as(std::int64_t user, int level) {
    http::Response res = call(http::Method::kPost, "/api/v1/media", user,
                              multipart(small_jpeg(level)), kMultipartType);
    EXPECT_EQ(res.status, 201) << res.body;
    return res.status == 201 ? std::string(body_json(res).at("id").as_string()) : std::string();
  }

  fs::path dir_;
  ManualClock clock_{1'780'000'000'000};
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<MediaService> service_;
  std::unique_ptr<auth::Authenticator> auth_;
  std::unique_ptr<MediaApi> api_;
  http::Router router_;
  std::set<std::string> public_ids_;
};

TEST_F(MediaApiTest, UploadAnswers201WithThePhoto) {
  http::Response res =
      call(http::Method::kPost, "/api/v1/media", 1, multipart(small_jpeg(120)), kMultipartType);
  ASSERT_EQ(res.status, 201) << res.body;
  EXPECT_EQ(res.content_type, "application/json");
  auto o = body_json(res);
  const std::string id(o.at("id").as_string());
  EXPECT_TRUE(is_media_id(id));
  EXPECT_EQ(o.at("url").as_string(), "/api/v1/media/" + id);
  EXPECT_EQ(o.at("thumbnail_url").as_string(), "/api/v1/media/" + id + "/thumbnail");
  EXPECT_EQ(o.at("width").as_int64(), 500);
  EXPECT_EQ(o.at("height").as_int64(), 400);
  EXPECT_GT(o.at("bytes").as_int64(), 0);
  EXPECT_EQ(o.at("content_type").as_string(), "image/jpeg");
  bool has_location = false;
  for (const auto& [k, v] : res.headers)
    has_location |= k == "Location" && v == "/api/v1/media/" + id;
  EXPECT_TRUE(has_location);
}

TEST_F(MediaApiTest, UploadRefusals) {
  const std::string jpeg = small_jpeg(60);
  // Not signed in, or a bad token.
  EXPECT_EQ(call(http::Method::kPost, "/api/v1/media", 0, multipart(jpeg), kMultipartType).status,
            401);
  EXPECT_EQ(call(http::Method::kPost, "/api/v1/media", -1, multipart(jpeg), kMultipartType).status,
            401);
  // The image sent raw instead of in a form.
  http::Response raw = call(http::Method::kPost, "/api/v1/media", 1, jpeg, "image/jpeg");
  EXPECT_EQ(raw.status, 415);
  EXPECT_EQ(raw.content_type, "application/problem+json");
  // Malformed multipart.
  http::Response cut =
      call(http::Method::kPost, "/api/v1/media", 1, multipart(jpeg).substr(0, 200), kMultipartType);
  EXPECT_EQ(cut.status, 400);
  EXPECT_EQ(body_json(cut).at("code").as_string(), "multipart_unterminated");
  // No part named file; two of them.
  http::Response none =
      call(http::Method::kPost, "/api/v1/media", 1, multipart(jpeg, "photo"), kMultipartType);
  EXPECT_EQ(none.status, 422);
  EXPECT_TRUE(body_json(none).at("errors").as_object().contains("file"));
  const std::string two = "--b0undary\r\nContent-Disposition: form-data; name=file\r\n\r\n" + jpeg +
                          "\r\n--b0undary\r\nContent-Disposition: form-data; name=file\r\n\r\n" +
                          jpeg + "\r\n--b0undary--\r\n";
  EXPECT_EQ(call(http::Method::kPost, "/api/v1/media", 1, two, kMultipartType).status, 422);
  // A text file named .jpg.
  http::Response text = call(http::Method::kPost, "/api/v1/media", 1, multipart("just some text\n"),
                             kMultipartType, "en");
  EXPECT_EQ(text.status, 415);
  EXPECT_EQ(body_json(text).at("code").as_string(), "image_unsupported_format");
  // Over 10 MiB in the file, under the route's limit: a clear 413.
  std::string big(10 * 1024 * 1024 + 100, 'x');
  big.replace(0, 3, "\xFF\xD8\xFF");
  http::Response too_big =
      call(http::Method::kPost, "/api/v1/media", 1, multipart(big), kMultipartType, "en");
  EXPECT_EQ(too_big.status, 413);
  EXPECT_NE(std::string(body_json(too_big).at("detail").as_string()).find("10 MiB"),
            std::string::npos);
  // Nothing was stored.
  EXPECT_EQ(service_->check_owned({}, 1).key(), "");
  Status st = db_->read([](store::Tx& tx) {
    EXPECT_EQ(tx.one("SELECT COUNT(*) FROM media")->i64(0), 0);
    return Status::Ok();
  });
  EXPECT_TRUE(st.ok());
}

TEST_F(MediaApiTest, UploadRouteAllowsTenMebibytesAndFraming) {
  http::Request req;
  req.method = http::Method::kPost;
  req.path = "/api/v1/media";
  http::Router::Match m = router_.match(req);
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->options.body_limit, 10u * 1024 * 1024 + 64 * 1024);
  EXPECT_FALSE(m.route->options.inline_handler);
}

TEST_F(MediaApiTest, OwnerAndStaffSeeAPhotoOthersGet404) {
  const std::string id = upload_as(1, 90);
  ASSERT_FALSE(id.empty());
  const std::string url = "/api/v1/media/" + id;

  http::Response mine = call(http::Method::kGet, url, 1);
  ASSERT_EQ(mine.status, 200);
  EXPECT_EQ(mine.content_type, "image/jpeg");
  EXPECT_EQ(mine.body.substr(0, 3), "\xFF\xD8\xFF");
  bool cache = false;
  for (const auto& [k, v] : mine.headers) {
    cache |= k == "Cache-Control" && v == "private, max-age=31536000, immutable";
  }
  EXPECT_TRUE(cache);
  http::Response thumb = call(http::Method::kGet, url + "/thumbnail", 1);
  ASSERT_EQ(thumb.status, 200);
  EXPECT_LT(thumb.body.size(), mine.body.size());

  EXPECT_EQ(call(http::Method::kGet, url, 3).status, 200);  // operator
  http::Response other = call(http::Method::kGet, url, 2);
  http::Response anonymous = call(http::Method::kGet, url + "/thumbnail", 0);
  http::Response unknown = call(http::Method::kGet, "/api/v1/media/" + std::string(32, 'f'), 2);
  for (const http::Response* r : {&other, &anonymous, &unknown}) {
    EXPECT_EQ(r->status, 404);
    EXPECT_EQ(r->content_type, "application/problem+json");
    EXPECT_EQ(body_json(*r).at("code").as_string(), "media_not_found");
  }
  EXPECT_EQ(call(http::Method::kGet, url, -1).status, 401);

  // Once the reports feature says the photo is public, anyone sees it.
  public_ids_.insert(id);
  EXPECT_EQ(call(http::Method::kGet, url, 0).status, 200);
  EXPECT_EQ(call(http::Method::kGet, url + "/thumbnail", 2).status, 200);
}

TEST_F(MediaApiTest, IdempotencyKeyIsValidated) {
  http::Request req;
  req.method = http::Method::kPost;
  req.path = "/api/v1/media";
  req.headers = {{"authorization", "Bearer " + token(1)},
                 {"content-type", kMultipartType},
                 {"idempotency-key", std::string(201, 'k')}};
  req.body = multipart(small_jpeg(10));
  EXPECT_EQ(api_->upload(req).status, 400);
  req.headers.back().second = "retry-me";
  http::Response first = api_->upload(req);
  http::Response again = api_->upload(req);
  ASSERT_EQ(first.status, 201);
  ASSERT_EQ(again.status, 201);
  EXPECT_EQ(body_json(first).at("id"), body_json(again).at("id"));
}

TEST(MediaMessages, EveryKeyExistsInVietnameseAndEnglish) {
  for (std::string_view key :
       {"image_empty", "image_too_large", "image_unsupported_format", "image_corrupt",
        "image_dimensions_too_large", "multipart_no_boundary", "multipart_bad_boundary",
        "multipart_malformed", "multipart_unterminated", "multipart_too_many_parts",
        "multipart_headers_too_large", "multipart_part_no_name", "multipart_unsupported_encoding",
        "media_file_missing", "media_file_repeated", "media_not_found", "media_not_owned",
        "media_duplicate"}) {
    EXPECT_TRUE(has_message(key)) << key;
    EXPECT_NE(message(key, false), message(key, true)) << key;
  }
  EXPECT_EQ(message("media_not_owned", true, {{"id", "abc"}}),
            "The photo abc was not uploaded by you.");
}

}  // namespace
}  // namespace cds::media
