// The report state machine.
#include "reports/lifecycle.hpp"

#include <array>
#include <utility>

namespace cds::reports {
namespace {

constexpr std::array<std::pair<Kind, std::string_view>, 2> kKinds = {{
    {Kind::kReport, "report"},
    {Kind::kIdea, "idea"},
}};

constexpr std::array<std::pair<State, std::string_view>, 9> kStates = {{
    {State::kReceived, "received"},
    {State::kAssigned, "assigned"},
    {State::kInProgress, "in_progress"},
    {State::kResolved, "resolved"},
    {State::kClosed, "closed"},
    {State::kRejected, "rejected"},
    {State::kDuplicate, "duplicate"},
    {State::kReopened, "reopened"},
    {State::kWithdrawn, "withdrawn"},
}};

constexpr std::array<std::pair<Action, std::string_view>, 12> kActions = {{
    {Action::kAssign, "assign"},
    {Action::kAccept, "accept"},
    {Action::kProgress, "progress"},
    {Action::kNote, "note"},
    {Action::kHandBack, "hand-back"},
    {Action::kResolve, "resolve"},
    {Action::kReject, "reject"},
    {Action::kMerge, "merge"},
    {Action::kReclassify, "reclassify"},
    {Action::kWithdraw, "withdraw"},
    {Action::kRate, "rate"},
    {Action::kReopen, "reopen"},
}};

template <class E, size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& table, E e) {
  for (const auto& [v, n] : table) {
    if (v == e) return n;
  }
  return {};
}

template <class E, size_t N>
std::optional<E> parse_in(const std::array<std::pair<E, std::string_view>, N>& table,
                          std::string_view s) {
  for (const auto& [v, n] : table) {
    if (n == s) return v;
  }
  return std::nullopt;
}

}  // namespace

std::string_view kind_name(Kind k) {
  return name_of(kKinds, k);
}
std::optional<Kind> parse_kind(std::string_view s) {
  return parse_in(kKinds, s);
}
std::string_view state_name(State s) {
  return name_of(kStates, s);
}
std::optional<State> parse_state(std::string_view s) {
  return parse_in(kStates, s);
}
std::string_view action_name(Action a) {
  return name_of(kActions, a);
}

bool is_open(State s) {
  return s == State::kReceived || s == State::kAssigned || s == State::kInProgress ||
         s == State::kReopened;
}

std::optional<Action> parse_staff_action(std::string_view segment) {
  auto a = parse_in(kActions, segment);
  if (!a || actor_of(*a) == Actor::kAuthor) return std::nullopt;
  return a;
}

std::optional<State> next_state(State from, Action action) {
  using S = State;
  switch (action) {
    case Action::kAssign:
      if (from == S::kReceived || from == S::kAssigned) return S::kAssigned;
      break;
    case Action::kAccept:
      if (from == S::kAssigned) return S::kInProgress;
      break;
    case Action::kProgress:
      if (from == S::kInProgress) return S::kInProgress;
      break;
    case Action::kNote:
      return from;
    case Action::kHandBack:
      if (from == S::kAssigned) return S::kReceived;
      break;
    case Action::kResolve:
      if (from == S::kInProgress) return S::kResolved;
      break;
    case Action::kReject:
      if (from == S::kReceived) return S::kRejected;
      break;
    case Action::kMerge:
      if (from == S::kReceived) return S::kDuplicate;
      break;
    case Action::kReclassify:
      if (from == S::kReceived || from == S::kAssigned || from == S::kInProgress) return from;
      break;
    case Action::kWithdraw:
      if (from == S::kReceived) return S::kWithdrawn;
      break;
    case Action::kRate:
      if (from == S::kResolved) return S::kClosed;
      break;
    case Action::kReopen:
      if (from == S::kResolved || from == S::kClosed) return S::kReopened;
      break;
  }
  return std::nullopt;
}

std::string_view text_field(Action action) {
  switch (action) {
    case Action::kProgress:
      return "message";
    case Action::kResolve:
      return "result";
    case Action::kHandBack:
    case Action::kReject:
    case Action::kReopen:
    case Action::kWithdraw:
      return "reason";
    case Action::kRate:
      return "comment";
    default:
      return "text";
  }
}

Actor actor_of(Action action) {
  switch (action) {
    case Action::kAssign:
    case Action::kReject:
    case Action::kMerge:
    case Action::kReclassify:
      return Actor::kOperator;
    case Action::kAccept:
    case Action::kProgress:
    case Action::kHandBack:
    case Action::kResolve:
      return Actor::kUnit;
    case Action::kNote:
      return Actor::kAnyStaff;
    case Action::kWithdraw:
    case Action::kRate:
    case Action::kReopen:
      return Actor::kAuthor;
  }
  return Actor::kAuthor;
}

bool role_may_act_as(auth::Role role, Actor actor) {
  using R = auth::Role;
  switch (actor) {
    case Actor::kOperator:
      return role == R::kOperator || role == R::kAdmin;
    case Actor::kUnit:
      return role == R::kUnitStaff;
    case Actor::kAnyStaff:
      return role == R::kOperator || role == R::kAdmin || role == R::kUnitStaff ||
             role == R::kLeader;
    case Actor::kAuthor:
      return role == R::kCitizen;
  }
  return false;
}

}  // namespace cds::reports
