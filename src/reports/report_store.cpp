// SQL for reports.
#include "reports/report_store.hpp"

#include <cctype>
#include <cstdio>

namespace cds::reports::report_store {
namespace {

using store::Value;

constexpr const char* kColumns =
    "SELECT id, code, kind, category_code, description, lat, lon, address, ward_code, anonymous, "
    "public, channel, author_id, caller_name, caller_phone, status, unit_code, created_at, "
    "updated_at, due_at, assigned_at, resolved_at, closed_at, rating, rating_comment, "
    "merged_into, reopen_count, support_count, follower_count FROM reports";

Report from_row(const store::Row& r) {
  Report p;
  p.id = r.i64(0);
  p.code = r.str(1);
  p.kind = parse_kind(r.str(2)).value_or(Kind::kReport);
  p.category = r.str(3);
  p.description = r.str(4);
  p.location = Location{r.opt_f64(5), r.opt_f64(6), r.opt_str(7)};
  p.ward = r.opt_str(8);
  p.anonymous = r.boolean(9);
  p.is_public = r.boolean(10);
  p.channel = r.str(11);
  p.author_id = r.opt_i64(12);
  p.caller_name = r.opt_str(13);
  p.caller_phone = r.opt_str(14);
  p.state = parse_state(r.str(15)).value_or(State::kReceived);
  p.unit = r.opt_str(16);
  p.created_at = r.i64(17);
  p.updated_at = r.i64(18);
  p.due_at = r.i64(19);
  p.assigned_at = r.opt_i64(20);
  p.resolved_at = r.opt_i64(21);
  p.closed_at = r.opt_i64(22);
  if (auto rating = r.opt_i64(23)) p.rating = static_cast<int>(*rating);
  p.rating_comment = r.opt_str(24);
  p.merged_into = r.opt_i64(25);
  p.reopen_count = static_cast<int>(r.i64(26));
  p.support_count = static_cast<int>(r.i64(27));
  p.follower_count = static_cast<int>(r.i64(28));
  return p;
}

Value b(bool v) {
  return std::int64_t{v ? 1 : 0};
}
Value opt_int(std::optional<int> v) {
  return v ? Value{std::int64_t{*v}} : Value{nullptr};
}

}  // namespace

std::string next_code(store::Tx& tx, Kind kind, Millis now) {
  const Date d = city_date(now);
  char prefix[16];
  std::snprintf(prefix, sizeof prefix, "%s-%02d%02d", kind == Kind::kIdea ? "GY" : "PA",
                d.year % 100, d.month);
  auto row = tx.one(
      "INSERT INTO counters (name, value) VALUES ($1, 1) "
      "ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value",
      {std::string(prefix)});
  char code[40];
  std::snprintf(code, sizeof code, "%s-%06lld", prefix, static_cast<long long>(row->i64(0)));
  return code;
}

std::int64_t insert(store::Tx& tx, const Report& p, const std::string& folded_text) {
  std::string key = p.code;
  for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  key += " " + folded_text;
  auto row = tx.one(
      "INSERT INTO reports (code, kind, category_code, description, lat, lon, address, ward_code, "
      "anonymous, public, channel, author_id, caller_name, caller_phone, entered_by, status, "
      "unit_code, created_at, updated_at, due_at, search_key) VALUES ($1, $2, $3, $4, $5, $6, $7, "
      "$8, $9, $10, $11, $12, $13, $14, NULL, $15, $16, $17, $17, $18, $19) RETURNING id",
      {p.code, std::string(kind_name(p.kind)), p.category, p.description,
       store::opt(p.location.lat), store::opt(p.location.lon), store::opt(p.location.address),
       store::opt(p.ward), b(p.anonymous), b(p.is_public), p.channel, store::opt(p.author_id),
       store::opt(p.caller_name), store::opt(p.caller_phone), std::string(state_name(p.state)),
       store::opt(p.unit), p.created_at, p.due_at, key});
  return row->i64(0);
}

std::optional<Report> get(store::Tx& tx, std::int64_t id) {
  auto row = tx.one(std::string(kColumns) + " WHERE id = $1", {id});
  if (!row) return std::nullopt;
  return from_row(*row);
}

std::optional<Report> get_for_update(store::Tx& tx, std::int64_t id) {
  // A no-op UPDATE is the row lock both engines understand (SQLite has no FOR UPDATE).
  if (tx.exec("UPDATE reports SET updated_at = updated_at WHERE id = $1", {id}) == 0)
    return std::nullopt;
  return get(tx, id);
}

std::optional<Report> get_by_code(store::Tx& tx, const std::string& code) {
  auto row = tx.one(std::string(kColumns) + " WHERE code = $1", {code});
  if (!row) return std::nullopt;
  return from_row(*row);
}

void update(store::Tx& tx, const Report& p) {
  tx.exec(
      "UPDATE reports SET status = $2, unit_code = $3, category_code = $4, updated_at = $5, "
      "due_at = $6, assigned_at = $7, resolved_at = $8, closed_at = $9, rating = $10, "
      "rating_comment = $11, merged_into = $12, reopen_count = $13 WHERE id = $1",
      {p.id, std::string(state_name(p.state)), store::opt(p.unit), p.category, p.updated_at,
       p.due_at, store::opt(p.assigned_at), store::opt(p.resolved_at), store::opt(p.closed_at),
       opt_int(p.rating), store::opt(p.rating_comment), store::opt(p.merged_into),
       std::int64_t{p.reopen_count}});
}

std::int64_t add_timeline(store::Tx& tx, const TimelineEntry& e, std::int64_t report_id) {
  auto row = tx.one(
      "INSERT INTO report_timeline (report_id, at, action, from_status, to_status, actor_role, "
      "actor_id, unit_code, public, body) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
      "RETURNING id",
      {report_id, e.at, e.action, e.from ? Value{std::string(state_name(*e.from))} : Value{nullptr},
       e.to ? Value{std::string(state_name(*e.to))} : Value{nullptr}, e.actor_role,
       store::opt(e.actor_id), store::opt(e.unit), b(e.is_public), e.body});
  return row->i64(0);
}

std::vector<TimelineEntry> timeline(store::Tx& tx, std::int64_t report_id, bool with_internal) {
  std::vector<TimelineEntry> out;
  const std::string sql =
      std::string(
          "SELECT id, at, action, from_status, to_status, actor_role, actor_id, "
          "unit_code, public, body FROM report_timeline WHERE report_id = $1") +
      (with_internal ? "" : " AND public = 1") + " ORDER BY id";
  for (const auto& r : tx.query(sql, {report_id})) {
    TimelineEntry e;
    e.id = r.i64(0);
    e.at = r.i64(1);
    e.action = r.str(2);
    if (auto s = r.opt_str(3)) e.from = parse_state(*s);
    if (auto s = r.opt_str(4)) e.to = parse_state(*s);
    e.actor_role = r.str(5);
    e.actor_id = r.opt_i64(6);
    e.unit = r.opt_str(7);
    e.is_public = r.boolean(8);
    e.body = r.str(9);
    out.push_back(std::move(e));
  }
  return out;
}

void add_photos(store::Tx& tx, std::int64_t report_id, const std::vector<std::string>& media_ids,
                std::optional<std::int64_t> timeline_id) {
  std::int64_t position = photo_count(tx, report_id);
  for (const auto& id : media_ids) {
    tx.exec(
        "INSERT INTO report_photos (report_id, media_id, timeline_id, position) "
        "VALUES ($1, $2, $3, $4) ON CONFLICT (report_id, media_id) DO NOTHING",
        {report_id, id, store::opt(timeline_id), position++});
  }
}

std::vector<Photo> photos(store::Tx& tx, std::int64_t report_id) {
  std::vector<Photo> out;
  for (const auto& r : tx.query("SELECT media_id, timeline_id FROM report_photos "
                                "WHERE report_id = $1 ORDER BY position",
                                {report_id}))
    out.push_back(Photo{r.str(0), r.opt_i64(1)});
  return out;
}

int photo_count(store::Tx& tx, std::int64_t report_id) {
  auto r = tx.one("SELECT COUNT(*) FROM report_photos WHERE report_id = $1", {report_id});
  return static_cast<int>(r->i64(0));
}

bool media_is_public(store::Tx& tx, const std::string& media_id) {
  return tx
      .one(
          "SELECT 1 FROM report_photos p JOIN reports r ON r.id = p.report_id "
          "WHERE p.media_id = $1 AND r.public = 1 "
          "AND r.status IN ('received','assigned','in_progress','resolved','closed','duplicate')",
          {media_id})
      .has_value();
}

bool follow(store::Tx& tx, std::int64_t report_id, std::int64_t user_id, Millis now) {
  auto added = tx.query(
      "INSERT INTO report_followers (report_id, user_id, since) VALUES ($1, $2, $3) "
      "ON CONFLICT (report_id, user_id) DO NOTHING RETURNING report_id",
      {report_id, user_id, now});
  if (added.empty()) return false;
  tx.exec("UPDATE reports SET follower_count = follower_count + 1 WHERE id = $1", {report_id});
  return true;
}

bool unfollow(store::Tx& tx, std::int64_t report_id, std::int64_t user_id) {
  if (tx.exec("DELETE FROM report_followers WHERE report_id = $1 AND user_id = $2",
              {report_id, user_id}) == 0)
    return false;
  tx.exec("UPDATE reports SET follower_count = follower_count - 1 WHERE id = $1", {report_id});
  return true;
}

bool is_following(store::Tx& tx, std::int64_t report_id, std::int64_t user_id) {
  return tx
      .one("SELECT 1 FROM report_followers WHERE report_id = $1 AND user_id = $2",
           {report_id, user_id})
      .has_value();
}

std::vector<std::int64_t> followers(store::Tx& tx, std::int64_t report_id) {
  std::vector<std::int64_t> out;
  for (const auto& r :
       tx.query("SELECT user_id FROM report_followers WHERE report_id = $1 ORDER BY user_id",
                {report_id}))
    out.push_back(r.i64(0));
  return out;
}

bool support(store::Tx& tx, std::int64_t report_id, std::int64_t user_id, Millis now) {
  auto added = tx.query(
      "INSERT INTO idea_supports (report_id, user_id, at) VALUES ($1, $2, $3) "
      "ON CONFLICT (report_id, user_id) DO NOTHING RETURNING report_id",
      {report_id, user_id, now});
  if (added.empty()) return false;
  tx.exec("UPDATE reports SET support_count = support_count + 1 WHERE id = $1", {report_id});
  return true;
}

bool has_supported(store::Tx& tx, std::int64_t report_id, std::int64_t user_id) {
  return tx
      .one("SELECT 1 FROM idea_supports WHERE report_id = $1 AND user_id = $2",
           {report_id, user_id})
      .has_value();
}

std::int64_t forget_author(store::Tx& tx, std::int64_t user_id) {
  const std::int64_t kept =
      tx.one("SELECT COUNT(*) FROM reports WHERE author_id = $1", {user_id})->i64(0);
  tx.exec("UPDATE reports SET author_id = NULL, anonymous = 1 WHERE author_id = $1", {user_id});
  tx.exec(
      "UPDATE report_timeline SET actor_id = NULL WHERE actor_id = $1 AND actor_role = 'citizen'",
      {user_id});
  tx.exec(
      "UPDATE reports SET follower_count = follower_count - 1 WHERE id IN "
      "(SELECT report_id FROM report_followers WHERE user_id = $1)",
      {user_id});
  tx.exec("DELETE FROM report_followers WHERE user_id = $1", {user_id});
  // A support stays counted (the idea was supported) but no longer says by whom.
  tx.exec("DELETE FROM idea_supports WHERE user_id = $1", {user_id});
  tx.exec("DELETE FROM idempotency_keys WHERE user_id = $1", {user_id});
  return kept;
}

std::vector<Report> list(store::Tx& tx, const Query& q) {
  std::string sql = kColumns;
  std::vector<Value> params;
  std::string where;
  auto add = [&](const std::string& clause) {
    where += (where.empty() ? " WHERE " : " AND ") + clause;
  };
  auto param = [&](Value v) {
    params.push_back(std::move(v));
    return "$" + std::to_string(params.size());
  };
  if (q.author_id) add("author_id = " + param(*q.author_id));
  if (q.follower_id)
    add("id IN (SELECT report_id FROM report_followers WHERE user_id = " + param(*q.follower_id) +
        ")");
  if (q.public_only) {
    add("public = 1 AND status IN ('received','assigned','in_progress','resolved','closed')");
    // A sensitive report's place is never public: it cannot be found by ward, address or unit.
    if (q.ward || q.folded_text || q.unit)
      add("category_code NOT IN (SELECT code FROM categories WHERE sensitive = 1)");
    // While received, the unit is routing's internal proposal.
    if (q.unit) add("status <> 'received'");
  }
  if (q.around) {
    // Suggestions and "near me" show what is still being handled, never a sensitive place.
    add("status IN ('received','assigned','in_progress') AND category_code NOT IN "
        "(SELECT code FROM categories WHERE sensitive = 1)");
    // Nor an anonymous one to the public: distances from a few points would give its place away.
    if (q.public_only) add("anonymous = 0");
    add("lat BETWEEN " + param(q.around->min_lat) + " AND " + param(q.around->max_lat));
    add("lon BETWEEN " + param(q.around->min_lon) + " AND " + param(q.around->max_lon));
  }
  if (q.visible_to_unit)
    add("unit_code = " + param(*q.visible_to_unit) +
        " AND status IN ('assigned','in_progress','resolved','closed')");
  if (!q.states.empty()) {
    std::string in;
    for (State s : q.states) in += (in.empty() ? "" : ", ") + param(std::string(state_name(s)));
    add("status IN (" + in + ")");
  }
  if (q.category) add("category_code = " + param(*q.category));
  if (q.ward) add("ward_code = " + param(*q.ward));
  if (q.unit) add("unit_code = " + param(*q.unit));
  if (q.kind) add("kind = " + param(std::string(kind_name(*q.kind))));
  if (q.overdue_only)
    add("status IN ('received','assigned','in_progress') AND due_at < " + param(q.now));
  if (q.folded_text) {
    std::string escaped;
    for (char c : *q.folded_text) {
      if (c == '%' || c == '_' || c == '\\') escaped.push_back('\\');
      escaped.push_back(c);
    }
    add("search_key LIKE " + param("%" + escaped + "%") + " ESCAPE '\\'");
  }
  if (q.around) {
    // The squared equirectangular distance in degrees of latitude: the caller measures each row
    // exactly; this order only has to put the nearest `limit` first.
    const std::string lat = param(q.around->lat), lon = param(q.around->lon),
                      scale = param(q.around->lon_scale);
    sql += where + " ORDER BY (lat - " + lat + ") * (lat - " + lat + ") + ((lon - " + lon + ") * " +
           scale + ") * ((lon - " + lon + ") * " + scale + "), id DESC LIMIT " +
           param(std::int64_t{q.limit});
  } else {
    if (q.before_id > 0) add("id < " + param(q.before_id));
    sql += where + " ORDER BY id DESC LIMIT " + param(std::int64_t{q.limit});
  }
  std::vector<Report> out;
  for (const auto& r : tx.query(sql, params)) out.push_back(from_row(r));
  return out;
}

}  // namespace cds::reports::report_store
