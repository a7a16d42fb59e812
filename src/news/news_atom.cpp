#include "news/news_atom.hpp"

#include <algorithm>

#include "text/markup.hpp"

namespace cds::news {
namespace {

void element(std::string& out, std::string_view indent, std::string_view name,
             std::string_view text) {
  out += indent;
  out += "<";
  out += name;
  out += ">";
  out += text::escape_markup(text);
  out += "</";
  out += name;
  out += ">\n";
}

void link(std::string& out, std::string_view indent, std::string_view rel, std::string_view href,
          std::string_view type = {}) {
  out += indent;
  out += "<link rel=\"";
  out += rel;
  out += "\" href=\"";
  out += text::escape_markup(href);
  out += "\"";
  if (!type.empty()) {
    out += " type=\"";
    out += type;
    out += "\"";
  }
  out += "/>\n";
}

}  // namespace

std::string atom_feed(const std::vector<NewsItem>& items, std::string_view site, Millis now) {
  const std::string base(site);
  Millis updated = 0;
  for (const NewsItem& n : items) updated = std::max(updated, n.updated_at);
  if (items.empty()) updated = now;

  std::string out;
  out += "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  out += "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"vi\" xml:base=\"" +
         text::escape_markup(base + "/") + "\">\n";
  element(out, "  ", "id", base + "/news.atom");
  element(out, "  ", "title", "Công dân số — Tin tức và thông báo");
  element(out, "  ", "subtitle", "Tin tức, thông báo và hướng dẫn của Thành phố Hồ Chí Minh");
  element(out, "  ", "updated", format_rfc3339(updated));
  out += "  <author>\n";
  element(out, "    ", "name", "Thành phố Hồ Chí Minh — Công dân số");
  element(out, "    ", "uri", base + "/");
  out += "  </author>\n";
  link(out, "  ", "self", base + "/news.atom", "application/atom+xml");
  link(out, "  ", "alternate", base + "/app/news", "text/html");
  for (const NewsItem& n : items) {
    const std::string page = base + app_path(n.id);
    const Millis published = n.published_at.value_or(n.updated_at);
    out += "  <entry>\n";
    element(out, "    ", "id", page);
    element(out, "    ", "title", n.title);
    // A later edit is the entry's update; an item scheduled after its last edit was updated
    // when it appeared.
    element(out, "    ", "updated", format_rfc3339(std::max(n.updated_at, published)));
    element(out, "    ", "published", format_rfc3339(published));
    out += "    <category term=\"";
    out += kind_name(n.kind);
    out += "\"/>\n";
    link(out, "    ", "alternate", page, "text/html");
    if (n.cover_media_id)
      link(out, "    ", "enclosure", base + "/api/v1/media/" + *n.cover_media_id, "image/jpeg");
    if (!n.summary.empty()) element(out, "    ", "summary", n.summary);
    out += "    <content type=\"html\">";
    out += text::escape_markup(n.body_html);
    out += "</content>\n";
    out += "  </entry>\n";
  }
  out += "</feed>\n";
  return out;
}

}  // namespace cds::news
