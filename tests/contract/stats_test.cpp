// The dashboard's figures on both engines, from a known month of reports moved through the
// lifecycle by ReportService: totals, every day, each breakdown, averages, satisfaction, the
// overdue list, scopes, and the monthly ranking with its 25th-to-25th boundary.
#include <gtest/gtest.h>

#include "catalog/catalog.hpp"
#include "harness.hpp"
#include "reports/report_service.hpp"
#include "stats/stats_service.hpp"
#include "users/user_service.hpp"

namespace cds::contract {
namespace {

using auth::Principal;
using auth::Role;
using reports::Action;
using reports::ActionInput;
using stats::DateRange;
using stats::GroupRow;
using stats::Scope;

Millis city(const std::string& local) {
  auto t = parse_rfc3339(local + "+07:00");
  EXPECT_TRUE(t.has_value()) << local;
  return t.value_or(0);
}

Date date(const std::string& text) {
  return parse_date(text).value();
}

// (code or "-", received, resolved, on_time, on-time rate or -1 for none), for one-line checks.
struct Expected {
  std::string code;
  std::int64_t received, resolved, on_time;
  double rate;
};

std::vector<Expected> summary(const std::vector<GroupRow>& rows) {
  std::vector<Expected> out;
  for (const auto& r : rows) {
    out.push_back(Expected{r.label.code.value_or("-"), r.counts.received, r.counts.resolved,
                           r.counts.on_time, r.counts.on_time_rate().value_or(-1)});
  }
  return out;
}

bool operator==(const Expected& a, const Expected& b) {
  return a.code == b.code && a.received == b.received && a.resolved == b.resolved &&
         a.on_time == b.on_time && a.rate == b.rate;
}

void PrintTo(const Expected& e, std::ostream* os) {
  *os << "{" << e.code << ", " << e.received << ", " << e.resolved << ", " << e.on_time << ", "
      << e.rate << "}";
}

class StatsContract : public StoreContract {
 protected:
  void SetUp() override {
    StoreContract::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(catalog::seed_reference_data(*db).ok());
    clock_ = std::make_unique<ManualClock>(city("2026-10-01T08:00:00"));
    catalog_ = std::make_unique<catalog::Catalog>(*db);
    reports_ = std::make_unique<reports::ReportService>(*db, *catalog_, *clock_, vault_, nullptr);
    stats_ = std::make_unique<stats::StatsService>(*db, *catalog_, *clock_);
    alice_ = user("alice", Role::kCitizen, "");
    op_ = user("op", Role::kOperator, "");
    evn_ = user("evn", Role::kUnitStaff, "evn-hcmc");
    sawaco_ = user("sawaco", Role::kUnitStaff, "sawaco");
    trees_ = user("trees", Role::kUnitStaff, "cong-vien-cay-xanh");
  }

  Principal user(const std::string& name, Role role, const std::string& unit) {
    users::UserService users(*db, *clock_);
    auto id = users.add(users::NewUser{name, role, unit, name, std::nullopt});
    EXPECT_TRUE(id.ok()) << id.status().key();
    return Principal{id.ok() ? *id : 0, name, role, unit, name};
  }

  // A report sent by Alice at `when` (city time), in `ward` (Bến Thành 26743 or Sài Gòn 26740).
  std::int64_t submit(const std::string& when, const std::string& category, const std::string& ward,
                      reports::Kind kind = reports::Kind::kReport) {
    clock_->set(city(when));
    reports::SubmitInput in;
    in.kind = kind;
    in.category = category;
    in.description = "Phản ánh thử " + when;
    in.location.lat = 10.7725;
    in.location.lon = 106.698;
    in.ward = ward;
    auto r = reports_->submit(alice_, std::move(in), std::nullopt);
    EXPECT_TRUE(r.ok()) << r.status().key();
    return r.ok() ? r->view.report.id : 0;
  }

