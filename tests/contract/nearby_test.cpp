// Reports near a point on both engines: the box prefilter in SQL, the exact distance and order,
// and what is never suggested (closed or withdrawn, private, sensitive, without a location).
#include <gtest/gtest.h>

#include <cmath>

#include "catalog/catalog.hpp"
#include "harness.hpp"
#include "reports/report_service.hpp"
#include "users/user_service.hpp"

namespace cds::contract {
namespace {

using auth::Principal;
using auth::Role;
using reports::Audience;
using reports::ListFilter;
using reports::NearFilter;
using reports::SubmitInput;

constexpr double kLat = 10.7725, kLon = 106.698;  // Chợ Bến Thành
constexpr double kMetreOfLat = 1.0 / 111'195;     // degrees of latitude in one metre

class NearbyContract : public StoreContract {
 protected:
  void SetUp() override {
    StoreContract::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(catalog::seed_reference_data(*db).ok());
    clock_ = std::make_unique<ManualClock>(*parse_rfc3339("2026-11-23T09:00:00+07:00"));
    catalog_ = std::make_unique<catalog::Catalog>(*db);
    service_ = std::make_unique<reports::ReportService>(*db, *catalog_, *clock_, vault_, nullptr);
    alice_ = user("alice", Role::kCitizen);
    bob_ = user("bob", Role::kCitizen);
  }

  Principal user(const std::string& name, Role role) {
    users::UserService users(*db, *clock_);
    auto id = users.add(users::NewUser{name, role, "", name, std::nullopt});
    EXPECT_TRUE(id.ok()) << id.status().key();
    return Principal{id.ok() ? *id : 0, name, role, "", name};
  }

  // A report `north_m` metres north and `east_m` metres east of the point.
  std::int64_t report_at(double north_m, double east_m, const std::string& category = "dien_luc",
                         bool is_public = true, const Principal* who = nullptr) {
    SubmitInput in;
    in.category = category;
    in.description = "Báo cáo " + std::to_string(north_m) + " " + std::to_string(east_m);
    in.location.lat = kLat + north_m * kMetreOfLat;
    in.location.lon = kLon + east_m * kMetreOfLat / std::cos(kLat * 3.14159265358979 / 180);
    in.is_public = is_public;
    auto r = service_->submit(who ? *who : alice_, std::move(in), std::nullopt);
    EXPECT_TRUE(r.ok()) << r.status().key();
    return r.ok() ? r->view.report.id : 0;
  }

  std::vector<std::pair<std::int64_t, double>> near(int radius_m, ListFilter f = {},
                                                    std::optional<Principal> who = {}) {
    f.near = NearFilter{kLat, kLon, radius_m};
    auto page = service_->list_public(f, who);
    EXPECT_TRUE(page.ok()) << page.status().key();
    std::vector<std::pair<std::int64_t, double>> out;
    if (!page.ok()) return out;
    EXPECT_FALSE(page->next_before_id.has_value());  // nearest first: no paging
    for (const auto& v : page->items) {
      EXPECT_TRUE(v.distance_m.has_value());
      out.emplace_back(v.report.id, v.distance_m.value_or(-1));
    }
    return out;
  }

  Vault vault_ = Vault::ephemeral();
  std::unique_ptr<ManualClock> clock_;
  std::unique_ptr<catalog::Catalog> catalog_;
  std::unique_ptr<reports::ReportService> service_;
  Principal alice_, bob_;
};

TEST_P(NearbyContract, NearestFirstWithinTheRadius) {
  const auto far = report_at(500, 0);
  const auto at = report_at(0, 0);
  const auto east = report_at(0, 120);
  const auto north = report_at(50, 0);
  const auto trees = report_at(-250, 0, "cay_xanh");
  const auto corner = report_at(270, 270);  // inside the SQL box, ~382 m away: not within 300 m
  auto found = near(300);
  ASSERT_EQ(found.size(), 4u);
  EXPECT_EQ(found[0].first, at);
  EXPECT_EQ(found[1].first, north);
  EXPECT_EQ(found[2].first, east);
  EXPECT_EQ(found[3].first, trees);
  EXPECT_NEAR(found[0].second, 0, 0.5);
  EXPECT_NEAR(found[1].second, 50, 0.5);
  EXPECT_NEAR(found[2].second, 120, 0.5);
  EXPECT_NEAR(found[3].second, 250, 0.5);
  // A wider circle takes the corner and the far one, still nearest first.
  found = near(600);
  ASSERT_EQ(found.size(), 6u);
  EXPECT_EQ(found[4].first, corner);
  EXPECT_EQ(found[5].first, far);
  // Filters still apply; the limit keeps the nearest.
  ListFilter electricity;
  electricity.category = "dien_luc";
  EXPECT_EQ(near(300, electricity).size(), 3u);
  ListFilter two;
  two.limit = 2;
  found = near(2000, two);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].first, at);
  EXPECT_EQ(found[1].first, north);
}

TEST_P(NearbyContract, OnlyOpenPublicNotSensitiveReportsWithALocation) {
  const auto open = report_at(10, 0);
  report_at(20, 0, "dien_luc", /*is_public=*/false);
  report_at(30, 0, "an_ninh_trat_tu");  // sensitive: its place is never public
  const auto withdrawn = report_at(40, 0);
  ASSERT_TRUE(
      service_->author_action(alice_, withdrawn, reports::Action::kWithdraw, reports::ActionInput{})
          .ok());
  SubmitInput no_place;
  no_place.category = "dien_luc";
  no_place.description = "Không có toạ độ";
  no_place.location.address = "Chợ Bến Thành";
  ASSERT_TRUE(service_->submit(alice_, no_place, std::nullopt).ok());
  auto found = near(300);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].first, open);
}

TEST_P(NearbyContract, ACitizenSeesTheirOwnAndWhatTheyFollow) {
  const auto mine = report_at(10, 0, "dien_luc", true, &bob_);
  const auto alices = report_at(20, 0);
  ASSERT_TRUE(service_->set_following(bob_, alices, true).ok());
  ListFilter f;
  f.near = NearFilter{kLat, kLon, 300};
  auto page = service_->list_public(f, bob_);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0].report.id, mine);
  EXPECT_EQ(page->items[0].audience, Audience::kAuthor);
  EXPECT_EQ(page->items[1].report.id, alices);
  EXPECT_EQ(page->items[1].audience, Audience::kPublic);
  EXPECT_TRUE(page->items[1].following);
  // Nobody's identity is in a list.
  EXPECT_FALSE(page->items[1].author_name.has_value());
}

CDS_INSTANTIATE_ENGINES(NearbyContract);

}  // namespace
}  // namespace cds::contract
