#include "dossiers/dossier_api.hpp"

#include <boost/json/array.hpp>

#include "dossiers/dossier_json.hpp"
#include "http/fields.hpp"
#include "http/json.hpp"
#include "http/problem.hpp"
#include "store/idempotency.hpp"

namespace cds::dossiers {
namespace {

namespace json = boost::json;
using auth::Access;
using auth::Principal;
using auth::Role;
using http::Request;
using http::Response;

constexpr Access kConnector = Access::roles({Role::kConnector});
constexpr Access kCitizen = Access::roles({Role::kCitizen});

Status unknown() {
  return Status::NotFound("dossier_not_found");
}

// An optional RFC 3339 time field; a wrong one is recorded in `f`.
std::optional<Millis> time_field(http::FieldReader& f, std::string_view name,
                                 bool required = false) {
  auto text = f.string(name, required);
  if (!text) return std::nullopt;
  auto t = parse_rfc3339(*text);
  if (!t) f.error(name, "dossier_time_invalid");
  return t;
}

// Reads a nested object `name` of `body` with its own allowed fields; its errors are named
// "name.field" in `outer`. nullopt (with an error) when absent or not an object.
const json::object* nested(const json::object& body, std::string_view name,
                           http::FieldReader& outer) {
  const auto* v = body.if_contains(name);
  if (v == nullptr || v->is_null()) {
    outer.error(name, "field_required");
    return nullptr;
  }
  if (!v->is_object()) {
    outer.error(name, "field_invalid");
    return nullptr;
  }
  return &v->as_object();
}

void merge(http::FieldReader& outer, std::string_view prefix, const http::FieldReader& inner) {
  const Status st = inner.status();
  for (const auto& [field, key] : st.fields()) outer.error(std::string(prefix) + "." + field, key);
}

Result<Upsert> parse_upsert(const json::object& body) {
  http::FieldReader f(body, {"procedure", "agency", "applicant", "status", "note", "submitted_at",
                             "appointment_at", "completed_at", "lookup_secret"});
  Upsert in;
  if (const json::object* p = nested(body, "procedure", f)) {
    http::FieldReader pf(*p, {"code", "name"});
    in.procedure_code = pf.string("code", true).value_or("");
    in.procedure_name = pf.string("name", true).value_or("");
    merge(f, "procedure", pf);
  }
  if (const json::object* a = nested(body, "applicant", f)) {
    http::FieldReader af(*a, {"name", "id_number"});
    in.applicant_name = af.string("name", true).value_or("");
    in.applicant_id = af.string("id_number");
    merge(f, "applicant", af);
  }
  in.agency = f.string("agency").value_or("");
  in.status = f.string("status", true).value_or("received");
  in.note = f.string("note");
  in.submitted_at = time_field(f, "submitted_at", true).value_or(0);
  in.appointment_at = time_field(f, "appointment_at");
  in.completed_at = time_field(f, "completed_at");
  in.lookup_secret = f.string("lookup_secret");
  if (Status st = f.status(); !st.ok()) return st;
  return in;
}

}  // namespace

void DossierApi::register_routes(http::Router& router) {
  using http::Method;
  auto as = [this](Access access, Response (DossierApi::*h)(Request&, const Principal&)) {
    return gate_.allow(access,
                       [this, h](Request& r, const Principal& who) { return (this->*h)(r, who); });
  };
  router.add(Method::kGet, "/api/v1/dossiers/{code}",
             gate_.allow_public([this](Request& r) { return lookup(r); }));
  router.add(Method::kGet, "/api/v1/me/dossiers", as(kCitizen, &DossierApi::mine));
  router.add(Method::kGet, "/api/v1/me/dossiers/{code}", as(kCitizen, &DossierApi::mine_one));
  router.add(Method::kPut, "/api/v1/connector/dossiers/{code}",
             as(kConnector, &DossierApi::upsert));
  router.add(Method::kPost, "/api/v1/connector/dossiers/{code}/events",
             as(kConnector, &DossierApi::add_event));
}

Response DossierApi::lookup(Request& req) {
  const auto code = normalize_code(req.path_param("code"));
  const std::string secret(req.header(kSecretHeader));
  if (!code) return http::problem(req, unknown());
  auto d = dossiers_.lookup(*code, secret);
  if (!d.ok()) return http::problem(req, d.status());
  Response r = http::json(200, dossier_json(*d, true, dossiers_.now()));
  r.header("Cache-Control", "no-store");
  return r;
}

Response DossierApi::mine(Request& req, const Principal& who) {
  auto list = dossiers_.mine(who.user_id);
  if (!list.ok()) return http::problem(req, list.status());
  json::array items;
  const Millis now = dossiers_.now();
  for (const Dossier& d : *list) items.push_back(dossier_json(d, false, now));
  Response r = http::json(200, json::object{{"items", std::move(items)}});
  r.header("Cache-Control", "no-store");
  return r;
}

Response DossierApi::mine_one(Request& req, const Principal& who) {
  const auto code = normalize_code(req.path_param("code"));
  if (!code) return http::problem(req, unknown());
  auto d = dossiers_.mine_one(who.user_id, *code);
  if (!d.ok()) return http::problem(req, d.status());
  Response r = http::json(200, dossier_json(*d, false, dossiers_.now()));
  r.header("Cache-Control", "no-store");
  return r;
}

Response DossierApi::upsert(Request& req, const Principal&) {
  const auto code = normalize_code(req.path_param("code"));
  if (!code)
    return http::problem(req, Status::Invalid("invalid").field("code", "dossier_code_invalid"));
  auto body = http::read_json_object(req);
  if (!body.ok()) return http::problem(req, body.status());
  auto in = parse_upsert(*body);
  if (!in.ok()) return http::problem(req, in.status());
  if (Status st = check_upsert(*in, false); !st.ok()) return http::problem(req, st);
  auto saved = dossiers_.upsert(*code, std::move(*in));
  if (!saved.ok()) return http::problem(req, saved.status());
  Response r =
      http::json(saved->created ? 201 : 200, dossier_json(saved->dossier, false, dossiers_.now()));
  if (saved->created) r.header("Location", "/api/v1/connector/dossiers/" + *code);
  return r;
}

Response DossierApi::add_event(Request& req, const Principal&) {
  const auto code = normalize_code(req.path_param("code"));
  if (!code) return http::problem(req, unknown());
  auto body = http::read_json_object(req);
  if (!body.ok()) return http::problem(req, body.status());
  http::FieldReader f(*body, {"event_id", "status", "note", "at", "appointment_at"});
  StatusChange change;
  const auto event_id = f.string("event_id");
  change.status = f.string("status", true).value_or("");
  change.note = f.string("note").value_or("");
  change.at = time_field(f, "at");
  change.appointment_at = time_field(f, "appointment_at");
  if (!change.status.empty() && !valid_status(change.status))
    f.error("status", "dossier_status_invalid");
  if (change.note.size() > 2000) f.error("note", "field_too_long");
  const std::string_view header_key = req.header("Idempotency-Key");
  if (event_id) {
    if (!store::valid_idempotency_key(*event_id)) f.error("event_id", "field_invalid");
    change.source_key = *event_id;
  } else if (!header_key.empty()) {
    if (!store::valid_idempotency_key(header_key))
      return http::problem(req, Status::BadRequest("idempotency_key_invalid"));
    change.source_key = std::string(header_key);
  } else {
    f.error("event_id", "dossier_event_key_missing");
  }
  if (Status st = f.status(); !st.ok()) return http::problem(req, st);
  auto saved = dossiers_.record(*code, std::move(change));
  if (!saved.ok()) return http::problem(req, saved.status());
  return http::json(saved->created ? 201 : 200,
                    dossier_json(saved->dossier, false, dossiers_.now()));
}

}  // namespace cds::dossiers
