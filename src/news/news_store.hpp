// Where news items live: the news_items table. Every function runs inside the caller's
// transaction; none checks permissions or rules (news_service.hpp does).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "news/news.hpp"
#include "store/database.hpp"

namespace cds::news::news_store {

// Inserts `item` (its id is ignored) and returns the new id. The search key is made here from the
// title, summary and Markdown body.
std::int64_t insert(store::Tx& tx, const NewsItem& item);
// Writes every column of `item` over the row with its id.
void save(store::Tx& tx, const NewsItem& item);
std::optional<NewsItem> find(store::Tx& tx, std::int64_t id);

struct PublicQuery {
  std::optional<Kind> kind;
  std::string folded_text;  // text::fold of the reader's words; empty: no search
  std::int64_t offset = 0;
  std::int64_t limit = 20;
  Millis now = 0;            // items whose published_at is later are not shown yet
  bool pinned_first = true;  // false: by date only (the feed)
};
struct Page {
  std::vector<NewsItem> items;
  std::int64_t total = 0;  // matching items on every page
};
// Visible items, pinned first (unless told otherwise), then newest published first.
Page list_public(store::Tx& tx, const PublicQuery& q);
// Every item, newest change first.
Page list_all(store::Tx& tx, std::int64_t offset, std::int64_t limit);

// Whether `media_id` is the cover of an item readers see at `now`.
bool is_public_cover(store::Tx& tx, const std::string& media_id, Millis now);
// Whether the photo is the cover of any item, whatever its state.
bool is_cover(store::Tx& tx, const std::string& media_id);

}  // namespace cds::news::news_store
