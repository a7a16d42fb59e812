#include "catalog/catalog_admin_api.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "common/clock.hpp"
#include "http/fields.hpp"
#include "http/json.hpp"
#include "http/problem.hpp"
#include "text/fold.hpp"

namespace cds::catalog {
namespace {

namespace json = boost::json;
using http::Request;
using http::Response;

constexpr const char* kUnitKinds[] = {"ward_committee", "department", "utility", "center",
                                      "leaders_office"};

// Codes are what reports and rules refer to: short, lower-case, stable.
bool valid_code(std::string_view code) {
  if (code.empty() || code.size() > 40) return false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (i > 0 && (c == '_' || c == '-'));
    if (!ok) return false;
  }
  return true;
}

// A display name: NFC, not blank, at most `max` bytes; the error goes on `field`.
std::optional<std::string> clean_name(http::FieldReader& f, std::string_view field,
                                      std::size_t max) {
  auto raw = f.string(field, true);
  if (!raw) return std::nullopt;
  std::string nfc;
  if (!text::to_nfc(*raw, nfc)) {
    f.error(field, "invalid_utf8");
    return std::nullopt;
  }
  if (text::is_blank(nfc)) {
    f.error(field, "field_blank");
    return std::nullopt;
  }
  if (nfc.size() > max) {
    f.error(field, "field_too_long");
    return std::nullopt;
  }
  return nfc;
}

Status bad_code(std::string_view what) {
  return Status::Invalid("invalid").field(std::string(what), "invalid_code");
}

json::object category_json(std::string_view code, const std::string& name,
                           const std::string& name_en, std::int64_t deadline_days, bool sensitive,
                           const std::string& icon) {
  return {{"code", code},           {"name", name},
          {"name_en", name_en},     {"deadline_days", deadline_days},
          {"sensitive", sensitive}, {"icon", icon}};
}

}  // namespace

void CatalogAdminApi::register_routes(http::Router& router) {
  using http::Method;
  const auth::Access admins = auth::Access::roles({auth::Role::kAdmin});
  auto admin = [this, admins](Response (CatalogAdminApi::*handler)(Request&)) {
    return gate_.allow(admins, [this, handler](Request& r, const auth::Principal&) {
      return (this->*handler)(r);
    });
  };
  router.add(Method::kPut, "/api/v1/admin/categories/{code}",
             admin(&CatalogAdminApi::put_category));
  router.add(Method::kPut, "/api/v1/admin/units/{code}", admin(&CatalogAdminApi::put_unit));
  router.add(Method::kGet, "/api/v1/admin/routing-rules", admin(&CatalogAdminApi::list_rules));
  router.add(Method::kPut, "/api/v1/admin/routing-rules/{category}/{ward}",
             admin(&CatalogAdminApi::put_rule));
  router.add(Method::kDelete, "/api/v1/admin/routing-rules/{category}/{ward}",
             admin(&CatalogAdminApi::delete_rule));
  router.add(Method::kGet, "/api/v1/admin/holidays", admin(&CatalogAdminApi::list_holidays));
  router.add(Method::kPut, "/api/v1/admin/holidays/{date}", admin(&CatalogAdminApi::put_holiday));
  router.add(Method::kDelete, "/api/v1/admin/holidays/{date}",
             admin(&CatalogAdminApi::delete_holiday));
}

