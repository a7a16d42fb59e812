#include "notify/notifications.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <array>
#include <unordered_set>

namespace cds::notify {
namespace {

using boost::json::object;

constexpr std::array<std::pair<Kind, std::string_view>, 6> kKinds{{
    {Kind::kMyReports, "my_reports"},
    {Kind::kFollowed, "followed"},
    {Kind::kUnitQueue, "unit_queue"},
    {Kind::kBroadcasts, "broadcasts"},
    {Kind::kAlerts, "alerts"},
    {Kind::kDossiers, "dossiers"},
}};

std::string_view step_of(std::string_view type) {
  return type.starts_with("report.") ? type.substr(7) : type;
}

object parse_payload(const events::Event& event) {
  boost::system::error_code ec;
  auto v = boost::json::parse(event.payload, ec);
  if (ec || !v.is_object()) return {};
  return std::move(v.as_object());
}

std::optional<std::int64_t> int_field(const object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || !v->is_int64()) return std::nullopt;
  return v->as_int64();
}
std::string string_field(const object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

struct Texts {
  std::string_view step;
  std::string_view vi;  // "{what} {code}" is put in front
  std::string_view en;
};
// What a step means to the person told, after "Phản ánh PA-2026-000123" / "Report ...".
constexpr std::array<Texts, 8> kCitizenTexts{{
    {"assigned", "đã được chuyển đến đơn vị xử lý", "has been sent to the unit in charge"},
    {"transferred", "đã được chuyển sang đơn vị khác xử lý",
     "has been passed to another unit in charge"},
    {"accepted", "đã được đơn vị tiếp nhận và đang xử lý", "was accepted and is being handled"},
    {"progress", "có cập nhật tiến độ mới", "has a progress update"},
    {"resolved", "đã được giải quyết", "has been resolved"},
    {"rejected", "không được tiếp nhận", "was not accepted"},
    {"merged", "đã được gộp với một phản ánh trùng", "was merged with a duplicate"},
    {"reopened", "đã được mở lại", "has been reopened"},
}};

std::string truncate_utf8(std::string text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
  return text + "…";
}

// The title and body of a notification about `event` in both languages.
void describe(const events::Event& event, Kind kind, object& out) {
  if (is_alert(event.type)) return describe_alert(event, out);
  if (is_dossier(event.type)) return describe_dossier(event, out);
  const object payload = parse_payload(event);
  const std::string code = string_field(payload, "code");
  const bool idea = string_field(payload, "kind") == "idea";
  const std::string_view step = step_of(event.type);
  object title, body;
  if (kind == Kind::kUnitQueue) {
    title["vi"] = "Việc mới cho đơn vị: " + std::string(idea ? "góp ý " : "phản ánh ") + code;
    title["en"] = "New work for your unit: " + std::string(idea ? "idea " : "report ") + code;
  } else {
    const auto it = std::find_if(kCitizenTexts.begin(), kCitizenTexts.end(),
                                 [&](const Texts& t) { return t.step == step; });
    const std::string_view vi = it != kCitizenTexts.end() ? it->vi : "có cập nhật mới";
    const std::string_view en = it != kCitizenTexts.end() ? it->en : "has an update";
    const std::string prefix_vi = kind == Kind::kFollowed ? "bạn theo dõi " : "của bạn ";
    const std::string prefix_en = kind == Kind::kFollowed ? " you follow" : "";
    title["vi"] =
        std::string(idea ? "Góp ý " : "Phản ánh ") + prefix_vi + code + " " + std::string(vi);
    title["en"] =
        std::string(idea ? "Idea " : "Report ") + code + prefix_en + " " + std::string(en);
  }
  if (std::string message = string_field(payload, "message"); !message.empty()) {
    message = truncate_utf8(std::move(message), 280);
    body["vi"] = message;
    body["en"] = message;  // what the unit wrote, in its own words
  }
  out["title"] = std::move(title);
  if (!body.empty()) out["body"] = std::move(body);
}

}  // namespace

std::string_view kind_name(Kind k) {
  for (const auto& [kind, name] : kKinds)
    if (kind == k) return name;
  return "my_reports";
}
std::optional<Kind> parse_kind(std::string_view name) {
  for (const auto& [kind, n] : kKinds)
    if (n == name) return kind;
  return std::nullopt;
}
std::string_view channel_name(Channel c) {
  return c == Channel::kApp ? "app" : "push";
}
std::optional<Channel> parse_channel(std::string_view name) {
  if (name == "app") return Channel::kApp;
  if (name == "push") return Channel::kPush;
  return std::nullopt;
}

bool tells_citizens(std::string_view event_type) {
  const std::string_view step = step_of(event_type);
  return event_type.starts_with("report.") &&
         std::any_of(kCitizenTexts.begin(), kCitizenTexts.end(),
                     [&](const Texts& t) { return t.step == step; });
}

bool tells_unit(std::string_view event_type) {
  return event_type == "report.assigned" || event_type == "report.transferred";
}

std::vector<Recipient> recipients(store::Tx& tx, const events::Event& event) {
  if (is_alert(event.type)) return alert_recipients(tx, event);
  if (is_dossier(event.type)) return dossier_recipients(tx, event);
  std::vector<Recipient> out;
  if (!event.report_id) return out;
  const object payload = parse_payload(event);
  const auto actor = int_field(payload, "actor_id");
  std::unordered_set<std::int64_t> told;
  if (actor) told.insert(*actor);  // nobody is told of their own step
  auto add = [&](std::int64_t user, Kind kind) {
    if (told.insert(user).second) out.push_back({user, kind});
  };
  if (event.is_public && tells_citizens(event.type)) {
    if (const auto author = int_field(payload, "author_id");
        author && enabled(tx, *author, Kind::kMyReports, Channel::kApp)) {
      add(*author, Kind::kMyReports);
    } else if (author) {
      told.insert(*author);
    }
    for (const auto& r :
         tx.query("SELECT f.user_id FROM report_followers f WHERE f.report_id = $1 AND NOT EXISTS ("
                  "SELECT 1 FROM notification_preferences p WHERE p.user_id = f.user_id AND "
                  "p.kind = 'followed' AND p.channel = 'app' AND p.enabled = 0) ORDER BY f.user_id",
                  {*event.report_id}))
      add(r.i64(0), Kind::kFollowed);
  }
  if (tells_unit(event.type) && event.unit) {
    for (const auto& r :
         tx.query("SELECT u.id FROM users u WHERE u.role = 'unit_staff' AND u.unit_code = $1 AND "
                  "u.disabled = 0 AND NOT EXISTS (SELECT 1 FROM notification_preferences p WHERE "
                  "p.user_id = u.id AND p.kind = 'unit_queue' AND p.channel = 'app' AND "
                  "p.enabled = 0) ORDER BY u.id",
                  {*event.unit}))
      add(r.i64(0), Kind::kUnitQueue);
  }
  return out;
}

std::string notification_url(const events::Event& event) {
  const object payload = parse_payload(event);
  if (is_alert(event.type) || is_dossier(event.type)) return string_field(payload, "url");
  if (!event.report_id) return "/app/";
  const auto target = event.type == "report.merged" ? int_field(payload, "merged_into")
                                                    : std::optional(*event.report_id);
  return "/app/reports/" + std::to_string(target.value_or(*event.report_id));
}

object notification_json(const Notification& n, const events::Event& event) {
  const object payload = parse_payload(event);
  object o;
  o["id"] = n.id;
  o["event_id"] = n.event_id;
  o["kind"] = kind_name(n.kind);
  o["type"] = event.type;
  if (n.report_id) o["report_id"] = *n.report_id;
  o["report_code"] = string_field(payload, "code");
  o["status"] = string_field(payload, "status");
  describe(event, n.kind, o);
  std::string url = notification_url(event);
  if (n.kind == Kind::kUnitQueue && n.report_id)
    url = "/staff/reports/" + std::to_string(*n.report_id);
  o["url"] = url;
  o["at"] = format_rfc3339(n.created_at);
  o["read"] = n.read_at.has_value();
  return o;
}

object broadcast_json(const events::Event& event) {
  object payload = parse_payload(event);
  object o;
  o["event_id"] = event.id;
  if (auto* v = payload.if_contains("title")) o["title"] = *v;
  if (auto* v = payload.if_contains("body")) o["body"] = *v;
  if (auto* v = payload.if_contains("severity")) o["severity"] = *v;
  o["url"] = payload.contains("url") ? payload["url"] : boost::json::value("/app/");
  o["at"] = format_rfc3339(event.at);
  return o;
}

Notification notification_from_row(const store::Row& r, std::size_t c) {
  Notification n;
  n.id = r.i64(c);
  n.user_id = r.i64(c + 1);
  n.event_id = r.i64(c + 2);
  n.kind = parse_kind(r.str(c + 3)).value_or(Kind::kMyReports);
  n.report_id = r.opt_i64(c + 4);
  n.created_at = r.i64(c + 5);
  n.read_at = r.opt_i64(c + 6);
  return n;
}

bool enabled(store::Tx& tx, std::int64_t user, Kind kind, Channel channel) {
  auto row = tx.one(
      "SELECT enabled FROM notification_preferences WHERE user_id = $1 AND kind = $2 AND "
      "channel = $3",
      {user, std::string(kind_name(kind)), std::string(channel_name(channel))});
  return !row || row->boolean(0);
}

std::vector<Preference> preferences(store::Tx& tx, std::int64_t user) {
  std::vector<Preference> out;
  for (const auto& [kind, name] : kKinds) {
    for (Channel channel : {Channel::kApp, Channel::kPush}) out.push_back({kind, channel, true});
  }
  for (const auto& r :
       tx.query("SELECT kind, channel, enabled FROM notification_preferences WHERE user_id = $1",
                {user})) {
    const auto kind = parse_kind(r.str(0));
    const auto channel = parse_channel(r.str(1));
    if (!kind || !channel) continue;
    for (auto& p : out)
      if (p.kind == *kind && p.channel == *channel) p.enabled = r.boolean(2);
  }
  return out;
}

void set_preference(store::Tx& tx, std::int64_t user, const Preference& p) {
  tx.exec(
      "INSERT INTO notification_preferences (user_id, kind, channel, enabled) VALUES ($1, $2, "
      "$3, $4) ON CONFLICT (user_id, kind, channel) DO UPDATE SET enabled = excluded.enabled",
      {user, std::string(kind_name(p.kind)), std::string(channel_name(p.channel)),
       std::int64_t{p.enabled ? 1 : 0}});
}

}  // namespace cds::notify
