#include "news/news.hpp"

namespace cds::news {

std::string_view kind_name(Kind kind) {
  switch (kind) {
    case Kind::kAnnouncement:
      return "announcement";
    case Kind::kNews:
      return "news";
    case Kind::kGuide:
      return "guide";
  }
  return "news";
}

std::optional<Kind> parse_kind(std::string_view name) {
  for (Kind k : {Kind::kAnnouncement, Kind::kNews, Kind::kGuide})
    if (kind_name(k) == name) return k;
  return std::nullopt;
}

std::string_view state_name(State state) {
  switch (state) {
    case State::kDraft:
      return "draft";
    case State::kPublished:
      return "published";
    case State::kUnpublished:
      return "unpublished";
  }
  return "draft";
}

std::optional<State> parse_state(std::string_view name) {
  for (State s : {State::kDraft, State::kPublished, State::kUnpublished})
    if (state_name(s) == name) return s;
  return std::nullopt;
}

bool is_visible(const NewsItem& item, Millis now) {
  return item.state == State::kPublished && item.published_at && *item.published_at <= now;
}

std::string_view shown_state(const NewsItem& item, Millis now) {
  if (item.state == State::kPublished && !is_visible(item, now)) return "scheduled";
  return state_name(item.state);
}

std::string app_path(std::int64_t id) {
  return "/app/news/" + std::to_string(id);
}

}  // namespace cds::news
