#include "alerts/alert_store.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include "common/json_text.hpp"

namespace cds::alerts::store_ops {
namespace {

namespace json = boost::json;

constexpr std::string_view kColumns =
    "id, msg_type, status, references_id, state, category, urgency, severity, certainty, texts, "
    "onset, expires, area_city, area_wards, polygon, circle, drafted_by, drafted_at, edited_by, "
    "approved_by, sent_at, event_id, superseded_by, cancelled_by";

std::string str_of(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

json::object texts_json(const Alert& a) {
  json::object out;
  for (const Language& lang : kLanguages) {
    const InfoText& t = a.text(lang.app);
    out[lang.app] = json::object{{"event", t.event},
                                 {"headline", t.headline},
                                 {"description", t.description},
                                 {"instruction", t.instruction},
                                 {"area_desc", t.area_desc}};
  }
  if (!a.note.empty()) out["note"] = a.note;
  return out;
}

void read_texts(const std::string& text, Alert& a) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec || !v.is_object()) return;
  const json::object& o = v.as_object();
  for (const Language& lang : kLanguages) {
    const auto* t = o.if_contains(lang.app);
    if (t == nullptr || !t->is_object()) continue;
    InfoText& out = lang.app == "en" ? a.en : a.vi;
    const json::object& to = t->as_object();
    out = {str_of(to, "event"), str_of(to, "headline"), str_of(to, "description"),
           str_of(to, "instruction"), str_of(to, "area_desc")};
  }
  a.note = str_of(o, "note");
}

std::string wards_json(const std::vector<std::string>& wards) {
  json::array out;
  for (const auto& w : wards) out.emplace_back(w);
  return json_text(out);
}

std::optional<std::string> polygon_json(const Area& area) {
  if (area.polygon.empty()) return std::nullopt;
  json::array out;
  for (const auto& p : area.polygon) out.push_back(json::array{p[0], p[1]});
  return json_text(out);
}

std::optional<std::string> circle_json(const Area& area) {
  if (!area.circle) return std::nullopt;
  return json_text(json::object{
      {"lat", area.circle->lat}, {"lon", area.circle->lon}, {"radius_km", area.circle->radius_km}});
}

double number(const json::value& v) {
  return v.is_double() ? v.as_double() : v.to_number<double>();
}

void read_area(const store::Row& r, Alert& a) {
  a.area.city = r.boolean(12);
  boost::system::error_code ec;
  if (auto v = json::parse(r.str(13), ec); !ec && v.is_array())
    for (const auto& w : v.as_array())
      if (w.is_string()) a.area.wards.emplace_back(w.as_string());
  if (!r.is_null(14)) {
    if (auto v = json::parse(r.str(14), ec); !ec && v.is_array())
      for (const auto& p : v.as_array())
        if (p.is_array() && p.as_array().size() == 2)
          a.area.polygon.push_back({number(p.as_array()[0]), number(p.as_array()[1])});
  }
  if (!r.is_null(15)) {
    if (auto v = json::parse(r.str(15), ec); !ec && v.is_object()) {
      const json::object& c = v.as_object();
      a.area.circle = Circle{number(c.at("lat")), number(c.at("lon")), number(c.at("radius_km"))};
    }
  }
}

Alert from_row(store::Tx& tx, const store::Row& r) {
  Alert a;
  a.id = r.i64(0);
  a.msg_type = r.str(1);
  a.status = r.str(2);
  a.references = r.opt_i64(3);
  a.state = r.str(4);
  a.category = r.str(5);
  a.urgency = r.str(6);
  a.severity = r.str(7);
  a.certainty = r.str(8);
  read_texts(r.str(9), a);
  a.onset = r.opt_i64(10);
  a.expires = r.i64(11);
  read_area(r, a);
  a.drafted_by = r.i64(16);
  a.drafted_at = r.i64(17);
  a.edited_by = r.i64(18);
  a.approved_by = r.opt_i64(19);
  a.sent_at = r.opt_i64(20);
  a.event_id = r.opt_i64(21);
  a.superseded_by = r.opt_i64(22);
  a.cancelled_by = r.opt_i64(23);
  for (const auto& w :
       tx.query("SELECT ward_code FROM alert_wards WHERE alert_id = $1 ORDER BY ward_code", {a.id}))
    a.targeted_wards.push_back(w.str(0));
  return a;
}

std::vector<Alert> from_rows(store::Tx& tx, const store::Rows& rows) {
  std::vector<Alert> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(from_row(tx, r));
  return out;
}

void write_wards(store::Tx& tx, const Alert& a) {
  tx.exec("DELETE FROM alert_wards WHERE alert_id = $1", {a.id});
  for (const auto& w : a.targeted_wards)
    tx.exec("INSERT INTO alert_wards (alert_id, ward_code) VALUES ($1, $2)", {a.id, w});
}

}  // namespace

