#include "news/news_api.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "api/idempotency_key.hpp"
#include "http/fields.hpp"
#include "http/json.hpp"
#include "http/params.hpp"
#include "http/problem.hpp"
#include "news/markdown.hpp"
#include "news/news_atom.hpp"
#include "text/fold.hpp"

namespace cds::news {
namespace {

namespace json = boost::json;
using auth::Access;
using auth::Principal;
using auth::Role;
using http::Request;
using http::Response;

constexpr Access kEditors = Access::roles({Role::kEditor, Role::kAdmin});
constexpr std::int64_t kPublicPageDefault = 20;
constexpr std::int64_t kPublicPageMax = 100;
constexpr std::int64_t kStaffPageDefault = 100;
constexpr std::int64_t kStaffPageMax = 200;
constexpr std::int64_t kMaxPage = 10000;
constexpr std::size_t kMaxQuery = 200;

json::value time_or_null(const std::optional<Millis>& t) {
  return t ? json::value(format_rfc3339(*t)) : json::value(nullptr);
}

// The item as the contract shows it; body_md only to staff.
json::object item_json(const NewsItem& n, Millis now, bool staff) {
  json::object o;
  o["id"] = n.id;
  o["kind"] = kind_name(n.kind);
  o["title"] = n.title;
  o["summary"] = n.summary;
  if (staff) o["body_md"] = n.body_md;
  o["body_html"] = n.body_html;
  if (n.cover_media_id) {
    const std::string url = "/api/v1/media/" + *n.cover_media_id;
    o["cover"] = json::object{
        {"id", *n.cover_media_id}, {"url", url}, {"thumbnail_url", url + "/thumbnail"}};
  } else {
    o["cover"] = nullptr;
  }
  o["pinned"] = n.pinned;
  o["state"] = shown_state(n, now);
  o["publish_at"] = time_or_null(n.publish_at);
  o["published_at"] = time_or_null(n.published_at);
  o["updated_at"] = format_rfc3339(n.updated_at);
  o["important"] = n.important;
  o["url"] = app_path(n.id);
  return o;
}

// ?page=&per_page=: 1-based page, bounded size. Errors are added to `errors`.
struct Paging {
  std::int64_t page = 1;
  std::int64_t per_page = 20;
};
Paging read_paging(const Request& req, std::int64_t default_size, std::int64_t max_size,
                   Status& errors) {
  Paging p{1, default_size};
  if (auto v = req.query_param("page"); v && !v->empty()) {
    auto n = http::parse_int(*v);
    if (!n || *n < 1 || *n > kMaxPage)
      errors.field("page", "field_out_of_range");
    else
      p.page = *n;
  }
  if (auto v = req.query_param("per_page"); v && !v->empty()) {
    auto n = http::parse_int(*v);
    if (!n || *n < 1 || *n > max_size)
      errors.field("per_page", "field_out_of_range");
    else
      p.per_page = *n;
  }
  return p;
}

json::object page_json(json::array items, std::int64_t total, const Paging& p) {
  return json::object{
      {"items", std::move(items)}, {"total", total}, {"page", p.page}, {"per_page", p.per_page}};
}

// An RFC 3339 time field, or nullopt (absent or null); a bad one is recorded.
std::optional<Millis> time_field(http::FieldReader& f, std::string_view name) {
  auto text = f.string(name);
  if (!text) return std::nullopt;
  auto t = parse_rfc3339(*text);
  if (!t) f.error(name, "news_time_invalid");
  return t;
}

// The fields of POST and PUT, with every mistake reported at once (types and limits).
Result<DraftInput> read_draft(const Request& req) {
  auto body = http::read_json_object(req);
  if (!body.ok()) return body.status();
  http::FieldReader f(
      *body, {"kind", "title", "summary", "body_md", "cover_media_id", "pinned", "publish_at"});
  DraftInput in;
  if (auto k = f.one_of("kind", {"announcement", "news", "guide"}, true)) in.kind = *parse_kind(*k);
  in.title = f.string("title", true).value_or("");
  in.summary = f.string("summary").value_or("");
  in.body_md = f.string("body_md").value_or("");
  in.cover_media_id = f.string("cover_media_id");
  in.pinned = f.boolean("pinned").value_or(false);
  in.publish_at = time_field(f, "publish_at");
  Status errors = f.status();
  Status limits = check_draft(in);
  if (errors.ok()) return limits.ok() ? Result<DraftInput>(std::move(in)) : limits;
  for (const auto& [field, key] : limits.fields())
    if (!errors.fields().count(field)) errors.field(field, key);
  return errors;
}

// A body that may be left out entirely (POST .../publish, .../unpublish).
Result<json::object> optional_body(const Request& req) {
  if (req.body.empty()) return json::object{};
  return http::read_json_object(req);
}

}  // namespace

void NewsApi::register_routes(http::Router& router) {
  using http::Method;
  auto open = [this](Response (NewsApi::*h)(Request&)) {
    return gate_.allow_public([this, h](Request& r) { return (this->*h)(r); });
  };
  auto editors = [this](Response (NewsApi::*h)(Request&, const Principal&)) {
    return gate_.allow(kEditors,
                       [this, h](Request& r, const Principal& who) { return (this->*h)(r, who); });
  };
  auto editors_only = [this](Response (NewsApi::*h)(Request&)) {
    return gate_.allow(kEditors, [this, h](Request& r, const Principal&) { return (this->*h)(r); });
  };
  router.add(Method::kGet, "/api/v1/news", open(&NewsApi::list_public));
  router.add(Method::kGet, "/api/v1/news/{id}", open(&NewsApi::get_public));
  router.add(Method::kGet, "/news.atom", open(&NewsApi::feed));
  router.add(Method::kGet, "/api/v1/staff/news", editors_only(&NewsApi::list_staff));
  router.add(Method::kPost, "/api/v1/staff/news", editors(&NewsApi::create));
  router.add(Method::kPost, "/api/v1/staff/news/preview", editors_only(&NewsApi::preview));
  router.add(Method::kGet, "/api/v1/staff/news/{id}", editors_only(&NewsApi::get_staff));
  router.add(Method::kPut, "/api/v1/staff/news/{id}", editors(&NewsApi::update));
  router.add(Method::kPost, "/api/v1/staff/news/{id}/publish", editors(&NewsApi::publish));
  router.add(Method::kPost, "/api/v1/staff/news/{id}/unpublish", editors(&NewsApi::unpublish));
}

Response NewsApi::list_public(Request& req) {
  Status errors = Status::Invalid("invalid_query");
  news_store::PublicQuery q;
  if (auto k = req.query_param("kind"); k && !k->empty()) {
    q.kind = parse_kind(*k);
    if (!q.kind) errors.field("kind", "field_invalid");
  }
  if (auto text = req.query_param("q"); text && !text->empty()) {
    if (text::code_points(*text) > kMaxQuery)
      errors.field("q", "news_query_too_long");
    else
      q.folded_text = text::fold(*text);
    while (!q.folded_text.empty() && q.folded_text.back() == ' ') q.folded_text.pop_back();
    while (!q.folded_text.empty() && q.folded_text.front() == ' ') q.folded_text.erase(0, 1);
  }
  const Paging paging = read_paging(req, kPublicPageDefault, kPublicPageMax, errors);
  if (!errors.fields().empty()) return http::problem(req, errors);
  q.offset = (paging.page - 1) * paging.per_page;
  q.limit = paging.per_page;
  auto page = service_.list_visible(q);
  if (!page.ok()) return http::problem(req, page.status());
  const Millis now = service_.clock().now();
  json::array items;
  for (const NewsItem& n : page->items) items.push_back(item_json(n, now, false));
  return http::json(200, page_json(std::move(items), page->total, paging));
}

Response NewsApi::get_public(Request& req) {
  auto id = http::parse_positive_id(req.path_param("id"));
  if (!id) return http::problem(req, Status::NotFound("news_not_found"));
  auto item = service_.get_visible(*id);
  if (!item.ok()) return http::problem(req, item.status());
  return http::json(200, item_json(*item, service_.clock().now(), false));
}

Response NewsApi::feed(Request& req) {
  news_store::PublicQuery q;
  q.limit = kFeedEntries;
  q.pinned_first = false;  // a feed is by date: readers sort by it anyway
  auto page = service_.list_visible(q);
  if (!page.ok()) return http::problem(req, page.status());
  Response r = Response::text(200, atom_feed(page->items, site_, service_.clock().now()),
                              "application/atom+xml; charset=utf-8");
  r.header("Cache-Control", "public, max-age=60");
  return r;
}

Response NewsApi::list_staff(Request& req) {
  Status errors = Status::Invalid("invalid_query");
  const Paging paging = read_paging(req, kStaffPageDefault, kStaffPageMax, errors);
  if (!errors.fields().empty()) return http::problem(req, errors);
  auto page = service_.list_all((paging.page - 1) * paging.per_page, paging.per_page);
  if (!page.ok()) return http::problem(req, page.status());
  const Millis now = service_.clock().now();
  json::array items;
  for (const NewsItem& n : page->items) items.push_back(item_json(n, now, true));
  return http::json(200, page_json(std::move(items), page->total, paging));
}

Response NewsApi::get_staff(Request& req) {
  auto id = http::parse_positive_id(req.path_param("id"));
  if (!id) return http::problem(req, Status::NotFound("news_not_found"));
  auto item = service_.get(*id);
  if (!item.ok()) return http::problem(req, item.status());
  return http::json(200, item_json(*item, service_.clock().now(), true));
}

Response NewsApi::create(Request& req, const Principal& who) {
  auto key = api::idempotency_key(req, who.user_id);
  if (!key.ok()) return http::problem(req, key.status());
  auto in = read_draft(req);
  if (!in.ok()) return http::problem(req, in.status());
  auto created = service_.create(who, std::move(in).value(), *key);
  if (!created.ok()) return http::problem(req, created.status());
  Response r = http::json(201, item_json(created->item, service_.clock().now(), true));
  r.header("Location", "/api/v1/staff/news/" + std::to_string(created->item.id));
  if (created->replayed) r.header("Idempotent-Replayed", "true");
  return r;
}

Response NewsApi::update(Request& req, const Principal& who) {
  auto id = http::parse_positive_id(req.path_param("id"));
  if (!id) return http::problem(req, Status::NotFound("news_not_found"));
  auto in = read_draft(req);
  if (!in.ok()) return http::problem(req, in.status());
  auto item = service_.update(who, *id, std::move(in).value());
  if (!item.ok()) return http::problem(req, item.status());
  return http::json(200, item_json(*item, service_.clock().now(), true));
}

Response NewsApi::publish(Request& req, const Principal& who) {
  auto id = http::parse_positive_id(req.path_param("id"));
  if (!id) return http::problem(req, Status::NotFound("news_not_found"));
  auto body = optional_body(req);
  if (!body.ok()) return http::problem(req, body.status());
  http::FieldReader f(*body, {"publish_at", "notify"});
  PublishInput in;
  in.publish_at = time_field(f, "publish_at");
  in.notify = f.boolean("notify").value_or(false);
  if (Status st = f.status(); !st.ok()) return http::problem(req, st);
  auto item = service_.publish(who, *id, in);
  if (!item.ok()) return http::problem(req, item.status());
  return http::json(200, item_json(*item, service_.clock().now(), true));
}

Response NewsApi::unpublish(Request& req, const Principal& who) {
  auto id = http::parse_positive_id(req.path_param("id"));
  if (!id) return http::problem(req, Status::NotFound("news_not_found"));
  auto item = service_.unpublish(who, *id);
  if (!item.ok()) return http::problem(req, item.status());
  return http::json(200, item_json(*item, service_.clock().now(), true));
}

Response NewsApi::preview(Request& req) {
  auto body = http::read_json_object(req);
  if (!body.ok()) return http::problem(req, body.status());
  http::FieldReader f(*body, {"body_md"});
  DraftInput in;
  in.title = "-";  // only the body is previewed
  in.body_md = f.string("body_md", true).value_or("");
  Status errors = f.status();
  if (errors.ok()) errors = check_draft(in);
  if (!errors.ok()) return http::problem(req, errors);
  return http::json(200, json::object{{"html", render_markdown(in.body_md)}});
}

}  // namespace cds::news
