#include "citizens/consent_api.hpp"

#include <boost/json/array.hpp>

#include "areas/city_outline.hpp"
#include "http/fields.hpp"
#include "http/json.hpp"
#include "http/problem.hpp"

namespace cds::citizens {
namespace {

namespace json = boost::json;
using http::Request;
using http::Response;

// What each purpose covers, as the citizen reads it before answering.
json::object purpose_text(Purpose p, bool en) {
  switch (p) {
    case Purpose::kTerms:
      return {{"title", en ? "Terms of use" : "Điều khoản sử dụng"},
              {"summary", en ? "Needed to send reports and ideas, follow and rate them."
                             : "Cần để gửi phản ánh, kiến nghị, theo dõi và đánh giá."}};
    case Purpose::kLocation:
      return {{"title", en ? "Use of my location" : "Sử dụng vị trí của tôi"},
              {"summary", en ? "Keep the place I share to warn me of alerts where I am."
                             : "Lưu vị trí tôi chia sẻ để cảnh báo khẩn cấp nơi tôi đang ở."}};
    case Purpose::kNotifications:
      return {{"title", en ? "Notifications" : "Thông báo"},
              {"summary", en ? "Tell me about my reports and alerts on this device."
                             : "Báo cho tôi về phản ánh của tôi và cảnh báo trên thiết bị này."}};
  }
  return {};
}

}  // namespace

void ConsentApi::register_routes(http::Router& router) {
  using http::Method;
  // Consent and location are a citizen's; staff accounts have neither.
  auto citizens_only = [this](Response (ConsentApi::*handler)(Request&, const auth::Principal&)) {
    return gate_.allow(auth::Access::roles({auth::Role::kCitizen}),
                       [this, handler](Request& r, const auth::Principal& who) {
                         return (this->*handler)(r, who);
                       });
  };
  router.add(Method::kGet, "/api/v1/me/consents", citizens_only(&ConsentApi::list));
  router.add(Method::kPut, "/api/v1/me/consents/{purpose}", citizens_only(&ConsentApi::set));
  router.add(Method::kPut, "/api/v1/me/location", citizens_only(&ConsentApi::share_location));
  router.add(Method::kDelete, "/api/v1/me/location", citizens_only(&ConsentApi::forget_location));
  router.add(Method::kPut, "/api/v1/me/home-ward", citizens_only(&ConsentApi::set_home_ward));
}

Response ConsentApi::list(Request& req, const auth::Principal& who) {
  auto current = citizens_.consents(who.user_id);
  if (!current.ok()) return http::problem(req, current.status());
  const bool en = req.lang() == http::Lang::kEn;
  json::array items;
  for (Purpose p : {Purpose::kTerms, Purpose::kLocation, Purpose::kNotifications}) {
    json::object item = purpose_text(p, en);
    item["purpose"] = purpose_name(p);
    item["current_policy_version"] = kPolicyVersion;
    item["granted"] = false;
    item["answer"] = nullptr;
    for (const Consent& c : *current) {
      if (c.purpose != p) continue;
      item["granted"] = c.granted;
      item["answer"] = consent_json(c);
    }
    items.push_back(std::move(item));
  }
  return http::json(200, json::object{{"items", std::move(items)}});
}

Response ConsentApi::set(Request& req, const auth::Principal& who) {
  const std::string name(req.path_param("purpose"));
  auto purpose = parse_purpose(name);
  if (!purpose)
    return http::problem(req, Status::NotFound("unknown_purpose").with("purpose", name));
  auto body = http::read_json_object(req);
  if (!body.ok()) return http::problem(req, body.status());
  http::FieldReader f(*body, {"granted"});
  const bool granted = f.boolean("granted", true).value_or(false);
  if (Status st = f.status(); !st.ok()) return http::problem(req, st);
  if (Status st = citizens_.set_consent(who.user_id, *purpose, granted, "app"); !st.ok())
    return http::problem(req, st);
  return list(req, who);
}

Response ConsentApi::share_location(Request& req, const auth::Principal& who) {
  auto body = http::read_json_object(req);
  if (!body.ok()) return http::problem(req, body.status());
  http::FieldReader f(*body, {"lat", "lon", "ward"});
  auto lat = f.number("lat", true);
  auto lon = f.number("lon", true);
  auto ward = f.string("ward");
  if (Status st = f.status(); !st.ok()) return http::problem(req, st);
  if (!areas::in_city(*lat, *lon))
    return http::problem(req, Status::Invalid("invalid").field("lat", "invalid_location"));
  if (Status st = citizens_.share_location(who.user_id, *lat, *lon, ward); !st.ok())
    return http::problem(req, st);
  return Response::no_content();
}

Response ConsentApi::set_home_ward(Request& req, const auth::Principal& who) {
  auto body = http::read_json_object(req);
  if (!body.ok()) return http::problem(req, body.status());
  http::FieldReader f(*body, {"ward"});
  if (!body->contains("ward")) f.error("ward", "field_required");
  auto ward = f.string("ward");
  if (Status st = f.status(); !st.ok()) return http::problem(req, st);
  if (Status st = citizens_.set_home_ward(who.user_id, ward); !st.ok())
    return http::problem(req, st);
  return http::json(200, json::object{{"home_ward", ward ? json::value(*ward) : json::value()}});
}

Response ConsentApi::forget_location(Request& req, const auth::Principal& who) {
  if (Status st = citizens_.forget_location(who.user_id); !st.ok()) return http::problem(req, st);
  return Response::no_content();
}

}  // namespace cds::citizens
