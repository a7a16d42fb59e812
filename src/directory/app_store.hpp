// Where the directory lives: the public_apps table. Every function runs inside the caller's
// transaction; none checks permissions or rules (directory_service.hpp does).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "directory/public_app.hpp"
#include "store/database.hpp"

namespace cds::directory::app_store {

// Inserts `app` after every other app (its id and position are ignored); returns the new id.
std::int64_t insert(store::Tx& tx, const PublicApp& app);
// Writes every column of `app` but its code, position and creation time over the row with its id.
void save(store::Tx& tx, const PublicApp& app);
std::optional<PublicApp> find(store::Tx& tx, std::int64_t id);
// True when a row was removed.
bool remove(store::Tx& tx, std::int64_t id);
// In the residents' order; only the active ones when `active_only`.
std::vector<PublicApp> list(store::Tx& tx, bool active_only);
std::int64_t count(store::Tx& tx);
// Every id, in no particular order.
std::vector<std::int64_t> ids(store::Tx& tx);
void set_position(store::Tx& tx, std::int64_t id, std::int64_t position, Millis now,
                  std::int64_t by);

// Whether `media_id` is the icon of an app (an active one when `active_only`).
bool is_icon(store::Tx& tx, const std::string& media_id, bool active_only);

// Records that the reference app `code` has been seeded; false when it already was.
bool claim_seed(store::Tx& tx, const std::string& code);

}  // namespace cds::directory::app_store
