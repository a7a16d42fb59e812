// The directory of public apps: which links an administrator may give an app (https pages, store
// listings on their own store, an app's own scheme) and which never reach a resident's screen.
#include <gtest/gtest.h>

#include <string>

#include "directory/directory_service.hpp"
#include "directory/public_app.hpp"

namespace cds::directory {
namespace {

TEST(DirectoryLinks, HttpsPagesOnly) {
  EXPECT_TRUE(is_https_link("https://dichvucong.gov.vn"));
  EXPECT_TRUE(is_https_link("https://dichvucong.gov.vn/p/home/dvc-trang-chu.html?a=1#top"));
  EXPECT_TRUE(is_https_link("https://xn--cng-dn-s-8za.vn/"));
  for (const char* bad :
       {"http://dichvucong.gov.vn", "HTTPS://dichvucong.gov.vn", "javascript:alert(1)",
        "JavaScript:alert(1)", "data:text/html,<script>alert(1)</script>", "//evil.example/x",
        "https://", "https:///path", "https://user:pass@evil.example/", "https://evil%2eexample/",
        "https://a.vn/ x", "https://a.vn/\"onmouseover=\"x", "https://a.vn/<b>", " https://a.vn",
        "https://a.vn/\n", "file:///etc/passwd", "ftp://a.vn", "vbscript:msgbox(1)", ""})
    EXPECT_FALSE(is_https_link(bad)) << bad;
  EXPECT_FALSE(is_https_link("https://a.vn/" + std::string(kMaxLink, 'x')));
}

TEST(DirectoryLinks, StoreLinksOnTheirOwnStore) {
  EXPECT_TRUE(
      is_https_link("https://play.google.com/store/apps/details?id=com.vnid", kAndroidStoreHost));
  EXPECT_TRUE(
      is_https_link("https://Play.Google.com/store/apps/details?id=com.vnid", kAndroidStoreHost));
  EXPECT_TRUE(is_https_link("https://apps.apple.com/vn/app/vneid/id1582750372", kIosStoreHost));
  EXPECT_FALSE(is_https_link("https://apps.apple.com/vn/app/x/id1", kAndroidStoreHost));
  EXPECT_FALSE(is_https_link("https://play.google.com.evil.example/store", kAndroidStoreHost));
  EXPECT_FALSE(is_https_link("http://play.google.com/store/apps/details?id=x", kAndroidStoreHost));
}

TEST(DirectoryLinks, AppSchemesFromTheAllowListPattern) {
  EXPECT_TRUE(is_app_link("example-app://open"));
  EXPECT_TRUE(is_app_link("vn.gov.example+x://open/path?q=1"));
  EXPECT_TRUE(is_app_link("exampleapp:home"));
  for (const char* bad : {"javascript:alert(1)",
                          "JAVASCRIPT:alert(1)",
                          "Example://open",
                          "data:text/html,x",
                          "file:///etc/passwd",
                          "http://a.vn",
                          "https://a.vn",
                          "intent://#Intent;end",
                          "tel:1022",
                          "mailto:a@b.vn",
                          "vbscript:x",
                          "blob:https://a.vn/x",
                          "x:",
                          "a://b",
                          "1app://x",
                          "app",
                          "app ://x",
                          "app://a b",
                          "app://\"x",
                          "app://<x>",
                          "-app://x",
                          ""})
    EXPECT_FALSE(is_app_link(bad)) << bad;
}

AppInput valid_input() {
  AppInput in;
  in.name = "Ứng dụng";
  in.name_en = "App";
  in.description = "Mô tả.";
  in.description_en = "A description.";
  in.category = "health";
  in.web_url = "https://moh.gov.vn";
  return in;
}

TEST(DirectoryCheck, NamesEveryFieldInError) {
  AppInput ok = valid_input();
  EXPECT_TRUE(check_app(ok).ok());

  AppInput in = valid_input();
  in.name = "  ";
  in.name_en = "Two\nlines";
  in.description_en = std::string(kMaxDescription + 1, 'x');
  in.category = "games";
  in.web_url = "http://moh.gov.vn";
  in.deep_link = "javascript:alert(1)";
  in.android_url = "https://example.com/app";
  in.ios_url = "data:text/plain,x";
  in.icon_media_id = "../../etc/passwd";
  const Status st = check_app(in);
  ASSERT_FALSE(st.ok());
  const auto& f = st.fields();
  EXPECT_EQ(f.at("name"), "field_blank");
  EXPECT_EQ(f.at("name_en"), "field_invalid");
  EXPECT_EQ(f.at("description_en"), "apps_description_too_long");
  EXPECT_EQ(f.at("category"), "field_invalid");
  EXPECT_EQ(f.at("web_url"), "apps_link_not_https");
  EXPECT_EQ(f.at("deep_link"), "apps_deep_link_invalid");
  EXPECT_EQ(f.at("android_url"), "apps_android_store_link");
  EXPECT_EQ(f.at("ios_url"), "apps_ios_store_link");
  EXPECT_EQ(f.at("icon_media_id"), "apps_icon_not_found");
  EXPECT_EQ(f.count("description"), 0u);
}

TEST(DirectoryCheck, NeedsOneLinkAndNormalizesText) {
  AppInput in = valid_input();
  in.web_url.clear();
  EXPECT_EQ(check_app(in).fields().at("web_url"), "apps_link_required");
  in.ios_url = "https://apps.apple.com/vn/app/x/id1";
  EXPECT_TRUE(check_app(in).ok());
  // Decomposed "ứ" (u + horn + acute) is stored composed.
  in.name = "\x75\xcc\x9b\xcc\x81ng";
  ASSERT_TRUE(check_app(in).ok());
  EXPECT_EQ(in.name, "ứng");
}

}  // namespace
}  // namespace cds::directory
