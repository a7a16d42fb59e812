// The report state machine: which action moves a report from which state to which, and who may
// take it. Everything here is pure, so that every allowed and forbidden transition is unit-tested.
#pragma once

#include <optional>
#include <string_view>

#include "auth/principal.hpp"
#include "reports/report.hpp"

namespace cds::reports {

enum class Action {
  kAssign,  // operator: received → assigned, or assigned → assigned (transfer to another unit)
  kAccept,  // unit: assigned → in_progress
  kProgress,    // unit: in_progress → in_progress, with a public message
  kNote,        // staff: internal note, no change of state
  kHandBack,    // unit: assigned → received ("not ours")
  kResolve,     // unit: in_progress → resolved, with the result
  kReject,      // operator: received → rejected, with a reason
  kMerge,       // operator: received → duplicate, merged into another report
  kReclassify,  // operator: change the category while the report is open
  kWithdraw,    // author: received → withdrawn
  kRate,        // author: resolved → closed, with a score
  kReopen,      // author: resolved or closed → reopened → assigned (same unit, new deadline)
};

std::string_view action_name(Action a);
std::optional<Action> parse_staff_action(std::string_view path_segment);  // "hand-back", ...

// The state after `action` from `from`, or nullopt when the lifecycle forbids it (409).
std::optional<State> next_state(State from, Action action);

// The request field that carries an action's text: "message" (progress), "result" (resolve),
// "reason" (hand-back, reject, reopen, withdraw), "comment" (rate), "text" (note, assign, accept).
std::string_view text_field(Action action);

// Who may take an action, before looking at the report's unit: the author's actions need the
// author (checked by the service), unit actions a unit_staff of the report's unit.
enum class Actor { kOperator, kUnit, kAnyStaff, kAuthor };
Actor actor_of(Action action);
// Whether `role` may act as `actor` (operators and admins route; unit staff act for their unit).
bool role_may_act_as(auth::Role role, Actor actor);

}  // namespace cds::reports
