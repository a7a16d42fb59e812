// How reports, their timelines, photos, followers and supports are stored. Every function runs
// inside a transaction the service opened; SQL is written once for both engines.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "reports/report.hpp"
#include "store/database.hpp"

namespace cds::reports::report_store {

// The next human code for `kind` in the month of `now` (city time): PA-2611-000123 for a report,
// GY-2611-000007 for an idea. Codes are unique: the counter row is updated in the transaction.
std::string next_code(store::Tx& tx, Kind kind, Millis now);

// `folded_text` is the folded description and address (text::fold, done before the transaction);
// the search key is the lower-cased code and that text.
std::int64_t insert(store::Tx& tx, const Report& report, const std::string& folded_text);
std::optional<Report> get(store::Tx& tx, std::int64_t id);
// The report, locked for the rest of the transaction: concurrent transitions of one report take
// turns (PostgreSQL row lock; SQLite has one writer anyway). Use it before every state check.
std::optional<Report> get_for_update(store::Tx& tx, std::int64_t id);
std::optional<Report> get_by_code(store::Tx& tx, const std::string& code);
// Writes the fields a transition may change (state, unit, times, rating, merge, counters).
void update(store::Tx& tx, const Report& report);

std::int64_t add_timeline(store::Tx& tx, const TimelineEntry& entry, std::int64_t report_id);
std::vector<TimelineEntry> timeline(store::Tx& tx, std::int64_t report_id, bool with_internal);

void add_photos(store::Tx& tx, std::int64_t report_id, const std::vector<std::string>& media_ids,
                std::optional<std::int64_t> timeline_id);
std::vector<Photo> photos(store::Tx& tx, std::int64_t report_id);
int photo_count(store::Tx& tx, std::int64_t report_id);
// Whether `media_id` is a photo of a report anyone may see.
bool media_is_public(store::Tx& tx, const std::string& media_id);

// Followers; returns whether anything changed. Counters on the report are kept in step.
bool follow(store::Tx& tx, std::int64_t report_id, std::int64_t user_id, Millis now);
bool unfollow(store::Tx& tx, std::int64_t report_id, std::int64_t user_id);
bool is_following(store::Tx& tx, std::int64_t report_id, std::int64_t user_id);
std::vector<std::int64_t> followers(store::Tx& tx, std::int64_t report_id);
bool support(store::Tx& tx, std::int64_t report_id, std::int64_t user_id, Millis now);
bool has_supported(store::Tx& tx, std::int64_t report_id, std::int64_t user_id);

// Unlinks a person from everything they sent and followed, when they delete their account: their
// reports stay in the city's record as anonymous ones nobody can trace back; their follows and
// idempotency keys go. Returns how many reports and ideas stay.
std::int64_t forget_author(store::Tx& tx, std::int64_t user_id);

// A box of latitudes and longitudes around a point: `list` then keeps the open, public, not
// sensitive reports located inside it and orders them by distance from the point
// (equirectangular: lon differences scaled by `lon_scale`), nearest first; paging does not apply.
struct Around {
  double lat, lon, lon_scale;
  double min_lat, max_lat, min_lon, max_lon;
};

struct Query {
  std::optional<Around> around;                // near a point (with public_only)
  std::optional<std::int64_t> author_id;       // the author's own reports
  std::optional<std::int64_t> follower_id;     // reports this user follows
  bool public_only = false;                    // public and in a state the public may see
  std::optional<std::string> visible_to_unit;  // unit staff: their unit's, once assigned
  std::vector<State> states;                   // any of these (empty: all)
  std::optional<std::string> category;
  std::optional<std::string> ward;
  std::optional<std::string> unit;
  std::optional<Kind> kind;
  bool overdue_only = false;
  Millis now = 0;
  std::optional<std::string> folded_text;  // matched against the folded search key
  std::int64_t before_id = 0;              // paging: ids below this (0: from the newest)
  int limit = 20;
};
// Newest first (nearest first with `around`); at most `limit` rows.
std::vector<Report> list(store::Tx& tx, const Query& query);

}  // namespace cds::reports::report_store
