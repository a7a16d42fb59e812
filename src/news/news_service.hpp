// The rules of news items: who wrote what, what a valid item is, when readers see it, and the
// broadcast an important announcement sends (docs/NEWS.md). Permissions are the routes' (editors
// and admins); this service trusts its caller.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.hpp"
#include "common/clock.hpp"
#include "common/status.hpp"
#include "news/news.hpp"
#include "news/news_store.hpp"
#include "store/database.hpp"
#include "store/idempotency.hpp"

namespace cds::news {

// What an editor writes, as read from a request (types checked, limits not yet).
struct DraftInput {
  Kind kind = Kind::kNews;
  std::string title;
  std::string summary;
  std::string body_md;
  std::optional<std::string> cover_media_id;
  bool pinned = false;
  // Absent from an update of a published item: its time is kept. Absent otherwise: no plan.
  std::optional<Millis> publish_at;
};

// Normalizes `input` (NFC) and checks it against the limits: 422 naming each field in error
// (title: required, one line, ≤ 200 characters; summary ≤ 500; body_md ≤ 100 KB; the cover's id
// well-formed). Whether the cover exists is checked when the item is written.
Status check_draft(DraftInput& input);

struct PublishInput {
  std::optional<Millis> publish_at;  // later than now: scheduled
  bool notify = false;               // announcements only, and only when published now
};

struct Created {
  NewsItem item;
  bool replayed = false;  // an Idempotency-Key retry: the first request's item
};

// Thread-safe: any thread may call any method at once. `db` and `clock` must outlive it.
class NewsService {
 public:
  NewsService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // check_draft's refusals, and cover_media_id that is not a photo uploaded by staff (422).
  Result<Created> create(const auth::Principal& who, DraftInput input,
                         const std::optional<store::IdempotencyKey>& key = std::nullopt);
  // The same rules; the item keeps its state (a published item stays published).
  Result<NewsItem> update(const auth::Principal& who, std::int64_t id, DraftInput input);
  // Publishes at input.publish_at, or at the draft's planned time if that is still to come, or
  // now. With notify (an announcement published now, not yet notified), also broadcasts it to
  // citizens in the same transaction and marks it important.
  Result<NewsItem> publish(const auth::Principal& who, std::int64_t id, const PublishInput& input);
  // 409 news_not_published unless the item is published or scheduled.
  Result<NewsItem> unpublish(const auth::Principal& who, std::int64_t id);

  // Any item (staff views). 404 news_not_found.
  Result<NewsItem> get(std::int64_t id);
  // Only an item readers see now; 404 news_not_found otherwise.
  Result<NewsItem> get_visible(std::int64_t id);
  // `query.now` is set here.
  Result<news_store::Page> list_visible(news_store::PublicQuery query);
  Result<news_store::Page> list_all(std::int64_t offset, std::int64_t limit);

  // Whether the photo is the cover of an item readers see now (then anyone may download it).
  // Whether a photo is a news cover `role` may see: a published item's cover, anyone (nullopt: not
  // signed in); any item's cover, the editors and administrators who work on them.
  bool cover_visible_to(const std::string& media_id, std::optional<auth::Role> role);

  const Clock& clock() const { return clock_; }

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace cds::news
