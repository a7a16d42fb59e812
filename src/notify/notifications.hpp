// The inbox: who is told about which event, what they read, and how they want to be told.
// Notifications are made from the event log by the outbox worker (notify/outbox.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "common/clock.hpp"
#include "common/status.hpp"
#include "events/event_log.hpp"
#include "store/database.hpp"

namespace cds::notify {

// Why someone is told: their own report, one they follow, work for their unit, a hot alert for
// their ward, a step of their administrative dossier. Broadcasts reach everyone and make no inbox
// rows.
enum class Kind { kMyReports, kFollowed, kUnitQueue, kBroadcasts, kAlerts, kDossiers };
std::string_view kind_name(Kind k);
std::optional<Kind> parse_kind(std::string_view name);

// How: in the app (inbox and live stream) or by web push to a closed app.
enum class Channel { kApp, kPush };
std::string_view channel_name(Channel c);
std::optional<Channel> parse_channel(std::string_view name);

struct Notification {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::int64_t event_id = 0;
  Kind kind = Kind::kMyReports;
  std::optional<std::int64_t> report_id;
  Millis created_at = 0;
  std::optional<Millis> read_at;
};

// The steps of a report that tell its author and followers (internal notes tell no citizen).
bool tells_citizens(std::string_view event_type);
// The steps that put work in a unit's queue and tell its staff.
bool tells_unit(std::string_view event_type);

// Who is told of `event` and why, by the rules of docs/REALTIME.md: the author and the followers
// of a public step (never the person who took it), the unit's staff when work reaches their
// queue. Preferences are applied (a channel turned off for a kind: not told in the app).
struct Recipient {
  std::int64_t user_id;
  Kind kind;
};
std::vector<Recipient> recipients(store::Tx& tx, const events::Event& event);

// The JSON every channel shows (inbox, stream, push): {id, event_id, kind, type, report_id,
// report_code, status, title:{vi,en}, body:{vi,en}, url, at, read}. Carries no personal data.
boost::json::object notification_json(const Notification& n, const events::Event& event);
// A broadcast's JSON for streams and push: {event_id, title, body, url, at}.
boost::json::object broadcast_json(const events::Event& event);
// The app's screen for a notification ("/app/reports/12").
std::string notification_url(const events::Event& event);

// --- Hot alerts (alerts/ appends them; docs/ALERTS.md) ---
// "alert.sent", "alert.updated", "alert.cancelled".
bool is_alert(std::string_view event_type);
// The wards an alert event is for; `city` true when it is for the whole city.
struct AlertReach {
  bool city = false;
  std::vector<std::string> wards;
};
AlertReach alert_reach(const events::Event& event);
// Citizens whose home ward or last shared location is in the alert's area, unless they turned
// alerts off in the app.
std::vector<Recipient> alert_recipients(store::Tx& tx, const events::Event& event);
// The alert as streams show it: {event_id, alert:{id, msg_type, status, severity, urgency,
// category, event, headline, instruction, expires, references, city, targeted_wards, url}}.
boost::json::object alert_frame_json(const events::Event& event);
// The inbox's title and body of an alert event.
void describe_alert(const events::Event& event, boost::json::object& out);

// --- Dossiers (dossiers/ appends them; docs/DOSSIERS.md; notify/dossier_notices.cpp) ---
// "dossier.status".
bool is_dossier(std::string_view event_type);
// The citizens the dossier's event names (linked by their e-ID), unless they turned dossier
// notifications off in the app.
std::vector<Recipient> dossier_recipients(store::Tx& tx, const events::Event& event);
// The inbox's title and body of a dossier event, and its dossier_code.
void describe_dossier(const events::Event& event, boost::json::object& out);

// How one broadcast or alert event reached people: inbox rows made, open streams reached,
// pushes accepted by a push service.
struct DeliveryFigures {
  std::int64_t told = 0;
  std::int64_t live = 0;
  std::int64_t pushed = 0;
};
DeliveryFigures delivery_figures(store::Tx& tx, std::int64_t event_id);

// --- Inbox storage ---
Notification notification_from_row(const store::Row& row, std::size_t first_column = 0);
inline constexpr std::string_view kNotificationColumns =
    "n.id, n.user_id, n.event_id, n.kind, n.report_id, n.created_at, n.read_at";

// Whether `user` takes `kind` on `channel` (on unless turned off).
bool enabled(store::Tx& tx, std::int64_t user, Kind kind, Channel channel);
struct Preference {
  Kind kind;
  Channel channel;
  bool enabled;
};
std::vector<Preference> preferences(store::Tx& tx, std::int64_t user);
void set_preference(store::Tx& tx, std::int64_t user, const Preference& p);

}  // namespace cds::notify
