#include "alerts/alert_api.hpp"

#include <boost/json/array.hpp>

#include "alerts/alert_json.hpp"
#include "areas/wards.hpp"
#include "http/fields.hpp"
#include "http/json.hpp"
#include "http/params.hpp"
#include "http/problem.hpp"

namespace cds::alerts {
namespace {

namespace json = boost::json;
using auth::Access;
using auth::Principal;
using auth::Role;
using http::Request;
using http::Response;

constexpr Access kOfficers = Access::roles({Role::kAlertOfficer, Role::kAdmin});
constexpr int kFeedEntries = 50;
// Feeds and documents change when an alert is sent; a short shared cache absorbs a crowd.
constexpr const char* kFeedCache = "public, max-age=30";

Status unknown(std::string_view id) {
  return Status::NotFound("alert_not_found").with("id", std::string(id.substr(0, 32)));
}

json::value person(const AlertService& alerts, std::optional<std::int64_t> id) {
  if (!id) return nullptr;
  return json::object{{"id", *id}, {"name", alerts.staff_name(*id)}};
}

}  // namespace

void AlertApi::register_routes(http::Router& router) {
  using http::Method;
  auto officers = [this](Response (AlertApi::*h)(Request&, const Principal&)) {
    return gate_.allow(kOfficers,
                       [this, h](Request& r, const Principal& who) { return (this->*h)(r, who); });
  };
  auto anyone = [this](Response (AlertApi::*h)(Request&)) {
    return gate_.allow_public([this, h](Request& r) { return (this->*h)(r); });
  };
  router.add(Method::kPost, "/api/v1/staff/alerts", officers(&AlertApi::draft));
  router.add(Method::kGet, "/api/v1/staff/alerts", officers(&AlertApi::staff_list));
  router.add(Method::kGet, "/api/v1/staff/alerts/{id}", officers(&AlertApi::staff_get));
  router.add(Method::kPut, "/api/v1/staff/alerts/{id}", officers(&AlertApi::edit));
  router.add(Method::kPost, "/api/v1/staff/alerts/{id}/approve", officers(&AlertApi::approve));
  router.add(Method::kPost, "/api/v1/staff/alerts/{id}/cancel", officers(&AlertApi::cancel));
  router.add(Method::kGet, "/api/v1/alerts", anyone(&AlertApi::active));
  router.add(Method::kGet, "/api/v1/alerts/{id}", anyone(&AlertApi::public_get));
  router.add(Method::kPost, "/api/v1/alerts/{id}/opened",
             gate_.allow_optional([this](Request& r, const std::optional<Principal>& who) {
               return opened(r, who);
             }));
  router.add(Method::kGet, "/alerts/{file}", anyone(&AlertApi::cap));
  router.add(Method::kGet, "/alerts.atom", anyone(&AlertApi::atom));
}

json::object AlertApi::public_json(const Alert& a) const {
  json::object o = alert_json(a, alerts_.now());
  o["web"] = alerts_.publisher().base_url + "/app/alerts/" + std::to_string(a.id);
  o["sender"] = alerts_.publisher().sender;
  return o;
}

json::object AlertApi::staff_json(const Alert& a) const {
  json::object o = public_json(a);
  o["drafted_by"] = person(alerts_, a.drafted_by);
  o["edited_by"] = person(alerts_, a.edited_by);
  o["approved_by"] = person(alerts_, a.approved_by);
  o["drafted_at"] = format_rfc3339(a.drafted_at);
  return o;
}

Response AlertApi::draft(Request& req, const Principal& who) {
  auto body = http::read_json_object(req);
  if (!body.ok()) return http::problem(req, body.status());
  auto content = parse_content(*body);
  if (!content.ok()) return http::problem(req, content.status());
  auto a = alerts_.draft(who, std::move(*content));
  if (!a.ok()) return http::problem(req, a.status());
  Response res = http::json(201, staff_json(*a));
  res.header("Location", "/api/v1/staff/alerts/" + std::to_string(a->id));
  return res;
}

Response AlertApi::edit(Request& req, const Principal& who) {
  auto id = http::parse_positive_id(req.path_param("id"));
  if (!id) return http::problem(req, unknown(req.path_param("id")));
  auto body = http::read_json_object(req);
  if (!body.ok()) return http::problem(req, body.status());
  auto content = parse_content(*body);
  if (!content.ok()) return http::problem(req, content.status());
  auto a = alerts_.edit(who, *id, std::move(*content));
  if (!a.ok()) return http::problem(req, a.status());
  return http::json(200, staff_json(*a));
}

Response AlertApi::approve(Request& req, const Principal& who) {
  auto id = http::parse_positive_id(req.path_param("id"));
  if (!id) return http::problem(req, unknown(req.path_param("id")));
  auto a = alerts_.approve(who, *id);
  if (!a.ok()) return http::problem(req, a.status());
  return http::json(200, staff_json(*a));
}

Response AlertApi::cancel(Request& req, const Principal& who) {
  auto id = http::parse_positive_id(req.path_param("id"));
  if (!id) return http::problem(req, unknown(req.path_param("id")));
  std::string note;
  if (!req.body.empty()) {
    auto body = http::read_json_object(req);
    if (!body.ok()) return http::problem(req, body.status());
    http::FieldReader f(*body, {"note"});
    auto text = f.string("note");
    if (text && text->size() > 2000) f.error("note", "field_too_long");
    if (Status st = f.status(); !st.ok()) return http::problem(req, st);
    note = text.value_or("");
  }
  auto done = alerts_.cancel(who, *id, std::move(note));
  if (!done.ok()) return http::problem(req, done.status());
  return http::json(done->created ? 201 : 200, staff_json(done->alert));
}

Response AlertApi::staff_list(Request& req, const Principal&) {
  std::string state(req.query_param("state").value_or(""));
  if (!state.empty() && state != "draft" && state != "sent" && state != "discarded")
    return http::problem(req, Status::Invalid("invalid").field("state", "field_invalid"));
  auto list = alerts_.list(state);
  if (!list.ok()) return http::problem(req, list.status());
  json::array items;
  for (const Alert& a : *list) items.push_back(staff_json(a));
  return http::json(200, json::object{{"items", std::move(items)}});
}

Response AlertApi::staff_get(Request& req, const Principal&) {
  auto id = http::parse_positive_id(req.path_param("id"));
  if (!id) return http::problem(req, unknown(req.path_param("id")));
  auto a = alerts_.get(*id);
  if (!a.ok()) return http::problem(req, a.status());
  auto figures = alerts_.figures(*a);
  if (!figures.ok()) return http::problem(req, figures.status());
  json::object o = staff_json(*a);
  o["figures"] = json::object{{"targeted", figures->targeted},
                              {"live", figures->live},
                              {"pushed", figures->pushed},
                              {"opened", figures->opened}};
  return http::json(200, o);
}

Response AlertApi::active(Request& req) {
  std::string ward(req.query_param("ward").value_or(""));
  if (!ward.empty() && areas::find_ward(ward) == nullptr)
    return http::problem(req, Status::Invalid("invalid").field("ward", "unknown_ward"));
  auto list = alerts_.active(ward);
  if (!list.ok()) return http::problem(req, list.status());
  json::array items;
  for (const Alert& a : *list) items.push_back(public_json(a));
  Response res = http::json(200, json::object{{"items", std::move(items)}});
  res.header("Cache-Control", "no-cache");
  return res;
}

Response AlertApi::public_get(Request& req) {
  auto id = http::parse_positive_id(req.path_param("id"));
  if (!id) return http::problem(req, unknown(req.path_param("id")));
  auto a = alerts_.get(*id);
  // Drafts and discarded messages are the officers' alone.
  if (!a.ok() || a->state != "sent") return http::problem(req, unknown(req.path_param("id")));
  return http::json(200, public_json(*a));
}

Response AlertApi::opened(Request& req, const std::optional<Principal>& who) {
  auto id = http::parse_positive_id(req.path_param("id"));
  if (!id) return http::problem(req, unknown(req.path_param("id")));
  std::string opener;
  if (who) {
    opener = "u" + std::to_string(who->user_id);
  } else {
    auto body = http::read_json_object(req);
    if (!body.ok()) return http::problem(req, body.status());
    http::FieldReader f(*body, {"client_id"});
    auto client = f.string("client_id", true);
    if (client && (client->size() < 8 || client->size() > 64))
      f.error("client_id", "field_invalid");
    if (Status st = f.status(); !st.ok()) return http::problem(req, st);
    opener = "c" + *client;
  }
  if (Status st = alerts_.opened(*id, opener); !st.ok()) return http::problem(req, st);
  return Response::no_content();
}

Response AlertApi::cap(Request& req) {
  const std::string_view file = req.path_param("file");
  constexpr std::string_view kSuffix = ".cap";
  if (!file.ends_with(kSuffix)) return http::problem(req, unknown(file));
  auto id = http::parse_positive_id(file.substr(0, file.size() - kSuffix.size()));
  if (!id) return http::problem(req, unknown(file));
  auto a = alerts_.get(*id);
  if (!a.ok() || a->state != "sent") return http::problem(req, unknown(file));
  std::optional<Alert> referenced;
  if (a->references) {
    auto r = alerts_.get(*a->references);
    if (r.ok()) referenced = std::move(*r);
  }
  Response res = Response::text(
      200, cap_document(*a, referenced ? &*referenced : nullptr, alerts_.publisher()),
      "application/cap+xml; charset=utf-8");
  res.header("Cache-Control", kFeedCache);
  return res;
}

Response AlertApi::atom(Request& req) {
  auto sent = alerts_.sent(kFeedEntries);
  if (!sent.ok()) return http::problem(req, sent.status());
  Response res = Response::text(200, alerts_atom(*sent, alerts_.publisher(), alerts_.now()),
                                "application/atom+xml; charset=utf-8");
  res.header("Cache-Control", kFeedCache);
  return res;
}

}  // namespace cds::alerts
