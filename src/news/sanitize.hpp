// The allow-list that every HTML fragment shown to readers passes through (docs/NEWS.md): what
// md4c renders from an editor's Markdown is parsed again and only known-safe elements, attributes
// and URLs are written back out.
#pragma once

#include <string>
#include <string_view>

namespace cds::news {

// Returns a fragment that holds only the allowed elements (p, h2–h4, ul, ol, li, strong, em, del,
// code, pre, blockquote, a, img, table parts, hr, br), with only their allowed attributes, every
// text and attribute value escaped again. Headings h1–h6 become h2–h4 (the page's own title is the
// h1). script, style, iframe and the like are dropped with their content; any other unknown
// element is unwrapped and keeps its text. Links keep only http, https, mailto and site-relative
// ("/x", never "//x") targets and get rel="nofollow noopener noreferrer"; images keep only https
// sources and this site's /api/v1/media/ photos. `html` is UTF-8. Thread-safe.
std::string sanitize_html(std::string_view html);

// Whether `url` may be a link's href / an image's src under the rules above.
bool safe_link_url(std::string_view url);
bool safe_image_url(std::string_view url);

}  // namespace cds::news
