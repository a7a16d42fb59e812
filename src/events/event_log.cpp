#include "events/event_log.hpp"

namespace cds::events {
namespace {

constexpr std::string_view kColumns = "id, at, type, report_id, public, payload, unit_code";
// Any constant: the key of the advisory lock that orders appends (pg_advisory_xact_lock).
constexpr std::int64_t kAppendLock = 0x636473'6c6f67;  // "cdslog"

Event from_row(const store::Row& r) {
  return Event{r.i64(0), r.i64(1), r.str(2), r.opt_i64(3), r.boolean(4), r.str(5), r.opt_str(6)};
}

}  // namespace

std::int64_t append(store::Tx& tx, Millis at, const Event& event) {
  if (tx.engine() == store::Engine::kPostgres) {
    // A sequence hands out ids at insert time, not at commit: without this lock a transaction
    // holding id 7 could commit after one holding id 8, and a reader at 8 would skip 7 forever.
    tx.query("SELECT pg_advisory_xact_lock($1)", {kAppendLock});
    tx.query("SELECT pg_notify($1, '')", {std::string(kLogChannel)});
  }
  auto row = tx.one(
      "INSERT INTO events (at, type, report_id, public, payload, unit_code) "
      "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
      {at, event.type, store::opt(event.report_id), std::int64_t{event.is_public ? 1 : 0},
       event.payload, store::opt(event.unit)});
  return row->i64(0);
}

std::vector<Event> read_after(store::Tx& tx, std::int64_t after_id, int limit, std::int64_t up_to) {
  std::vector<Event> out;
  const std::string sql =
      "SELECT " + std::string(kColumns) +
      " FROM events WHERE id > $1 AND ($2 = 0 OR id <= $2) ORDER BY id LIMIT $3";
  for (const auto& r : tx.query(sql, {after_id, up_to, std::int64_t{limit}}))
    out.push_back(from_row(r));
  return out;
}

std::vector<Event> read_for_report(store::Tx& tx, std::int64_t report_id) {
  std::vector<Event> out;
  const std::string sql =
      "SELECT " + std::string(kColumns) + " FROM events WHERE report_id = $1 ORDER BY id";
  for (const auto& r : tx.query(sql, {report_id})) out.push_back(from_row(r));
  return out;
}

std::int64_t last_id(store::Tx& tx) {
  return tx.one("SELECT COALESCE(MAX(id), 0) FROM events")->i64(0);
}

}  // namespace cds::events