  void act(const std::string& when, const Principal& who, std::int64_t id, Action a,
           ActionInput in = {}) {
    clock_->set(city(when));
    auto r = reports::actor_of(a) == reports::Actor::kAuthor
                 ? reports_->author_action(who, id, a, in)
                 : reports_->staff_action(who, id, a, in);
    ASSERT_TRUE(r.ok()) << reports::action_name(a) << " #" << id << ": " << r.status().key();
  }

  void assign(const std::string& when, std::int64_t id) { act(when, op_, id, Action::kAssign); }

  void resolve(const std::string& when, const Principal& unit, std::int64_t id) {
    act(when, unit, id, Action::kAccept);
    ActionInput result;
    result.text = "Đã xử lý xong";
    act(when, unit, id, Action::kResolve, result);
  }

  void rate(const std::string& when, std::int64_t id, int score) {
    ActionInput in;
    in.score = score;
    act(when, alice_, id, Action::kRate, in);
  }

  Millis due_of(std::int64_t id) { return reports_->staff_get(op_, id).value().report.due_at; }

  // The known data set, in the order things happen. Deadlines are five working days after the
  // day of intake, end of day (November 2026 has no public holiday).
  void seed() {
    r5_ = submit("2026-10-28T08:00:00", "dien_luc", "26743");  // due Wed 4 Nov
    assign("2026-10-28T09:00:00", r5_);
    r1_ = submit("2026-11-02T08:00:00", "dien_luc", "26743");  // due Mon 9 Nov
    r2_ = submit("2026-11-02T09:00:00", "dien_luc", "26740");  // due Mon 9 Nov
    assign("2026-11-02T10:00:00", r1_);                        // 2 h to assign
    assign("2026-11-02T13:00:00", r2_);                        // 4 h
    resolve("2026-11-03T08:00:00", evn_, r1_);                 // on time, 24 h
    idea_ = submit("2026-11-03T09:00:00", "xe_buyt", "26743", reports::Kind::kIdea);
    resolve("2026-11-03T10:00:00", evn_, r5_);  // on time, created before the range: 146 h
    rate("2026-11-04T09:00:00", r1_, 5);
    r3_ = submit("2026-11-05T10:00:00", "cap_thoat_nuoc", "26743");  // due Thu 12 Nov
    assign("2026-11-05T16:00:00", r3_);                              // 6 h; never resolved
    r4_ = submit("2026-11-10T08:00:00", "cay_xanh", "26740");  // due Tue 17 Nov; stays received
    resolve("2026-11-10T09:00:00", evn_, r2_);                 // late, 192 h
    rate("2026-11-10T10:00:00", r2_, 3);
    r6_ = submit("2026-11-12T08:00:00", "dien_luc", "26743");
    ActionInput reason;
    reason.text = "Không phải phản ánh";
    act("2026-11-12T09:00:00", op_, r6_, Action::kReject, reason);
    r11_ = submit("2026-11-16T08:00:00", "cap_thoat_nuoc", "26740");  // due Mon 23 Nov
    assign("2026-11-16T09:00:00", r11_);                              // 1 h
    resolve("2026-11-17T08:00:00", sawaco_, r11_);                    // on time, 24 h
    r8_ = submit("2026-11-20T08:00:00", "cay_xanh", "26740");         // due Fri 27 Nov
    assign("2026-11-20T10:00:00", r8_);                               // 2 h
    act("2026-11-20T10:30:00", trees_, r8_, Action::kAccept);         // in progress, not yet late
    r9_ = submit("2026-11-23T08:00:00", "dien_luc", "26743");         // due Mon 30 Nov
    r10_ = submit("2026-11-23T08:30:00", "dien_luc", "26740");        // due Mon 30 Nov
    assign("2026-11-23T09:00:00", r9_);                               // 1 h
    assign("2026-11-23T09:30:00", r10_);                              // 1 h
    // The last minute of November's reporting period, and the first of December's.
    resolve("2026-11-24T23:59:00", evn_, r9_);   // 39 h 59 min
    resolve("2026-11-25T00:00:00", evn_, r10_);  // 39 h 30 min
    clock_->set(city("2026-11-26T12:00:00"));
  }

