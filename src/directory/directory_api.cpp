#include "directory/directory_api.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "api/idempotency_key.hpp"
#include "common/hash.hpp"
#include "http/fields.hpp"
#include "http/json.hpp"
#include "http/params.hpp"
#include "http/problem.hpp"
#include "web/negotiation.hpp"

namespace cds::directory {
namespace {

namespace json = boost::json;
using auth::Access;
using auth::Principal;
using auth::Role;
using http::Request;
using http::Response;

constexpr Access kAdmins = Access::roles({Role::kAdmin});
// Residents' phones and proxies may keep the list a minute; after that a 304 costs a few bytes.
constexpr std::string_view kPublicCache = "public, max-age=60";

json::value text_or_null(const std::string& text) {
  return text.empty() ? json::value(nullptr) : json::value(text);
}

// The app as the contract shows it; the bookkeeping fields only to administrators.
json::object app_json(const PublicApp& a, bool admin) {
  json::object o;
  o["id"] = a.id;
  o["code"] = a.code ? json::value(*a.code) : json::value(nullptr);
  o["name"] = a.name;
  o["name_en"] = a.name_en;
  o["description"] = a.description;
  o["description_en"] = a.description_en;
  o["category"] = a.category;
  if (a.icon_media_id) {
    const std::string url = "/api/v1/media/" + *a.icon_media_id;
    o["icon"] =
        json::object{{"id", *a.icon_media_id}, {"url", url}, {"thumbnail_url", url + "/thumbnail"}};
  } else {
    o["icon"] = nullptr;
  }
  o["web_url"] = text_or_null(a.web_url);
  o["deep_link"] = text_or_null(a.deep_link);
  o["android_url"] = text_or_null(a.android_url);
  o["ios_url"] = text_or_null(a.ios_url);
  o["vneid_sign_in"] = a.vneid_sign_in;
  o["position"] = a.position;
  if (admin) {
    o["active"] = a.active;
    o["created_at"] = format_rfc3339(a.created_at);
    o["updated_at"] = format_rfc3339(a.updated_at);
  }
  return o;
}

json::object list_json(const std::vector<PublicApp>& apps, bool admin) {
  json::array items;
  for (const PublicApp& a : apps) items.push_back(app_json(a, admin));
  return json::object{{"items", std::move(items)}};
}

// A link field: absent or null is none (""), like an empty string.
std::string link_field(http::FieldReader& f, std::string_view name) {
  return f.string(name).value_or("");
}

// The fields of POST and PUT, with every mistake reported at once (types and rules).
Result<AppInput> read_app(const Request& req) {
  auto body = http::read_json_object(req);
  if (!body.ok()) return body.status();
  http::FieldReader f(
      *body, {"name", "name_en", "description", "description_en", "category", "icon_media_id",
              "web_url", "deep_link", "android_url", "ios_url", "vneid_sign_in", "active"});
  AppInput in;
  in.name = f.string("name", true).value_or("");
  in.name_en = f.string("name_en", true).value_or("");
  in.description = f.string("description", true).value_or("");
  in.description_en = f.string("description_en", true).value_or("");
  in.category = f.string("category", true).value_or("other");
  in.icon_media_id = f.string("icon_media_id");
  in.web_url = link_field(f, "web_url");
  in.deep_link = link_field(f, "deep_link");
  in.android_url = link_field(f, "android_url");
  in.ios_url = link_field(f, "ios_url");
  in.vneid_sign_in = f.boolean("vneid_sign_in").value_or(false);
  in.active = f.boolean("active").value_or(true);
  Status errors = f.status();
  Status rules = check_app(in);
  if (errors.ok()) return rules.ok() ? Result<AppInput>(std::move(in)) : rules;
  for (const auto& [field, key] : rules.fields())
    if (!errors.fields().count(field)) errors.field(field, key);
  return errors;
}

}  // namespace

void DirectoryApi::register_routes(http::Router& router) {
  using http::Method;
  auto admins = [this](Response (DirectoryApi::*h)(Request&, const Principal&)) {
    return gate_.allow(kAdmins,
                       [this, h](Request& r, const Principal& who) { return (this->*h)(r, who); });
  };
  auto admins_only = [this](Response (DirectoryApi::*h)(Request&)) {
    return gate_.allow(kAdmins, [this, h](Request& r, const Principal&) { return (this->*h)(r); });
  };
  router.add(Method::kGet, "/api/v1/apps",
             gate_.allow_public([this](Request& r) { return list_public(r); }));
  router.add(Method::kGet, "/api/v1/admin/apps", admins_only(&DirectoryApi::list_admin));
  router.add(Method::kPost, "/api/v1/admin/apps", admins(&DirectoryApi::create));
  router.add(Method::kPut, "/api/v1/admin/apps/order", admins(&DirectoryApi::reorder));
  router.add(Method::kPut, "/api/v1/admin/apps/{id}", admins(&DirectoryApi::update));
  router.add(Method::kDelete, "/api/v1/admin/apps/{id}", admins_only(&DirectoryApi::remove));
}

Response DirectoryApi::list_public(Request& req) {
  auto apps = service_.list(true);
  if (!apps.ok()) return http::problem(req, apps.status());
  // One answer for every language (both texts are in it), so one ETag and no Vary.
  Response r = http::json(200, list_json(*apps, false));
  const std::string etag = "\"" + sha256_hex(r.body).substr(0, 16) + "\"";
  r.header("ETag", etag);
  r.header("Cache-Control", std::string(kPublicCache));
  if (web::none_match(req.header("if-none-match"), etag)) {
    r.status = 304;
    r.content_type.clear();
    r.body.clear();
  }
  return r;
}

Response DirectoryApi::list_admin(Request& req) {
  auto apps = service_.list(false);
  if (!apps.ok()) return http::problem(req, apps.status());
  Response r = http::json(200, list_json(*apps, true));
  r.header("Cache-Control", "no-store");
  return r;
}

Response DirectoryApi::create(Request& req, const Principal& who) {
  auto key = api::idempotency_key(req, who.user_id);
  if (!key.ok()) return http::problem(req, key.status());
  auto in = read_app(req);
  if (!in.ok()) return http::problem(req, in.status());
  auto created = service_.create(who, std::move(in).value(), *key);
  if (!created.ok()) return http::problem(req, created.status());
  Response r = http::json(201, app_json(created->app, true));
  r.header("Location", "/api/v1/admin/apps/" + std::to_string(created->app.id));
  if (created->replayed) r.header("Idempotent-Replayed", "true");
  return r;
}

Response DirectoryApi::update(Request& req, const Principal& who) {
  auto id = http::parse_positive_id(req.path_param("id"));
  if (!id) return http::problem(req, Status::NotFound("apps_not_found"));
  auto in = read_app(req);
  if (!in.ok()) return http::problem(req, in.status());
  auto app = service_.update(who, *id, std::move(in).value());
  if (!app.ok()) return http::problem(req, app.status());
  return http::json(200, app_json(*app, true));
}

Response DirectoryApi::reorder(Request& req, const Principal& who) {
  auto body = http::read_json_object(req);
  if (!body.ok()) return http::problem(req, body.status());
  http::FieldReader f(*body, {"ids"});
  std::vector<std::int64_t> ids;
  const json::value* list = body->if_contains("ids");
  if (!list || !list->is_array() || list->as_array().size() > static_cast<std::size_t>(kMaxApps)) {
    f.error("ids", list ? "apps_order_mismatch" : "field_required");
  } else {
    for (const json::value& v : list->as_array()) {
      if (!v.is_int64() || v.as_int64() <= 0) {
        f.error("ids", "apps_order_mismatch");
        break;
      }
      ids.push_back(v.as_int64());
    }
  }
  if (Status st = f.status(); !st.ok()) return http::problem(req, st);
  auto apps = service_.reorder(who, ids);
  if (!apps.ok()) return http::problem(req, apps.status());
  return http::json(200, list_json(*apps, true));
}

Response DirectoryApi::remove(Request& req) {
  auto id = http::parse_positive_id(req.path_param("id"));
  if (!id) return http::problem(req, Status::NotFound("apps_not_found"));
  if (Status st = service_.remove(*id); !st.ok()) return http::problem(req, st);
  return Response::no_content();
}

}  // namespace cds::directory
