#include "alerts/alert_json.hpp"

#include <boost/json/array.hpp>

#include <algorithm>

#include "areas/wards.hpp"
#include "http/fields.hpp"

namespace cds::alerts {
namespace {

namespace json = boost::json;

struct TextLimit {
  std::string_view name;
  std::size_t max;
  bool required;
};
constexpr TextLimit kTextLimits[] = {{"event", 100, true},
                                     {"headline", 160, true},
                                     {"description", 3000, false},
                                     {"instruction", 1500, false},
                                     {"area_desc", 500, false}};
constexpr std::size_t kMaxNote = 500;
constexpr std::size_t kMaxPolygonPoints = 200;
constexpr double kMaxRadiusKm = 60;  // wider than the city

template <std::size_t N>
std::optional<std::string> one_of(http::FieldReader& f, std::string_view name,
                                  const std::array<std::string_view, N>& values, bool required) {
  const auto v = f.string(name, required);
  if (!v) return std::nullopt;
  if (std::find(values.begin(), values.end(), *v) == values.end()) {
    f.error(name, "field_invalid");
    return std::nullopt;
  }
  return v;
}

void read_info(const json::object& body, Alert& a, http::FieldReader& f) {
  const auto* info = body.if_contains("info");
  if (info == nullptr || !info->is_object()) {
    f.error("info", info == nullptr ? "field_required" : "field_invalid");
    return;
  }
  for (const auto& [key, value] : info->as_object()) {
    if (key != "vi" && key != "en") f.error("info." + std::string(key), "field_unknown");
  }
  for (const Language& lang : kLanguages) {
    const std::string base = "info." + std::string(lang.app);
    const auto* t = info->as_object().if_contains(lang.app);
    if (t == nullptr || !t->is_object()) {
      f.error(base, t == nullptr ? "field_required" : "field_invalid");
      continue;
    }
    InfoText& out = lang.app == "en" ? a.en : a.vi;
    std::string* slots[] = {&out.event, &out.headline, &out.description, &out.instruction,
                            &out.area_desc};
    for (const auto& member : t->as_object()) {
      const std::string_view key = member.key();
      if (std::none_of(std::begin(kTextLimits), std::end(kTextLimits),
                       [&](const TextLimit& l) { return l.name == key; }))
        f.error(base + "." + std::string(key), "field_unknown");
    }
    for (std::size_t i = 0; i < std::size(kTextLimits); ++i) {
      const TextLimit& limit = kTextLimits[i];
      const std::string field = base + "." + std::string(limit.name);
      const auto* v = t->as_object().if_contains(limit.name);
      if (v != nullptr && !v->is_null()) {
        if (auto text = http::read_text(*v, field, limit.max, f)) *slots[i] = std::move(*text);
      }
      if (limit.required && slots[i]->empty() && (v == nullptr || v->is_null() || v->is_string()))
        f.error(field, "field_required");
    }
  }
}

std::optional<double> coordinate(const json::value& v) {
  if (v.is_double()) return v.as_double();
  if (v.is_int64()) return static_cast<double>(v.as_int64());
  return std::nullopt;
}

void read_area(const json::object& body, Alert& a, http::FieldReader& f) {
  const auto* area = body.if_contains("area");
  if (area == nullptr || !area->is_object()) {
    f.error("area", area == nullptr ? "field_required" : "field_invalid");
    return;
  }
  const json::object& o = area->as_object();
  const auto bounds = areas::city_bounds();
  for (const auto& [key, value] : o) {
    if (key != "city" && key != "wards" && key != "polygon" && key != "circle")
      f.error("area." + std::string(key), "field_unknown");
  }
  if (const auto* city = o.if_contains("city"); city != nullptr && !city->is_null()) {
    if (!city->is_bool())
      f.error("area.city", "field_invalid");
    else
      a.area.city = city->as_bool();
  }
  if (const auto* wards = o.if_contains("wards"); wards != nullptr && !wards->is_null()) {
    if (!wards->is_array() || wards->as_array().size() > areas::city_wards().size()) {
      f.error("area.wards", "field_invalid");
    } else {
      for (const auto& w : wards->as_array()) {
        if (!w.is_string() || areas::find_ward(w.as_string()) == nullptr) {
          f.error("area.wards", "unknown_ward");
          break;
        }
        a.area.wards.emplace_back(w.as_string());
      }
      std::sort(a.area.wards.begin(), a.area.wards.end());
      a.area.wards.erase(std::unique(a.area.wards.begin(), a.area.wards.end()), a.area.wards.end());
    }
  }
  if (const auto* poly = o.if_contains("polygon"); poly != nullptr && !poly->is_null()) {
    bool ok = poly->is_array() && poly->as_array().size() <= kMaxPolygonPoints;
    if (ok) {
      for (const auto& p : poly->as_array()) {
        if (!p.is_array() || p.as_array().size() != 2) {
          ok = false;
          break;
        }
        auto lat = coordinate(p.as_array()[0]);
        auto lon = coordinate(p.as_array()[1]);
        if (!lat || !lon || !bounds.contains(*lat, *lon)) {
          ok = false;
          break;
        }
        a.area.polygon.push_back({*lat, *lon});
      }
    }
    // CAP's polygon is closed: the first point again at the end.
    if (ok && !a.area.polygon.empty() && a.area.polygon.front() != a.area.polygon.back())
      a.area.polygon.push_back(a.area.polygon.front());
    std::vector<std::array<double, 2>> corners(
        a.area.polygon.begin(), a.area.polygon.end() - (ok && !a.area.polygon.empty()));
    std::sort(corners.begin(), corners.end());
    const auto distinct = std::unique(corners.begin(), corners.end()) - corners.begin();
    if (!ok || a.area.polygon.size() < 4 || distinct < 3) {
      f.error("area.polygon", "alert_polygon_invalid");
      a.area.polygon.clear();
    }
  }
  if (const auto* circle = o.if_contains("circle"); circle != nullptr && !circle->is_null()) {
    std::optional<double> lat, lon, radius;
    if (circle->is_object()) {
      const json::object& c = circle->as_object();
      if (const auto* v = c.if_contains("lat")) lat = coordinate(*v);
      if (const auto* v = c.if_contains("lon")) lon = coordinate(*v);
      if (const auto* v = c.if_contains("radius_km")) radius = coordinate(*v);
    }
    if (lat && lon && radius && bounds.contains(*lat, *lon) && *radius > 0 &&
        *radius <= kMaxRadiusKm) {
      a.area.circle = Circle{*lat, *lon, *radius};
    } else {
      f.error("area.circle", "alert_circle_invalid");
    }
  }
}

std::optional<Millis> time_field(http::FieldReader& f, std::string_view name, bool required) {
  auto text = f.string(name, required);
  if (!text) return std::nullopt;
  auto t = parse_rfc3339(*text);
  if (!t) f.error(name, "field_invalid");
  return t;
}

json::value time_or_null(const std::optional<Millis>& t) {
  return t ? json::value(format_rfc3339(*t)) : json::value(nullptr);
}

}  // namespace

Result<Alert> parse_content(const json::object& body) {
  http::FieldReader f(body, {"status", "category", "urgency", "severity", "certainty", "info",
                             "onset", "expires", "area", "references", "note"});
  Alert a;
  a.status = one_of(f, "status", kStatuses, false).value_or("Actual");
  a.category = one_of(f, "category", kCategories, true).value_or("");
  a.urgency = one_of(f, "urgency", kUrgencies, true).value_or("");
  a.severity = one_of(f, "severity", kSeverities, true).value_or("");
  a.certainty = one_of(f, "certainty", kCertainties, true).value_or("");
  a.onset = time_field(f, "onset", false);
  a.expires = time_field(f, "expires", true).value_or(0);
  if (auto ref = f.integer("references")) a.references = *ref;
  if (const auto* note = body.if_contains("note"); note != nullptr && !note->is_null()) {
    if (auto text = http::read_text(*note, "note", kMaxNote, f)) a.note = std::move(*text);
  }
  read_info(body, a, f);
  read_area(body, a, f);
  if (Status st = f.status(); !st.ok()) return st;
  return a;
}

json::object alert_json(const Alert& a, Millis now) {
  json::object info;
  for (const Language& lang : kLanguages) {
    const InfoText& t = a.text(lang.app);
    info[lang.app] = json::object{{"event", t.event},
                                  {"headline", t.headline},
                                  {"description", t.description},
                                  {"instruction", t.instruction},
                                  {"area_desc", t.area_desc}};
  }
  json::array chosen, targeted, polygon;
  for (const auto& w : a.area.wards) chosen.emplace_back(w);
  for (const auto& w : a.targeted_wards) targeted.emplace_back(w);
  for (const auto& p : a.area.polygon) polygon.push_back(json::array{p[0], p[1]});
  json::object area{{"city", a.area.city}, {"wards", std::move(chosen)}};
  area["polygon"] = a.area.polygon.empty() ? json::value(nullptr) : json::value(std::move(polygon));
  area["circle"] = a.area.circle
                       ? json::value(json::object{{"lat", a.area.circle->lat},
                                                  {"lon", a.area.circle->lon},
                                                  {"radius_km", a.area.circle->radius_km}})
                       : json::value(nullptr);
  json::object o{{"id", a.id},
                 {"identifier", cap_identifier(a.id)},
                 {"msg_type", a.msg_type},
                 {"status", a.status},
                 {"state", a.state},
                 {"active", a.active(now)},
                 {"cancelled", a.cancelled_by.has_value()},
                 {"category", a.category},
                 {"urgency", a.urgency},
                 {"severity", a.severity},
                 {"certainty", a.certainty},
                 {"info", std::move(info)},
                 {"note", a.note},
                 {"area", std::move(area)},
                 {"targeted_wards", std::move(targeted)},
                 {"url", "/app/alerts/" + std::to_string(a.id)},
                 {"cap_url", "/alerts/" + std::to_string(a.id) + ".cap"}};
  o["references"] = a.references ? json::value(*a.references) : json::value(nullptr);
  o["superseded_by"] = a.superseded_by ? json::value(*a.superseded_by) : json::value(nullptr);
  o["onset"] = time_or_null(a.onset);
  o["effective"] = time_or_null(a.sent_at);
  o["expires"] = format_rfc3339(a.expires);
  o["sent_at"] = time_or_null(a.sent_at);
  return o;
}

}  // namespace cds::alerts
