// GET /news.atom: the latest published items as an Atom 1.0 feed (RFC 4287), for feed readers and
// other public systems.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "news/news.hpp"

namespace cds::news {

// At most this many entries, newest published first.
inline constexpr int kFeedEntries = 50;

// The feed document. `site` is the public address without a trailing slash
// ("https://congdanso.example.vn"); every link in the feed is absolute under it, and relative
// links inside an entry's content resolve against it (xml:base). `items` are visible ones, newest
// first; `now` dates a feed that has no entry.
std::string atom_feed(const std::vector<NewsItem>& items, std::string_view site, Millis now);

}  // namespace cds::news
