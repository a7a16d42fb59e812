// Who may call a route, said once where the route is registered: the gate authenticates the caller
// and checks the route's Access before the feature's handler runs, which then receives the caller.
//
//   router.add(Method::kGet, "/api/v1/admin/users",
//              gate_.allow(Access::roles({Role::kAdmin}),
//                          [this](http::Request& req, const Principal& who) { ... }));
//
// Refusals are the authenticator's: 401 without or with bad credentials (invalid_token,
// session_expired), 403 csrf_failed for a cookie-authenticated unsafe request without its CSRF
// token, and 403 for a caller whose role the route does not admit.
//
// Unit scope is not a route rule, because it needs the report: unit staff act only on reports
// handed to their own unit. It lives beside the reports (reports::ReportService::staff_may_see and
// reports::role_may_act_as); the gate checks only the coarse set of roles that may reach a route.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "auth/authenticator.hpp"
#include "auth/principal.hpp"
#include "common/status.hpp"
#include "http/message.hpp"
#include "http/router.hpp"

namespace cds::auth {

// Who may call a route. A small value: constexpr, so that a feature names its rules as constants.
class Access {
 public:
  enum class Kind {
    kPublic,          // anyone; credentials are not even looked at
    kOptionalSignIn,  // anyone; a caller who gives credentials is known (bad ones are still 401)
    kSignedIn,        // any signed-in user
    kRoles,           // a signed-in user whose role is in the set
  };

  static constexpr Access public_() { return Access(Kind::kPublic, 0); }
  static constexpr Access optional_sign_in() { return Access(Kind::kOptionalSignIn, 0); }
  static constexpr Access signed_in() { return Access(Kind::kSignedIn, 0); }
  static constexpr Access roles(std::initializer_list<Role> roles) {
    std::uint32_t bits = 0;
    for (Role r : roles) bits |= bit(r);
    return Access(Kind::kRoles, bits);
  }

  constexpr Kind kind() const { return kind_; }
  // Whether a signed-in caller with `role` passes (true for every kind but kRoles).
  constexpr bool admits(Role role) const {
    return kind_ != Kind::kRoles || (role_bits_ & bit(role)) != 0;
  }
  // Ok, 401 when the route needs a caller and there is none, 403 when the caller's role is not
  // admitted. Also for a rule that depends on the request (GET /api/v1/reports?mine=true).
  Status check(const std::optional<Principal>& caller) const;

  // The roles of a kRoles rule, in enum order; empty for the other kinds.
  std::vector<Role> role_list() const;
  // "public", "optional sign-in", "signed in" or "roles: operator, admin": for docs and tests.
  std::string describe() const;

  friend constexpr bool operator==(const Access&, const Access&) = default;

 private:
  constexpr Access(Kind kind, std::uint32_t role_bits) : kind_(kind), role_bits_(role_bits) {}
  static constexpr std::uint32_t bit(Role role) { return 1u << static_cast<unsigned>(role); }

  Kind kind_;
  std::uint32_t role_bits_;  // bit n: Role n is admitted (kRoles only)
};
static_assert(static_cast<unsigned>(Role::kConnector) < 32, "Access keeps roles in 32 bits");

// The http::Handler the gate puts on a route: authenticate, check the Access, run the feature's
// handler with the caller. Its type is public so that route_rules can read a route's Access back.
class GatedHandler {
 public:
  // The feature's handler; `who` is nullopt only on public and optional-sign-in routes.
  using Next = std::function<http::Response(http::Request&, const std::optional<Principal>&)>;

  GatedHandler(const Authenticator& auth, Access access, Next next)
      : auth_(&auth), access_(access), next_(std::move(next)) {}
  // A public route: no authenticator is ever consulted.
  explicit GatedHandler(Next next)
      : auth_(nullptr), access_(Access::public_()), next_(std::move(next)) {}

  http::Response operator()(http::Request& req) const;
  const Access& access() const { return access_; }

 private:
  const Authenticator* auth_;  // not owned; outlives the router; null on public routes
  Access access_;
  Next next_;
};

// Makes the gated handlers of a feature's routes. Cheap to copy; holds only the authenticator,
// which must outlive every handler made. Handlers may run on any thread, concurrently.
class Gate {
 public:
  using GuardedHandler = std::function<http::Response(http::Request&, const Principal&)>;
  using OptionalHandler =
      std::function<http::Response(http::Request&, const std::optional<Principal>&)>;

  explicit Gate(const Authenticator& auth) : auth_(&auth) {}

  // A route for signed-in callers: `access` is Access::signed_in() or Access::roles(...)
  // (another kind is a programming error: std::invalid_argument, when the routes are built).
  http::Handler allow(Access access, GuardedHandler handler) const;
  // A route for anyone, where a caller who gives credentials is known; bad credentials are 401.
  http::Handler allow_optional(OptionalHandler handler) const;
  // A route for anyone; credentials are not looked at.
  http::Handler allow_public(http::Handler handler) const;

 private:
  const Authenticator* auth_;
};

// One route and who may call it; access is nullopt for a route not registered through a gate.
// A route anyone may call, said as such (reference data, operations, the sign-in entry points):
// for features that hold no authenticator.
http::Handler public_route(http::Handler handler);

struct RouteRule {
  http::Method method;
  std::string pattern;
  std::optional<Access> access;
};

// Every route of `router` in registration order, with its Access: the authorization table.
std::vector<RouteRule> route_rules(const http::Router& router);

}  // namespace cds::auth
