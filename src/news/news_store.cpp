#include "news/news_store.hpp"

#include "text/fold.hpp"

namespace cds::news::news_store {
namespace {

constexpr std::string_view kColumns =
    "id, kind, title, summary, body_md, body_html, cover_media_id, pinned, state, publish_at, "
    "published_at, important, created_at, updated_at, created_by, updated_by";

// Only visible items: published, and their time has come ($1 is now).
constexpr std::string_view kVisible = "state = 'published' AND published_at <= $1";

NewsItem from_row(const store::Row& r) {
  NewsItem n;
  n.id = r.i64(0);
  n.kind = parse_kind(r.str(1)).value_or(Kind::kNews);
  n.title = r.str(2);
  n.summary = r.str(3);
  n.body_md = r.str(4);
  n.body_html = r.str(5);
  n.cover_media_id = r.opt_str(6);
  n.pinned = r.boolean(7);
  n.state = parse_state(r.str(8)).value_or(State::kDraft);
  n.publish_at = r.opt_i64(9);
  n.published_at = r.opt_i64(10);
  n.important = r.boolean(11);
  n.created_at = r.i64(12);
  n.updated_at = r.i64(13);
  n.created_by = r.i64(14);
  n.updated_by = r.i64(15);
  return n;
}

std::string search_key(const NewsItem& n) {
  return text::fold(n.title + "\n" + n.summary + "\n" + n.body_md);
}

store::Value flag(bool b) {
  return std::int64_t{b ? 1 : 0};
}

// `text` as a LIKE pattern that matches it anywhere, with LIKE's own characters escaped.
std::string contains_pattern(const std::string& text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('%');
  return out;
}

}  // namespace

std::int64_t insert(store::Tx& tx, const NewsItem& n) {
  auto row = tx.one(
      "INSERT INTO news_items (kind, title, summary, body_md, body_html, cover_media_id, pinned, "
      "state, publish_at, published_at, important, created_at, updated_at, created_by, "
      "updated_by, search_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
      "$14, $15, $16) RETURNING id",
      {std::string(kind_name(n.kind)), n.title, n.summary, n.body_md, n.body_html,
       store::opt(n.cover_media_id), flag(n.pinned), std::string(state_name(n.state)),
       store::opt(n.publish_at), store::opt(n.published_at), flag(n.important), n.created_at,
       n.updated_at, n.created_by, n.updated_by, search_key(n)});
  return row->i64(0);
}

void save(store::Tx& tx, const NewsItem& n) {
  tx.exec(
      "UPDATE news_items SET kind = $1, title = $2, summary = $3, body_md = $4, body_html = $5, "
      "cover_media_id = $6, pinned = $7, state = $8, publish_at = $9, published_at = $10, "
      "important = $11, updated_at = $12, updated_by = $13, search_key = $14 WHERE id = $15",
      {std::string(kind_name(n.kind)), n.title, n.summary, n.body_md, n.body_html,
       store::opt(n.cover_media_id), flag(n.pinned), std::string(state_name(n.state)),
       store::opt(n.publish_at), store::opt(n.published_at), flag(n.important), n.updated_at,
       n.updated_by, search_key(n), n.id});
}

std::optional<NewsItem> find(store::Tx& tx, std::int64_t id) {
  auto row = tx.one("SELECT " + std::string(kColumns) + " FROM news_items WHERE id = $1", {id});
  if (!row) return std::nullopt;
  return from_row(*row);
}

Page list_public(store::Tx& tx, const PublicQuery& q) {
  // $2: the kind or '' for every kind; $3: the LIKE pattern or '' for no search.
  const std::string where = " FROM news_items WHERE " + std::string(kVisible) +
                            " AND ($2 = '' OR kind = $2) AND ($3 = '' OR search_key LIKE $3 "
                            "ESCAPE '\\')";
  const std::string kind = q.kind ? std::string(kind_name(*q.kind)) : std::string();
  const std::string pattern = q.folded_text.empty() ? "" : contains_pattern(q.folded_text);
  Page page;
  page.total = tx.one("SELECT COUNT(*)" + where, {q.now, kind, pattern})->i64(0);
  const std::string order = q.pinned_first ? " ORDER BY pinned DESC, published_at DESC, id DESC"
                                           : " ORDER BY published_at DESC, id DESC";
  for (const auto& r :
       tx.query("SELECT " + std::string(kColumns) + where + order + " LIMIT $4 OFFSET $5",
                {q.now, kind, pattern, q.limit, q.offset}))
    page.items.push_back(from_row(r));
  return page;
}

Page list_all(store::Tx& tx, std::int64_t offset, std::int64_t limit) {
  Page page;
  page.total = tx.one("SELECT COUNT(*) FROM news_items")->i64(0);
  for (const auto& r : tx.query("SELECT " + std::string(kColumns) +
                                    " FROM news_items ORDER BY updated_at DESC, id DESC "
                                    "LIMIT $1 OFFSET $2",
                                {limit, offset}))
    page.items.push_back(from_row(r));
  return page;
}

bool is_public_cover(store::Tx& tx, const std::string& media_id, Millis now) {
  return tx
      .one("SELECT 1 FROM news_items WHERE " + std::string(kVisible) +
               " AND cover_media_id = $2 LIMIT 1",
           {now, media_id})
      .has_value();
}

bool is_cover(store::Tx& tx, const std::string& media_id) {
  return tx.one("SELECT 1 FROM news_items WHERE cover_media_id = $1 LIMIT 1", {media_id})
      .has_value();
}

}  // namespace cds::news::news_store
