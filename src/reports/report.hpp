// What a report (phản ánh kiến nghị) or an idea (góp ý, hiến kế) is, and the steps of its life.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"

namespace cds::reports {

enum class Kind { kReport, kIdea };

// The lifecycle of DESIGN.md. `reopened` is passed through on the way back to `assigned`;
// `withdrawn` is the author's withdrawal before assignment.
enum class State {
  kReceived,
  kAssigned,
  kInProgress,
  kResolved,
  kClosed,
  kRejected,
  kDuplicate,
  kReopened,
  kWithdrawn,
};

std::string_view kind_name(Kind k);
std::optional<Kind> parse_kind(std::string_view s);
std::string_view state_name(State s);
std::optional<State> parse_state(std::string_view s);
// Not yet resolved and still the city's to handle: overdue is measured on these.
bool is_open(State s);

struct Location {
  std::optional<double> lat;
  std::optional<double> lon;
  std::optional<std::string> address;
};

struct Report {
  std::int64_t id = 0;
  std::string code;  // PA-2611-000123
  Kind kind = Kind::kReport;
  std::string category;
  std::string description;
  Location location;
  std::optional<std::string> ward;
  bool anonymous = false;
  bool is_public = true;
  std::string channel = "app";  // app | web | phone
  std::optional<std::int64_t> author_id;
  std::optional<std::string> caller_name;   // personal data, phone intake only
  std::optional<std::string> caller_phone;  // personal data, phone intake only
  State state = State::kReceived;
  std::optional<std::string> unit;  // responsible unit; proposed by routing while received
  Millis created_at = 0;
  Millis updated_at = 0;
  Millis due_at = 0;
  std::optional<Millis> assigned_at;
  std::optional<Millis> resolved_at;
  std::optional<Millis> closed_at;
  std::optional<int> rating;
  std::optional<std::string> rating_comment;
  std::optional<std::int64_t> merged_into;
  int reopen_count = 0;
  int support_count = 0;
  int follower_count = 0;

  bool overdue(Millis now) const { return is_open(state) && now > due_at; }
};

struct Photo {
  std::string media_id;
  std::optional<std::int64_t> timeline_id;  // the progress/resolve step it proves; none: intake
};

struct TimelineEntry {
  std::int64_t id = 0;
  Millis at = 0;
  std::string action;  // submitted, assigned, transferred, accepted, progress, note, ...
  std::optional<State> from;
  std::optional<State> to;
  std::string actor_role;  // citizen | operator | unit_staff | leader | admin | system
  std::optional<std::int64_t> actor_id;  // internal: never shown to citizens
  std::optional<std::string> unit;       // the unit acting, shown to citizens
  bool is_public = true;                 // false: internal note
  std::string body;
};

}  // namespace cds::reports
