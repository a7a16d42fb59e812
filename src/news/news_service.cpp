#include "news/news_service.hpp"

#include "media/media_store.hpp"
#include "news/markdown.hpp"
#include "notify/broadcast.hpp"
#include "text/clean.hpp"
#include "text/fold.hpp"

namespace cds::news {
namespace {

Status not_found() {
  return Status::NotFound("news_not_found");
}

// The cover must be a photo a staff member uploaded: a citizen's photo (a report's evidence, with
// a face or a plate in it) must never become public by being chosen as a cover.
Status check_cover(store::Tx& tx, const std::string& media_id) {
  const auto found = media::MediaStore::find(tx, media_id);
  if (!found) return Status::Invalid("invalid").field("cover_media_id", "news_cover_not_found");
  const auto owner = tx.one("SELECT role FROM users WHERE id = $1", {found->owner_id});
  const auto role = owner ? auth::parse_role(owner->str(0)) : std::nullopt;
  if (!role || !auth::is_staff(*role))
    return Status::Invalid("invalid").field("cover_media_id", "news_cover_not_staff");
  return Status::Ok();
}

}  // namespace

Status check_draft(DraftInput& in) {
  Status errors = Status::Invalid("invalid");
  if (!text::clean(in.title, text::kOneLine)) {
    errors.field("title", "field_invalid");
  } else if (text::is_blank(in.title)) {
    errors.field("title", "field_blank");
  } else if (text::code_points(in.title) > kMaxTitle) {
    errors.field("title", "news_title_too_long");
  }
  if (!text::clean(in.summary, text::kNewlinesTabs)) {
    errors.field("summary", "field_invalid");
  } else if (text::code_points(in.summary) > kMaxSummary) {
    errors.field("summary", "news_summary_too_long");
  }
  if (in.body_md.size() > kMaxBodyBytes) {
    errors.field("body_md", "news_body_too_long");
  } else if (!text::clean(in.body_md, text::kNewlinesTabs)) {
    errors.field("body_md", "field_invalid");
  }
  if (in.cover_media_id && !media::is_media_id(*in.cover_media_id))
    errors.field("cover_media_id", "news_cover_not_found");
  if (!errors.fields().empty()) return errors;
  return Status::Ok();
}

Result<Created> NewsService::create(const auth::Principal& who, DraftInput in,
                                    const std::optional<store::IdempotencyKey>& key) {
  if (Status st = check_draft(in); !st.ok()) return st;
  const std::string body_html = render_markdown(in.body_md);
  std::int64_t id = 0;
  bool replayed = false;
  Status st = db_.write([&](store::Tx& tx) -> Status {
    const Millis now = clock_.now();
    replayed = false;
    const store::CreatedBefore earlier = store::created_before(tx, key, now);
    if (!earlier.status.ok()) return earlier.status;
    if (earlier.replayed) {
      id = earlier.id;
      replayed = true;
      return Status::Ok();
    }
    if (in.cover_media_id) {
      if (Status c = check_cover(tx, *in.cover_media_id); !c.ok()) return c;
    }
    NewsItem n;
    n.kind = in.kind;
    n.title = in.title;
    n.summary = in.summary;
    n.body_md = in.body_md;
    n.body_html = body_html;
    n.cover_media_id = in.cover_media_id;
    n.pinned = in.pinned;
    n.state = State::kDraft;
    n.publish_at = in.publish_at;
    n.created_at = n.updated_at = now;
    n.created_by = n.updated_by = who.user_id;
    id = news_store::insert(tx, n);
    store::remember_created(tx, key, id);
    return Status::Ok();
  });
  if (!st.ok()) return st;
  auto item = get(id);
  if (!item.ok()) return item.status();
  return Created{std::move(item).value(), replayed};
}

Result<NewsItem> NewsService::update(const auth::Principal& who, std::int64_t id, DraftInput in) {
  if (Status st = check_draft(in); !st.ok()) return st;
  const std::string body_html = render_markdown(in.body_md);
  return db_.write_value<NewsItem>([&](store::Tx& tx) -> Result<NewsItem> {
    auto found = news_store::find(tx, id);
    if (!found) return not_found();
    NewsItem n = std::move(*found);
    if (in.cover_media_id && in.cover_media_id != n.cover_media_id) {
      if (Status c = check_cover(tx, *in.cover_media_id); !c.ok()) return c;
    }
    n.kind = in.kind;
    n.title = in.title;
    n.summary = in.summary;
    n.body_md = in.body_md;
    n.body_html = body_html;
    n.cover_media_id = in.cover_media_id;
    n.pinned = in.pinned;
    if (n.state == State::kPublished) {
      // A new time moves a published item (into the future: scheduled again); none keeps it.
      if (in.publish_at) n.publish_at = n.published_at = in.publish_at;
    } else {
      n.publish_at = in.publish_at;
    }
    n.updated_at = clock_.now();
    n.updated_by = who.user_id;
    news_store::save(tx, n);
    return n;
  });
}

Result<NewsItem> NewsService::publish(const auth::Principal& who, std::int64_t id,
                                      const PublishInput& in) {
  return db_.write_value<NewsItem>([&](store::Tx& tx) -> Result<NewsItem> {
    const Millis now = clock_.now();
    auto found = news_store::find(tx, id);
    if (!found) return not_found();
    NewsItem n = std::move(*found);
    Millis at = now;
    if (in.publish_at) {
      at = *in.publish_at;
    } else if (n.state == State::kPublished && n.published_at) {
      at = *n.published_at;  // publishing again changes nothing
    } else if (n.publish_at && *n.publish_at > now) {
      at = *n.publish_at;  // the draft's plan
    }
    if (in.notify) {
      if (n.kind != Kind::kAnnouncement)
        return Status::Invalid("invalid").field("notify", "news_notify_announcement_only");
      if (at > now) return Status::Invalid("invalid").field("notify", "news_notify_scheduled");
      if (n.important) return Status::Conflict("news_already_notified");
    }
    n.state = State::kPublished;
    n.publish_at = n.published_at = at;
    n.updated_at = now;
    n.updated_by = who.user_id;
    if (in.notify) {
      n.important = true;
      notify::BroadcastMessage message;
      message.title_vi = n.title;
      message.body_vi = n.summary;
      message.url = app_path(n.id);
      message.sender_id = who.user_id;
      news_store::save(tx, n);
      notify::append_broadcast(tx, now, message);  // the log's last write (events::append)
      return n;
    }
    news_store::save(tx, n);
    return n;
  });
}

Result<NewsItem> NewsService::unpublish(const auth::Principal& who, std::int64_t id) {
  return db_.write_value<NewsItem>([&](store::Tx& tx) -> Result<NewsItem> {
    auto found = news_store::find(tx, id);
    if (!found) return not_found();
    NewsItem n = std::move(*found);
    if (n.state != State::kPublished) return Status::Conflict("news_not_published");
    n.state = State::kUnpublished;
    n.updated_at = clock_.now();
    n.updated_by = who.user_id;
    news_store::save(tx, n);
    return n;
  });
}

Result<NewsItem> NewsService::get(std::int64_t id) {
  return db_.read_value<NewsItem>([&](store::Tx& tx) -> Result<NewsItem> {
    auto found = news_store::find(tx, id);
    if (!found) return not_found();
    return std::move(*found);
  });
}

Result<NewsItem> NewsService::get_visible(std::int64_t id) {
  auto item = get(id);
  if (!item.ok()) return item;
  if (!is_visible(*item, clock_.now())) return not_found();
  return item;
}

Result<news_store::Page> NewsService::list_visible(news_store::PublicQuery query) {
  query.now = clock_.now();
  return db_.read_value<news_store::Page>([&](store::Tx& tx) -> Result<news_store::Page> {
    return news_store::list_public(tx, query);
  });
}

Result<news_store::Page> NewsService::list_all(std::int64_t offset, std::int64_t limit) {
  return db_.read_value<news_store::Page>([&](store::Tx& tx) -> Result<news_store::Page> {
    return news_store::list_all(tx, offset, limit);
  });
}

bool NewsService::cover_visible_to(const std::string& media_id, std::optional<auth::Role> role) {
  const Millis now = clock_.now();
  const bool desk = role && (*role == auth::Role::kEditor || *role == auth::Role::kAdmin);
  auto r = db_.read_value<bool>([&](store::Tx& tx) -> Result<bool> {
    return desk ? news_store::is_cover(tx, media_id)
                : news_store::is_public_cover(tx, media_id, now);
  });
  return r.ok() && r.value();
}

}  // namespace cds::news
