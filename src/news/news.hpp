// What a news item is (docs/NEWS.md): an announcement, a news article or a guide that editors
// write in Markdown and publish, now or at a set time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.hpp"

namespace cds::news {

enum class Kind { kAnnouncement, kNews, kGuide };
std::string_view kind_name(Kind kind);
std::optional<Kind> parse_kind(std::string_view name);

// What is stored. "scheduled" is not a stored state: it is a published item whose published_at
// has not come yet (see shown_state).
enum class State { kDraft, kPublished, kUnpublished };
std::string_view state_name(State state);
std::optional<State> parse_state(std::string_view name);

// Limits on what editors write (characters are Unicode code points).
inline constexpr std::size_t kMaxTitle = 200;
inline constexpr std::size_t kMaxSummary = 500;
inline constexpr std::size_t kMaxBodyBytes = 100 * 1024;

struct NewsItem {
  std::int64_t id = 0;
  Kind kind = Kind::kNews;
  std::string title;
  std::string summary;
  std::string body_md;
  std::string body_html;  // body_md rendered and sanitized when saved: safe to insert as it is
  std::optional<std::string> cover_media_id;
  bool pinned = false;
  State state = State::kDraft;
  std::optional<Millis> publish_at;    // a draft's planned time; a published item's own time
  std::optional<Millis> published_at;  // when readers see it; null until first published
  bool important = false;              // an announcement that notified citizens
  Millis created_at = 0;
  Millis updated_at = 0;
  std::int64_t created_by = 0;
  std::int64_t updated_by = 0;
};

// Whether readers see the item at `now`: published, and its time has come.
bool is_visible(const NewsItem& item, Millis now);
// "draft", "scheduled", "published" or "unpublished", as the API shows it at `now`.
std::string_view shown_state(const NewsItem& item, Millis now);
// The reader's page of the item in the citizen app: "/app/news/3".
std::string app_path(std::int64_t id);

}  // namespace cds::news
