#include "citizens/vneid_api.hpp"

#include <boost/json/object.hpp>

#include "auth/authenticator.hpp"
#include "auth/gate.hpp"
#include "common/hash.hpp"
#include "common/messages.hpp"
#include "http/problem.hpp"
#include "text/markup.hpp"

namespace cds::citizens {
namespace {

using http::Request;
using http::Response;

Response redirect(std::string location) {
  Response r;
  r.status = 303;
  r.content_type = "text/plain; charset=utf-8";
  r.header("Location", std::move(location));
  r.header("Cache-Control", "no-store");
  return r;
}

// A refused sign-in: problem+json for the app, a short page for a person in a browser. The
// reason goes to the log (the person sees the message only).
Response refused(const Request& req, const Status& st) {
  Response r = http::problem(req, st);
  auto detail = st.params().find("detail");
  if (detail != st.params().end()) r.log_detail = "vneid sign-in refused: " + detail->second;
  if (req.header("accept").find("text/html") != std::string_view::npos) {
    const bool en = req.lang() == http::Lang::kEn;
    const std::string text = message(st.key(), en, st.params());
    r.content_type = "text/html; charset=utf-8";
    r.body = "<!doctype html><html lang=\"" + std::string(en ? "en" : "vi") +
             "\"><meta charset=\"utf-8\"><meta name=\"viewport\" "
             "content=\"width=device-width\"><title>Công dân số</title><main><h1>" +
             text::escape_markup(en ? "Sign-in failed" : "Đăng nhập không thành công") +
             "</h1><p role=\"alert\">" + text::escape_markup(text) + "</p><p><a href=\"/\">" +
             text::escape_markup(en ? "Back to Công dân số" : "Quay lại Công dân số") +
             "</a></p></main>";
  }
  r.header("Set-Cookie", std::string(kSignInCookie) +
                             "=; Path=/api/v1/auth/vneid; HttpOnly; SameSite=Lax; Max-Age=0" +
                             (auth::plain_localhost(req) ? "" : "; Secure"));
  r.header("Cache-Control", "no-store");
  return r;
}

// Only a path on this site: never "//host" or a full URL (an open redirect would let a phishing
// link borrow the city's sign-in).
std::string safe_return_path(const std::optional<std::string>& wanted) {
  if (!wanted || wanted->empty() || wanted->size() > 512 || (*wanted)[0] != '/' ||
      (wanted->size() > 1 && ((*wanted)[1] == '/' || (*wanted)[1] == '\\')))
    return "/";
  for (char c : *wanted) {
    if (static_cast<unsigned char>(c) < 0x20) return "/";
  }
  return *wanted;
}

std::string host_of(std::string_view url) {
  auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return "";
  url.remove_prefix(scheme + 3);
  return std::string(url.substr(0, url.find('/')));
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

}  // namespace

void VneidApi::register_routes(http::Router& router) {
  using auth::public_route;
  using http::Method;
  // Signing in starts without credentials; the callback proves itself with state and code.
  router.add(Method::kGet, "/api/v1/auth/vneid/start",
             public_route([this](Request& r) { return start(r); }));
  router.add(Method::kGet, "/api/v1/auth/vneid/callback",
             public_route([this](Request& r) { return callback(r); }));
  router.add(Method::kGet, "/.well-known/jwks.json",
             public_route([this](Request& r) { return jwks(r); }),
             http::RouteOptions{.inline_handler = true});
}

Response VneidApi::jwks(Request&) {
  Response r =
      Response::text(200, rp_ ? rp_->public_jwks() : R"({"keys":[]})", "application/jwk-set+json");
  r.header("Cache-Control", "public, max-age=300");
  return r;
}

Response VneidApi::start(Request& req) {
  if (!rp_) return refused(req, Status::Unavailable("vneid_not_configured"));
  // The state cookie must be set on the host the issuer sends the browser back to.
  const std::string public_host = host_of(public_url_);
  if (!public_host.empty() && req.header("host") != public_host)
    return redirect(public_url_ + req.target);

  const oidc::PendingSignIn pending = oidc::RelyingParty::new_pending();
  const std::string return_to = safe_return_path(req.query_param("return_to"));
  const bool accepted_terms = req.query_param("accept_terms").value_or("") == "1";
  const Millis now = clock_.now();
  Status st = db_.write([&](store::Tx& tx) {
    // Sign-ins abandoned long ago go as new ones come.
    tx.exec("DELETE FROM oidc_logins WHERE created_at < $1", {now - kSignInLifetime});
    tx.exec(
        "INSERT INTO oidc_logins (state_hash, nonce, code_verifier, return_to, accepted_terms, "
        "created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        {sha256_hex(pending.state), pending.nonce, pending.code_verifier, return_to,
         std::int64_t{accepted_terms ? 1 : 0}, now});
    return Status::Ok();
  });
  if (!st.ok()) return http::problem(req, st);
  auto url = rp_->authorization_url(pending);
  if (!url.ok()) return refused(req, url.status());
  Response r = redirect(*url);
  r.header("Set-Cookie", std::string(kSignInCookie) + "=" + pending.state +
                             "; Path=/api/v1/auth/vneid; HttpOnly; SameSite=Lax; Max-Age=" +
                             std::to_string(kSignInLifetime / 1000) +
                             (auth::plain_localhost(req) ? "" : "; Secure"));
  return r;
}

Response VneidApi::callback(Request& req) {
  if (!rp_) return refused(req, Status::Unavailable("vneid_not_configured"));
  const std::string state = req.query_param("state").value_or("");
  const std::string_view cookie = auth::cookie_value(req.header("cookie"), kSignInCookie);
  // The state must be the one this browser was given: a callback link forwarded from another
  // browser (login CSRF) or forged is refused before anything is sent to the issuer.
  if (state.empty() || state.size() > 128 || !constant_time_equal(state, cookie))
    return refused(req, Status(Code::kBadRequest, "oidc_state_invalid")
                            .with("detail", "state missing or not this browser's"));

  // The sign-in in flight is consumed whatever happens next: a code or state is good once.
  oidc::PendingSignIn pending;
  std::string return_to;
  bool accepted_terms = false;
  bool found = false;
  const Millis now = clock_.now();
  Status st = db_.write([&](store::Tx& tx) {
    auto row = tx.one(
        "DELETE FROM oidc_logins WHERE state_hash = $1 "
        "RETURNING nonce, code_verifier, return_to, accepted_terms, created_at",
        {sha256_hex(state)});
    if (row && row->i64(4) > now - kSignInLifetime) {
      found = true;
      pending = {state, row->str(0), row->str(1)};
      return_to = row->str(2);
      accepted_terms = row->boolean(3);
    }
    return Status::Ok();
  });
  if (!st.ok()) return http::problem(req, st);
  if (!found)
    return refused(req, Status(Code::kBadRequest, "oidc_state_invalid")
                            .with("detail", "unknown, used or expired state"));

  if (auto error = req.query_param("error")) {
    const bool cancelled = *error == "access_denied";
    return refused(req, Status(cancelled ? Code::kUnauthorized : Code::kUnavailable,
                               cancelled ? "oidc_denied" : "idp_bad_reply")
                            .with("detail", "issuer error " + error->substr(0, 64)));
  }
  // RFC 9207: an issuer that names itself in the answer must be the one we sent the person to
  // (a defence against mix-ups between several issuers).
  if (auto iss = req.query_param("iss"); iss && *iss != rp_->config().issuer)
    return refused(req, Status(Code::kUnauthorized, "oidc_wrong_issuer")
                            .with("detail", "authorization response from " + iss->substr(0, 200)));
  const std::string code = req.query_param("code").value_or("");
  if (code.empty() || code.size() > 2048)
    return refused(req, Status(Code::kBadRequest, "oidc_code_refused").with("detail", "no code"));

  auto identity = rp_->redeem(code, pending);
  if (!identity.ok()) return refused(req, identity.status());

  std::optional<auth::NewSession> session;
  st = db_.write([&](store::Tx& tx) -> Status {
    session.reset();
    auto who = citizens_.sign_in(tx, *identity, accepted_terms);
    if (!who.ok()) return who.status();
    session = sessions_.create(tx, who->user_id, auth::kCitizenSessions,
                               std::string(req.header("user-agent")), "vneid");
    return Status::Ok();
  });
  if (!st.ok()) return refused(req, st);

  const bool plain = auth::plain_localhost(req);
  Response r = redirect(public_url_ + return_to);
  r.header("Set-Cookie",
           auth::session_cookie(session->token, auth::kCitizenSessions.lifetime, plain));
  r.header("Set-Cookie",
           auth::csrf_cookie(session->csrf_token, auth::kCitizenSessions.lifetime, plain));
  r.header("Set-Cookie", std::string(kSignInCookie) +
                             "=; Path=/api/v1/auth/vneid; HttpOnly; SameSite=Lax; Max-Age=0" +
                             (auth::plain_localhost(req) ? "" : "; Secure"));
  return r;
}

}  // namespace cds::citizens