Response CatalogAdminApi::put_category(Request& req) {
  const std::string code(req.path_param("code"));
  if (!valid_code(code)) return http::problem(req, bad_code("code"));
  auto body = http::read_json_object(req);
  if (!body.ok()) return http::problem(req, body.status());
  http::FieldReader f(*body, {"name", "name_en", "deadline_days", "sensitive", "icon"});
  auto name = clean_name(f, "name", 200);
  auto name_en = clean_name(f, "name_en", 200);
  auto days = f.integer("deadline_days", true);
  // The law gives units at most a few weeks; 90 working days is a generous ceiling.
  if (days && (*days < 1 || *days > 90)) f.error("deadline_days", "field_out_of_range");
  const bool sensitive = f.boolean("sensitive").value_or(false);
  const std::string icon = f.string("icon").value_or("");
  if (icon.size() > 40) f.error("icon", "field_too_long");
  if (Status st = f.status(); !st.ok()) return http::problem(req, st.with("max", "200"));

  bool created = false;
  Status st = db_.write([&](store::Tx& tx) {
    created = !tx.one("SELECT 1 FROM categories WHERE code = $1", {code});
    tx.exec(
        "INSERT INTO categories (code, name, name_en, deadline_days, sensitive, icon, position) "
        "VALUES ($1, $2, $3, $4, $5, $6, (SELECT COALESCE(MAX(position), 0) + 1 FROM "
        "categories)) ON CONFLICT (code) DO UPDATE SET name = $2, name_en = $3, "
        "deadline_days = $4, sensitive = $5, icon = $6",
        {code, *name, *name_en, *days, std::int64_t{sensitive ? 1 : 0}, icon});
    return Status::Ok();
  });
  if (!st.ok()) return http::problem(req, st);
  catalog_.invalidate();
  // A new deadline applies to reports received from now on; those already in hand keep theirs.
  return http::json(created ? 201 : 200,
                    category_json(code, *name, *name_en, *days, sensitive, icon));
}

Response CatalogAdminApi::put_unit(Request& req) {
  const std::string code(req.path_param("code"));
  if (!valid_code(code)) return http::problem(req, bad_code("code"));
  auto body = http::read_json_object(req);
  if (!body.ok()) return http::problem(req, body.status());
  http::FieldReader f(*body, {"name", "name_en", "kind", "area"});
  auto name = clean_name(f, "name", 200);
  auto name_en = clean_name(f, "name_en", 200);
  auto kind = f.one_of(
      "kind", {kUnitKinds[0], kUnitKinds[1], kUnitKinds[2], kUnitKinds[3], kUnitKinds[4]}, true);
  auto area = f.string("area");
  if (Status st = f.status(); !st.ok()) return http::problem(req, st.with("max", "200"));

  bool created = false;
  Status st = db_.write([&](store::Tx& tx) -> Status {
    if (area && !tx.one("SELECT 1 FROM areas WHERE code = $1", {*area}))
      return Status::Invalid("invalid").field("area", "unknown_ward");
    created = !tx.one("SELECT 1 FROM units WHERE code = $1", {code});
    tx.exec(
        "INSERT INTO units (code, name, name_en, kind, area_code) VALUES ($1, $2, $3, $4, $5) "
        "ON CONFLICT (code) DO UPDATE SET name = $2, name_en = $3, kind = $4, area_code = $5",
        {code, *name, *name_en, *kind, store::opt(area)});
    return Status::Ok();
  });
  if (!st.ok()) return http::problem(req, st);
  catalog_.invalidate();
  return http::json(created ? 201 : 200,
                    json::object{{"code", code},
                                 {"name", *name},
                                 {"name_en", *name_en},
                                 {"kind", *kind},
                                 {"area", area ? json::value(*area) : json::value(nullptr)}});
}

Response CatalogAdminApi::list_rules(Request& req) {
  // One category at a time: at most one rule per ward and the default, so the answer is bounded.
  auto category = req.query_param("category");
  if (!category || category->empty())
    return http::problem(req, Status::Invalid("invalid_query").field("category", "field_required"));
  json::array items;
  Status st = db_.read([&](store::Tx& tx) {
    for (const auto& r : tx.query("SELECT ward_code, unit_code FROM routing_rules "
                                  "WHERE category_code = $1 ORDER BY ward_code",
                                  {*category}))
      items.push_back(
          json::object{{"category", *category}, {"ward", r.str(0)}, {"unit", r.str(1)}});
    return Status::Ok();
  });
  if (!st.ok()) return http::problem(req, st);
  return http::json(200, json::object{{"items", std::move(items)}});
}

