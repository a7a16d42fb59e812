// The append-only event log: every change that someone may be told about is appended here in the
// same transaction as the change. Delivery (inbox, streams, push) reads it after commit, in id
// order; ids are in commit order on both engines (see append), so a reader that has seen id N has
// seen every event up to N.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "store/database.hpp"

namespace cds::events {

struct Event {
  std::int64_t id = 0;
  Millis at = 0;
  std::string type;  // "report.assigned", "broadcast"
  std::optional<std::int64_t> report_id;
  bool is_public = true;            // false: staff only (an internal note)
  std::string payload;              // a JSON object
  std::optional<std::string> unit;  // the unit whose queue the event changes
};

// The PostgreSQL channel a commit that appended events notifies, so that every node's delivery
// worker wakes (docs/REALTIME.md).
inline constexpr std::string_view kLogChannel = "cds_event_log";

// Appends `event` (its id and at are ignored) inside `tx`; returns the new id. On PostgreSQL the
// appending transactions are serialized from here to their commit (an advisory lock), so that
// ids are assigned in commit order; appends come last in a transaction, so the wait is short.
std::int64_t append(store::Tx& tx, Millis at, const Event& event);

// Events after `after_id` up to `up_to` (inclusive; 0: no upper bound), oldest first, at most
// `limit`.
std::vector<Event> read_after(store::Tx& tx, std::int64_t after_id, int limit,
                              std::int64_t up_to = 0);
std::vector<Event> read_for_report(store::Tx& tx, std::int64_t report_id);
// The newest event's id (0 when the log is empty).
std::int64_t last_id(store::Tx& tx);

}  // namespace cds::events
