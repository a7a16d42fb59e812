#include "audit/audit_api.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "audit/audit_log.hpp"
#include "http/json.hpp"
#include "http/params.hpp"
#include "http/problem.hpp"

namespace cds::audit {
namespace {

namespace json = boost::json;

// A positive integer query parameter; nullopt when absent, an error when malformed.
Result<std::optional<std::int64_t>> id_param(const http::Request& req, std::string_view name) {
  auto text = req.query_param(name);
  if (!text) return std::optional<std::int64_t>{};
  const auto v = http::parse_positive_id(*text);
  if (!v) return Status::BadRequest("invalid_query").field(std::string(name), "field_type_integer");
  return std::optional<std::int64_t>(v);
}

}  // namespace

void AuditApi::register_routes(http::Router& router) {
  router.add(http::Method::kGet, "/api/v1/admin/audit",
             gate_.allow(auth::Access::roles({auth::Role::kAdmin}),
                         [this](http::Request& req, const auth::Principal&) { return list(req); }));
}

http::Response AuditApi::list(http::Request& req) const {
  Filter f;
  for (auto [name, slot] : {std::pair{"report", &f.report_id}, std::pair{"actor", &f.actor_id}}) {
    auto v = id_param(req, name);
    if (!v.ok()) return http::problem(req, v.status());
    *slot = *v;
  }
  auto after = id_param(req, "after");
  if (!after.ok()) return http::problem(req, after.status());
  f.before_id = after->value_or(0);
  f.limit = 101;
  auto entries = query(db_, f);
  if (!entries.ok()) return http::problem(req, entries.status());
  const bool more = entries->size() > 100;
  if (more) entries->resize(100);
  json::array items;
  for (const auto& e : *entries) {
    items.push_back(
        json::object{{"id", e.id},
                     {"at", format_rfc3339(e.at)},
                     {"actor_id", e.actor_id},
                     {"actor", e.actor_username},
                     {"action", e.action},
                     {"report_id", e.report_id ? json::value(*e.report_id) : json::value(nullptr)},
                     {"data", e.data},
                     {"purpose", e.purpose}});
  }
  json::object o{{"items", std::move(items)}};
  o["next"] = more ? json::value(std::to_string(entries->back().id)) : json::value(nullptr);
  return http::json(200, o);
}

}  // namespace cds::audit
