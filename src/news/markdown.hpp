// Markdown bodies of news items: CommonMark with tables, strikethrough and autolinks (md4c), raw
// HTML in the source shown as text, the result passed through the allow-list (sanitize.hpp).
#pragma once

#include <string>
#include <string_view>

namespace cds::news {

// Renders UTF-8 Markdown to an HTML fragment that is safe to insert into a page as it is.
// Thread-safe.
std::string render_markdown(std::string_view markdown);

}  // namespace cds::news
