#include "users/user_admin_api.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <charconv>

#include "http/fields.hpp"
#include "http/json.hpp"
#include "http/params.hpp"
#include "http/problem.hpp"

namespace cds::users {
namespace {

namespace json = boost::json;
using http::Request;
using http::Response;

json::object account_json(const Account& a) {
  return json::object{
      {"id", a.id},
      {"username", a.username},
      {"role", auth::role_name(a.role)},
      {"unit", a.unit_code.empty() ? json::value(nullptr) : json::value(a.unit_code)},
      {"display_name", a.display_name},
      {"disabled", a.disabled},
      {"totp_enrolled", a.totp_enrolled},
      {"created_at", format_rfc3339(a.created_at)}};
}

std::optional<auth::Role> role_field(http::FieldReader& f, bool required) {
  auto name = f.one_of("role",
                       {"citizen", "operator", "unit_staff", "leader", "alert_officer", "editor",
                        "admin", "connector"},
                       required);
  if (!name) return std::nullopt;
  return auth::parse_role(*name);
}

}  // namespace

void UserAdminApi::register_routes(http::Router& router) {
  using auth::Principal;
  using http::Method;
  constexpr auth::Access kAdmins = auth::Access::roles({auth::Role::kAdmin});
  router.add(Method::kGet, "/api/v1/admin/users",
             gate_.allow(kAdmins, [this](Request& r, const Principal&) { return list(r); }));
  router.add(Method::kPost, "/api/v1/admin/users",
             gate_.allow(kAdmins, [this](Request& r, const Principal&) { return create(r); }));
  router.add(
      Method::kPatch, "/api/v1/admin/users/{id}",
      gate_.allow(kAdmins, [this](Request& r, const Principal& who) { return change(r, who); }));
  router.add(
      Method::kPost, "/api/v1/admin/users/{id}/password",
      gate_.allow(kAdmins, [this](Request& r, const Principal&) { return set_password(r); }));
  router.add(Method::kPost, "/api/v1/admin/users/{id}/totp-reset",
             gate_.allow(kAdmins, [this](Request& r, const Principal&) { return reset_totp(r); }));
}

Response UserAdminApi::list(Request& req) {
  std::optional<auth::Role> role;
  if (auto r = req.query_param("role")) {
    role = auth::parse_role(*r);
    if (!role)
      return http::problem(req, Status::BadRequest("invalid_query").field("role", "field_one_of"));
  }
  std::int64_t after = 0;
  if (auto a = req.query_param("after")) {
    auto [p, ec] = std::from_chars(a->data(), a->data() + a->size(), after);
    if (ec != std::errc() || p != a->data() + a->size() || after < 0)
      return http::problem(req,
                           Status::BadRequest("invalid_query").field("after", "invalid_cursor"));
  }
  constexpr int kPage = 100;
  auto accounts = users_.list(role, after, kPage + 1);
  if (!accounts.ok()) return http::problem(req, accounts.status());
  json::array items;
  const bool more = accounts->size() > kPage;
  if (more) accounts->resize(kPage);
  for (const auto& a : *accounts) items.push_back(account_json(a));
  json::object o{{"items", std::move(items)}};
  o["next"] = more ? json::value(std::to_string(accounts->back().id)) : json::value(nullptr);
  return http::json(200, o);
}

Response UserAdminApi::create(Request& req) {
  auto body = http::read_json_object(req);
  if (!body.ok()) return http::problem(req, body.status());
  http::FieldReader f(*body, {"username", "role", "unit", "display_name", "password"});
  NewUser nu;
  nu.username = f.string("username", true).value_or("");
  nu.role = role_field(f, true).value_or(auth::Role::kCitizen);
  nu.unit_code = f.string("unit").value_or("");
  nu.display_name = f.string("display_name").value_or("");
  nu.password = f.string("password");
  if (Status st = f.status(); !st.ok()) return http::problem(req, st);
  auto id = users_.add(nu);
  if (!id.ok()) return http::problem(req, id.status());
  auto account = users_.get(*id);
  if (!account.ok()) return http::problem(req, account.status());
  Response r = http::json(201, account_json(*account));
  r.header("Location", "/api/v1/admin/users/" + std::to_string(*id));
  return r;
}

Response UserAdminApi::change(Request& req, const auth::Principal& who) {
  auto id = http::parse_positive_id(req.path_param("id"));
  if (!id) return http::problem(req, Status::NotFound("unknown_user").with("username", "?"));
  auto body = http::read_json_object(req);
  if (!body.ok()) return http::problem(req, body.status());
  http::FieldReader f(*body, {"role", "unit", "display_name", "disabled"});
  AccountChange c;
  c.role = role_field(f, false);
  c.unit_code = f.string("unit");
  c.display_name = f.string("display_name");
  c.disabled = f.boolean("disabled");
  if (Status st = f.status(); !st.ok()) return http::problem(req, st);
  // An administrator cannot lock themselves out by accident.
  if (*id == who.user_id &&
      ((c.disabled && *c.disabled) || (c.role && *c.role != auth::Role::kAdmin)))
    return http::problem(req, Status::Conflict("cannot_demote_self"));
  auto account = users_.change(*id, c);
  if (!account.ok()) return http::problem(req, account.status());
  return http::json(200, account_json(*account));
}

Response UserAdminApi::set_password(Request& req) {
  auto id = http::parse_positive_id(req.path_param("id"));
  if (!id) return http::problem(req, Status::NotFound("unknown_user").with("username", "?"));
  auto body = http::read_json_object(req);
  if (!body.ok()) return http::problem(req, body.status());
  http::FieldReader f(*body, {"password"});
  const std::string password = f.string("password", true).value_or("");
  if (Status st = f.status(); !st.ok()) return http::problem(req, st);
  Status st = users_.set_password(*id, password);
  if (!st.ok()) return http::problem(req, st);
  return Response::no_content();
}

Response UserAdminApi::reset_totp(Request& req) {
  auto id = http::parse_positive_id(req.path_param("id"));
  if (!id) return http::problem(req, Status::NotFound("unknown_user").with("username", "?"));
  Status st = users_.reset_totp(*id);
  if (!st.ok()) return http::problem(req, st);
  return Response::no_content();
}

}  // namespace cds::users
