// The reports service on both engines: intake, routing, deadlines, visibility, anonymity, every
// kind of transition, merges, idempotency and concurrent intake.
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include <atomic>
#include <regex>
#include <set>
#include <thread>

#include "catalog/catalog.hpp"
#include "events/event_log.hpp"
#include "harness.hpp"
#include "reports/report_json.hpp"
#include "reports/report_service.hpp"
#include "users/user_service.hpp"

namespace cds::contract {
namespace {

using auth::Principal;
using auth::Role;
using reports::Action;
using reports::ActionInput;
using reports::State;
using reports::SubmitInput;

class ReportServiceContract : public StoreContract {
 protected:
  void SetUp() override {
    StoreContract::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(catalog::seed_reference_data(*db).ok());
    // Monday 23 November 2026, 09:00 in the city.
    clock_ = std::make_unique<ManualClock>(*parse_rfc3339("2026-11-23T09:00:00+07:00"));
    catalog_ = std::make_unique<catalog::Catalog>(*db);
    service_ = std::make_unique<reports::ReportService>(*db, *catalog_, *clock_, vault_, nullptr);
    alice_ = user("alice", Role::kCitizen, "", "Nguyễn Thị Alice");
    bob_ = user("bob", Role::kCitizen, "", "Trần Văn Bob");
    op_ = user("op", Role::kOperator, "", "Operator Person");
    evn_ = user("evn", Role::kUnitStaff, "evn-hcmc", "EVN Person");
    sawaco_ = user("sawaco", Role::kUnitStaff, "sawaco", "Sawaco Person");
    leader_ = user("leader", Role::kLeader, "", "Leader Person");
  }

  Principal user(const std::string& name, Role role, const std::string& unit,
                 const std::string& display) {
    users::UserService users(*db, *clock_);
    auto id = users.add(users::NewUser{name, role, unit, display, std::nullopt});
    EXPECT_TRUE(id.ok()) << id.status().key();
    return Principal{id.ok() ? *id : 0, name, role, unit, display};
  }

  SubmitInput light(std::string description = "Đèn đường hỏng trước chợ Bến Thành") {
    SubmitInput in;
    in.category = "dien_luc";
    in.description = std::move(description);
    in.location.lat = 10.7725;
    in.location.lon = 106.698;
    return in;
  }

  reports::Report submit(const Principal& who, SubmitInput in) {
    auto r = service_->submit(who, std::move(in), std::nullopt);
    EXPECT_TRUE(r.ok()) << r.status().key();
    return r.ok() ? r->view.report : reports::Report{};
  }

  Status act(const Principal& who, std::int64_t id, Action a, ActionInput in = {}) {
    auto r = reports::actor_of(a) == reports::Actor::kAuthor
                 ? service_->author_action(who, id, a, in)
                 : service_->staff_action(who, id, a, in);
    return r.ok() ? Status::Ok() : r.status();
  }

  State state_of(std::int64_t id) { return service_->staff_get(op_, id).value().report.state; }

