// Rules every part of the reports service shares: what the public may see, how free text is
// cleaned, and how a step is recorded (timeline entry and event, in the same transaction).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/principal.hpp"
#include "catalog/catalog.hpp"
#include "common/status.hpp"
#include "reports/report.hpp"
#include "reports/report_service.hpp"
#include "store/database.hpp"

namespace cds::reports {

// States in which the public may see a public report.
bool publicly_visible(State s);
bool is_operator(auth::Role r);
bool sees_all_reports(auth::Role r);

// Normalizes free text: valid UTF-8, NFC, trimmed, not blank when required, at most `max`
// characters; a failure names `field`.
Status clean_text(std::string& text, std::string_view field, std::size_t max, bool required);
// The same for an optional text; a blank one becomes absent.
Status clean_optional(std::optional<std::string>& text, std::string_view field, std::size_t max);
bool valid_phone(std::string_view phone);

// Appends a timeline entry and its event for `r` in `tx`; returns the entry as stored. User id 0
// is the system acting on its own; an anonymous author is never recorded as an actor.
TimelineEntry record(store::Tx& tx, Report& r, const auth::Principal& who, std::string action,
                     std::optional<State> from, bool is_public, std::string body, Millis now,
                     std::optional<std::string> unit);
// The JSON payload of a report's event.
// The event log's payload for a step on `r`; author_id and actor_id are for delivery only (who
// to tell, and not to tell people of their own step) and never leave the server.
std::string event_payload(const Report& r, std::string_view action,
                          const std::optional<std::string>& body, bool is_public,
                          std::int64_t actor_id = 0);
// Removes a citizen's identity (the author's name, a caller's name and phone) from a view: only
// the audited staff detail view carries them.
void strip_personal_data(ReportView& view);

// Category, unit and ward names a view of `r` refers to.
void load_names(const catalog::Snapshot& catalog, Names& names, const Report& r,
                const std::vector<TimelineEntry>& timeline);

}  // namespace cds::reports
