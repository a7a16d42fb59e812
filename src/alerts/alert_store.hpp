// How alerts are kept: the alerts table (texts, area shapes as JSON), the wards each one
// reaches, and who opened it. Called inside the caller's transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "alerts/alert.hpp"
#include "store/database.hpp"

namespace cds::alerts::store_ops {

std::optional<Alert> load(store::Tx& tx, std::int64_t id);
// Inserts a new alert (its id is assigned) with its wards; returns the id.
std::int64_t insert(store::Tx& tx, const Alert& a);
// Writes every column and the wards of an existing alert.
void update(store::Tx& tx, const Alert& a);

// Newest first. `state` empty: every state.
std::vector<Alert> list(store::Tx& tx, std::string_view state, int limit);
// Sent messages, newest first (the feeds).
std::vector<Alert> sent(store::Tx& tx, int limit);
// Sent Alerts and Updates in force at `now` that reach `ward` (empty: every ward), statuses
// Actual and Exercise.
std::vector<Alert> active(store::Tx& tx, Millis now, std::string_view ward);

// Records one opening per `opener`; false when the alert is not sent.
bool record_open(store::Tx& tx, std::int64_t id, const std::string& opener, Millis now);
std::int64_t opens(store::Tx& tx, std::int64_t id);

}  // namespace cds::alerts::store_ops
