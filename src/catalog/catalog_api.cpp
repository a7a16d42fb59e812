#include "catalog/catalog_api.hpp"

#include "auth/gate.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "areas/wards.hpp"
#include "http/json.hpp"
#include "http/problem.hpp"

namespace cds::catalog {

namespace json = boost::json;

namespace {

json::object area_json(const areas::WardFact& w, bool en) {
  return json::object{{"code", w.code},
                      {"name", en ? w.name_en : w.name},
                      {"name_vi", w.name},
                      {"name_en", w.name_en},
                      {"kind", w.kind},
                      {"centroid", json::object{{"lat", w.centroid_lat}, {"lon", w.centroid_lon}}}};
}

}  // namespace

void CatalogApi::register_routes(http::Router& router) {
  // Reference data: anyone may read it.
  using auth::public_route;
  router.add(http::Method::kGet, "/api/v1/categories", public_route([this](http::Request& req) {
               auto cats = catalog_.categories();
               if (!cats.ok()) return http::problem(req, cats.status());
               const bool en = req.lang() == http::Lang::kEn;
               json::array items;
               for (const auto& c : *cats) {
                 items.push_back(json::object{{"code", c.code},
                                              {"name", en ? c.name_en : c.name},
                                              {"name_vi", c.name},
                                              {"name_en", c.name_en},
                                              {"deadline_days", c.deadline_days},
                                              {"sensitive", c.sensitive},
                                              {"icon", c.icon}});
               }
               return http::json(200, json::object{{"items", std::move(items)}});
             }));
  router.add(http::Method::kGet, "/api/v1/units", public_route([this](http::Request& req) {
               auto units = catalog_.units();
               if (!units.ok()) return http::problem(req, units.status());
               const bool en = req.lang() == http::Lang::kEn;
               json::array items;
               for (const auto& u : *units) {
                 items.push_back(
                     json::object{{"code", u.code},
                                  {"name", en ? u.name_en : u.name},
                                  {"name_vi", u.name},
                                  {"name_en", u.name_en},
                                  {"kind", u.kind},
                                  {"area", u.area_code ? json::value(*u.area_code) : nullptr}});
               }
               return http::json(200, json::object{{"items", std::move(items)}});
             }));
  // The wards are fixed reference data compiled in; no store call is needed.
  router.add(http::Method::kGet, "/api/v1/areas", public_route([](http::Request& req) {
               const bool en = req.lang() == http::Lang::kEn;
               json::array items;
               for (const auto& w : areas::city_wards()) items.push_back(area_json(w, en));
               http::Response r = http::json(200, json::object{{"items", std::move(items)}});
               r.header("Cache-Control", "public, max-age=3600");
               return r;
             }),
             http::RouteOptions{.inline_handler = true});
}

}  // namespace cds::catalog
