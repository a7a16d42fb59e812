#include "notify/notify_api.hpp"

#include <boost/json/array.hpp>

#include <algorithm>

#include "areas/wards.hpp"
#include "common/json_text.hpp"
#include "http/fields.hpp"
#include "http/json.hpp"
#include "http/params.hpp"
#include "http/problem.hpp"
#include "http/stream.hpp"
#include "notify/relay.hpp"
#include "push/web_push.hpp"

namespace cds::notify {
namespace {

namespace json = boost::json;
using auth::Access;
using auth::Principal;
using auth::Role;
using http::Request;
using http::Response;

constexpr int kPageDefault = 20;
constexpr int kPageMax = 100;
constexpr std::size_t kMaxTitle = 120;
constexpr std::size_t kMaxBody = 1000;

// A non-negative integer (Last-Event-ID, a cursor, a limit, a notification id): unlike
// http::parse_positive_id, 0 is read here and each caller decides what it means.
std::optional<std::int64_t> parse_id(std::string_view text) {
  auto v = http::parse_int(text);
  if (!v || *v < 0) return std::nullopt;
  return v;
}

events::StreamScope scope_of(const std::optional<Principal>& who) {
  events::StreamScope scope;
  if (!who) return scope;
  scope.user_id = who->user_id;
  switch (who->role) {
    case Role::kUnitStaff:
      if (!who->unit_code.empty()) scope.unit = who->unit_code;
      break;
    case Role::kOperator:
    case Role::kLeader:
    case Role::kAdmin:
      scope.all_queues = true;
      break;
    default:
      break;
  }
  return scope;
}

Response with_retry_after(Response r, int seconds) {
  r.header("Retry-After", std::to_string(seconds));
  return r;
}

std::int64_t count_unread(store::Tx& tx, std::int64_t user) {
  return tx
      .one("SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL", {user})
      ->i64(0);
}

json::object device_json(const store::Row& r) {
  // The endpoint is a capability (whoever has it can push to the phone): only its host is shown.
  std::string endpoint = r.str(1);
  std::string host = endpoint;
  if (auto scheme = host.find("://"); scheme != std::string::npos) host = host.substr(scheme + 3);
  if (auto slash = host.find('/'); slash != std::string::npos) host.resize(slash);
  json::object o{{"id", r.i64(0)},
                 {"push_service", host},
                 {"user_agent", r.str(2)},
                 {"lang", r.str(3)},
                 {"created_at", format_rfc3339(r.i64(4))}};
  o["last_success_at"] =
      r.is_null(5) ? json::value(nullptr) : json::value(format_rfc3339(r.i64(5)));
  return o;
}

constexpr std::string_view kDeviceColumns =
    "id, endpoint, user_agent, lang, created_at, last_success_at";

// A text in both languages: {"vi": required, "en": optional}.
std::optional<json::object> bilingual(const json::object& body, std::string_view name,
                                      bool required, std::size_t max, http::FieldReader& f) {
  const auto* v = body.if_contains(name);
  if (v == nullptr || v->is_null()) {
    if (required) f.error(name, "field_required");
    return std::nullopt;
  }
  if (!v->is_object()) {
    f.error(name, "field_invalid");
    return std::nullopt;
  }
  json::object out;
  for (const auto& [lang, text] : v->as_object()) {
    const std::string field = std::string(name) + "." + std::string(lang);
    if (lang != "vi" && lang != "en") {
      f.error(field, "field_invalid");
      continue;
    }
    if (auto nfc = http::read_text(text, field, max, f)) out[lang] = *nfc;
  }
  if (required && (!out.contains("vi") || out["vi"].as_string().empty()))
    f.error(std::string(name) + ".vi", "field_required");
  return out;
}

}  // namespace

void NotifyApi::register_routes(http::Router& router) {
  using http::Method;
  auto signed_in = [this](Response (NotifyApi::*h)(Request&, const Principal&)) {
    return gate_.allow(Access::signed_in(),
                       [this, h](Request& r, const Principal& who) { return (this->*h)(r, who); });
  };
  router.add(Method::kGet, "/api/v1/events/stream",
             gate_.allow_optional([this](Request& r, const std::optional<Principal>& who) {
               return stream(r, who);
             }));
  router.add(Method::kGet, "/api/v1/notifications", signed_in(&NotifyApi::list));
  router.add(Method::kGet, "/api/v1/notifications/unread-count",
             signed_in(&NotifyApi::unread_count));
  router.add(Method::kPost, "/api/v1/notifications/read", signed_in(&NotifyApi::mark_read));
  router.add(Method::kGet, "/api/v1/notifications/preferences",
             signed_in(&NotifyApi::get_preferences));
  router.add(Method::kPut, "/api/v1/notifications/preferences",
             signed_in(&NotifyApi::set_preferences));
  router.add(Method::kGet, "/api/v1/push/key",
             gate_.allow_public([this](Request& r) { return push_key(r); }));
  router.add(Method::kGet, "/api/v1/push/subscriptions", signed_in(&NotifyApi::list_devices));
  router.add(Method::kPost, "/api/v1/push/subscriptions", signed_in(&NotifyApi::subscribe));
  router.add(Method::kDelete, "/api/v1/push/subscriptions/{id}",
             signed_in(&NotifyApi::unsubscribe));
  router.add(Method::kPost, "/api/v1/admin/broadcasts",
             gate_.allow(Access::roles({Role::kAdmin}),
                         [this](Request& r, const Principal& who) { return broadcast(r, who); }));
}

// The stream: registered with the hub first (from then on every published event reaches it),
// then what the client missed is read from the log up to the hub's position at registration,
// and sent ahead of the live frames. The last frame of the opening is `ready`, whose id is the
// position: a client that reconnects with it misses nothing and gets nothing twice.
Response NotifyApi::stream(Request& req, const std::optional<Principal>& who) {
  // -1: the client names no position (a first connection): it follows from now.
  std::int64_t last = -1;
  std::string_view header = req.header("last-event-id");
  std::optional<std::string> query = req.query_param("last_event_id");
  if (!header.empty() || (query && !query->empty())) {
    const auto parsed = parse_id(!header.empty() ? header : std::string_view(*query));
    if (!parsed) return http::problem(req, Status::BadRequest("invalid_last_event_id"));
    last = *parsed;
  }
  // An id the log has never reached (a database restored from a backup, a made-up header) would
  // make the hub skip every event up to it: such a client starts again from now, told to reload.
  bool unknown_position = false;
  if (last >= 0) {
    std::int64_t newest = 0;
    Status st = db_.read([&](store::Tx& tx) {
      newest = events::last_id(tx);
      return Status::Ok();
    });
    if (!st.ok()) return http::problem(req, st);
    if (last > newest) {
      unknown_position = true;
      last = -1;
    }
  }
  events::StreamScope scope = scope_of(who);
  // Hot alerts follow the ward an app chose (?ward=, for people not signed in), a citizen's home
  // ward and the place they last shared.
  if (auto ward = req.query_param("ward"); ward && !ward->empty()) {
    if (areas::find_ward(*ward) == nullptr)
      return http::problem(req, Status::Invalid("invalid").field("ward", "unknown_ward"));
    scope.wards.push_back(*ward);
  }
  if (who && who->role == Role::kCitizen) {
    Status st = db_.read([&](store::Tx& tx) {
      if (auto r = tx.one(
              "SELECT home_ward, last_location_ward FROM citizen_profiles WHERE user_id = $1",
              {who->user_id})) {
        for (std::size_t i = 0; i < 2; ++i)
          if (!r->is_null(i)) scope.wards.push_back(r->str(i));
      }
      return Status::Ok();
    });
    if (!st.ok()) return http::problem(req, st);
  }
  auto sink = std::make_shared<http::StreamSink>(limits_.queue_frames, limits_.queue_bytes);
  const events::Hub::Opened opened = hub_.subscribe(sink, scope, std::max<std::int64_t>(last, 0));
  switch (opened.refusal) {
    case events::Hub::Refusal::kUserLimit:
      return with_retry_after(
          http::problem(req, Status(Code::kTooManyRequests, "too_many_streams")), 10);
    case events::Hub::Refusal::kNodeLimit:
      return with_retry_after(http::problem(req, Status::Unavailable("streams_full")), 5);
    case events::Hub::Refusal::kNone:
      break;
  }
  sink->set_on_end([hub = &hub_, id = opened.id] { hub->unsubscribe(id); });

  std::string body = "retry: " + std::to_string(limits_.retry_ms) + "\n\n";
  if (unknown_position) body += "event: reset\ndata: {}\n\n";
  std::int64_t ready = opened.position;
  if (last >= 0 && last < opened.position) {
    auto backlog = delivery_.relay().backlog(scope, last, opened.position);
    if (!backlog.ok()) {
      sink->finish();
      return http::problem(req, backlog.status());
    }
    if (backlog->reset) {
      // Too far behind to replay: the client reloads what it shows, then follows from here.
      body += "event: reset\ndata: {}\n\n";
    } else {
      body += backlog->text;
    }
  } else if (last > opened.position) {
    ready = last;  // this node is behind the one the client came from: the hub skips to it
  }
  body +=
      sse_frame(ready, "ready", json::object{{"position", ready}, {"signed_in", who.has_value()}});
  Response res;
  res.status = 200;
  res.content_type = "text/event-stream; charset=utf-8";
  res.body = std::move(body);
  res.stream = std::move(sink);
  return res;
}

Response NotifyApi::list(Request& req, const Principal& who) {
  std::int64_t before = 0;
  if (auto c = req.query_param("cursor"); c && !c->empty()) {
    auto v = parse_id(*c);
    if (!v) return http::problem(req, Status::Invalid("invalid").field("cursor", "field_invalid"));
    before = *v;
  }
  int limit = kPageDefault;
  if (auto l = req.query_param("limit"); l && !l->empty()) {
    auto v = parse_id(*l);
    if (!v || *v < 1 || *v > kPageMax)
      return http::problem(req, Status::Invalid("invalid").field("limit", "field_invalid"));
    limit = static_cast<int>(*v);
  }
  const auto unread_param = req.query_param("unread");
  const bool unread_only = unread_param && (*unread_param == "true" || *unread_param == "1");
  json::array items;
  std::optional<std::int64_t> next;
  std::int64_t unread = 0;
  Status st = db_.read([&](store::Tx& tx) {
    auto rows = tx.query(
        "SELECT " + std::string(kNotificationColumns) +
            ", e.id, e.at, e.type, e.report_id, e.public, e.payload, e.unit_code "
            "FROM notifications n JOIN events e ON e.id = n.event_id WHERE n.user_id = $1 AND "
            "($2 = 0 OR n.id < $2) AND ($3 = 0 OR n.read_at IS NULL) ORDER BY n.id DESC LIMIT $4",
        {who.user_id, before, std::int64_t{unread_only ? 1 : 0}, std::int64_t{limit + 1}});
    for (std::size_t i = 0; i < rows.size() && static_cast<int>(i) < limit; ++i) {
      const auto& r = rows[i];
      const Notification n = notification_from_row(r);
      const events::Event e{r.i64(7),      r.i64(8),  r.str(9),     r.opt_i64(10),
                            r.boolean(11), r.str(12), r.opt_str(13)};
      items.push_back(notification_json(n, e));
      if (static_cast<int>(i) == limit - 1 && static_cast<int>(rows.size()) > limit) next = n.id;
    }
    unread = count_unread(tx, who.user_id);
    return Status::Ok();
  });
  if (!st.ok()) return http::problem(req, st);
  json::object out{{"items", std::move(items)}, {"unread", unread}};
  out["next_cursor"] = next ? json::value(std::to_string(*next)) : json::value(nullptr);
  return http::json(200, out);
}

Response NotifyApi::unread_count(Request& req, const Principal& who) {
  std::int64_t unread = 0;
  Status st = db_.read([&](store::Tx& tx) {
    unread = count_unread(tx, who.user_id);
    return Status::Ok();
  });
  if (!st.ok()) return http::problem(req, st);
  return http::json(200, json::object{{"unread", unread}});
}

Response NotifyApi::mark_read(Request& req, const Principal& who) {
  auto body = http::read_json_object(req);
  if (!body.ok()) return http::problem(req, body.status());
  http::FieldReader f(*body, {"ids", "all"});
  const bool all = f.boolean("all").value_or(false);
  std::vector<std::int64_t> ids;
  if (const auto* v = body->if_contains("ids"); v != nullptr && !v->is_null()) {
    if (!v->is_array() || v->as_array().size() > 500) {
      f.error("ids", "field_invalid");
    } else {
      for (const auto& id : v->as_array()) {
        if (!id.is_int64() || id.as_int64() <= 0) {
          f.error("ids", "field_invalid");
          break;
        }
        ids.push_back(id.as_int64());
      }
    }
  }
  if (!all && ids.empty() && f.status().ok()) f.error("ids", "field_required");
  if (Status st = f.status(); !st.ok()) return http::problem(req, st);
  const Millis now = clock_.now();
  std::int64_t unread = 0;
  Status st = db_.write([&](store::Tx& tx) {
    if (all) {
      tx.exec("UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL",
              {now, who.user_id});
    } else {
      // Only the caller's own: another person's id changes nothing.
      for (std::int64_t id : ids)
        tx.exec(
            "UPDATE notifications SET read_at = $1 WHERE id = $2 AND user_id = $3 AND "
            "read_at IS NULL",
            {now, id, who.user_id});
    }
    unread = count_unread(tx, who.user_id);
    return Status::Ok();
  });
  if (!st.ok()) return http::problem(req, st);
  return http::json(200, json::object{{"unread", unread}});
}

Response NotifyApi::get_preferences(Request& req, const Principal& who) {
  json::array items;
  Status st = db_.read([&](store::Tx& tx) {
    for (const Preference& p : preferences(tx, who.user_id))
      items.push_back(json::object{{"kind", kind_name(p.kind)},
                                   {"channel", channel_name(p.channel)},
                                   {"enabled", p.enabled}});
    return Status::Ok();
  });
  if (!st.ok()) return http::problem(req, st);
  return http::json(200, json::object{{"items", std::move(items)}});
}

Response NotifyApi::set_preferences(Request& req, const Principal& who) {
  auto body = http::read_json_object(req);
  if (!body.ok()) return http::problem(req, body.status());
  http::FieldReader f(*body, {"items"});
  std::vector<Preference> wanted;
  const auto* items = body->if_contains("items");
  if (items == nullptr || !items->is_array() || items->as_array().size() > 32) {
    f.error("items", items == nullptr ? "field_required" : "field_invalid");
  } else {
    for (const auto& item : items->as_array()) {
      const json::object* o = item.if_object();
      const json::value* k = o ? o->if_contains("kind") : nullptr;
      const json::value* c = o ? o->if_contains("channel") : nullptr;
      const json::value* e = o ? o->if_contains("enabled") : nullptr;
      auto kind = k && k->is_string() ? parse_kind(k->as_string()) : std::nullopt;
      auto channel = c && c->is_string() ? parse_channel(c->as_string()) : std::nullopt;
      if (!kind || !channel || e == nullptr || !e->is_bool()) {
        f.error("items", "field_invalid");
        break;
      }
      wanted.push_back({*kind, *channel, e->as_bool()});
    }
  }
  if (Status st = f.status(); !st.ok()) return http::problem(req, st);
  Status st = db_.write([&](store::Tx& tx) {
    for (const auto& p : wanted) set_preference(tx, who.user_id, p);
    return Status::Ok();
  });
  if (!st.ok()) return http::problem(req, st);
  return get_preferences(req, who);
}

Response NotifyApi::push_key(Request& req) {
  const push::VapidKey* key = delivery_.vapid();
  if (key == nullptr) return http::problem(req, Status::Unavailable("push_unavailable"));
  return http::json(200, json::object{{"public_key", key->public_key()}});
}

Response NotifyApi::list_devices(Request& req, const Principal& who) {
  json::array items;
  Status st = db_.read([&](store::Tx& tx) {
    for (const auto& r : tx.query("SELECT " + std::string(kDeviceColumns) +
                                      " FROM push_subscriptions WHERE user_id = $1 ORDER BY id",
                                  {who.user_id}))
      items.push_back(device_json(r));
    return Status::Ok();
  });
  if (!st.ok()) return http::problem(req, st);
  return http::json(200, json::object{{"items", std::move(items)}});
}

Response NotifyApi::subscribe(Request& req, const Principal& who) {
  if (delivery_.vapid() == nullptr)
    return http::problem(req, Status::Unavailable("push_unavailable"));
  auto body = http::read_json_object(req);
  if (!body.ok()) return http::problem(req, body.status());
  http::FieldReader f(*body, {"endpoint", "keys", "expirationTime"});
  push::Subscription sub;
  sub.endpoint = f.string("endpoint", true).value_or("");
  const auto* keys = body->if_contains("keys");
  if (keys == nullptr || !keys->is_object()) {
    f.error("keys", keys == nullptr ? "field_required" : "field_invalid");
  } else {
    const auto* p = keys->as_object().if_contains("p256dh");
    const auto* a = keys->as_object().if_contains("auth");
    if (p == nullptr || !p->is_string()) f.error("keys.p256dh", "field_required");
    if (a == nullptr || !a->is_string()) f.error("keys.auth", "field_required");
    if (p && p->is_string()) sub.p256dh = std::string(p->as_string());
    if (a && a->is_string()) sub.auth = std::string(a->as_string());
  }
  if (Status st = f.status(); !st.ok()) return http::problem(req, st);
  if (Status st = push::check_subscription(sub, push_allow_http_); !st.ok())
    return http::problem(req, st);
  // A citizen is pushed to only with consent to notifications (Law 91/2025: a purpose of its own).
  if (who.role == Role::kCitizen) {
    if (Status st = citizens_.require_consent(who.user_id, citizens::Purpose::kNotifications);
        !st.ok())
      return http::problem(req, st);
  }
  std::string agent(req.header("user-agent"));
  if (agent.size() > 200) agent.resize(200);
  const std::string lang = req.lang() == http::Lang::kEn ? "en" : "vi";
  const Millis now = clock_.now();
  json::object device;
  bool created = false;
  Status st = db_.write([&](store::Tx& tx) {
    // The same browser subscribing again (or after another person signed in on it) keeps one
    // row, now its current owner's.
    auto existing = tx.one("SELECT id FROM push_subscriptions WHERE endpoint = $1", {sub.endpoint});
    if (existing) {
      tx.exec(
          "UPDATE push_subscriptions SET user_id = $1, p256dh = $2, auth = $3, user_agent = $4, "
          "lang = $5, failures = 0 WHERE id = $6",
          {who.user_id, sub.p256dh, sub.auth, agent, lang, existing->i64(0)});
    } else {
      created = true;
      tx.exec(
          "INSERT INTO push_subscriptions (user_id, endpoint, p256dh, auth, user_agent, lang, "
          "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
          {who.user_id, sub.endpoint, sub.p256dh, sub.auth, agent, lang, now});
    }
    auto row = tx.one(
        "SELECT " + std::string(kDeviceColumns) + " FROM push_subscriptions WHERE endpoint = $1",
        {sub.endpoint});
    device = device_json(*row);
    return Status::Ok();
  });
  if (!st.ok()) return http::problem(req, st);
  return http::json(created ? 201 : 200, device);
}

Response NotifyApi::unsubscribe(Request& req, const Principal& who) {
  auto id = parse_id(req.path_param("id"));
  if (!id) return http::problem(req, Status::NotFound("unknown_device"));
  bool found = false;
  Status st = db_.write([&](store::Tx& tx) {
    found = tx.exec("DELETE FROM push_subscriptions WHERE id = $1 AND user_id = $2",
                    {*id, who.user_id}) > 0;
    return Status::Ok();
  });
  if (!st.ok()) return http::problem(req, st);
  if (!found) return http::problem(req, Status::NotFound("unknown_device"));
  return Response::no_content();
}

Response NotifyApi::broadcast(Request& req, const Principal& who) {
  auto body = http::read_json_object(req);
  if (!body.ok()) return http::problem(req, body.status());
  http::FieldReader f(*body, {"title", "body", "url", "severity"});
  auto title = bilingual(*body, "title", true, kMaxTitle, f);
  auto text = bilingual(*body, "body", false, kMaxBody, f);
  auto url = f.string("url");
  auto severity = f.one_of("severity", {"info", "warning", "danger"});
  if (url && (!url->starts_with("/") || url->starts_with("//") || url->size() > 300))
    f.error("url", "field_invalid");  // a screen of this site, never elsewhere
  if (Status st = f.status(); !st.ok()) return http::problem(req, st);
  json::object payload{{"title", *title}, {"sender_id", who.user_id}};
  if (text && !text->empty()) payload["body"] = *text;
  if (url) payload["url"] = *url;
  payload["severity"] = severity.value_or("info");
  const Millis now = clock_.now();
  auto id = db_.write_value<std::int64_t>([&](store::Tx& tx) -> Result<std::int64_t> {
    return events::append(
        tx, now,
        events::Event{0, now, "broadcast", std::nullopt, true, json_text(payload), std::nullopt});
  });
  if (!id.ok()) return http::problem(req, id.status());
  return http::json(201, json::object{{"event_id", *id}, {"at", format_rfc3339(now)}});
}

json::object export_json(store::Tx& tx, std::int64_t user_id) {
  json::array notifications;
  for (const auto& r :
       tx.query("SELECT " + std::string(kNotificationColumns) +
                    ", e.id, e.at, e.type, e.report_id, e.public, e.payload, e.unit_code "
                    "FROM notifications n JOIN events e ON e.id = n.event_id WHERE n.user_id = $1 "
                    "ORDER BY n.id",
                {user_id})) {
    const events::Event e{r.i64(7),      r.i64(8),  r.str(9),     r.opt_i64(10),
                          r.boolean(11), r.str(12), r.opt_str(13)};
    notifications.push_back(notification_json(notification_from_row(r), e));
  }
  json::array devices;
  for (const auto& r : tx.query("SELECT " + std::string(kDeviceColumns) +
                                    " FROM push_subscriptions WHERE user_id = $1 ORDER BY id",
                                {user_id}))
    devices.push_back(device_json(r));
  json::array prefs;
  for (const Preference& p : preferences(tx, user_id))
    prefs.push_back(json::object{
        {"kind", kind_name(p.kind)}, {"channel", channel_name(p.channel)}, {"enabled", p.enabled}});
  return json::object{{"notifications", std::move(notifications)},
                      {"push_devices", std::move(devices)},
                      {"notification_preferences", std::move(prefs)}};
}

void erase_user(store::Tx& tx, std::int64_t user_id) {
  tx.exec(
      "DELETE FROM push_deliveries WHERE notification_id IN (SELECT id FROM notifications WHERE "
      "user_id = $1) OR subscription_id IN (SELECT id FROM push_subscriptions WHERE user_id = $1)",
      {user_id});
  tx.exec("DELETE FROM push_subscriptions WHERE user_id = $1", {user_id});
  tx.exec("DELETE FROM notifications WHERE user_id = $1", {user_id});
  tx.exec("DELETE FROM notification_preferences WHERE user_id = $1", {user_id});
}

}  // namespace cds::notify