  Vault vault_ = Vault::ephemeral();
  std::unique_ptr<ManualClock> clock_;
  std::unique_ptr<catalog::Catalog> catalog_;
  std::unique_ptr<reports::ReportService> service_;
  Principal alice_, bob_, op_, evn_, sawaco_, leader_;
};

TEST_P(ReportServiceContract, IntakeRoutesAndSetsDeadline) {
  auto r = submit(alice_, light());
  EXPECT_TRUE(std::regex_match(r.code, std::regex("PA-2611-\\d{6}"))) << r.code;
  EXPECT_EQ(r.state, State::kReceived);
  EXPECT_EQ(r.ward, "26743");  // nearest centroid to Chợ Bến Thành
  EXPECT_EQ(r.unit, "evn-hcmc");
  // Five working days after Monday: the next Monday, end of day.
  EXPECT_EQ(format_rfc3339(r.due_at), "2026-11-30T23:59:59.999+07:00");
  SubmitInput idea;
  idea.kind = reports::Kind::kIdea;
  idea.category = "xe_buyt";
  idea.description = "Thêm tuyến buýt đêm";
  auto i = submit(bob_, idea);
  EXPECT_TRUE(i.code.starts_with("GY-2611-")) << i.code;
  // Ward-level categories route to the ward's People's Committee.
  SubmitInput noise = light("Karaoke quá khuya");
  noise.category = "tieng_on";
  EXPECT_EQ(submit(alice_, noise).unit, "ubnd-26743");
}

TEST_P(ReportServiceContract, RefusesBadInputAndWritesNothing) {
  SubmitInput bad = light("   ");
  bad.category = "khong_co";
  bad.location.lat = 21.03;  // Hà Nội
  bad.location.lon = 105.85;
  auto r = service_->submit(alice_, bad, std::nullopt);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInvalid);
  EXPECT_TRUE(r.status().fields().count("description"));
  EXPECT_TRUE(r.status().fields().count("category"));
  EXPECT_TRUE(r.status().fields().count("lat"));
  SubmitInput too_long = light(std::string(4001 * 3, 'x').substr(0, 4001));
  EXPECT_FALSE(service_->submit(alice_, too_long, std::nullopt).ok());
  EXPECT_TRUE(service_->submit(alice_, light(std::string(4000, 'x')), std::nullopt).ok());
  auto count = db->read_value<std::int64_t>([](store::Tx& tx) -> Result<std::int64_t> {
    return tx.one("SELECT COUNT(*) FROM reports")->i64(0);
  });
  EXPECT_EQ(count.value(), 1);
}

TEST_P(ReportServiceContract, WholeLifeWithEventsAndTimeline) {
  auto r = submit(alice_, light());
  ASSERT_TRUE(act(op_, r.id, Action::kAssign).ok());
  ASSERT_TRUE(act(evn_, r.id, Action::kAccept).ok());
  ActionInput msg;
  msg.text = "Đang thay bóng";
  ASSERT_TRUE(act(evn_, r.id, Action::kProgress, msg).ok());
  ActionInput note;
  note.text = "secret internal note";
  ASSERT_TRUE(act(evn_, r.id, Action::kNote, note).ok());
  ActionInput result;
  result.text = "Đã thay bóng đèn";
  ASSERT_TRUE(act(evn_, r.id, Action::kResolve, result).ok());
  ActionInput rating;
  rating.score = 5;
  ASSERT_TRUE(act(alice_, r.id, Action::kRate, rating).ok());
  EXPECT_EQ(state_of(r.id), State::kClosed);

  auto mine = service_->get(alice_, r.id);
  ASSERT_TRUE(mine.ok());
  std::vector<std::string> actions;
  for (const auto& e : mine->timeline) actions.push_back(e.action);
  EXPECT_EQ(actions, (std::vector<std::string>{"submitted", "assigned", "accepted", "progress",
                                               "resolved", "rated"}));
  const std::string json = boost::json::serialize(reports::to_json(*mine, http::Lang::kVi, 0));
  EXPECT_EQ(json.find("secret internal note"), std::string::npos);
  EXPECT_EQ(json.find("EVN Person"), std::string::npos);
  EXPECT_EQ(json.find("\"evn\""), std::string::npos);

  auto staff = service_->staff_get(op_, r.id);
  ASSERT_TRUE(staff.ok());
  EXPECT_EQ(staff->timeline.size(), 7u);  // the note included
  auto events = db->read_value<std::vector<events::Event>>(
      [&](store::Tx& tx) -> Result<std::vector<events::Event>> {
        return events::read_for_report(tx, r.id);
      });
  ASSERT_EQ(events->size(), 7u);
  EXPECT_EQ((*events)[0].type, "report.submitted");
  EXPECT_EQ((*events)[4].type, "report.note");
  EXPECT_FALSE((*events)[4].is_public);
  EXPECT_EQ((*events)[6].type, "report.rated");
  // The log reads back in order from any point, as a reconnecting stream will ask for it.
  auto after = db->read_value<std::vector<events::Event>>(
      [&](store::Tx& tx) -> Result<std::vector<events::Event>> {
        return events::read_after(tx, (*events)[4].id, 10);
      });
  ASSERT_EQ(after->size(), 2u);
  EXPECT_EQ((*after)[0].id, (*events)[5].id);
  EXPECT_EQ((*after)[1].type, "report.rated");
}

TEST_P(ReportServiceContract, ForbiddenTransitionsConflictAndChangeNothing) {
  auto r = submit(alice_, light());
  EXPECT_EQ(act(evn_, r.id, Action::kAccept).code(), Code::kNotFound);  // not yet the unit's
  ActionInput result;
  result.text = "x";
  EXPECT_EQ(act(op_, r.id, Action::kAssign).code(), Code::kOk);
  EXPECT_EQ(act(evn_, r.id, Action::kResolve, result).code(), Code::kConflict);
  EXPECT_EQ(act(alice_, r.id, Action::kWithdraw).code(), Code::kConflict);
  ActionInput reason;
  reason.text = "spam";
  EXPECT_EQ(act(op_, r.id, Action::kReject, reason).code(), Code::kConflict);
  ActionInput rating;
  rating.score = 4;
  EXPECT_EQ(act(alice_, r.id, Action::kRate, rating).code(), Code::kConflict);
  EXPECT_EQ(state_of(r.id), State::kAssigned);
}

TEST_P(ReportServiceContract, WhoMaySeeWhat) {
  SubmitInput hidden = light("riêng tư");
  hidden.is_public = false;
  auto priv = submit(alice_, hidden);
  auto pub = submit(alice_, light("công khai"));
  EXPECT_TRUE(service_->get(alice_, priv.id).ok());
  EXPECT_EQ(service_->get(bob_, priv.id).status().code(), Code::kNotFound);
  EXPECT_EQ(service_->get(std::nullopt, priv.id).status().code(), Code::kNotFound);
  auto seen = service_->get(bob_, pub.id);
  ASSERT_TRUE(seen.ok());
  EXPECT_EQ(seen->audience, reports::Audience::kPublic);
  // Unit staff see nothing before assignment, and never another unit's.
  EXPECT_EQ(service_->staff_get(evn_, pub.id).status().code(), Code::kNotFound);
  ASSERT_TRUE(act(op_, pub.id, Action::kAssign).ok());
  EXPECT_TRUE(service_->staff_get(evn_, pub.id).ok());
  EXPECT_EQ(service_->staff_get(sawaco_, pub.id).status().code(), Code::kNotFound);
  auto sawaco_list = service_->staff_list(sawaco_, {});
  EXPECT_TRUE(sawaco_list->items.empty());
  EXPECT_EQ(service_->staff_list(evn_, {})->items.size(), 1u);
  EXPECT_EQ(service_->staff_list(leader_, {})->items.size(), 2u);
  EXPECT_EQ(service_->staff_list(alice_, {}).status().code(), Code::kForbidden);
}

TEST_P(ReportServiceContract, AnonymousAuthorNeverReachesStaff) {
  SubmitInput in = light();
  in.anonymous = true;
  auto r = submit(alice_, in);
  ASSERT_TRUE(act(op_, r.id, Action::kAssign).ok());
  for (const Principal& staff : {op_, evn_, leader_}) {
    auto v = service_->staff_get(staff, r.id);
    ASSERT_TRUE(v.ok());
    EXPECT_FALSE(v->author_name);
    for (const auto& e : v->timeline) {
      if (e.actor_role == "citizen") {
        EXPECT_FALSE(e.actor_id);
      }
    }
    const std::string json = boost::json::serialize(reports::to_json(*v, http::Lang::kVi, 0));
    EXPECT_EQ(json.find("Alice"), std::string::npos);
    EXPECT_EQ(json.find("alice"), std::string::npos);
    auto page = service_->staff_list(staff, {});
    const std::string list = boost::json::serialize(reports::to_json(*page, http::Lang::kVi, 0));
    EXPECT_EQ(list.find("Alice"), std::string::npos);
  }
  // The author still finds it among their own.
  EXPECT_EQ(service_->list_mine(alice_, {})->items.size(), 1u);
  // A named report shows its author to staff.
  auto named = submit(bob_, light("named"));
  EXPECT_EQ(service_->staff_get(op_, named.id)->author_name, "Trần Văn Bob");
}

TEST_P(ReportServiceContract, ReopenGoesBackToTheUnitWithANewDeadline) {
  auto r = submit(alice_, light());
  ASSERT_TRUE(act(op_, r.id, Action::kAssign).ok());
  ASSERT_TRUE(act(evn_, r.id, Action::kAccept).ok());
  ActionInput result;
  result.text = "done";
  ASSERT_TRUE(act(evn_, r.id, Action::kResolve, result).ok());
  clock_->advance(3 * kDayMs);
  ActionInput reason;
  reason.text = "Đèn vẫn chưa sáng";
  ASSERT_TRUE(act(alice_, r.id, Action::kReopen, reason).ok());
  auto v = service_->staff_get(op_, r.id).value();
  EXPECT_EQ(v.report.state, State::kAssigned);
  EXPECT_EQ(v.report.unit, "evn-hcmc");
  EXPECT_EQ(v.report.reopen_count, 1);
  EXPECT_GT(v.report.due_at, r.due_at);
  EXPECT_FALSE(v.report.resolved_at);
  // Someone else cannot reopen it.
  EXPECT_NE(act(bob_, r.id, Action::kReopen, reason).code(), Code::kOk);
}

TEST_P(ReportServiceContract, HandBackAndReclassify) {
  auto r = submit(alice_, light());
  ASSERT_TRUE(act(op_, r.id, Action::kAssign).ok());
  ActionInput reason;
  reason.text = "Không thuộc thẩm quyền EVN";
  ASSERT_TRUE(act(evn_, r.id, Action::kHandBack, reason).ok());
  auto v = service_->staff_get(op_, r.id).value();
  EXPECT_EQ(v.report.state, State::kReceived);
  EXPECT_FALSE(v.report.unit);
  auto citizen = service_->get(alice_, r.id).value();
  const std::string json = boost::json::serialize(reports::to_json(citizen, http::Lang::kVi, 0));
  EXPECT_EQ(json.find("thẩm quyền"), std::string::npos);
  ActionInput cat;
  cat.category = "cap_thoat_nuoc";
  ASSERT_TRUE(act(op_, r.id, Action::kReclassify, cat).ok());
  v = service_->staff_get(op_, r.id).value();
  EXPECT_EQ(v.report.category, "cap_thoat_nuoc");
  EXPECT_EQ(v.report.unit, "sawaco");
}

TEST_P(ReportServiceContract, MergeCarriesFollowers) {
  auto survivor = submit(alice_, light("gốc"));
  auto dup = submit(bob_, light("trùng"));
  auto carol = user("carol", Role::kCitizen, "", "Carol");
  ASSERT_TRUE(service_->set_following(carol, dup.id, true).ok());
  ActionInput into;
  into.into = survivor.code;
  ASSERT_TRUE(act(op_, dup.id, Action::kMerge, into).ok());
  auto d = service_->staff_get(op_, dup.id).value();
  EXPECT_EQ(d.report.state, State::kDuplicate);
  EXPECT_EQ(d.merged_into_code, survivor.code);
  auto s = service_->staff_get(op_, survivor.id).value();
  EXPECT_EQ(s.report.follower_count, 2);
  EXPECT_EQ(service_->list_following(bob_, {})->items.size(), 1u);
  std::set<std::int64_t> carols;
  auto carol_follows = service_->list_following(carol, {});
  ASSERT_TRUE(carol_follows.ok());
  for (const auto& v : carol_follows->items) carols.insert(v.report.id);
  EXPECT_TRUE(carols.count(survivor.id));
  ActionInput self;
  self.into = std::to_string(survivor.id);
  EXPECT_EQ(act(op_, survivor.id, Action::kMerge, self).code(), Code::kInvalid);
}

TEST_P(ReportServiceContract, IdeasAreSupportedOncePerCitizen) {
  SubmitInput in;
  in.kind = reports::Kind::kIdea;
  in.category = "khac";
  in.description = "Trồng thêm cây";
  auto idea = submit(alice_, in);
  EXPECT_TRUE(service_->support(bob_, idea.id).ok());
  EXPECT_TRUE(service_->support(bob_, idea.id).ok());
  EXPECT_EQ(service_->support(alice_, idea.id).status().code(), Code::kConflict);
  EXPECT_EQ(service_->get(bob_, idea.id)->report.support_count, 1);
  auto report = submit(alice_, light());
  EXPECT_EQ(service_->support(bob_, report.id).status().code(), Code::kConflict);
}

TEST_P(ReportServiceContract, IdempotencyKeyReplaysAndRefusesReuse) {
  store::IdempotencyKey key{alice_.user_id, "k-1", "hash-a"};
  auto first = service_->submit(alice_, light(), key);
  auto second = service_->submit(alice_, light(), key);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_FALSE(first->replayed);
  EXPECT_TRUE(second->replayed);
  EXPECT_EQ(first->view.report.id, second->view.report.id);
  store::IdempotencyKey other{alice_.user_id, "k-1", "hash-b"};
  EXPECT_EQ(service_->submit(alice_, light(), other).status().key(), "idempotency_key_reused");
  // Keys belong to a user: Bob may use the same one.
  store::IdempotencyKey bobs{bob_.user_id, "k-1", "hash-a"};
  auto b = service_->submit(bob_, light(), bobs);
  EXPECT_NE(b->view.report.id, first->view.report.id);
}

TEST_P(ReportServiceContract, ConcurrentIntakeKeepsCodesUnique) {
  constexpr int kThreads = 16, kEach = 25;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  std::mutex mu;
  std::set<std::string> codes;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        auto r = service_->submit(
            t % 2 ? alice_ : bob_, light("t" + std::to_string(t)),
            store::IdempotencyKey{(t % 2 ? alice_ : bob_).user_id, "c-" + std::to_string(i % 5),
                                  "h" + std::to_string(i % 5)});
        if (!r.ok()) {
          ++failures;
          continue;
        }
        std::lock_guard lock(mu);
        codes.insert(r->view.report.code);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  // Five keys per citizen: exactly ten reports, whatever the interleaving.
  EXPECT_EQ(codes.size(), 10u);
  auto count = db->read_value<std::int64_t>([](store::Tx& tx) -> Result<std::int64_t> {
    return tx.one("SELECT COUNT(*) FROM reports")->i64(0);
  });
  EXPECT_EQ(count.value(), 10);
}

CDS_INSTANTIATE_ENGINES(ReportServiceContract);

}  // namespace
}  // namespace cds::contract
