#include "events/event_log.hpp"

namespace cds::events {
namespace {
Event from_row(const store::Row& r) {
  return Event{r.i64(0), r.i64(1), r.str(2), r.opt_i64(3), r.boolean(4), r.str(5)};
}
}  // namespace

std::int64_t append(store::Tx& tx, Millis at, const Event& event) {
  auto row = tx.one(
      "INSERT INTO events (at, type, report_id, public, payload) VALUES ($1, $2, $3, $4, $5) "
      "RETURNING id",
      {at, event.type, store::opt(event.report_id), std::int64_t{event.is_public ? 1 : 0},
       event.payload});
  return row->i64(0);
}

std::vector<Event> read_after(store::Tx& tx, std::int64_t after_id, int limit) {
  std::vector<Event> out;
  for (const auto& r : tx.query("SELECT id, at, type, report_id, public, payload FROM events "
                                "WHERE id > $1 ORDER BY id LIMIT $2",
                                {after_id, std::int64_t{limit}}))
    out.push_back(from_row(r));
  return out;
}

std::vector<Event> read_for_report(store::Tx& tx, std::int64_t report_id) {
  std::vector<Event> out;
  for (const auto& r : tx.query("SELECT id, at, type, report_id, public, payload FROM events "
                                "WHERE report_id = $1 ORDER BY id",
                                {report_id}))
    out.push_back(from_row(r));
  return out;
}

}  // namespace cds::events
