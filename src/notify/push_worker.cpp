#include "notify/push_worker.hpp"

#include <algorithm>
#include <vector>

#include "common/json_text.hpp"
#include "events/event_log.hpp"
#include "notify/notifications.hpp"

namespace cds::notify {
namespace {

using boost::json::object;

constexpr Millis kLease = 60'000;  // longer than a send may take (its timeout is 10 s)
constexpr int kMaxAttempts = 8;
constexpr int kReportTtlSeconds = 24 * 3600;
constexpr int kBroadcastTtlSeconds = 6 * 3600;

struct Claimed {
  std::int64_t id;
  std::int64_t subscription_id;
  std::int64_t event_id;
  std::optional<std::int64_t> notification_id;
  int attempts;
  Millis created_at;
};

struct Job {
  Claimed claim;
  push::Subscription to;
  std::string lang;
  push::PushMessage message;
};

std::string pick(const boost::json::value* v, const std::string& lang) {
  if (v == nullptr || !v->is_object()) return {};
  const object& o = v->as_object();
  for (const std::string& l : {lang, std::string("vi"), std::string("en")}) {
    if (const auto* t = o.if_contains(l); t != nullptr && t->is_string())
      return std::string(t->as_string());
  }
  return {};
}

// The text the service worker shows: {title, body, url, tag, event_id} in the device's language.
push::PushMessage message_for(const events::Event& event, const std::optional<Notification>& n,
                              const std::string& lang) {
  push::PushMessage m;
  object full = n ? notification_json(*n, event) : broadcast_json(event);
  object shown;
  shown["title"] = pick(full.if_contains("title"), lang);
  shown["body"] = pick(full.if_contains("body"), lang);
  shown["url"] = full["url"];
  shown["event_id"] = event.id;
  if (n && n->kind == Kind::kAlerts) {
    // A hot alert wakes the phone like a broadcast, and a newer message about it replaces it.
    shown["notification_id"] = n->id;
    shown["kind"] = kind_name(n->kind);
    const std::string topic = "alert-" + json_text(full["alert_id"]);
    shown["tag"] = topic;
    m.topic = topic;
    if (auto* s = full.if_contains("severity")) shown["severity"] = *s;
    m.urgency = "high";
    m.ttl_seconds = kBroadcastTtlSeconds;
  } else if (n) {
    shown["notification_id"] = n->id;
    shown["kind"] = kind_name(n->kind);
    if (event.report_id) {
      shown["tag"] = "report-" + std::to_string(*event.report_id);
      m.topic = "report-" + std::to_string(*event.report_id);
    }
    m.ttl_seconds = kReportTtlSeconds;
  } else {
    shown["kind"] = "broadcast";
    shown["tag"] = "broadcast-" + std::to_string(event.id);
    if (auto* s = full.if_contains("severity")) shown["severity"] = *s;
    m.urgency = "high";
    m.ttl_seconds = kBroadcastTtlSeconds;
  }
  m.payload = json_text(shown);
  return m;
}

}  // namespace

Millis push_backoff(int attempts, std::uint64_t jitter_seed) {
  const Millis base = std::min<Millis>(Millis{1000} << std::min(attempts, 12), 3'600'000);
  return base + static_cast<Millis>(jitter_seed % static_cast<std::uint64_t>(base / 4 + 1));
}

std::optional<Millis> PushWorker::next_due() {
  std::optional<Millis> due;
  db_.read([&](store::Tx& tx) {
    auto row = tx.one(
        "SELECT MIN(CASE WHEN lease_until > next_at THEN lease_until ELSE next_at END) "
        "FROM push_deliveries");
    if (row && !row->is_null(0)) due = row->i64(0);
    return Status::Ok();
  });
  return due;
}

Result<int> PushWorker::run_once(int limit) {
  const Millis now = clock_.now();
  // Claiming is a write, and every commit wakes the workers: claim only when something is due.
  if (auto due = next_due(); !due || *due > now) return 0;
  std::vector<Job> jobs;
  Status st = db_.write([&](store::Tx& tx) {
    jobs.clear();
    auto rows = tx.query(
        "UPDATE push_deliveries SET lease_until = $1, attempts = attempts + 1 WHERE id IN ("
        "SELECT id FROM push_deliveries WHERE next_at <= $2 AND lease_until <= $2 "
        "ORDER BY next_at, id LIMIT $3) AND lease_until <= $2 "
        "RETURNING id, subscription_id, event_id, notification_id, attempts, created_at",
        {now + kLease, now, std::int64_t{limit}});
    for (const auto& r : rows) {
      Job job;
      job.claim = {r.i64(0), r.i64(1), r.i64(2), r.opt_i64(3), static_cast<int>(r.i64(4)),
                   r.i64(5)};
      auto sub = tx.one("SELECT endpoint, p256dh, auth, lang FROM push_subscriptions WHERE id = $1",
                        {job.claim.subscription_id});
      auto ev = events::read_after(tx, job.claim.event_id - 1, 1, job.claim.event_id);
      if (!sub || ev.empty()) continue;
      job.to = {sub->str(0), sub->str(1), sub->str(2)};
      job.lang = sub->str(3);
      std::optional<Notification> n;
      if (job.claim.notification_id) {
        auto nr = tx.one(
            "SELECT " + std::string(kNotificationColumns) + " FROM notifications n WHERE n.id = $1",
            {*job.claim.notification_id});
        if (!nr) continue;
        n = notification_from_row(*nr);
      }
      job.message = message_for(ev.front(), n, job.lang);
      jobs.push_back(std::move(job));
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;

  for (Job& job : jobs) {
    const push::SendResult result =
        push::send(key_, subject_, job.to, job.message, clock_.now(), options_);
    const Millis done = clock_.now();
    const Claimed& c = job.claim;
    using Outcome = push::SendResult::Outcome;
    Status recorded = db_.write([&](store::Tx& tx) {
      // Broadcasts and alerts keep figures (their push_outcomes row); other events have none.
      auto count = [&](const char* column) {
        tx.exec("UPDATE push_outcomes SET " + std::string(column) + " = " + column +
                    " + 1 WHERE event_id = $1",
                {c.event_id});
      };
      switch (result.outcome) {
        case Outcome::kAccepted:
          tx.exec("DELETE FROM push_deliveries WHERE id = $1", {c.id});
          tx.exec("UPDATE push_subscriptions SET last_success_at = $1, failures = 0 WHERE id = $2",
                  {done, c.subscription_id});
          count("accepted");
          break;
        case Outcome::kGone:
          tx.exec("DELETE FROM push_deliveries WHERE subscription_id = $1", {c.subscription_id});
          tx.exec("DELETE FROM push_subscriptions WHERE id = $1", {c.subscription_id});
          count("gone");
          break;
        case Outcome::kRetry: {
          const Millis ttl = Millis{job.message.ttl_seconds} * 1000;
          const Millis wait =
              std::max<Millis>(push_backoff(c.attempts, static_cast<std::uint64_t>(c.id * 7919)),
                               Millis{result.retry_after.count()} * 1000);
          if (c.attempts >= kMaxAttempts || done + wait > c.created_at + ttl) {
            tx.exec("DELETE FROM push_deliveries WHERE id = $1", {c.id});
            tx.exec("UPDATE push_subscriptions SET failures = failures + 1 WHERE id = $1",
                    {c.subscription_id});
            count("failed");
          } else {
            tx.exec("UPDATE push_deliveries SET next_at = $1, lease_until = 0 WHERE id = $2",
                    {done + wait, c.id});
          }
          break;
        }
        case Outcome::kRejected:
          tx.exec("DELETE FROM push_deliveries WHERE id = $1", {c.id});
          tx.exec("UPDATE push_subscriptions SET failures = failures + 1 WHERE id = $1",
                  {c.subscription_id});
          count("failed");
          break;
      }
      return Status::Ok();
    });
    if (!recorded.ok()) return recorded;
  }
  return static_cast<int>(jobs.size());
}

}  // namespace cds::notify
