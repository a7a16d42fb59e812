#include "privacy/my_data_api.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "http/json.hpp"
#include "http/problem.hpp"
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
  router.add(http::Method::kGet, "/api/v1/me/export",
             [this](http::Request& r) { return export_my_data(r); });
}

http::Response MyDataApi::export_my_data(http::Request& req) {
  auto who = auth_.authenticate(req);
  if (!who.ok()) return http::problem(req, who.status());
  const http::Lang lang = req.lang();
  const Millis now = clock_.now();

  auto account = users_.get(who->user_id);
  if (!account.ok()) return http::problem(req, account.status());
  json::object profile{{"id", account->id},
                       {"username", account->username},
                       {"role", auth::role_name(account->role)},
                       {"display_name", account->display_name},
                       {"created_at", format_rfc3339(account->created_at)}};

  json::array mine, following;
  if (who->role == auth::Role::kCitizen) {
    auto own = all_pages([&](const reports::ListFilter& f) { return reports_.list_mine(*who, f); });
    if (!own.ok()) return http::problem(req, own.status());
    for (const auto& v : *own) {
      // With its whole public timeline and photos, as the author sees it.
      auto full = reports_.get(*who, v.report.id);
      if (!full.ok()) return http::problem(req, full.status());
      mine.push_back(reports::to_json(*full, lang, now));
    }
    auto followed =
        all_pages([&](const reports::ListFilter& f) { return reports_.list_following(*who, f); });
    if (!followed.ok()) return http::problem(req, followed.status());
    for (const auto& v : *followed) {
      following.push_back(json::object{{"id", v.report.id}, {"code", v.report.code}});
    }
  }

  auto sessions = sessions_.list(who->user_id);
  if (!sessions.ok()) return http::problem(req, sessions.status());
  json::array session_list;
  for (const auto& s : *sessions) {
    session_list.push_back(json::object{{"id", s.id},
                                        {"created_at", format_rfc3339(s.created_at)},
                                        {"last_seen_at", format_rfc3339(s.last_seen_at)},
                                        {"user_agent", s.user_agent}});
  }

  json::object doc{{"exported_at", format_rfc3339(now)},
                   {"profile", std::move(profile)},
                   {"reports_and_ideas", std::move(mine)},
                   {"following", std::move(following)},
                   {"sessions", std::move(session_list)}};
  http::Response r = http::json(200, doc);
  r.header("Content-Disposition", "attachment; filename=\"congdanso-my-data.json\"");
  return r;
}

}  // namespace cds::privacy