Response CatalogAdminApi::put_rule(Request& req) {
  const std::string category(req.path_param("category"));
  std::string ward(req.path_param("ward"));
  if (ward == "default") ward = "*";  // the category's default rule, easier to type than '*'
  auto body = http::read_json_object(req);
  if (!body.ok()) return http::problem(req, body.status());
  http::FieldReader f(*body, {"unit"});
  auto unit = f.string("unit", true);
  if (Status st = f.status(); !st.ok()) return http::problem(req, st);
  Status st = db_.write([&](store::Tx& tx) -> Status {
    Status errors = Status::Invalid("invalid");
    if (!tx.one("SELECT 1 FROM categories WHERE code = $1", {category}))
      errors.field("category", "unknown_category");
    if (ward != "*" && !tx.one("SELECT 1 FROM areas WHERE code = $1", {ward}))
      errors.field("ward", "unknown_ward");
    if (!tx.one("SELECT 1 FROM units WHERE code = $1", {*unit}))
      errors.field("unit", "unknown_unit");
    if (!errors.fields().empty()) return errors.with("unit", *unit);
    tx.exec(
        "INSERT INTO routing_rules (category_code, ward_code, unit_code) VALUES ($1, $2, $3) "
        "ON CONFLICT (category_code, ward_code) DO UPDATE SET unit_code = $3",
        {category, ward, *unit});
    return Status::Ok();
  });
  if (!st.ok()) return http::problem(req, st);
  catalog_.invalidate();
  return http::json(200, json::object{{"category", category}, {"ward", ward}, {"unit", *unit}});
}

Response CatalogAdminApi::delete_rule(Request& req) {
  const std::string category(req.path_param("category"));
  std::string ward(req.path_param("ward"));
  if (ward == "default") ward = "*";
  std::int64_t removed = 0;
  Status st = db_.write([&](store::Tx& tx) {
    removed = tx.exec("DELETE FROM routing_rules WHERE category_code = $1 AND ward_code = $2",
                      {category, ward});
    return Status::Ok();
  });
  if (!st.ok()) return http::problem(req, st);
  if (removed == 0) return http::problem(req, Status::NotFound("routing_rule_not_found"));
  catalog_.invalidate();
  return Response::no_content();
}

Response CatalogAdminApi::list_holidays(Request& req) {
  auto days = catalog::list_holidays(db_);
  if (!days.ok()) return http::problem(req, days.status());
  json::array items;
  for (const auto& [day, name] : *days)
    items.push_back(json::object{{"date", format_date(day)}, {"name", name}});
  return http::json(200, json::object{{"items", std::move(items)}});
}

Response CatalogAdminApi::put_holiday(Request& req) {
  auto day = parse_date(req.path_param("date"));
  if (!day) return http::problem(req, Status::Invalid("invalid").field("date", "invalid_date"));
  auto body = http::read_json_object(req);
  if (!body.ok()) return http::problem(req, body.status());
  http::FieldReader f(*body, {"name"});
  auto name = clean_name(f, "name", 200);
  if (Status st = f.status(); !st.ok()) return http::problem(req, st.with("max", "200"));
  if (Status st = add_holiday(db_, *day, *name); !st.ok()) return http::problem(req, st);
  catalog_.invalidate();
  // Deadlines already computed stay as they are; reports received from now on count the day off.
  return http::json(200, json::object{{"date", format_date(*day)}, {"name", *name}});
}

Response CatalogAdminApi::delete_holiday(Request& req) {
  auto day = parse_date(req.path_param("date"));
  if (!day) return http::problem(req, Status::Invalid("invalid").field("date", "invalid_date"));
  if (Status st = remove_holiday(db_, *day); !st.ok()) return http::problem(req, st);
  catalog_.invalidate();
  return Response::no_content();
}

}  // namespace cds::catalog
