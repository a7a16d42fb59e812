// The rules of the directory of public apps (docs/APPS.md): what a valid entry is, the order
// residents see, and which icons anyone may download. Permissions are the routes' (admins); this
// service trusts its caller.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.hpp"
#include "common/clock.hpp"
#include "common/status.hpp"
#include "directory/public_app.hpp"
#include "store/database.hpp"
#include "store/idempotency.hpp"

namespace cds::directory {

// What an administrator writes, as read from a request (types checked, rules not yet).
struct AppInput {
  std::string name, name_en;
  std::string description, description_en;
  std::string category = "other";
  std::optional<std::string> icon_media_id;
  std::string web_url, deep_link, android_url, ios_url;  // empty: none
  bool vneid_sign_in = false;
  bool active = true;
};

// Normalizes `input` (NFC) and checks it: 422 naming each field in error. Names: required, one
// line, ≤ 80 characters; descriptions: required, ≤ 400; category from kCategories; web_url https;
// android_url and ios_url https on their store's host; deep_link an app scheme (is_app_link); at
// least one link of the four; the icon's id well-formed. Whether the icon exists is checked when
// the app is written.
Status check_app(AppInput& input);

struct Created {
  PublicApp app;
  bool replayed = false;  // an Idempotency-Key retry: the first request's app
};

// Thread-safe: any thread may call any method at once. `db` and `clock` must outlive it.
class DirectoryService {
 public:
  DirectoryService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // check_app's refusals; an icon that is not a photo uploaded by staff (422); 409
  // apps_too_many past kMaxApps. The new app comes last.
  Result<Created> create(const auth::Principal& who, AppInput input,
                         const std::optional<store::IdempotencyKey>& key = std::nullopt);
  // The same rules; the app keeps its place. 404 apps_not_found.
  Result<PublicApp> update(const auth::Principal& who, std::int64_t id, AppInput input);
  // 404 apps_not_found. A reference app removed stays removed (public_app_seeds).
  Status remove(std::int64_t id);
  // `ids` lists every app exactly once, in the new order (422 on ids otherwise).
  Result<std::vector<PublicApp>> reorder(const auth::Principal& who,
                                         const std::vector<std::int64_t>& ids);

  // Every app, or only the active ones, in the residents' order.
  Result<std::vector<PublicApp>> list(bool active_only);

  // Whether a photo is an app icon `role` may see: an active app's icon, anyone (nullopt: not
  // signed in); any app's icon, the administrators who manage them.
  bool icon_visible_to(const std::string& media_id, std::optional<auth::Role> role);

  const Clock& clock() const { return clock_; }

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace cds::directory
