#include "directory/app_store.hpp"

namespace cds::directory::app_store {
namespace {

constexpr std::string_view kColumns =
    "id, code, name, name_en, description, description_en, category, icon_media_id, web_url, "
    "deep_link, android_url, ios_url, vneid_sign_in, active, position, created_at, updated_at, "
    "updated_by";

PublicApp from_row(const store::Row& r) {
  PublicApp a;
  a.id = r.i64(0);
  a.code = r.opt_str(1);
  a.name = r.str(2);
  a.name_en = r.str(3);
  a.description = r.str(4);
  a.description_en = r.str(5);
  a.category = r.str(6);
  a.icon_media_id = r.opt_str(7);
  a.web_url = r.str(8);
  a.deep_link = r.str(9);
  a.android_url = r.str(10);
  a.ios_url = r.str(11);
  a.vneid_sign_in = r.boolean(12);
  a.active = r.boolean(13);
  a.position = r.i64(14);
  a.created_at = r.i64(15);
  a.updated_at = r.i64(16);
  a.updated_by = r.opt_i64(17);
  return a;
}

store::Value flag(bool b) {
  return std::int64_t{b ? 1 : 0};
}

}  // namespace

std::int64_t insert(store::Tx& tx, const PublicApp& a) {
  auto row = tx.one(
      "INSERT INTO public_apps (code, name, name_en, description, description_en, category, "
      "icon_media_id, web_url, deep_link, android_url, ios_url, vneid_sign_in, active, position, "
      "created_at, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
      "$12, $13, (SELECT COALESCE(MAX(position), 0) + 1 FROM public_apps), $14, $15, $16) "
      "RETURNING id",
      {store::opt(a.code), a.name, a.name_en, a.description, a.description_en, a.category,
       store::opt(a.icon_media_id), a.web_url, a.deep_link, a.android_url, a.ios_url,
       flag(a.vneid_sign_in), flag(a.active), a.created_at, a.updated_at,
       store::opt(a.updated_by)});
  return row->i64(0);
}

void save(store::Tx& tx, const PublicApp& a) {
  tx.exec(
      "UPDATE public_apps SET name = $1, name_en = $2, description = $3, description_en = $4, "
      "category = $5, icon_media_id = $6, web_url = $7, deep_link = $8, android_url = $9, "
      "ios_url = $10, vneid_sign_in = $11, active = $12, updated_at = $13, updated_by = $14 "
      "WHERE id = $15",
      {a.name, a.name_en, a.description, a.description_en, a.category, store::opt(a.icon_media_id),
       a.web_url, a.deep_link, a.android_url, a.ios_url, flag(a.vneid_sign_in), flag(a.active),
       a.updated_at, store::opt(a.updated_by), a.id});
}

std::optional<PublicApp> find(store::Tx& tx, std::int64_t id) {
  auto row = tx.one("SELECT " + std::string(kColumns) + " FROM public_apps WHERE id = $1", {id});
  if (!row) return std::nullopt;
  return from_row(*row);
}

bool remove(store::Tx& tx, std::int64_t id) {
  return tx.exec("DELETE FROM public_apps WHERE id = $1", {id}) > 0;
}

std::vector<PublicApp> list(store::Tx& tx, bool active_only) {
  std::vector<PublicApp> out;
  // $1 = 1: active ones only. LIMIT: the table never holds more (kMaxApps), but a list is bounded.
  for (const auto& r : tx.query("SELECT " + std::string(kColumns) +
                                    " FROM public_apps WHERE ($1 = 0 OR active = 1) "
                                    "ORDER BY position, id LIMIT $2",
                                {flag(active_only), kMaxApps}))
    out.push_back(from_row(r));
  return out;
}

std::int64_t count(store::Tx& tx) {
  return tx.one("SELECT COUNT(*) FROM public_apps")->i64(0);
}

std::vector<std::int64_t> ids(store::Tx& tx) {
  std::vector<std::int64_t> out;
  for (const auto& r : tx.query("SELECT id FROM public_apps")) out.push_back(r.i64(0));
  return out;
}

void set_position(store::Tx& tx, std::int64_t id, std::int64_t position, Millis now,
                  std::int64_t by) {
  tx.exec(
      "UPDATE public_apps SET position = $1, updated_at = $2, updated_by = $3 WHERE id = $4 "
      "AND position <> $1",
      {position, now, by, id});
}

bool is_icon(store::Tx& tx, const std::string& media_id, bool active_only) {
  return tx
      .one(
          "SELECT 1 FROM public_apps WHERE icon_media_id = $1 AND ($2 = 0 OR active = 1) "
          "LIMIT 1",
          {media_id, flag(active_only)})
      .has_value();
}

bool claim_seed(store::Tx& tx, const std::string& code) {
  return !tx.query(
                "INSERT INTO public_app_seeds (code) VALUES ($1) ON CONFLICT (code) DO NOTHING "
                "RETURNING code",
                {code})
              .empty();
}

}  // namespace cds::directory::app_store
