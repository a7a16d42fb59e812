// Hot alerts in the delivery path: who is told of an alert event, what the inbox and the
// streams show of it, and how far it reached (alerts/ writes the events; docs/ALERTS.md).
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

#include "notify/notifications.hpp"

namespace cds::notify {
namespace {

using boost::json::object;

object payload_of(const events::Event& event) {
  boost::system::error_code ec;
  auto v = boost::json::parse(event.payload, ec);
  if (ec || !v.is_object()) return {};
  return std::move(v.as_object());
}

std::string text_in(const object& o, std::string_view key, std::string_view lang) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || !v->is_object()) return {};
  const auto* t = v->as_object().if_contains(lang);
  return t != nullptr && t->is_string() ? std::string(t->as_string()) : std::string();
}

}  // namespace

bool is_alert(std::string_view event_type) {
  return event_type.starts_with("alert.");
}

AlertReach alert_reach(const events::Event& event) {
  AlertReach out;
  const object p = payload_of(event);
  if (const auto* c = p.if_contains("city"); c != nullptr && c->is_bool()) out.city = c->as_bool();
  if (const auto* w = p.if_contains("wards"); w != nullptr && w->is_array())
    for (const auto& code : w->as_array())
      if (code.is_string()) out.wards.emplace_back(code.as_string());
  return out;
}

std::vector<Recipient> alert_recipients(store::Tx& tx, const events::Event& event) {
  std::vector<Recipient> out;
  const AlertReach reach = alert_reach(event);
  if (!reach.city && reach.wards.empty()) return out;
  std::string sql =
      "SELECT u.id FROM users u JOIN citizen_profiles p ON p.user_id = u.id WHERE "
      "u.role = 'citizen' AND u.disabled = 0 AND NOT EXISTS (SELECT 1 FROM "
      "notification_preferences n WHERE n.user_id = u.id AND n.kind = 'alerts' AND "
      "n.channel = 'app' AND n.enabled = 0)";
  std::vector<store::Value> params;
  if (!reach.city) {
    std::string in;
    for (const auto& w : reach.wards) {
      params.emplace_back(w);
      if (!in.empty()) in += ", ";
      in += "$" + std::to_string(params.size());
    }
    sql += " AND (p.home_ward IN (" + in + ") OR p.last_location_ward IN (" + in + "))";
  }
  sql += " ORDER BY u.id";
  for (const auto& r : tx.query(sql, params)) out.push_back({r.i64(0), Kind::kAlerts});
  return out;
}

object alert_frame_json(const events::Event& event) {
  const object p = payload_of(event);
  object alert;
  const auto* id = p.if_contains("alert_id");
  alert["id"] = id != nullptr ? *id : boost::json::value(nullptr);
  for (const char* key : {"msg_type", "status", "severity", "urgency", "category", "event",
                          "headline", "instruction", "expires", "references", "city", "url"}) {
    if (const auto* v = p.if_contains(key)) alert[key] = *v;
  }
  alert["targeted_wards"] = p.contains("wards") ? p.at("wards") : boost::json::array();
  return object{{"event_id", event.id}, {"alert", std::move(alert)}};
}

void describe_alert(const events::Event& event, object& out) {
  const object p = payload_of(event);
  const auto* type = p.if_contains("msg_type");
  const std::string msg =
      type != nullptr && type->is_string() ? std::string(type->as_string()) : "Alert";
  object title, body;
  for (const std::string_view lang : {"vi", "en"}) {
    std::string prefix;
    if (msg == "Update") prefix = lang == "vi" ? "Cập nhật cảnh báo: " : "Alert updated: ";
    if (msg == "Cancel") prefix = lang == "vi" ? "Đã hủy cảnh báo: " : "Alert cancelled: ";
    if (msg == "Alert") prefix = lang == "vi" ? "Cảnh báo: " : "Alert: ";
    title[lang] = prefix + text_in(p, "headline", lang);
    if (msg != "Cancel") {
      if (std::string what = text_in(p, "instruction", lang); !what.empty()) body[lang] = what;
    }
  }
  out["title"] = std::move(title);
  if (!body.empty()) out["body"] = std::move(body);
  if (const auto* v = p.if_contains("alert_id")) out["alert_id"] = *v;
  if (const auto* v = p.if_contains("severity")) out["severity"] = *v;
}

DeliveryFigures delivery_figures(store::Tx& tx, std::int64_t event_id) {
  DeliveryFigures f;
  f.told = tx.one("SELECT COUNT(*) FROM notifications WHERE event_id = $1", {event_id})->i64(0);
  if (auto r = tx.one("SELECT live, accepted FROM push_outcomes WHERE event_id = $1", {event_id})) {
    f.live = r->i64(0);
    f.pushed = r->i64(1);
  }
  return f;
}

}  // namespace cds::notify
