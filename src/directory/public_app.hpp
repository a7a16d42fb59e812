// What an entry of the directory of public apps is (docs/APPS.md): another public app a resident
// may open from Công dân số, with its links and whether the same VNeID sign-in works there.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.hpp"

namespace cds::directory {

// What an app is for; the web app shows each with its own label.
inline constexpr std::array<std::string_view, 8> kCategories = {
    "identity", "public_services", "social_insurance", "tax", "health", "transport", "city",
    "other"};
bool is_category(std::string_view name);

// Limits on what administrators write (names and descriptions in Unicode code points, links in
// bytes). 200 apps is far more than a city has; it keeps every list one bounded answer.
inline constexpr std::size_t kMaxName = 80;
inline constexpr std::size_t kMaxDescription = 400;
inline constexpr std::size_t kMaxLink = 500;
inline constexpr std::int64_t kMaxApps = 200;

struct PublicApp {
  std::int64_t id = 0;
  std::optional<std::string> code;  // the reference apps' stable key; nullopt for the others
  std::string name, name_en;
  std::string description, description_en;
  std::string category = "other";
  std::optional<std::string> icon_media_id;  // nullopt: the web app draws a monogram
  // Each empty when there is none.
  std::string web_url;      // https only
  std::string deep_link;    // an app's own scheme ("example-app://open"); see is_app_link
  std::string android_url;  // https on the Android store's host
  std::string ios_url;      // https on the iOS store's host
  bool vneid_sign_in = false;
  bool active = true;
  std::int64_t position = 0;  // ascending: the order residents see
  Millis created_at = 0;
  Millis updated_at = 0;
  std::optional<std::int64_t> updated_by;  // nullopt: written by `congdanso seed`
};

// The stores whose links an app may carry.
inline constexpr std::string_view kAndroidStoreHost = "play.google.com";
inline constexpr std::string_view kIosStoreHost = "apps.apple.com";

// Whether `link` is an absolute https URL a browser may open in a new tab: lower-case "https://",
// a host without percent escapes, no user name or password, no space or control character, and
// at most kMaxLink bytes. When `host` is given, the URL's host must be exactly it (any case).
bool is_https_link(std::string_view link, std::string_view host = {});

// Whether `link` is a deep link into an installed app: "scheme:rest" where the scheme matches
// [a-z][a-z0-9+.-]{1,31}, is none a browser or the system gives another meaning (javascript,
// data, file, http, https, intent, mailto, tel, ...), and the rest is a valid URI part without
// space, quote or angle bracket; at most kMaxLink bytes.
bool is_app_link(std::string_view link);

}  // namespace cds::directory
