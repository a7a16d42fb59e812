#include "auth/auth_api.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "http/fields.hpp"
#include "http/json.hpp"
#include "http/problem.hpp"

namespace cds::auth {
namespace {

namespace json = boost::json;
using http::Request;
using http::Response;

json::object user_json(const Principal& p) {
  json::object o;
  o["id"] = p.user_id;
  o["username"] = p.username;
  o["role"] = role_name(p.role);
  o["unit"] = p.unit_code.empty() ? json::value(nullptr) : json::value(p.unit_code);
  o["display_name"] = p.display_name;
  return o;
}

Response signed_in(const Request& req, const SignedIn& s) {
  json::object o;
  o["user"] = user_json(s.user);
  o["session_id"] = s.session.id;
  o["csrf_token"] = s.session.csrf_token;
  o["expires_at"] = format_rfc3339(s.session.expires_at);
  if (!s.recovery_codes.empty()) {
    json::array codes;
    for (const auto& c : s.recovery_codes) codes.push_back(json::value(c));
    o["recovery_codes"] = std::move(codes);
  }
  Response r = http::json(200, o);
  r.header("Set-Cookie",
           session_cookie(s.session.token, kStaffSessions.lifetime, plain_localhost(req)));
  r.header("Set-Cookie",
           csrf_cookie(s.session.csrf_token, kStaffSessions.lifetime, plain_localhost(req)));
  return r;
}

Response problem_with_retry(const Request& req, const Status& st) {
  Response r = http::problem(req, st);
  if (st.code() == Code::kTooManyRequests) {
    auto it = st.params().find("seconds");
    r.header("Retry-After", it == st.params().end() ? "1" : it->second);
  }
  return r;
}

}  // namespace

void AuthApi::register_routes(http::Router& router) {
  using http::Method;
  const Access anyone_signed_in = Access::signed_in();
  auto mine = [this, anyone_signed_in](Response (AuthApi::*handler)(Request&, const Principal&)) {
    return gate_.allow(anyone_signed_in, [this, handler](Request& r, const Principal& who) {
      return (this->*handler)(r, who);
    });
  };
  router.add(Method::kPost, "/api/v1/auth/staff/login",
             public_route([this](Request& r) { return staff_login(r); }));
  router.add(Method::kPost, "/api/v1/auth/staff/totp/confirm",
             public_route([this](Request& r) { return confirm_totp(r); }));
  router.add(Method::kPost, "/api/v1/auth/logout", mine(&AuthApi::logout));
  router.add(Method::kGet, "/api/v1/me", mine(&AuthApi::me));
  router.add(Method::kGet, "/api/v1/me/sessions", mine(&AuthApi::my_sessions));
  router.add(Method::kDelete, "/api/v1/me/sessions/{id}", mine(&AuthApi::revoke_session));
}

Response AuthApi::staff_login(Request& req) {
  auto body = http::read_json_object(req);
  if (!body.ok()) return http::problem(req, body.status());
  http::FieldReader f(*body, {"username", "password", "code", "recovery_code"});
  StaffCredentials c;
  c.username = f.string("username", true).value_or("");
  c.password = f.string("password", true).value_or("");
  c.code = f.string("code");
  c.recovery_code = f.string("recovery_code");
  if (Status st = f.status(); !st.ok()) return http::problem(req, st);
  if (c.username.size() > 64 || c.password.size() > 1024)
    return http::problem(req, Status(Code::kUnauthorized, "sign_in_failed"));
  c.address = req.remote_address;
  c.user_agent = std::string(req.header("user-agent"));
  auto outcome = staff_.sign_in(c);
  if (!outcome.ok()) return problem_with_retry(req, outcome.status());
  if (outcome->enrolment) {
    const EnrolmentRequired& e = *outcome->enrolment;
    return http::json(200, json::object{{"status", "totp_enrolment_required"},
                                        {"ticket", e.ticket},
                                        {"secret", e.secret},
                                        {"otpauth_uri", e.otpauth_uri}});
  }
  return signed_in(req, *outcome->signed_in);
}

Response AuthApi::confirm_totp(Request& req) {
  auto body = http::read_json_object(req);
  if (!body.ok()) return http::problem(req, body.status());
  http::FieldReader f(*body, {"ticket", "code"});
  const std::string ticket = f.string("ticket", true).value_or("");
  const std::string code = f.string("code", true).value_or("");
  if (Status st = f.status(); !st.ok()) return http::problem(req, st);
  auto done = staff_.confirm_enrolment(ticket, code, std::string(req.header("user-agent")));
  if (!done.ok()) return http::problem(req, done.status());
  return signed_in(req, *done);
}

Response AuthApi::logout(Request& req, const Principal& who) {
  if (!who.session_id.empty()) {
    Status st = sessions_.revoke(who.user_id, who.session_id);
    if (!st.ok() && st.code() != Code::kNotFound) return http::problem(req, st);
  }
  // A citizen signed in through the e-ID is also signed in there: the app sends the browser to
  // the issuer's logout page when there is one (RP-initiated logout).
  std::optional<std::string> end_session;
  if (who.role == Role::kCitizen && !who.session_id.empty() && hooks_.end_session_url)
    end_session = hooks_.end_session_url();
  Response r = end_session ? http::json(200, json::object{{"end_session_url", *end_session}})
                           : Response::no_content();
  r.header("Set-Cookie", clear_session_cookie(plain_localhost(req)));
  r.header("Set-Cookie", csrf_cookie("", 0, plain_localhost(req)));
  return r;
}

Response AuthApi::me(Request&, const Principal& who) {
  json::object o = user_json(who);
  if (who.role == Role::kCitizen && hooks_.name) {
    if (auto name = hooks_.name(who.user_id)) o["display_name"] = *name;
  }
  if (who.role == Role::kCitizen && hooks_.home_ward) {
    auto ward = hooks_.home_ward(who.user_id);
    o["home_ward"] = ward ? json::value(*ward) : json::value(nullptr);
  }
  o["session_id"] = who.session_id.empty() ? json::value(nullptr) : json::value(who.session_id);
  return http::json(200, o);
}

Response AuthApi::my_sessions(Request& req, const Principal& who) {
  auto list = sessions_.list(who.user_id);
  if (!list.ok()) return http::problem(req, list.status());
  json::array items;
  for (const auto& s : *list) {
    items.push_back(json::object{{"id", s.id},
                                 {"created_at", format_rfc3339(s.created_at)},
                                 {"last_seen_at", format_rfc3339(s.last_seen_at)},
                                 {"expires_at", format_rfc3339(s.expires_at)},
                                 {"user_agent", s.user_agent},
                                 {"current", s.id == who.session_id}});
  }
  return http::json(200, json::object{{"items", std::move(items)}});
}

Response AuthApi::revoke_session(Request& req, const Principal& who) {
  Status st = sessions_.revoke(who.user_id, req.path_param("id"));
  if (!st.ok()) return http::problem(req, st);
  Response r = Response::no_content();
  if (req.path_param("id") == who.session_id)
    r.header("Set-Cookie", clear_session_cookie(plain_localhost(req)));
  return r;
}

}  // namespace cds::auth
