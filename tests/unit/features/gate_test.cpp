// The shared gate: each kind of Access lets in whom it should and answers the others with the
// authenticator's 401 and 403, before the handler runs; route_rules reads the table back.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "auth/authenticator.hpp"
#include "auth/gate.hpp"
#include "common/clock.hpp"
#include "http/router.hpp"
#include "store/database.hpp"
#include "users/user_service.hpp"

namespace cds::auth {
namespace {

namespace fs = std::filesystem;

class GateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "cds-gate-XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    db_ = store::open_database("sqlite:" + (dir_ / "test.db").string());
    ASSERT_TRUE(store::migrate(*db_).ok());
    users::UserService users(*db_, clock_);
    citizen_token_ = sign_up(users, "citizen.a", Role::kCitizen);
    operator_token_ = sign_up(users, "operator.1", Role::kOperator);
    auth_ = std::make_unique<Authenticator>(*db_, clock_);
    gate_ = std::make_unique<Gate>(*auth_);
  }
  void TearDown() override {
    gate_.reset();
    auth_.reset();
    db_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  std::string sign_up(users::UserService& users, const std::string& username, Role role) {
    users::NewUser nu;
    nu.username = username;
    nu.role = role;
    Result<std::int64_t> id = users.add(nu);
    EXPECT_TRUE(id.ok()) << id.status().key();
    Result<users::IssuedToken> token = users.issue_token(username, kDayMs);
    EXPECT_TRUE(token.ok()) << token.status().key();
    return token.ok() ? token->token : std::string();
  }

  // Runs a request through the router, as the server would; `bearer` empty sends no credentials.
  http::Response call(http::Method method, const std::string& path, const std::string& bearer) {
    http::Request req;
    req.method = method;
    req.path = path;
    req.target = path;
    if (!bearer.empty()) req.headers.emplace_back("authorization", "Bearer " + bearer);
    http::Router::Match m = router_.match(req);
    EXPECT_NE(m.route, nullptr) << path;
    if (m.route == nullptr) return http::Response::text(404, "no route");
    return m.route->handler(req);
  }

  // A handler that answers 200 with the caller's username ("-" for an anonymous caller).
  static Gate::GuardedHandler echo() {
    return [](http::Request&, const Principal& who) {
      return http::Response::text(200, who.username);
    };
  }
  static Gate::OptionalHandler echo_optional() {
    return [](http::Request&, const std::optional<Principal>& who) {
      return http::Response::text(200, who ? who->username : "-");
    };
  }

  fs::path dir_;
  ManualClock clock_{1'780'000'000'000};
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<Authenticator> auth_;
  std::unique_ptr<Gate> gate_;
  http::Router router_;
  std::string citizen_token_;
  std::string operator_token_;
};

TEST_F(GateTest, PublicRouteRunsWithoutLookingAtCredentials) {
  int runs = 0;
  router_.add(http::Method::kGet, "/open", gate_->allow_public([&runs](http::Request&) {
    ++runs;
    return http::Response::text(200, "ok");
  }));
  EXPECT_EQ(call(http::Method::kGet, "/open", "").status, 200);
  EXPECT_EQ(call(http::Method::kGet, "/open", "not-a-token").status, 200);
  EXPECT_EQ(runs, 2);
}

TEST_F(GateTest, SignedInRouteNeedsGoodCredentials) {
  router_.add(http::Method::kPost, "/mine", gate_->allow(Access::signed_in(), echo()));
  EXPECT_EQ(call(http::Method::kPost, "/mine", "").status, 401);
  EXPECT_EQ(call(http::Method::kPost, "/mine", "not-a-token").status, 401);
  http::Response ok = call(http::Method::kPost, "/mine", citizen_token_);
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(ok.body, "citizen.a");
  EXPECT_EQ(call(http::Method::kPost, "/mine", operator_token_).body, "operator.1");
}

TEST_F(GateTest, OptionalSignInRouteKnowsTheCallerAndRefusesBadCredentials) {
  router_.add(http::Method::kGet, "/list", gate_->allow_optional(echo_optional()));
  http::Response anonymous = call(http::Method::kGet, "/list", "");
  EXPECT_EQ(anonymous.status, 200);
  EXPECT_EQ(anonymous.body, "-");
  EXPECT_EQ(call(http::Method::kGet, "/list", citizen_token_).body, "citizen.a");
  // A wrong token is never silently taken as anonymous.
  EXPECT_EQ(call(http::Method::kGet, "/list", "not-a-token").status, 401);
}

TEST_F(GateTest, RolesRouteGives403ToOtherRolesAndRunsForTheRightOne) {
  int runs = 0;
  router_.add(http::Method::kPost, "/staff",
              gate_->allow(Access::roles({Role::kOperator, Role::kAdmin}),
                           [&runs](http::Request&, const Principal& who) {
                             ++runs;
                             return http::Response::text(200, who.username);
                           }));
  EXPECT_EQ(call(http::Method::kPost, "/staff", "").status, 401);
  EXPECT_EQ(call(http::Method::kPost, "/staff", "not-a-token").status, 401);
  EXPECT_EQ(call(http::Method::kPost, "/staff", citizen_token_).status, 403);
  EXPECT_EQ(runs, 0);
  http::Response ok = call(http::Method::kPost, "/staff", operator_token_);
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(ok.body, "operator.1");
  EXPECT_EQ(runs, 1);
}

TEST_F(GateTest, RouteRulesListEveryRouteWithItsAccess) {
  const Access admins = Access::roles({Role::kAdmin});
  router_.add(http::Method::kGet, "/open",
              gate_->allow_public([](http::Request&) { return http::Response::text(200, ""); }));
  router_.add(http::Method::kGet, "/list", gate_->allow_optional(echo_optional()));
  router_.add(http::Method::kPost, "/mine", gate_->allow(Access::signed_in(), echo()));
  router_.add(http::Method::kPatch, "/admin/{id}", gate_->allow(admins, echo()));
  // Not through the gate: the table shows it without an Access, so a test can catch it.
  router_.add(http::Method::kGet, "/bare",
              [](http::Request&) { return http::Response::text(200, ""); });

  std::vector<RouteRule> rules = route_rules(router_);
  ASSERT_EQ(rules.size(), 5u);
  EXPECT_EQ(rules[0].method, http::Method::kGet);
  EXPECT_EQ(rules[0].pattern, "/open");
  EXPECT_EQ(rules[0].access, Access::public_());
  EXPECT_EQ(rules[1].pattern, "/list");
  EXPECT_EQ(rules[1].access, Access::optional_sign_in());
  EXPECT_EQ(rules[2].method, http::Method::kPost);
  EXPECT_EQ(rules[2].pattern, "/mine");
  EXPECT_EQ(rules[2].access, Access::signed_in());
  EXPECT_EQ(rules[3].method, http::Method::kPatch);
  EXPECT_EQ(rules[3].pattern, "/admin/{id}");
  EXPECT_EQ(rules[3].access, admins);
  EXPECT_EQ(rules[4].pattern, "/bare");
  EXPECT_FALSE(rules[4].access.has_value());
}

TEST(Access, ChecksAndDescribesEachKind) {
  const Principal citizen{1, "c", Role::kCitizen, "", "", ""};
  const Principal leader{2, "l", Role::kLeader, "", "", ""};
  const Access staff = Access::roles({Role::kLeader, Role::kOperator});

  EXPECT_TRUE(Access::public_().check(std::nullopt).ok());
  EXPECT_TRUE(Access::optional_sign_in().check(std::nullopt).ok());
  EXPECT_EQ(Access::signed_in().check(std::nullopt).code(), Code::kUnauthorized);
  EXPECT_TRUE(Access::signed_in().check(citizen).ok());
  EXPECT_EQ(staff.check(std::nullopt).code(), Code::kUnauthorized);
  EXPECT_EQ(staff.check(citizen).code(), Code::kForbidden);
  EXPECT_TRUE(staff.check(leader).ok());

  EXPECT_EQ(staff.role_list(), (std::vector<Role>{Role::kOperator, Role::kLeader}));
  EXPECT_EQ(staff.describe(), "roles: operator, leader");
  EXPECT_EQ(Access::signed_in().describe(), "signed in");
  EXPECT_NE(staff, Access::roles({Role::kLeader}));
}

TEST_F(GateTest, AllowRefusesAnAccessThatAdmitsAnonymousCallers) {
  // A handler that needs a caller cannot sit behind a rule that lets anonymous callers in.
  EXPECT_THROW(gate_->allow(Access::optional_sign_in(), echo()), std::invalid_argument);
  EXPECT_THROW(gate_->allow(Access::public_(), echo()), std::invalid_argument);
}

}  // namespace
}  // namespace cds::auth
