// News bodies (src/news/markdown, sanitize): an editor's Markdown rendered by md4c and passed
// through the allow-list, and the allow-list alone on any HTML.
// Input: a selector byte, then Markdown (or HTML).
// Checks, on the output read back by libxml2's HTML parser (as a browser would): only the allowed
// elements, each with only its allowed attributes; every href passes safe_link_url and every src
// safe_image_url; links carry rel="nofollow noopener noreferrer"; and a second pass over the output
// reaches a fixed point when the source was valid UTF-8 (see check_safe).
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <string>
#include <string_view>

#include "fuzz_input.hpp"
#include "news/markdown.hpp"
#include "news/sanitize.hpp"
#include "text/fold.hpp"

namespace {

using cds::fuzz::check;

struct Allowed {
  std::string_view element;
  std::string_view attributes[3];
};
constexpr Allowed kAllowed[] = {{"p", {}},
                                {"h2", {}},
                                {"h3", {}},
                                {"h4", {}},
                                {"ul", {}},
                                {"ol", {"start"}},
                                {"li", {}},
                                {"strong", {}},
                                {"em", {}},
                                {"del", {}},
                                {"code", {}},
                                {"pre", {}},
                                {"blockquote", {}},
                                {"table", {}},
                                {"thead", {}},
                                {"tbody", {}},
                                {"tr", {}},
                                {"th", {"align"}},
                                {"td", {"align"}},
                                {"hr", {}},
                                {"br", {}},
                                {"a", {"href", "rel", "title"}},
                                {"img", {"src", "alt", "title"}},
                                // Added by the HTML parser around any fragment.
                                {"html", {}},
                                {"body", {}}};

std::string prop(xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  if (v == nullptr) return {};
  std::string out(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return out;
}

void walk(xmlNode* n, const std::string& html) {
  for (; n != nullptr; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    const std::string_view name = reinterpret_cast<const char*>(n->name);
    const auto* rule = std::find_if(std::begin(kAllowed), std::end(kAllowed),
                                    [&](const Allowed& a) { return a.element == name; });
    check(rule != std::end(kAllowed), "an element outside the allow-list", html);
    for (xmlAttr* a = n->properties; a != nullptr; a = a->next) {
      const std::string_view attr = reinterpret_cast<const char*>(a->name);
      check(std::find(std::begin(rule->attributes), std::end(rule->attributes), attr) !=
                    std::end(rule->attributes) &&
                !attr.empty(),
            "an attribute outside the allow-list", html);
    }
    if (name == "a") {
      check(cds::news::safe_link_url(prop(n, "href")), "an unsafe link kept", html);
      check(prop(n, "rel") == "nofollow noopener noreferrer", "a link without its rel", html);
    }
    if (name == "img") check(cds::news::safe_image_url(prop(n, "src")), "an unsafe image", html);
    walk(n->children, html);
  }
}

// `utf8`: the source was valid UTF-8, as every body the API accepts is (sanitize_html's contract).
void check_safe(const std::string& html, bool utf8) {
  if (html.empty()) return;
  xmlDocPtr doc = htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8",
                                 HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
  if (doc == nullptr) return;
  walk(xmlDocGetRootElement(doc), html);
  xmlFreeDoc(doc);
  // A second pass may wrap inline text left at the top level in <p> (libxml2 does so for text that
  // leads a body, as unwrapping an unsafe link can leave it); after that, nothing changes.
  if (!utf8) return;
  const std::string twice = cds::news::sanitize_html(html);
  check(cds::news::sanitize_html(twice) == twice, "sanitizing changes its output again", html);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  cds::fuzz::FuzzInput in(data, size);
  const bool markdown = in.boolean();
  const std::string_view source = in.rest();
  std::string nfc;
  check_safe(markdown ? cds::news::render_markdown(source) : cds::news::sanitize_html(source),
             cds::text::to_nfc(source, nfc));
  return 0;
}
