#include "directory/directory_service.hpp"

#include <algorithm>
#include <set>

#include "directory/app_store.hpp"
#include "media/media.hpp"
#include "media/media_store.hpp"
#include "text/clean.hpp"
#include "text/fold.hpp"

namespace cds::directory {
namespace {

Status not_found() {
  return Status::NotFound("apps_not_found");
}

void check_text(Status& errors, std::string& text, const char* field, bool one_line,
                std::size_t max, const char* too_long) {
  // NFC; no control characters (a name is one line; a description may break lines).
  if (!text::clean(text, one_line ? text::kOneLine : text::kNewlines)) {
    errors.field(field, "field_invalid");
  } else if (text::is_blank(text)) {
    errors.field(field, "field_blank");
  } else if (text::code_points(text) > max) {
    errors.field(field, too_long);
  }
}

// The icon must be a photo a staff member uploaded: a citizen's photo (a report's evidence, with a
// face or a plate in it) must never become public by being chosen as an icon.
Status check_icon(store::Tx& tx, const std::string& media_id) {
  const auto found = media::MediaStore::find(tx, media_id);
  if (!found) return Status::Invalid("invalid").field("icon_media_id", "apps_icon_not_found");
  const auto owner = tx.one("SELECT role FROM users WHERE id = $1", {found->owner_id});
  const auto role = owner ? auth::parse_role(owner->str(0)) : std::nullopt;
  if (!role || !auth::is_staff(*role))
    return Status::Invalid("invalid").field("icon_media_id", "apps_icon_not_staff");
  return Status::Ok();
}

void copy_input(PublicApp& a, const AppInput& in) {
  a.name = in.name;
  a.name_en = in.name_en;
  a.description = in.description;
  a.description_en = in.description_en;
  a.category = in.category;
  a.icon_media_id = in.icon_media_id;
  a.web_url = in.web_url;
  a.deep_link = in.deep_link;
  a.android_url = in.android_url;
  a.ios_url = in.ios_url;
  a.vneid_sign_in = in.vneid_sign_in;
  a.active = in.active;
}

}  // namespace

Status check_app(AppInput& in) {
  Status errors = Status::Invalid("invalid");
  check_text(errors, in.name, "name", true, kMaxName, "apps_name_too_long");
  check_text(errors, in.name_en, "name_en", true, kMaxName, "apps_name_too_long");
  check_text(errors, in.description, "description", false, kMaxDescription,
             "apps_description_too_long");
  check_text(errors, in.description_en, "description_en", false, kMaxDescription,
             "apps_description_too_long");
  if (!is_category(in.category)) errors.field("category", "field_invalid");
  if (!in.web_url.empty() && !is_https_link(in.web_url))
    errors.field("web_url", "apps_link_not_https");
  if (!in.android_url.empty() && !is_https_link(in.android_url, kAndroidStoreHost))
    errors.field("android_url", "apps_android_store_link");
  if (!in.ios_url.empty() && !is_https_link(in.ios_url, kIosStoreHost))
    errors.field("ios_url", "apps_ios_store_link");
  if (!in.deep_link.empty() && !is_app_link(in.deep_link))
    errors.field("deep_link", "apps_deep_link_invalid");
  if (in.web_url.empty() && in.deep_link.empty() && in.android_url.empty() && in.ios_url.empty())
    errors.field("web_url", "apps_link_required");
  if (in.icon_media_id && !media::is_media_id(*in.icon_media_id))
    errors.field("icon_media_id", "apps_icon_not_found");
  if (!errors.fields().empty()) return errors;
  return Status::Ok();
}

Result<Created> DirectoryService::create(const auth::Principal& who, AppInput in,
                                         const std::optional<store::IdempotencyKey>& key) {
  if (Status st = check_app(in); !st.ok()) return st;
  std::int64_t id = 0;
  bool replayed = false;
  Status st = db_.write([&](store::Tx& tx) -> Status {
    const Millis now = clock_.now();
    replayed = false;
    const store::CreatedBefore earlier = store::created_before(tx, key, now);
    if (!earlier.status.ok()) return earlier.status;
    if (earlier.replayed) {
      id = earlier.id;
      replayed = true;
      return Status::Ok();
    }
    if (app_store::count(tx) >= kMaxApps)
      return Status::Conflict("apps_too_many").with("max", std::to_string(kMaxApps));
    if (in.icon_media_id) {
      if (Status c = check_icon(tx, *in.icon_media_id); !c.ok()) return c;
    }
    PublicApp a;
    copy_input(a, in);
    a.created_at = a.updated_at = now;
    a.updated_by = who.user_id;
    id = app_store::insert(tx, a);
    store::remember_created(tx, key, id);
    return Status::Ok();
  });
  if (!st.ok()) return st;
  auto app = db_.read_value<PublicApp>([&](store::Tx& tx) -> Result<PublicApp> {
    auto found = app_store::find(tx, id);
    if (!found) return not_found();  // a replay whose app was removed since
    return std::move(*found);
  });
  if (!app.ok()) return app.status();
  return Created{std::move(app).value(), replayed};
}

Result<PublicApp> DirectoryService::update(const auth::Principal& who, std::int64_t id,
                                           AppInput in) {
  if (Status st = check_app(in); !st.ok()) return st;
  return db_.write_value<PublicApp>([&](store::Tx& tx) -> Result<PublicApp> {
    auto found = app_store::find(tx, id);
    if (!found) return not_found();
    PublicApp a = std::move(*found);
    if (in.icon_media_id && in.icon_media_id != a.icon_media_id) {
      if (Status c = check_icon(tx, *in.icon_media_id); !c.ok()) return c;
    }
    copy_input(a, in);
    a.updated_at = clock_.now();
    a.updated_by = who.user_id;
    app_store::save(tx, a);
    return a;
  });
}

Status DirectoryService::remove(std::int64_t id) {
  return db_.write([&](store::Tx& tx) -> Status {
    return app_store::remove(tx, id) ? Status::Ok() : not_found();
  });
}

Result<std::vector<PublicApp>> DirectoryService::reorder(const auth::Principal& who,
                                                         const std::vector<std::int64_t>& ids) {
  const std::set<std::int64_t> wanted(ids.begin(), ids.end());
  if (wanted.size() != ids.size())
    return Status::Invalid("invalid").field("ids", "apps_order_mismatch");
  Status st = db_.write([&](store::Tx& tx) -> Status {
    const auto existing = app_store::ids(tx);
    // Every app exactly once: an order made from a stale list (an app added or removed since)
    // is refused rather than guessed at.
    if (std::set<std::int64_t>(existing.begin(), existing.end()) != wanted)
      return Status::Invalid("invalid").field("ids", "apps_order_mismatch");
    const Millis now = clock_.now();
    for (std::size_t i = 0; i < ids.size(); ++i)
      app_store::set_position(tx, ids[i], static_cast<std::int64_t>(i) + 1, now, who.user_id);
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return list(false);
}

Result<std::vector<PublicApp>> DirectoryService::list(bool active_only) {
  return db_.read_value<std::vector<PublicApp>>(
      [&](store::Tx& tx) -> Result<std::vector<PublicApp>> {
        return app_store::list(tx, active_only);
      });
}

bool DirectoryService::icon_visible_to(const std::string& media_id,
                                       std::optional<auth::Role> role) {
  const bool admin = role && *role == auth::Role::kAdmin;
  auto r = db_.read_value<bool>(
      [&](store::Tx& tx) -> Result<bool> { return app_store::is_icon(tx, media_id, !admin); });
  return r.ok() && r.value();
}

}  // namespace cds::directory
