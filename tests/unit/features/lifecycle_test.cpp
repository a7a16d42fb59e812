// Every (state, action) pair of the report lifecycle against the table in DESIGN.md.
#include "reports/lifecycle.hpp"

#include <gtest/gtest.h>

#include <map>
#include <utility>

namespace cds::reports {
namespace {

using S = State;
using A = Action;

const S kAllStates[] = {S::kReceived, S::kAssigned,  S::kInProgress, S::kResolved, S::kClosed,
                        S::kRejected, S::kDuplicate, S::kReopened,   S::kWithdrawn};
const A kAllActions[] = {A::kAssign,     A::kAccept,   A::kProgress, A::kNote,
                         A::kHandBack,   A::kResolve,  A::kReject,   A::kMerge,
                         A::kReclassify, A::kWithdraw, A::kRate,     A::kReopen};

// The allowed transitions, written out independently of lifecycle.cpp. Notes are allowed in
// every state (they change nothing); everything not listed must be refused.
const std::map<std::pair<S, A>, S> kAllowed = {
    {{S::kReceived, A::kAssign}, S::kAssigned},
    {{S::kAssigned, A::kAssign}, S::kAssigned},  // transfer to another unit
    {{S::kAssigned, A::kAccept}, S::kInProgress},
    {{S::kInProgress, A::kProgress}, S::kInProgress},
    {{S::kAssigned, A::kHandBack}, S::kReceived},
    {{S::kInProgress, A::kResolve}, S::kResolved},
    {{S::kReceived, A::kReject}, S::kRejected},
    {{S::kReceived, A::kMerge}, S::kDuplicate},
    {{S::kReceived, A::kReclassify}, S::kReceived},
    {{S::kAssigned, A::kReclassify}, S::kAssigned},
    {{S::kInProgress, A::kReclassify}, S::kInProgress},
    {{S::kReceived, A::kWithdraw}, S::kWithdrawn},
    {{S::kResolved, A::kRate}, S::kClosed},
    {{S::kResolved, A::kReopen}, S::kReopened},
    {{S::kClosed, A::kReopen}, S::kReopened},
};

TEST(Lifecycle, EveryPairMatchesTheTable) {
  int allowed = 0, refused = 0;
  for (S s : kAllStates) {
    for (A a : kAllActions) {
      auto got = next_state(s, a);
      if (a == A::kNote) {
        ASSERT_TRUE(got) << state_name(s);
        EXPECT_EQ(*got, s);
        continue;
      }
      auto it = kAllowed.find({s, a});
      if (it == kAllowed.end()) {
        EXPECT_FALSE(got) << action_name(a) << " from " << state_name(s) << " must be refused";
        ++refused;
      } else {
        ASSERT_TRUE(got) << action_name(a) << " from " << state_name(s) << " must be allowed";
        EXPECT_EQ(*got, it->second) << action_name(a) << " from " << state_name(s);
        ++allowed;
      }
    }
  }
  EXPECT_EQ(allowed, static_cast<int>(kAllowed.size()));
  EXPECT_GT(refused, 80);
}

TEST(Lifecycle, TerminalStatesAcceptNothingButNotes) {
  for (S s : {S::kRejected, S::kDuplicate, S::kWithdrawn}) {
    for (A a : kAllActions) {
      if (a == A::kNote) continue;
      EXPECT_FALSE(next_state(s, a)) << action_name(a) << " from " << state_name(s);
    }
  }
}

TEST(Lifecycle, WhoMayAct) {
  using auth::Role;
  EXPECT_TRUE(role_may_act_as(Role::kOperator, actor_of(A::kAssign)));
  EXPECT_TRUE(role_may_act_as(Role::kAdmin, actor_of(A::kMerge)));
  EXPECT_FALSE(role_may_act_as(Role::kUnitStaff, actor_of(A::kAssign)));
  EXPECT_FALSE(role_may_act_as(Role::kCitizen, actor_of(A::kReject)));
  EXPECT_TRUE(role_may_act_as(Role::kUnitStaff, actor_of(A::kResolve)));
  EXPECT_FALSE(role_may_act_as(Role::kOperator, actor_of(A::kResolve)));
  EXPECT_FALSE(role_may_act_as(Role::kLeader, actor_of(A::kAccept)));
  EXPECT_TRUE(role_may_act_as(Role::kLeader, actor_of(A::kNote)));
  EXPECT_FALSE(role_may_act_as(Role::kEditor, actor_of(A::kNote)));
  EXPECT_FALSE(role_may_act_as(Role::kAlertOfficer, actor_of(A::kNote)));
  EXPECT_TRUE(role_may_act_as(Role::kCitizen, actor_of(A::kRate)));
  EXPECT_FALSE(role_may_act_as(Role::kOperator, actor_of(A::kReopen)));
}

TEST(Lifecycle, StaffActionNamesInPaths) {
  EXPECT_EQ(parse_staff_action("hand-back"), A::kHandBack);
  EXPECT_EQ(parse_staff_action("assign"), A::kAssign);
  // Author actions have their own routes and are not staff actions.
  EXPECT_FALSE(parse_staff_action("rate"));
  EXPECT_FALSE(parse_staff_action("reopen"));
  EXPECT_FALSE(parse_staff_action("handback"));
  for (S s : kAllStates) EXPECT_EQ(parse_state(state_name(s)), s);
}

TEST(Lifecycle, OverdueOnlyWhileOpen) {
  Report r;
  r.due_at = 1000;
  r.state = S::kAssigned;
  EXPECT_TRUE(r.overdue(1001));
  EXPECT_FALSE(r.overdue(1000));
  r.state = S::kResolved;
  EXPECT_FALSE(r.overdue(5000));
  r.state = S::kRejected;
  EXPECT_FALSE(r.overdue(5000));
}

}  // namespace
}  // namespace cds::reports
