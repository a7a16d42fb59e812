#include "notify/outbox.hpp"

#include "events/event_log.hpp"
#include "notify/notifications.hpp"

namespace cds::notify {
namespace {

// Pushes for the person's browsers, unless they turned push off for this kind.
void queue_pushes(store::Tx& tx, std::int64_t user, Kind kind, std::int64_t event_id,
                  std::int64_t notification_id, Millis now) {
  if (!enabled(tx, user, kind, Channel::kPush)) return;
  tx.exec(
      "INSERT INTO push_deliveries (subscription_id, event_id, notification_id, created_at, "
      "next_at) SELECT s.id, $1, $2, $3, $3 FROM push_subscriptions s WHERE s.user_id = $4 "
      "ON CONFLICT (subscription_id, event_id) DO NOTHING",
      {event_id, notification_id, now, user});
}

// A broadcast goes to every browser whose owner has not turned broadcast pushes off.
void queue_broadcast_pushes(store::Tx& tx, std::int64_t event_id, Millis now) {
  tx.exec(
      "INSERT INTO push_deliveries (subscription_id, event_id, created_at, next_at) "
      "SELECT s.id, $1, $2, $2 FROM push_subscriptions s WHERE NOT EXISTS (SELECT 1 FROM "
      "notification_preferences p WHERE p.user_id = s.user_id AND p.kind = 'broadcasts' AND "
      "p.channel = 'push' AND p.enabled = 0) ON CONFLICT (subscription_id, event_id) DO NOTHING",
      {event_id, now});
  tx.exec("INSERT INTO push_outcomes (event_id) VALUES ($1) ON CONFLICT (event_id) DO NOTHING",
          {event_id});
}

}  // namespace

Result<int> Outbox::run_batch(int limit) {
  // Looks first, in a read: a write that finds nothing would still commit, and every commit wakes
  // the workers (this one included) again.
  bool waiting = false;
  Status looked = db_.read([&](store::Tx& tx) {
    auto row = tx.one(
        "SELECT 1 FROM events WHERE id > (SELECT position FROM delivery_cursors WHERE name = "
        "'notifications') LIMIT 1");
    waiting = row.has_value();
    return Status::Ok();
  });
  if (!looked.ok()) return looked;
  if (!waiting) return 0;
  return db_.write_value<int>([&](store::Tx& tx) -> Result<int> {
    // Locks the cursor row until commit: another node's worker waits here, then reads the new
    // position.
    auto cursor = tx.one(
        "UPDATE delivery_cursors SET position = position WHERE name = 'notifications' "
        "RETURNING position");
    if (!cursor) return Status::Internal("delivery_cursors has no 'notifications' row");
    const auto events = events::read_after(tx, cursor->i64(0), limit);
    if (events.empty()) return 0;
    const Millis now = clock_.now();
    for (const auto& event : events) {
      if (event.type == "broadcast") {
        queue_broadcast_pushes(tx, event.id, now);
        continue;
      }
      if (is_alert(event.type))  // figures per alert (alerts/): a row to count its pushes in
        tx.exec(
            "INSERT INTO push_outcomes (event_id) VALUES ($1) ON CONFLICT (event_id) DO NOTHING",
            {event.id});
      for (const Recipient& r : recipients(tx, event)) {
        auto row = tx.one(
            "INSERT INTO notifications (user_id, event_id, kind, report_id, created_at) "
            "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (user_id, event_id) DO NOTHING RETURNING id",
            {r.user_id, event.id, std::string(kind_name(r.kind)), store::opt(event.report_id),
             now});
        if (row) queue_pushes(tx, r.user_id, r.kind, event.id, row->i64(0), now);
      }
    }
    tx.exec("UPDATE delivery_cursors SET position = $1 WHERE name = 'notifications'",
            {events.back().id});
    if (tx.engine() == store::Engine::kPostgres) {
      // Wakes every node's relay once this commits.
      tx.query("SELECT pg_notify($1, '')", {std::string(events::kLogChannel)});
    }
    return static_cast<int>(events.size());
  });
}

}  // namespace cds::notify
