#include "privacy/my_data_api.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "alerts/alert_service.hpp"
#include "dossiers/dossier_json.hpp"
#include "http/json.hpp"
#include "http/problem.hpp"
#include "notify/notify_api.hpp"
#include "reports/report_json.hpp"

namespace cds::privacy {
namespace {

namespace json = boost::json;

// Every page of a list, oldest pages last; a person's own lists are small enough to gather whole.
template <class Fetch>
Result<std::vector<reports::ReportView>> all_pages(Fetch fetch) {
  std::vector<reports::ReportView> out;
  reports::ListFilter filter;
  filter.limit = 100;
  for (;;) {
    Result<reports::Page> page = fetch(filter);
    if (!page.ok()) return page.status();
    for (auto& v : page->items) out.push_back(std::move(v));
    if (!page->next_before_id) return out;
    filter.before_id = *page->next_before_id;
  }
}

}  // namespace

void MyDataApi::register_routes(http::Router& router) {
  using auth::Access;
  router.add(http::Method::kGet, "/api/v1/me/export",
             gate_.allow(Access::signed_in(), [this](http::Request& r, const auth::Principal& who) {
               return export_my_data(r, who);
             }));
  // Staff accounts belong to the city's organisation and are closed by an administrator.
  router.add(http::Method::kDelete, "/api/v1/me",
             gate_.allow(Access::roles({auth::Role::kCitizen}),
                         [this](http::Request& r, const auth::Principal& who) {
                           return delete_me(r, who);
                         }));
}

http::Response MyDataApi::delete_me(http::Request& req, const auth::Principal& who) {
  std::int64_t kept = 0;
  Status st = db_.write([&](store::Tx& tx) -> Status {
    // One transaction: the account is either erased and unlinked everywhere, or untouched.
    kept = reports::ReportService::forget_author(tx, who.user_id);
    citizens_.erase(tx, who.user_id);
    notify::erase_user(tx, who.user_id);
    alerts::erase_user(tx, who.user_id);
    users::erase_account(tx, who.user_id);
    return Status::Ok();
  });
  if (!st.ok()) return http::problem(req, st);
  const bool en = req.lang() == http::Lang::kEn;
  json::array remains;
  if (kept > 0) {
    remains.push_back(json::object{
        {"what", "reports_and_ideas"},
        {"count", kept},
        {"why", en ? "They are part of the city's record of public services. They no longer "
                     "carry your name or any link to you, and nobody can trace them to you."
                   : "Đây là một phần hồ sơ của Thành phố về dịch vụ công. Chúng không còn mang "
                     "tên bạn hay bất kỳ liên kết nào tới bạn, và không ai có thể lần ra bạn."}});
  }
  http::Response r =
      http::json(200, json::object{{"deleted", true}, {"remains", std::move(remains)}});
  r.header("Set-Cookie", auth::clear_session_cookie(auth::plain_localhost(req)));
  return r;
}

http::Response MyDataApi::export_my_data(http::Request& req, const auth::Principal& who) {
  const http::Lang lang = req.lang();
  const Millis now = clock_.now();

  auto account = users_.get(who.user_id);
  if (!account.ok()) return http::problem(req, account.status());
  json::object profile{{"id", account->id},
                       {"username", account->username},
                       {"role", auth::role_name(account->role)},
                       {"display_name", account->display_name},
                       {"created_at", format_rfc3339(account->created_at)}};

  json::array mine, following, consents, dossiers;
  if (who.role == auth::Role::kCitizen) {
    auto eid = citizens_.profile(who.user_id);
    if (!eid.ok()) return http::problem(req, eid.status());
    if (*eid) profile["national_eid"] = citizens::profile_json(**eid);
    // The whole history: each answer with the policy version it was given to, and when.
    auto history = citizens_.consent_history(who.user_id);
    if (!history.ok()) return http::problem(req, history.status());
    for (const auto& c : *history) consents.push_back(citizens::consent_json(c));
    auto own = all_pages([&](const reports::ListFilter& f) { return reports_.list_mine(who, f); });
    if (!own.ok()) return http::problem(req, own.status());
    for (const auto& v : *own) {
      // With its whole public timeline and photos, as the author sees it.
      auto full = reports_.get(who, v.report.id);
      if (!full.ok()) return http::problem(req, full.status());
      mine.push_back(reports::to_json(*full, lang, now));
    }
    auto followed =
        all_pages([&](const reports::ListFilter& f) { return reports_.list_following(who, f); });
    if (!followed.ok()) return http::problem(req, followed.status());
    for (const auto& v : *followed) {
      following.push_back(json::object{{"id", v.report.id}, {"code", v.report.code}});
    }
    // Administrative dossiers whose applicant's ID number is the one on their e-ID.
    auto own_dossiers = dossiers_.mine(who.user_id);
    if (!own_dossiers.ok()) return http::problem(req, own_dossiers.status());
    for (const auto& d : *own_dossiers) dossiers.push_back(dossiers::dossier_json(d, false, now));
  }

  auto sessions = sessions_.list(who.user_id);
  if (!sessions.ok()) return http::problem(req, sessions.status());
  json::array session_list;
  for (const auto& s : *sessions) {
    session_list.push_back(json::object{{"id", s.id},
                                        {"created_at", format_rfc3339(s.created_at)},
                                        {"last_seen_at", format_rfc3339(s.last_seen_at)},
                                        {"user_agent", s.user_agent}});
  }

  json::object doc{{"exported_at", format_rfc3339(now)},   {"profile", std::move(profile)},
                   {"reports_and_ideas", std::move(mine)}, {"following", std::move(following)},
                   {"consents", std::move(consents)},      {"sessions", std::move(session_list)},
                   {"dossiers", std::move(dossiers)}};
  // The inbox, the devices that receive web push, and the notification preferences.
  Status st = db_.read([&](store::Tx& tx) {
    for (auto& [key, value] : notify::export_json(tx, who.user_id)) doc[key] = std::move(value);
    return Status::Ok();
  });
  if (!st.ok()) return http::problem(req, st);
  http::Response r = http::json(200, doc);
  r.header("Content-Disposition", "attachment; filename=\"congdanso-my-data.json\"");
  return r;
}

}  // namespace cds::privacy
