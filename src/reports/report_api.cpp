// HTTP handlers of reports and ideas.
#include "reports/report_api.hpp"

#include <charconv>
#include <cmath>

#include "api/idempotency_key.hpp"
#include "http/fields.hpp"
#include "http/json.hpp"
#include "http/params.hpp"
#include "http/problem.hpp"
#include "reports/report_json.hpp"

namespace cds::reports {
namespace {

using auth::Access;
using auth::Principal;
using auth::Role;
using http::Request;
using http::Response;

// Who may reach each route. Finer rules need the report and stay with it in ReportService: the
// author's own report, a unit's own reports (staff_may_see), which staff take which action
// (role_may_act_as).
constexpr Access kCitizens = Access::roles({Role::kCitizen});
// Reports taken on the phone by the call centre.
constexpr Access kIntake = Access::roles({Role::kOperator, Role::kAdmin});
// Staff whose work is reports: operators and admins route them, unit staff handle their unit's,
// leaders read all and add notes.
constexpr Access kReportStaff =
    Access::roles({Role::kOperator, Role::kAdmin, Role::kUnitStaff, Role::kLeader});

// A whole number or a decimal, nothing else around it.
std::optional<double> read_number(std::string_view s) {
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

// ?near=LAT,LON&radius_m=R into `f.near`.
void read_near(const Request& req, ListFilter& f, Status& errors) {
  auto near = req.query_param("near");
  auto radius = req.query_param("radius_m");
  if (!near) {
    if (radius) errors.field("near", "field_required");
    return;
  }
  NearFilter n;
  const auto comma = near->find(',');
  std::optional<double> lat, lon;
  if (comma != std::string::npos) {
    lat = read_number(std::string_view(*near).substr(0, comma));
    lon = read_number(std::string_view(*near).substr(comma + 1));
  }
  if (!lat || !lon || std::fabs(*lat) > 90 || std::fabs(*lon) > 180) {
    errors.field("near", "invalid_point");
  } else {
    n.lat = *lat;
    n.lon = *lon;
  }
  if (radius) {
    int r = 0;
    auto [p, ec] = std::from_chars(radius->data(), radius->data() + radius->size(), r);
    if (ec != std::errc() || p != radius->data() + radius->size() || r < 1 || r > kMaxNearRadiusM)
      errors.field("radius_m", "field_out_of_range");
    else
      n.radius_m = r;
  }
  // Nearest first is the order: there is no cursor to follow.
  if (req.query_param("after")) errors.field("after", "near_not_combinable");
  f.near = n;
}

// Reads ?status=a,b&category=&ward=&unit=&kind=&overdue=true&q=&after=&limit=&near=&radius_m=
// into a filter.
Result<ListFilter> read_filter(const Request& req) {
  ListFilter f;
  Status errors = Status::BadRequest("invalid_query");
  read_near(req, f, errors);
  if (auto s = req.query_param("status")) {
    std::string_view rest = *s;
    while (!rest.empty()) {
      auto comma = rest.find(',');
      auto one = rest.substr(0, comma);
      rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
      if (auto st = parse_state(one))
        f.states.push_back(*st);
      else
        errors.field("status", "field_one_of")
            .with("values",
                  "received, assigned, in_progress, resolved, closed, rejected, duplicate, "
                  "withdrawn");
    }
  }
  f.category = req.query_param("category");
  f.ward = req.query_param("ward");
  f.unit = req.query_param("unit");
  if (auto k = req.query_param("kind")) {
    f.kind = parse_kind(*k);
    if (!f.kind) errors.field("kind", "field_one_of").with("values", "report, idea");
  }
  if (auto o = req.query_param("overdue")) f.overdue_only = *o == "true" || *o == "1";
  if (auto q = req.query_param("q")) {
    if (q->size() > 200)
      errors.field("q", "field_too_long").with("max", "200");
    else
      f.text = *q;
  }
  if (auto after = req.query_param("after")) {
    auto id = decode_cursor(*after);
    if (!id)
      errors.field("after", "invalid_cursor");
    else
      f.before_id = *id;
  }
  if (auto limit = req.query_param("limit")) {
    int n = 0;
    auto [p, ec] = std::from_chars(limit->data(), limit->data() + limit->size(), n);
    if (ec != std::errc() || p != limit->data() + limit->size() || n < 1 || n > 100)
      errors.field("limit", "field_out_of_range");
    else
      f.limit = n;
  }
  if (!errors.fields().empty()) return errors;
  return f;
}

}  // namespace

void ReportApi::register_routes(http::Router& router) {
  using http::Method;
  router.add(Method::kPost, "/api/v1/reports",
             gate_.allow(kCitizens, [this](Request& r, const Principal& who) {
               return submit(r, who, false);
             }));
  router.add(Method::kGet, "/api/v1/reports",
             gate_.allow_optional([this](Request& r, const Caller& who) { return list(r, who); }));
  router.add(Method::kGet, "/api/v1/reports/{id}",
             gate_.allow_optional([this](Request& r, const Caller& who) { return get(r, who); }));
  router.add(Method::kPost, "/api/v1/reports/{id}/withdraw",
             gate_.allow(kCitizens, [this](Request& r, const Principal& who) {
               return author_action(r, who, Action::kWithdraw);
             }));
  router.add(Method::kPost, "/api/v1/reports/{id}/rating",
             gate_.allow(kCitizens, [this](Request& r, const Principal& who) {
               return author_action(r, who, Action::kRate);
             }));
  router.add(Method::kPost, "/api/v1/reports/{id}/reopen",
             gate_.allow(kCitizens, [this](Request& r, const Principal& who) {
               return author_action(r, who, Action::kReopen);
             }));
  router.add(Method::kPost, "/api/v1/reports/{id}/follow",
             gate_.allow(kCitizens, [this](Request& r, const Principal& who) {
               return follow(r, who, true);
             }));
  router.add(Method::kDelete, "/api/v1/reports/{id}/follow",
             gate_.allow(kCitizens, [this](Request& r, const Principal& who) {
               return follow(r, who, false);
             }));
  router.add(
      Method::kPost, "/api/v1/reports/{id}/support",
      gate_.allow(kCitizens, [this](Request& r, const Principal& who) { return support(r, who); }));
  router.add(Method::kGet, "/api/v1/staff/reports",
             gate_.allow(kReportStaff,
                         [this](Request& r, const Principal& who) { return staff_list(r, who); }));
  router.add(Method::kPost, "/api/v1/staff/reports",
             gate_.allow(kIntake, [this](Request& r, const Principal& who) {
               return submit(r, who, true);
             }));
  router.add(Method::kGet, "/api/v1/staff/reports/{id}",
             gate_.allow(kReportStaff,
                         [this](Request& r, const Principal& who) { return staff_get(r, who); }));
  router.add(Method::kPost, "/api/v1/staff/reports/{id}/{action}",
             gate_.allow(kReportStaff, [this](Request& r, const Principal& who) {
               return staff_action(r, who);
             }));
}

Response ReportApi::submit(Request& req, const Principal& who, bool staff_intake) {
  if (!staff_intake && may_send_) {
    if (Status st = may_send_(who.user_id); !st.ok()) return http::problem(req, st);
  }
  auto key = api::idempotency_key(req, who.user_id);
  if (!key.ok()) return http::problem(req, key.status());
  auto body = http::read_json_object(req);
  if (!body.ok()) return http::problem(req, body.status());
  std::initializer_list<std::string_view> citizen_fields = {
      "kind", "category",  "description", "lat",    "lon",    "address",
      "ward", "anonymous", "public",      "photos", "channel"};
  std::initializer_list<std::string_view> staff_fields = {
      "kind", "category",  "description", "lat",    "lon",         "address",
      "ward", "anonymous", "public",      "photos", "caller_name", "caller_phone"};
  http::FieldReader f(*body, staff_intake ? staff_fields : citizen_fields);
  SubmitInput in;
  if (auto k = f.one_of("kind", {"report", "idea"})) in.kind = *parse_kind(*k);
  in.category = f.string("category", true).value_or("");
  in.description = f.string("description", true).value_or("");
  in.location.lat = f.number("lat");
  in.location.lon = f.number("lon");
  in.location.address = f.string("address");
  in.ward = f.string("ward");
  in.anonymous = f.boolean("anonymous").value_or(false);
  // A caller on the phone did not choose to publish; an app user sees the switch, on by default.
  in.is_public = f.boolean("public").value_or(!staff_intake);
  in.photos = f.strings("photos", kMaxPhotos);
  if (!staff_intake) in.channel = f.one_of("channel", {"app", "web"}).value_or("app");
  in.caller_name = f.string("caller_name");
  in.caller_phone = f.string("caller_phone");
  if (Status st = f.status(); !st.ok()) return http::problem(req, st);
  auto done = service_.submit(who, std::move(in), *key);
  if (!done.ok()) return http::problem(req, done.status());
  Response r = http::json(201, to_json(done->view, req.lang(), clock_.now()));
  r.header("Location", (staff_intake ? "/api/v1/staff/reports/" : "/api/v1/reports/") +
                           std::to_string(done->view.report.id));
  if (done->replayed) r.header("Idempotent-Replayed", "true");
  return r;
}

Response ReportApi::list(Request& req, const Caller& who) {
  auto filter = read_filter(req);
  if (!filter.ok()) return http::problem(req, filter.status());
  const bool mine = req.query_param("mine").value_or("") == "true";
  const bool following = req.query_param("following").value_or("") == "true";
  Result<Page> page = Status::Ok();
  if (filter->near && (mine || following)) {
    return http::problem(req, Status::BadRequest("invalid_query")
                                  .field(mine ? "mine" : "following", "near_not_combinable"));
  }
  if (mine || following) {
    // Only citizens have reports of their own and follow reports.
    if (Status st = kCitizens.check(who); !st.ok()) return http::problem(req, st);
    page = mine ? service_.list_mine(*who, *filter) : service_.list_following(*who, *filter);
  } else {
    page = service_.list_public(*filter, who);
  }
  if (!page.ok()) return http::problem(req, page.status());
  return http::json(200, to_json(*page, req.lang(), clock_.now()));
}

Response ReportApi::get(Request& req, const Caller& who) {
  auto id = http::parse_positive_id(req.path_param("id"));
  if (!id) return http::problem(req, Status::NotFound("report_not_found"));
  auto view = service_.get(who, *id);
  if (!view.ok()) return http::problem(req, view.status());
  return http::json(200, to_json(*view, req.lang(), clock_.now()));
}

Response ReportApi::author_action(Request& req, const Principal& who, Action action) {
  auto id = http::parse_positive_id(req.path_param("id"));
  if (!id) return http::problem(req, Status::NotFound("report_not_found"));
  ActionInput in;
  if (!req.body.empty() || action != Action::kWithdraw) {
    auto body = http::read_json_object(req);
    if (!body.ok()) return http::problem(req, body.status());
    if (action == Action::kRate) {
      http::FieldReader f(*body, {"score", "comment"});
      if (auto s = f.integer("score", true))
        in.score = static_cast<int>(std::clamp<std::int64_t>(*s, -1, 6));
      in.text = f.string("comment");
      if (Status st = f.status(); !st.ok()) return http::problem(req, st);
    } else {
      http::FieldReader f(*body, {"reason"});
      in.text = f.string("reason", action == Action::kReopen);
      if (Status st = f.status(); !st.ok()) return http::problem(req, st);
    }
  }
  auto view = service_.author_action(who, *id, action, in);
  if (!view.ok()) return http::problem(req, view.status());
  return http::json(200, to_json(*view, req.lang(), clock_.now()));
}

Response ReportApi::follow(Request& req, const Principal& who, bool on) {
  auto id = http::parse_positive_id(req.path_param("id"));
  if (!id) return http::problem(req, Status::NotFound("report_not_found"));
  Status st = service_.set_following(who, *id, on);
  if (!st.ok()) return http::problem(req, st);
  return Response::no_content();
}

Response ReportApi::support(Request& req, const Principal& who) {
  auto id = http::parse_positive_id(req.path_param("id"));
  if (!id) return http::problem(req, Status::NotFound("report_not_found"));
  auto view = service_.support(who, *id);
  if (!view.ok()) return http::problem(req, view.status());
  return http::json(200, to_json(*view, req.lang(), clock_.now()));
}

Response ReportApi::staff_list(Request& req, const Principal& who) {
  auto filter = read_filter(req);
  if (!filter.ok()) return http::problem(req, filter.status());
  if (filter->near)
    return http::problem(req,
                         Status::BadRequest("invalid_query").field("near", "near_public_only"));
  auto page = service_.staff_list(who, *filter);
  if (!page.ok()) return http::problem(req, page.status());
  return http::json(200, to_json(*page, req.lang(), clock_.now()));
}

Response ReportApi::staff_get(Request& req, const Principal& who) {
  auto id = http::parse_positive_id(req.path_param("id"));
  if (!id) return http::problem(req, Status::NotFound("report_not_found"));
  auto view = service_.staff_get(who, *id);
  if (!view.ok()) return http::problem(req, view.status());
  return http::json(200, to_json(*view, req.lang(), clock_.now()));
}

Response ReportApi::staff_action(Request& req, const Principal& who) {
  auto id = http::parse_positive_id(req.path_param("id"));
  auto action = parse_staff_action(req.path_param("action"));
  if (!id || !action) return http::problem(req, Status::NotFound("route_not_found"));
  ActionInput in;
  if (!req.body.empty() || req.has_header("content-type")) {
    auto body = http::read_json_object(req);
    if (!body.ok()) return http::problem(req, body.status());
    // Each action names its text the way a person would; all of them land in ActionInput::text.
    const std::string_view text = text_field(*action);
    http::FieldReader f(*body, {"unit", "category", "into", "photos", text});
    in.unit = f.string("unit");
    in.category = f.string("category");
    in.into = f.string("into");
    in.photos = f.strings("photos", kMaxPhotos);
    in.text = f.string(text);
    if (Status st = f.status(); !st.ok()) return http::problem(req, st);
  }
  auto view = service_.staff_action(who, *id, *action, in);
  if (!view.ok()) return http::problem(req, view.status());
  return http::json(200, to_json(*view, req.lang(), clock_.now()));
}

}  // namespace cds::reports
