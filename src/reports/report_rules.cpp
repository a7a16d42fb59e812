// Rules shared by intake, views and transitions.
#include "reports/report_rules.hpp"

#include <cctype>

#include <boost/json/object.hpp>

#include "areas/wards.hpp"
#include "common/json_text.hpp"
#include "events/event_log.hpp"
#include "reports/report_store.hpp"
#include "text/clean.hpp"
#include "text/fold.hpp"

namespace cds::reports {

using auth::Role;

bool publicly_visible(State s) {
  return s == State::kReceived || s == State::kAssigned || s == State::kInProgress ||
         s == State::kResolved || s == State::kClosed || s == State::kDuplicate;
}

bool is_operator(Role r) {
  return r == Role::kOperator || r == Role::kAdmin;
}
bool sees_all_reports(Role r) {
  return is_operator(r) || r == Role::kLeader;
}

Status clean_text(std::string& text, std::string_view field, std::size_t max, bool required) {
  std::string nfc;
  if (!text::to_nfc(text, nfc))
    return Status::Invalid("invalid").field(std::string(field), "invalid_utf8");
  // No control characters (NUL, escape, bell...) beyond line breaks and tabs.
  if (!text::clean(nfc, text::kNewlinesTabs))
    return Status::Invalid("invalid").field(std::string(field), "field_invalid");
  // Trim surrounding whitespace; a text that shows nothing (zero-width spaces) is blank.
  const auto first = nfc.find_first_not_of(" \t\r\n");
  const auto last = nfc.find_last_not_of(" \t\r\n");
  text = first == std::string::npos ? std::string() : nfc.substr(first, last - first + 1);
  if (text::is_blank(text)) text.clear();
  if (text.empty() && required)
    return Status::Invalid("invalid").field(std::string(field), "field_blank");
  if (text::code_points(text) > max)
    return Status::Invalid("invalid")
        .field(std::string(field), "field_too_long")
        .with("max", std::to_string(max));
  return Status::Ok();
}

Status clean_optional(std::optional<std::string>& text, std::string_view field, std::size_t max) {
  if (!text) return Status::Ok();
  Status st = clean_text(*text, field, max, false);
  if (!st.ok()) return st;
  if (text->empty()) text.reset();
  return Status::Ok();
}

bool valid_phone(std::string_view phone) {
  std::size_t digits = 0;
  for (std::size_t i = 0; i < phone.size(); ++i) {
    const unsigned char c = phone[i];
    if (std::isdigit(c)) {
      ++digits;
    } else if (!(c == '+' && i == 0) && c != ' ' && c != '.' && c != '-') {
      return false;
    }
  }
  return digits >= 8 && digits <= 15;
}

std::string event_payload(const Report& r, std::string_view action,
                          const std::optional<std::string>& body, bool is_public,
                          std::int64_t actor_id) {
  boost::json::object o;
  o["report_id"] = r.id;
  o["code"] = r.code;
  o["kind"] = kind_name(r.kind);
  o["action"] = action;
  o["status"] = state_name(r.state);
  if (r.unit) o["unit"] = *r.unit;
  if (r.author_id) o["author_id"] = *r.author_id;  // internal: for notifying the author
  if (actor_id != 0) o["actor_id"] = actor_id;     // internal: nobody is told of their own step
  if (r.merged_into) o["merged_into"] = *r.merged_into;
  o["public_report"] = r.is_public;
  if (body && is_public) o["message"] = *body;
  return json_text(o);
}

TimelineEntry record(store::Tx& tx, Report& r, const auth::Principal& who, std::string action,
                     std::optional<State> from, bool is_public, std::string body, Millis now,
                     std::optional<std::string> unit) {
  TimelineEntry e;
  e.at = now;
  e.action = action;
  e.from = from;
  e.to = r.state;
  // A step the system takes on its own (user id 0) has no actor; an anonymous author is never
  // recorded as the actor of a step staff can read.
  const bool system = who.user_id == 0;
  e.actor_role = system ? "system" : std::string(auth::role_name(who.role));
  e.actor_id = (system || (who.role == Role::kCitizen && r.anonymous))
                   ? std::nullopt
                   : std::optional<std::int64_t>(who.user_id);
  e.unit = std::move(unit);
  e.is_public = is_public;
  e.body = body;
  e.id = report_store::add_timeline(tx, e, r.id);
  events::append(
      tx, now,
      events::Event{0, now, "report." + action, r.id, is_public,
                    event_payload(r, action, body.empty() ? std::nullopt : std::optional(body),
                                  is_public, who.user_id),
                    r.unit});
  return e;
}

void load_names(const catalog::Snapshot& catalog, Names& names, const Report& r,
                const std::vector<TimelineEntry>& timeline) {
  if (const auto* c = catalog.category(r.category)) names.categories[r.category] = *c;
  auto add_unit = [&](const std::optional<std::string>& code) {
    if (!code || names.units.count(*code)) return;
    if (const auto* u = catalog.unit(*code)) names.units[*code] = *u;
  };
  add_unit(r.unit);
  for (const auto& e : timeline) add_unit(e.unit);
  if (r.ward && !names.wards.count(*r.ward)) {
    if (const auto* w = areas::find_ward(*r.ward))
      names.wards[*r.ward] = {std::string(w->name), std::string(w->name_en)};
  }
}
void strip_personal_data(ReportView& view) {
  view.author_name.reset();
  view.report.caller_name.reset();
  view.report.caller_phone.reset();
}

}  // namespace cds::reports