std::optional<Alert> load(store::Tx& tx, std::int64_t id) {
  auto row = tx.one("SELECT " + std::string(kColumns) + " FROM alerts WHERE id = $1", {id});
  if (!row) return std::nullopt;
  return from_row(tx, *row);
}

std::int64_t insert(store::Tx& tx, const Alert& a) {
  auto row = tx.one(
      "INSERT INTO alerts (msg_type, status, references_id, state, category, urgency, severity, "
      "certainty, texts, onset, expires, area_city, area_wards, polygon, circle, drafted_by, "
      "drafted_at, edited_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
      "$14, $15, $16, $17, $18) RETURNING id",
      {a.msg_type, a.status, store::opt(a.references), a.state, a.category, a.urgency, a.severity,
       a.certainty, json_text(texts_json(a)), store::opt(a.onset), a.expires,
       std::int64_t{a.area.city ? 1 : 0}, wards_json(a.area.wards),
       store::opt(polygon_json(a.area)), store::opt(circle_json(a.area)), a.drafted_by,
       a.drafted_at, a.edited_by});
  Alert stored = a;
  stored.id = row->i64(0);
  write_wards(tx, stored);
  return stored.id;
}

void update(store::Tx& tx, const Alert& a) {
  const std::vector<store::Value> params{a.msg_type,
                                         a.status,
                                         store::opt(a.references),
                                         a.state,
                                         a.category,
                                         a.urgency,
                                         a.severity,
                                         a.certainty,
                                         json_text(texts_json(a)),
                                         store::opt(a.onset),
                                         a.expires,
                                         std::int64_t{a.area.city ? 1 : 0},
                                         wards_json(a.area.wards),
                                         store::opt(polygon_json(a.area)),
                                         store::opt(circle_json(a.area)),
                                         a.edited_by,
                                         store::opt(a.approved_by),
                                         store::opt(a.sent_at),
                                         store::opt(a.event_id),
                                         store::opt(a.superseded_by),
                                         store::opt(a.cancelled_by),
                                         a.id};
  tx.query(
      "UPDATE alerts SET msg_type = $1, status = $2, references_id = $3, state = $4, "
      "category = $5, urgency = $6, severity = $7, certainty = $8, texts = $9, onset = $10, "
      "expires = $11, area_city = $12, area_wards = $13, polygon = $14, circle = $15, "
      "edited_by = $16, approved_by = $17, sent_at = $18, event_id = $19, superseded_by = $20, "
      "cancelled_by = $21 WHERE id = $22",
      params);
  write_wards(tx, a);
}

std::vector<Alert> list(store::Tx& tx, std::string_view state, int limit) {
  return from_rows(tx, tx.query("SELECT " + std::string(kColumns) +
                                    " FROM alerts WHERE ($1 = '' OR state = $1) "
                                    "ORDER BY CASE WHEN state = 'draft' THEN 0 ELSE 1 END, id DESC "
                                    "LIMIT $2",
                                {std::string(state), std::int64_t{limit}}));
}

std::vector<Alert> sent(store::Tx& tx, int limit) {
  return from_rows(tx, tx.query("SELECT " + std::string(kColumns) +
                                    " FROM alerts WHERE state = 'sent' ORDER BY sent_at DESC, id "
                                    "DESC LIMIT $1",
                                {std::int64_t{limit}}));
}

std::vector<Alert> active(store::Tx& tx, Millis now, std::string_view ward) {
  return from_rows(
      tx, tx.query("SELECT " + std::string(kColumns) +
                       " FROM alerts a WHERE state = 'sent' AND msg_type <> 'Cancel' AND "
                       "status <> 'Test' AND superseded_by IS NULL AND cancelled_by IS NULL AND "
                       "expires > $1 AND ($2 = '' OR area_city = 1 OR EXISTS (SELECT 1 FROM "
                       "alert_wards w WHERE w.alert_id = a.id AND w.ward_code = $2)) "
                       "ORDER BY sent_at DESC, id DESC LIMIT 50",
                   {now, std::string(ward)}));
}

bool record_open(store::Tx& tx, std::int64_t id, const std::string& opener, Millis now) {
  if (!tx.one("SELECT 1 FROM alerts WHERE id = $1 AND state = 'sent'", {id})) return false;
  tx.exec(
      "INSERT INTO alert_opens (alert_id, opener, opened_at) VALUES ($1, $2, $3) "
      "ON CONFLICT (alert_id, opener) DO NOTHING",
      {id, opener, now});
  return true;
}

std::int64_t opens(store::Tx& tx, std::int64_t id) {
  return tx.one("SELECT COUNT(*) FROM alert_opens WHERE alert_id = $1", {id})->i64(0);
}

}  // namespace cds::alerts::store_ops
