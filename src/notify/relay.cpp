#include "notify/relay.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <map>

#include "common/json_text.hpp"

namespace cds::notify {
namespace {

using boost::json::object;

std::map<std::int64_t, std::vector<Notification>> notifications_in(store::Tx& tx,
                                                                   std::int64_t after,
                                                                   std::int64_t up_to,
                                                                   std::int64_t only_user) {
  std::map<std::int64_t, std::vector<Notification>> out;
  const std::string sql = "SELECT " + std::string(kNotificationColumns) +
                          " FROM notifications n WHERE n.event_id > $1 AND n.event_id <= $2 AND "
                          "($3 = 0 OR n.user_id = $3) ORDER BY n.event_id, n.id";
  for (const auto& r : tx.query(sql, {after, up_to, only_user})) {
    Notification n = notification_from_row(r);
    out[n.event_id].push_back(std::move(n));
  }
  return out;
}

object queue_json(const events::Event& event) {
  boost::system::error_code ec;
  auto payload = boost::json::parse(event.payload, ec);
  object o;
  o["event_id"] = event.id;
  o["type"] = event.type;
  if (event.report_id) o["report_id"] = *event.report_id;
  if (!ec && payload.is_object()) {
    const object& p = payload.as_object();
    for (const char* key : {"code", "status", "unit", "kind"}) {
      if (const auto* v = p.if_contains(key)) o[key] = *v;
    }
  }
  o["internal"] = !event.is_public;
  o["at"] = format_rfc3339(event.at);
  return o;
}

}  // namespace

std::string sse_frame(std::int64_t id, std::string_view name, const boost::json::value& data) {
  std::string out = "id: " + std::to_string(id) + "\nevent: ";
  out += name;
  out += "\ndata: ";
  append_json_text(out, data);  // one line: JSON text has no raw newline
  out += "\n\n";
  return out;
}

events::EventFrames frames_of(const events::Event& event,
                              const std::vector<Notification>& notifications) {
  using events::Target;
  events::EventFrames out;
  out.event_id = event.id;
  auto frame = [&](std::string_view name, const boost::json::value& data) {
    return std::make_shared<const std::string>(sse_frame(event.id, name, data));
  };
  if (event.type == "broadcast") {
    out.deliveries.push_back({Target{}, frame("broadcast", broadcast_json(event))});
    out.count_reach = true;
    return out;
  }
  if (is_alert(event.type)) {
    // The banner to every stream following one of the alert's wards (signed in or not); the
    // inbox rows below to the people told.
    const AlertReach reach = alert_reach(event);
    Target to;
    if (!reach.city) {
      to.kind = Target::Kind::kWards;
      to.wards = reach.wards;
    }
    out.deliveries.push_back({std::move(to), frame("alert", alert_frame_json(event))});
    out.count_reach = true;
  }
  for (const Notification& n : notifications) {
    out.deliveries.push_back({Target{Target::Kind::kUser, n.user_id, std::nullopt},
                              frame("notification", notification_json(n, event))});
  }
  if (event.report_id) {
    object q = queue_json(event);
    // A report still being received is the operators' alone, even with a unit proposed.
    const bool routed = !(q.contains("status") && q["status"] == "received");
    out.deliveries.push_back(
        {Target{Target::Kind::kQueue, 0, routed ? event.unit : std::nullopt}, frame("queue", q)});
  }
  return out;
}

std::int64_t delivered_position(store::Tx& tx) {
  auto row = tx.one("SELECT position FROM delivery_cursors WHERE name = 'notifications'");
  return row ? row->i64(0) : 0;
}

// Adds this node's open streams reached to each broadcast's and alert's figures. Every node's
// relay adds its own.
Status Relay::record_reach(const std::vector<events::Reach>& reached) {
  bool any = std::any_of(reached.begin(), reached.end(),
                         [](const events::Reach& r) { return r.streams > 0; });
  if (!any) return Status::Ok();
  return db_.write([&](store::Tx& tx) {
    for (const auto& r : reached) {
      if (r.streams == 0) continue;
      tx.exec(
          "INSERT INTO push_outcomes (event_id, live) VALUES ($1, $2) ON CONFLICT (event_id) "
          "DO UPDATE SET live = push_outcomes.live + excluded.live",
          {r.event_id, static_cast<std::int64_t>(r.streams)});
    }
    return Status::Ok();
  });
}

Status Relay::start() {
  std::int64_t position = 0;
  Status st = db_.read([&](store::Tx& tx) {
    position = delivered_position(tx);
    return Status::Ok();
  });
  if (st.ok()) hub_.publish(position, {});
  return st;
}

Result<int> Relay::run_once(int limit) {
  const std::int64_t from = hub_.position();
  std::vector<events::EventFrames> frames;
  std::int64_t position = from;
  Status st = db_.read([&](store::Tx& tx) {
    const std::int64_t cursor = delivered_position(tx);
    if (cursor <= from) return Status::Ok();
    auto events = events::read_after(tx, from, limit, cursor);
    position = static_cast<int>(events.size()) == limit ? events.back().id : cursor;
    auto notifications = notifications_in(tx, from, position, 0);
    frames.reserve(events.size());
    for (const auto& e : events) frames.push_back(frames_of(e, notifications[e.id]));
    return Status::Ok();
  });
  if (!st.ok()) return st;
  if (position > from) {
    const std::vector<events::Reach> reached = hub_.publish(position, frames);
    if (Status counted = record_reach(reached); !counted.ok()) return counted;
  }
  return static_cast<int>(frames.size());
}

Result<Relay::Backlog> Relay::backlog(const events::StreamScope& scope, std::int64_t after,
                                      std::int64_t up_to, int limit) const {
  Backlog out;
  if (up_to <= after) return out;
  Status st = db_.read([&](store::Tx& tx) {
    const std::string sql =
        "SELECT id, at, type, report_id, public, payload, unit_code FROM events e WHERE "
        "e.id > $1 AND e.id <= $2 AND (e.type = 'broadcast' OR e.type LIKE 'alert.%' OR ($3 <> 0 "
        "AND e.id IN (SELECT "
        "n.event_id FROM notifications n WHERE n.user_id = $3 AND n.event_id > $1 AND "
        "n.event_id <= $2)) OR ($4 = 1 AND e.report_id IS NOT NULL) OR e.unit_code = $5) "
        "ORDER BY e.id LIMIT $6";
    auto rows = tx.query(sql, {after, up_to, scope.user_id, std::int64_t{scope.all_queues ? 1 : 0},
                               store::opt(scope.unit), std::int64_t{limit + 1}});
    if (static_cast<int>(rows.size()) > limit) {
      out.reset = true;
      return Status::Ok();
    }
    auto notifications = scope.user_id != 0 ? notifications_in(tx, after, up_to, scope.user_id)
                                            : std::map<std::int64_t, std::vector<Notification>>{};
    for (const auto& r : rows) {
      events::Event e{r.i64(0),     r.i64(1), r.str(2),    r.opt_i64(3),
                      r.boolean(4), r.str(5), r.opt_str(6)};
      events::EventFrames f = frames_of(e, notifications[e.id]);
      std::vector<http::Frame> mine;
      for (const auto& d : f.deliveries)
        if (d.target.reaches(scope)) mine.push_back(d.frame);
      for (const auto& m : mine) out.text += *m;
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return out;
}

}  // namespace cds::notify