  stats::Stats stats_of(const std::string& from, const std::string& to, Scope scope = {}) {
    auto s = stats_->stats(DateRange{date(from), date(to)}, scope);
    EXPECT_TRUE(s.ok()) << s.status().key() << " " << s.status().internal_detail();
    return s.ok() ? *s : stats::Stats{};
  }

  Vault vault_ = Vault::ephemeral();
  std::unique_ptr<ManualClock> clock_;
  std::unique_ptr<catalog::Catalog> catalog_;
  std::unique_ptr<reports::ReportService> reports_;
  std::unique_ptr<stats::StatsService> stats_;
  Principal alice_, op_, evn_, sawaco_, trees_;
  std::int64_t r1_ = 0, r2_ = 0, r3_ = 0, r4_ = 0, r5_ = 0, r6_ = 0, r8_ = 0, r9_ = 0, r10_ = 0,
               r11_ = 0, idea_ = 0;
};

TEST_P(StatsContract, DeadlinesOfTheDataSet) {
  seed();
  EXPECT_EQ(format_rfc3339(due_of(r5_)), "2026-11-04T23:59:59.999+07:00");
  EXPECT_EQ(format_rfc3339(due_of(r2_)), "2026-11-09T23:59:59.999+07:00");
  EXPECT_EQ(format_rfc3339(due_of(r3_)), "2026-11-12T23:59:59.999+07:00");
  EXPECT_EQ(format_rfc3339(due_of(r4_)), "2026-11-17T23:59:59.999+07:00");
  EXPECT_EQ(format_rfc3339(due_of(r8_)), "2026-11-27T23:59:59.999+07:00");
  EXPECT_EQ(format_rfc3339(due_of(r10_)), "2026-11-30T23:59:59.999+07:00");
}

TEST_P(StatsContract, TotalsOfAMonth) {
  seed();
  const auto s = stats_of("2026-11-01", "2026-11-30");
  EXPECT_EQ(s.as_of, city("2026-11-26T12:00:00"));
  // Created in November: every report but R5 (October) and the idea.
  EXPECT_EQ(s.totals.received, 9);
  // R1, R2 (late), R5, R11, R9, R10.
  EXPECT_EQ(s.totals.resolved, 6);
  EXPECT_EQ(s.totals.on_time, 5);
  EXPECT_EQ(s.totals.on_time_rate(), 0.8333);
  // R3 (assigned), R4 (received), R8 (in progress); R3 and R4 are past their deadlines.
  EXPECT_EQ(s.open_now, 3);
  EXPECT_EQ(s.overdue_now, 2);
  // (2 + 4 + 6 + 1 + 2 + 1 + 1) / 7 hours.
  EXPECT_EQ(s.avg_hours_to_assign, 2.43);
  // (24 + 192 + 146 + 24 + 39.9833 + 39.5) / 6 hours.
  EXPECT_EQ(s.avg_hours_to_resolve, 77.58);
  EXPECT_EQ(s.satisfaction.count, 2);
  EXPECT_EQ(s.satisfaction.average, 4.0);
}

TEST_P(StatsContract, EveryDayOfTheRangeZerosIncluded) {
  seed();
  const auto s = stats_of("2026-11-01", "2026-11-30");
  ASSERT_EQ(s.by_day.size(), 30u);
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> busy = {
      {"2026-11-02", {2, 0}}, {"2026-11-03", {0, 2}}, {"2026-11-05", {1, 0}},
      {"2026-11-10", {1, 1}}, {"2026-11-12", {1, 0}}, {"2026-11-16", {1, 0}},
      {"2026-11-17", {0, 1}}, {"2026-11-20", {1, 0}}, {"2026-11-23", {2, 0}},
      {"2026-11-24", {0, 1}}, {"2026-11-25", {0, 1}}};
  for (int i = 0; i < 30; ++i) {
    const auto& d = s.by_day[i];
    const std::string day = format_date(d.date);
    EXPECT_EQ(day, format_date(add_days(date("2026-11-01"), i)));
    const auto want = busy.count(day) ? busy[day] : std::pair<std::int64_t, std::int64_t>{0, 0};
    EXPECT_EQ(d.received, want.first) << day;
    EXPECT_EQ(d.resolved, want.second) << day;
  }
  // One day: the resolutions of 3 November, whenever the reports were made.
  const auto one = stats_of("2026-11-03", "2026-11-03");
  ASSERT_EQ(one.by_day.size(), 1u);
  EXPECT_EQ(one.by_day[0].received, 0);
  EXPECT_EQ(one.by_day[0].resolved, 2);
  EXPECT_EQ(one.totals.received, 0);
  EXPECT_EQ(one.totals.resolved, 2);
  EXPECT_EQ(one.avg_hours_to_assign, std::nullopt);
  EXPECT_EQ(one.avg_hours_to_resolve, (24.0 + 146.0) / 2);
  EXPECT_EQ(one.satisfaction.count, 0);
  EXPECT_EQ(one.satisfaction.average, std::nullopt);
  // A day before anything happened.
  const auto empty = stats_of("2026-09-01", "2026-09-01");
  EXPECT_EQ(empty.totals.received, 0);
  EXPECT_EQ(empty.totals.on_time_rate(), std::nullopt);
  EXPECT_TRUE(empty.by_category.empty());
  EXPECT_EQ(empty.open_now, 3);  // "now" figures do not depend on the range
}

TEST_P(StatsContract, BreakdownsByCategoryUnitAndWard) {
  seed();
  const auto s = stats_of("2026-11-01", "2026-11-30");
  EXPECT_EQ(summary(s.by_category), (std::vector<Expected>{
                                        {"dien_luc", 5, 5, 4, 0.8},
                                        {"cap_thoat_nuoc", 2, 1, 1, 1.0},
                                        {"cay_xanh", 2, 0, 0, -1},
                                    }));
  // R4 (still received: routing's proposal is not the unit's yet) and R6 (rejected) have no
  // unit; that row comes last.
  EXPECT_EQ(summary(s.by_unit), (std::vector<Expected>{
                                    {"evn-hcmc", 4, 5, 4, 0.8},
                                    {"sawaco", 2, 1, 1, 1.0},
                                    {"cong-vien-cay-xanh", 1, 0, 0, -1},
                                    {"-", 2, 0, 0, -1},
                                }));
  EXPECT_EQ(summary(s.by_ward), (std::vector<Expected>{
                                    {"26740", 5, 3, 2, 0.6667},
                                    {"26743", 4, 3, 3, 1.0},
                                }));
  EXPECT_EQ(s.by_category[0].label.name, "Điện lực");
  EXPECT_EQ(s.by_category[0].label.name_en, "Electricity");
  EXPECT_EQ(s.by_unit.back().label.name, "(chưa chuyển đơn vị)");
  EXPECT_EQ(s.by_unit.back().label.name_en, "(not yet assigned)");
  EXPECT_FALSE(s.by_ward[0].label.name.empty());
}

TEST_P(StatsContract, OverdueListMostOverdueFirst) {
  seed();
  const auto s = stats_of("2026-11-01", "2026-11-30");
  ASSERT_EQ(s.overdue.size(), 2u);
  EXPECT_EQ(s.overdue[0].id, r3_);
  EXPECT_EQ(s.overdue[0].category.code, "cap_thoat_nuoc");
  EXPECT_EQ(s.overdue[0].unit.code, "sawaco");
  EXPECT_EQ(s.overdue[0].ward.code, "26743");
  EXPECT_EQ(format_rfc3339(s.overdue[0].due_at), "2026-11-12T23:59:59.999+07:00");
  EXPECT_EQ(s.overdue[0].days_overdue, 14);
  EXPECT_EQ(s.overdue[1].id, r4_);
  EXPECT_EQ(s.overdue[1].unit.code, std::nullopt);
  EXPECT_EQ(s.overdue[1].days_overdue, 9);
  EXPECT_TRUE(s.overdue[1].code.starts_with("PA-2611-")) << s.overdue[1].code;
  // A day later R8's deadline has passed too; it is the least overdue.
  clock_->set(city("2026-11-28T00:00:00"));
  const auto later = stats_of("2026-11-01", "2026-11-30");
  ASSERT_EQ(later.overdue.size(), 3u);
  EXPECT_EQ(later.overdue[2].id, r8_);
  EXPECT_EQ(later.overdue[2].days_overdue, 1);
  EXPECT_EQ(later.overdue_now, 3);
}

TEST_P(StatsContract, ScopesNarrowEveryFigure) {
  seed();
  // A unit's own figures, as its staff see them.
  Scope evn;
  evn.unit = "evn-hcmc";
  const auto u = stats_of("2026-11-01", "2026-11-30", evn);
  EXPECT_EQ(u.totals.received, 4);
  EXPECT_EQ(u.totals.resolved, 5);
  EXPECT_EQ(u.totals.on_time, 4);
  EXPECT_EQ(u.open_now, 0);
  EXPECT_EQ(u.overdue_now, 0);
  EXPECT_TRUE(u.overdue.empty());
  EXPECT_EQ(u.avg_hours_to_assign, 2.0);  // (2 + 4 + 1 + 1) / 4
  EXPECT_EQ(u.satisfaction.count, 2);
  ASSERT_EQ(u.by_unit.size(), 1u);
  EXPECT_EQ(u.by_unit[0].label.code, "evn-hcmc");
  // Routing proposed the tree unit for R4, but only R8 was handed to it.
  Scope trees;
  trees.unit = "cong-vien-cay-xanh";
  const auto t = stats_of("2026-11-01", "2026-11-30", trees);
  EXPECT_EQ(t.totals.received, 1);
  EXPECT_EQ(t.open_now, 1);
  EXPECT_EQ(t.overdue_now, 0);
  // A category and a ward together.
  Scope water;
  water.category = "cap_thoat_nuoc";
  water.ward = "26743";
  const auto w = stats_of("2026-11-01", "2026-11-30", water);
  EXPECT_EQ(w.totals.received, 1);
  EXPECT_EQ(w.overdue_now, 1);
  ASSERT_EQ(w.overdue.size(), 1u);
  EXPECT_EQ(w.overdue[0].id, r3_);
  // Ideas are counted apart.
  Scope ideas;
  ideas.kind = reports::Kind::kIdea;
  const auto i = stats_of("2026-11-01", "2026-11-30", ideas);
  EXPECT_EQ(i.totals.received, 1);
  EXPECT_EQ(i.by_day[2].received, 1);  // 3 November
  EXPECT_EQ(i.totals.resolved, 0);
}

TEST_P(StatsContract, MonthlyRankingFrom25thTo25th) {
  seed();
  // November: 25 October 00:00 to 25 November 00:00. R9, resolved at 24 November 23:59, counts;
  // R10, resolved at 25 November 00:00, does not.
  auto nov = stats_->ranking(stats::Month{2026, 11});
  ASSERT_TRUE(nov.ok()) << nov.status().internal_detail();
  EXPECT_EQ(format_rfc3339(nov->period.start), "2026-10-25T00:00:00+07:00");
  EXPECT_EQ(format_rfc3339(nov->period.end), "2026-11-25T00:00:00+07:00");
  ASSERT_EQ(nov->rows.size(), 3u);
  const auto& sawaco = nov->rows[0];  // fewer resolved than EVN, but all of them on time
  EXPECT_EQ(sawaco.rank, 1);
  EXPECT_EQ(sawaco.unit.code, "sawaco");
  EXPECT_EQ(sawaco.assigned, 2);
  EXPECT_EQ(sawaco.resolved, 1);
  EXPECT_EQ(sawaco.on_time, 1);
  EXPECT_EQ(sawaco.on_time_rate(), 1.0);
  EXPECT_EQ(sawaco.overdue_open_at_end, 1);  // R3
  EXPECT_EQ(sawaco.satisfaction.count, 0);
  EXPECT_EQ(sawaco.satisfaction.average, std::nullopt);
  const auto& evn = nov->rows[1];
  EXPECT_EQ(evn.rank, 2);
  EXPECT_EQ(evn.unit.code, "evn-hcmc");
  EXPECT_EQ(evn.unit.name, "Tổng công ty Điện lực TP.HCM (EVNHCMC)");
  EXPECT_EQ(evn.assigned, 5);  // R5 (28 October), R1, R2, R9, R10
  EXPECT_EQ(evn.resolved, 4);  // R1, R2, R5, R9
  EXPECT_EQ(evn.on_time, 3);
  EXPECT_EQ(evn.on_time_rate(), 0.75);
  EXPECT_EQ(evn.overdue_open_at_end, 0);
  EXPECT_EQ(evn.satisfaction.count, 2);
  EXPECT_EQ(evn.satisfaction.average, 4.0);
  const auto& trees = nov->rows[2];  // resolved nothing: no rate, last
  EXPECT_EQ(trees.rank, 3);
  EXPECT_EQ(trees.unit.code, "cong-vien-cay-xanh");
  EXPECT_EQ(trees.assigned, 1);
  EXPECT_EQ(trees.on_time_rate(), std::nullopt);
  EXPECT_EQ(trees.overdue_open_at_end, 0);  // R8 is due 27 November, after the end

  // December: only EVN resolved anything (R10, at 25 November 00:00); nobody was assigned work.
  auto dec = stats_->ranking(stats::Month{2026, 12});
  ASSERT_TRUE(dec.ok());
  ASSERT_EQ(dec->rows.size(), 1u);
  EXPECT_EQ(dec->rows[0].unit.code, "evn-hcmc");
  EXPECT_EQ(dec->rows[0].assigned, 0);
  EXPECT_EQ(dec->rows[0].resolved, 1);
  EXPECT_EQ(dec->rows[0].on_time, 1);
  EXPECT_EQ(dec->rows[0].rank, 1);

  // October's period (25 September to 25 October) saw nothing.
  auto oct = stats_->ranking(stats::Month{2026, 10});
  ASSERT_TRUE(oct.ok());
  EXPECT_TRUE(oct->rows.empty());
}

TEST_P(StatsContract, RankingTiesBreakOnResolvedThenCode) {
  // Two units with the same rate (all on time): more resolved first; equal: by code.
  r1_ = submit("2026-11-02T08:00:00", "dien_luc", "26743");
  r2_ = submit("2026-11-02T08:10:00", "dien_luc", "26743");
  r3_ = submit("2026-11-02T08:20:00", "cap_thoat_nuoc", "26743");
  for (auto id : {r1_, r2_, r3_}) assign("2026-11-02T09:00:00", id);
  resolve("2026-11-03T09:00:00", evn_, r1_);
  resolve("2026-11-03T09:00:00", evn_, r2_);
  resolve("2026-11-03T09:00:00", sawaco_, r3_);
  auto nov = stats_->ranking(stats::Month{2026, 11});
  ASSERT_TRUE(nov.ok());
  ASSERT_EQ(nov->rows.size(), 2u);
  EXPECT_EQ(nov->rows[0].unit.code, "evn-hcmc");
  EXPECT_EQ(nov->rows[1].unit.code, "sawaco");
  // One more for SAWACO: now equal in rate and count, the code decides.
  r4_ = submit("2026-11-04T08:00:00", "cap_thoat_nuoc", "26740");
  assign("2026-11-04T09:00:00", r4_);
  resolve("2026-11-04T10:00:00", sawaco_, r4_);
  nov = stats_->ranking(stats::Month{2026, 11});
  ASSERT_TRUE(nov.ok());
  EXPECT_EQ(nov->rows[0].unit.code, "evn-hcmc");
  EXPECT_EQ(nov->rows[1].unit.code, "sawaco");
  EXPECT_EQ(nov->rows[1].rank, 2);
}

CDS_INSTANTIATE_ENGINES(StatsContract);

}  // namespace
}  // namespace cds::contract
