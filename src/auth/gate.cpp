// The shared gate: route rules checked before a feature's handler runs.
#include "auth/gate.hpp"

#include <stdexcept>

#include "http/problem.hpp"

namespace cds::auth {

Status Access::check(const std::optional<Principal>& caller) const {
  if (kind_ == Kind::kPublic || kind_ == Kind::kOptionalSignIn) return Status::Ok();
  if (!caller) return Status::Unauthorized();
  if (!admits(caller->role)) return Status::Forbidden();
  return Status::Ok();
}

std::vector<Role> Access::role_list() const {
  std::vector<Role> roles;
  if (kind_ != Kind::kRoles) return roles;
  for (unsigned n = 0; n <= static_cast<unsigned>(Role::kConnector); ++n) {
    if ((role_bits_ & (1u << n)) != 0) roles.push_back(static_cast<Role>(n));
  }
  return roles;
}

std::string Access::describe() const {
  switch (kind_) {
    case Kind::kPublic:
      return "public";
    case Kind::kOptionalSignIn:
      return "optional sign-in";
    case Kind::kSignedIn:
      return "signed in";
    case Kind::kRoles:
      break;
  }
  std::string out = "roles:";
  const char* separator = " ";
  for (Role r : role_list()) {
    out += separator;
    out += role_name(r);
    separator = ", ";
  }
  return out;
}

http::Response GatedHandler::operator()(http::Request& req) const {
  if (access_.kind() == Access::Kind::kPublic) return next_(req, std::nullopt);
  Result<std::optional<Principal>> who = auth_->authenticate_optional(req);
  if (!who.ok()) return http::problem(req, who.status());
  if (Status st = access_.check(*who); !st.ok()) return http::problem(req, st);
  return next_(req, *who);
}

http::Handler Gate::allow(Access access, GuardedHandler handler) const {
  if (access.kind() != Access::Kind::kSignedIn && access.kind() != Access::Kind::kRoles)
    throw std::invalid_argument("Gate::allow needs Access::signed_in() or Access::roles()");
  // The check has passed, so a caller is present.
  return GatedHandler(
      *auth_, access,
      [handler = std::move(handler)](http::Request& req, const std::optional<Principal>& who) {
        return handler(req, *who);
      });
}

http::Handler Gate::allow_optional(OptionalHandler handler) const {
  return GatedHandler(*auth_, Access::optional_sign_in(), std::move(handler));
}

http::Handler Gate::allow_public(http::Handler handler) const {
  return GatedHandler(
      *auth_, Access::public_(),
      [handler = std::move(handler)](http::Request& req, const std::optional<Principal>&) {
        return handler(req);
      });
}

http::Handler public_route(http::Handler handler) {
  return GatedHandler(
      [handler = std::move(handler)](http::Request& req, const std::optional<Principal>&) {
        return handler(req);
      });
}

std::vector<RouteRule> route_rules(const http::Router& router) {
  std::vector<RouteRule> rules;
  rules.reserve(router.routes().size());
  for (const auto& route : router.routes()) {
    const auto* gated = route->handler.target<GatedHandler>();
    rules.push_back(RouteRule{route->method, route->pattern,
                              gated ? std::optional<Access>(gated->access()) : std::nullopt});
  }
  return rules;
}

}  // namespace cds::auth
