// The append-only event log: every change that someone may be told about is appended here in the
// same transaction as the change. Delivery (streams, push, inbox) reads it after commit.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "store/database.hpp"

namespace cds::events {

struct Event {
  std::int64_t id = 0;
  Millis at = 0;
  std::string type;  // "report.assigned"
  std::optional<std::int64_t> report_id;
  bool is_public = true;  // false: staff only (an internal note)
  std::string payload;    // a JSON object
};

// Appends `event` (its id and at are ignored) inside `tx`; returns the new id.
std::int64_t append(store::Tx& tx, Millis at, const Event& event);

// Events after `after_id`, oldest first, at most `limit`.
std::vector<Event> read_after(store::Tx& tx, std::int64_t after_id, int limit);
std::vector<Event> read_for_report(store::Tx& tx, std::int64_t report_id);

}  // namespace cds::events
