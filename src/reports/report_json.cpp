// JSON views of reports.
#include "reports/report_json.hpp"

#include <boost/json/array.hpp>

#include <cmath>

namespace cds::reports {
namespace {

namespace json = boost::json;

json::value time_or_null(const std::optional<Millis>& t) {
  return t ? json::value(format_rfc3339(*t)) : json::value(nullptr);
}

json::object photo_json(const Photo& p) {
  json::object o;
  o["id"] = p.media_id;
  o["url"] = "/api/v1/media/" + p.media_id;
  o["thumbnail_url"] = "/api/v1/media/" + p.media_id + "/thumbnail";
  return o;
}

json::value unit_json(const ReportView& v, const std::optional<std::string>& code, bool en) {
  if (!code) return nullptr;
  json::object o;
  o["code"] = *code;
  auto it = v.names.units.find(*code);
  if (it != v.names.units.end()) o["name"] = en ? it->second.name_en : it->second.name;
  return o;
}

// Who took a step, as the viewer may know it: staff see usernames; citizens see a unit's name,
// "the 1022 centre" for operators, never a staff member's own name.
json::object actor_json(const ReportView& v, const TimelineEntry& e, bool en) {
  json::object o;
  const bool staff_view = v.audience == Audience::kStaff;
  if (e.actor_role == "citizen") {
    o["kind"] = "citizen";
    o["name"] =
        v.audience == Audience::kAuthor ? (en ? "You" : "Bạn") : (en ? "Citizen" : "Người dân");
  } else if (e.actor_role == "unit_staff") {
    o["kind"] = "unit";
    json::value unit = unit_json(v, e.unit, en);
    if (unit.is_object()) o["name"] = unit.as_object()["name"];
    if (e.unit) o["unit"] = *e.unit;
  } else if (e.actor_role == "system" || !e.actor_id || *e.actor_id == 0) {
    o["kind"] = "system";
    o["name"] = en ? "System" : "Hệ thống";
  } else {
    o["kind"] = "operator";
    o["name"] = en ? "1022 Service Centre" : "Trung tâm Dịch vụ 1022";
  }
  if (staff_view && e.actor_id && e.actor_role != "citizen") {
    auto it = v.staff_names.find(*e.actor_id);
    if (it != v.staff_names.end()) o["username"] = it->second;
  }
  return o;
}

}  // namespace

json::object to_json(const ReportView& v, http::Lang lang, Millis now) {
  const bool en = lang == http::Lang::kEn;
  const Report& r = v.report;
  const bool staff = v.audience == Audience::kStaff;
  const bool author = v.audience == Audience::kAuthor;
  const bool hide_location = v.audience == Audience::kPublic && v.sensitive;
  json::object o;
  o["id"] = r.id;
  o["code"] = r.code;
  o["kind"] = kind_name(r.kind);
  json::object category;
  category["code"] = r.category;
  if (auto it = v.names.categories.find(r.category); it != v.names.categories.end())
    category["name"] = en ? it->second.name_en : it->second.name;
  o["category"] = std::move(category);
  o["description"] = r.description;
  o["status"] = state_name(r.state);
  o["overdue"] = r.overdue(now);
  o["created_at"] = format_rfc3339(r.created_at);
  o["updated_at"] = format_rfc3339(r.updated_at);
  o["due_at"] = format_rfc3339(r.due_at);
  o["assigned_at"] = time_or_null(r.assigned_at);
  o["resolved_at"] = time_or_null(r.resolved_at);
  o["closed_at"] = time_or_null(r.closed_at);
  // An anonymous report's place could point at the person who sent it (often their own street):
  // the public sees its ward only.
  const bool ward_only = v.audience == Audience::kPublic && r.anonymous;
  if (hide_location) {
    o["location"] = nullptr;
    o["ward"] = nullptr;
  } else {
    if (ward_only) {
      o["location"] = nullptr;
    } else {
      json::object loc;
      loc["lat"] = r.location.lat ? json::value(*r.location.lat) : json::value(nullptr);
      loc["lon"] = r.location.lon ? json::value(*r.location.lon) : json::value(nullptr);
      loc["address"] = r.location.address ? json::value(*r.location.address) : json::value(nullptr);
      o["location"] = std::move(loc);
    }
    if (r.ward) {
      json::object ward;
      ward["code"] = *r.ward;
      if (auto it = v.names.wards.find(*r.ward); it != v.names.wards.end())
        ward["name"] = en ? it->second.second : it->second.first;
      o["ward"] = std::move(ward);
    } else {
      o["ward"] = nullptr;
    }
  }
  // While received, the unit is only routing's proposal: staff see it, citizens do not.
  if (staff) {
    o["unit"] = unit_json(v, r.unit, en);
    o["unit_proposed"] = r.state == State::kReceived && r.unit.has_value();
  } else {
    o["unit"] = r.state == State::kReceived ? json::value(nullptr) : unit_json(v, r.unit, en);
  }
  if (staff || author) {
    o["public"] = r.is_public;
    o["anonymous"] = r.anonymous;
    o["channel"] = r.channel;
  }
  if (author) o["mine"] = true;
  if (staff) {
    // An anonymous report's author is never named to staff; a phone caller is.
    o["author"] =
        v.author_name ? json::value(json::object{{"name", *v.author_name}}) : json::value(nullptr);
    if (r.channel == "phone" && (r.caller_name || r.caller_phone)) {
      json::object caller;
      caller["name"] = r.caller_name ? json::value(*r.caller_name) : json::value(nullptr);
      caller["phone"] = r.caller_phone ? json::value(*r.caller_phone) : json::value(nullptr);
      o["caller"] = std::move(caller);
    }
  }
  if (r.rating) {
    json::object rating;
    rating["score"] = *r.rating;
    rating["comment"] = r.rating_comment ? json::value(*r.rating_comment) : json::value(nullptr);
    o["rating"] = std::move(rating);
  } else {
    o["rating"] = nullptr;
  }
  // Whole metres: a phone's location is not more precise than that.
  if (v.distance_m && !ward_only)
    o["distance_m"] = static_cast<std::int64_t>(std::lround(*v.distance_m));
  o["merged_into"] = v.merged_into_code ? json::value(*v.merged_into_code) : json::value(nullptr);
  o["reopen_count"] = r.reopen_count;
  o["follower_count"] = r.follower_count;
  if (r.kind == Kind::kIdea) o["support_count"] = r.support_count;
  if (!staff) {
    o["following"] = v.following;
    if (r.kind == Kind::kIdea) o["supported"] = v.supported;
  }
  if (!v.timeline.empty() || !v.photos.empty()) {
    json::array photos;
    for (const auto& p : v.photos) {
      if (!p.timeline_id) photos.push_back(photo_json(p));
    }
    o["photos"] = std::move(photos);
    json::array timeline;
    for (const auto& e : v.timeline) {
      json::object t;
      t["id"] = e.id;
      t["at"] = format_rfc3339(e.at);
      t["action"] = e.action;
      t["status"] = e.to ? json::value(state_name(*e.to)) : json::value(nullptr);
      t["actor"] = actor_json(v, e, en);
      t["message"] = e.body.empty() ? json::value(nullptr) : json::value(e.body);
      if (staff) t["internal"] = !e.is_public;
      json::array proof;
      for (const auto& p : v.photos) {
        if (p.timeline_id == e.id) proof.push_back(photo_json(p));
      }
      if (!proof.empty()) t["photos"] = std::move(proof);
      timeline.push_back(std::move(t));
    }
    o["timeline"] = std::move(timeline);
  }
  return o;
}

json::object to_json(const Page& page, http::Lang lang, Millis now) {
  json::array items;
  for (const auto& v : page.items) items.push_back(to_json(v, lang, now));
  json::object o;
  o["items"] = std::move(items);
  o["next"] =
      page.next_before_id ? json::value(encode_cursor(*page.next_before_id)) : json::value(nullptr);
  return o;
}

// Cursors are opaque to clients: "r" + the id in base 36. Only their shape is checked.
std::string encode_cursor(std::int64_t before_id) {
  static const char kDigits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::string s;
  auto n = static_cast<std::uint64_t>(before_id);
  do {
    s.insert(s.begin(), kDigits[n % 36]);
    n /= 36;
  } while (n > 0);
  return "r" + s;
}

std::optional<std::int64_t> decode_cursor(std::string_view cursor) {
  if (cursor.size() < 2 || cursor.size() > 14 || cursor[0] != 'r') return std::nullopt;
  std::int64_t n = 0;
  for (char c : cursor.substr(1)) {
    int d;
    if (c >= '0' && c <= '9')
      d = c - '0';
    else if (c >= 'a' && c <= 'z')
      d = c - 'a' + 10;
    else
      return std::nullopt;
    n = n * 36 + d;
  }
  if (n <= 0) return std::nullopt;
  return n;
}

}  // namespace cds::reports
