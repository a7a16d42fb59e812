#include "services/procedure_api.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "http/json.hpp"
#include "http/params.hpp"
#include "http/problem.hpp"
#include "services/portal_format.hpp"
#include "services/procedure_json.hpp"
#include "text/fold.hpp"

namespace cds::services {
namespace {

namespace json = boost::json;
using http::Request;
using http::Response;

constexpr std::int64_t kPageDefault = 20;
constexpr std::int64_t kPageMax = 100;
constexpr std::int64_t kMaxPage = 10000;
constexpr std::size_t kMaxQuery = 200;   // characters
constexpr std::size_t kMaxFilter = 500;  // characters: agency names are long

// A number in [1, max] from the query string, or the default; a bad one is recorded.
std::int64_t bounded(const Request& req, std::string_view name, std::int64_t fallback,
                     std::int64_t max, Status& errors) {
  auto v = req.query_param(name);
  if (!v || v->empty()) return fallback;
  auto n = http::parse_int(*v);
  if (!n || *n < 1 || *n > max) {
    errors.field(std::string(name), "field_out_of_range");
    return fallback;
  }
  return *n;
}

// A text filter: absent or empty means none; NFC like the stored values.
std::optional<std::string> text_filter(const Request& req, std::string_view name,
                                       std::size_t max_chars, Status& errors) {
  auto v = req.query_param(name);
  if (!v || v->empty()) return std::nullopt;
  std::string nfc;
  if (!text::to_nfc(*v, nfc)) {
    errors.field(std::string(name), "field_invalid");
    return std::nullopt;
  }
  if (text::code_points(nfc) > max_chars) {
    errors.field(std::string(name), "procedure_query_too_long");
    return std::nullopt;
  }
  return nfc;
}

json::array facet_json(const std::vector<FacetValue>& values) {
  json::array a;
  for (const FacetValue& v : values)
    a.push_back(json::object{{"value", v.value}, {"count", static_cast<std::int64_t>(v.count)}});
  return a;
}

// What the list shows of a procedure: enough to choose it.
json::object summary_json(const Procedure& p) {
  json::object o;
  o["code"] = p.code;
  o["name"] = p.name;
  o["field"] = p.field;
  json::array levels;
  for (Level l : p.levels) levels.emplace_back(level_name(l));
  o["levels"] = std::move(levels);
  o["agency"] = p.agency();
  const Channel* main = p.main_channel();
  o["time_limit"] = main ? main->time_limit : std::string();
  o["fee"] = main ? main->fee : std::string();
  json::array channels;
  for (const Channel& c : p.channels) channels.emplace_back(channel_name(c.kind));
  o["channels"] = std::move(channels);
  o["url"] = "/app/services/" + p.code;
  return o;
}

}  // namespace

void ProcedureApi::register_routes(http::Router& router) {
  using http::Method;
  router.add(Method::kGet, "/api/v1/procedures",
             gate_.allow_public([this](Request& r) { return search(r); }));
  router.add(Method::kGet, "/api/v1/procedures/{code}",
             gate_.allow_public([this](Request& r) { return get(r); }));
}

Response ProcedureApi::search(Request& req) {
  Status errors = Status::Invalid("invalid_query");
  SearchQuery q;
  if (auto text = text_filter(req, "q", kMaxQuery, errors)) q.text = *text;
  q.field = text_filter(req, "field", kMaxFilter, errors);
  q.agency = text_filter(req, "agency", kMaxFilter, errors);
  if (auto level = req.query_param("level"); level && !level->empty()) {
    q.level = parse_level(*level);
    if (!q.level) errors.field("level", "procedure_level_invalid");
  }
  const std::int64_t page = bounded(req, "page", 1, kMaxPage, errors);
  const std::int64_t per_page = bounded(req, "per_page", kPageDefault, kPageMax, errors);
  if (!errors.fields().empty()) return http::problem(req, errors);
  q.offset = static_cast<std::size_t>((page - 1) * per_page);
  q.limit = static_cast<std::size_t>(per_page);

  auto index = catalogue_.index();
  if (!index.ok()) return http::problem(req, index.status());
  const SearchResult found = (*index)->search(q);
  json::array items;
  for (const Procedure* p : found.items) items.push_back(summary_json(*p));
  Response r = http::json(
      200, json::object{{"items", std::move(items)},
                        {"total", static_cast<std::int64_t>(found.total)},
                        {"page", page},
                        {"per_page", per_page},
                        {"facets", json::object{{"field", facet_json(found.fields)},
                                                {"level", facet_json(found.levels)},
                                                {"agency", facet_json(found.agencies)}}}});
  r.header("Cache-Control", "public, max-age=60");
  return r;
}

Response ProcedureApi::get(Request& req) {
  const std::string_view code = req.path_param("code");
  if (!valid_code(code)) return http::problem(req, Status::NotFound("procedure_not_found"));
  auto index = catalogue_.index();
  if (!index.ok()) return http::problem(req, index.status());
  const Procedure* p = (*index)->find(code);
  if (!p) return http::problem(req, Status::NotFound("procedure_not_found"));
  Response r = http::json(200, to_json(*p));
  r.header("Cache-Control", "public, max-age=60");
  return r;
}

}  // namespace cds::services
