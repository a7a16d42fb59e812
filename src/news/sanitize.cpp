// The allow-list sanitizer: libxml2's HTML parser builds a tree the way a browser would read the
// fragment, and a walk over that tree writes back only what the allow-list names.
#include "news/sanitize.hpp"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <climits>
#include <memory>
#include <optional>

#include "text/markup.hpp"

namespace cds::news {
namespace {

// Elements dropped together with everything inside them: their content is code, styling or
// another document, never text meant for the reader.
constexpr std::string_view kDroppedWithContent[] = {
    "script",   "style",  "iframe", "frame",     "frameset", "noframes", "object", "embed",
    "applet",   "svg",    "math",   "template",  "noscript", "noembed",  "head",   "title",
    "textarea", "select", "xmp",    "plaintext", "audio",    "video",    "canvas", "form"};

// Elements kept as they are (attributes apart). Headings are handled on their own.
constexpr std::string_view kKept[] = {
    "p",          "ul",  "ol",    "li",    "strong", "em", "del", "code", "pre", "a",
    "blockquote", "img", "table", "thead", "tbody",  "tr", "th",  "td",   "hr",  "br"};

// Deeper than this, a subtree is written as its escaped text only: no reader needs more nesting,
// and the walk stays far from the end of the stack whatever the input.
constexpr int kMaxDepth = 48;

bool one_of(std::string_view name, const auto& list) {
  return std::find(std::begin(list), std::end(list), name) != std::end(list);
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// An attribute's value with entities decoded (as a browser would see it), or nullopt.
std::optional<std::string> attribute(xmlNode* node, const char* name) {
  xmlChar* v = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  if (v == nullptr) return std::nullopt;
  std::string out(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return out;
}

// No whitespace, control character or backslash anywhere: browsers drop tabs and newlines inside
// URLs ("java\tscript:") and read '\' as '/' ("/\evil.example"), which a prefix test would miss.
bool plain_url(std::string_view url) {
  if (url.empty()) return false;
  return std::none_of(url.begin(), url.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7f || c == '\\';
  });
}

class Writer {
 public:
  std::string out;

  void children(xmlNode* parent, int depth) {
    for (xmlNode* n = parent->children; n != nullptr; n = n->next) node(n, depth);
  }

  void node(xmlNode* n, int depth) {
    switch (n->type) {
      case XML_TEXT_NODE:
      case XML_CDATA_SECTION_NODE:
        if (n->content != nullptr)
          text::append_escaped(out, reinterpret_cast<const char*>(n->content),
                               text::MarkupContext::kContent);
        return;
      case XML_ELEMENT_NODE:
        element(n, depth);
        return;
      default:
        return;  // comments, processing instructions, DTDs: nothing a reader sees
    }
  }

 private:
  void element(xmlNode* n, int depth) {
    const std::string name = lower(reinterpret_cast<const char*>(n->name));
    if (one_of(name, kDroppedWithContent)) return;
    if (depth > kMaxDepth) {
      xmlChar* content = xmlNodeGetContent(n);
      if (content != nullptr) {
        text::append_escaped(out, reinterpret_cast<const char*>(content),
                             text::MarkupContext::kContent);
        xmlFree(content);
      }
      return;
    }
    if (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6') {
      // The page's title is the h1: h1 and h2 (the usual "## Section") → h2, h3 stays, h4..h6 → h4,
      // so that headings follow each other without a gap.
      const char level = std::clamp<char>(name[1], '2', '4');
      const std::string tag = std::string("h") + level;
      out += "<" + tag + ">";
      children(n, depth + 1);
      out += "</" + tag + ">";
      return;
    }
    if (!one_of(name, kKept)) {
      children(n, depth + 1);  // unknown: unwrapped, its text kept
      return;
    }
    if (name == "br" || name == "hr") {
      out += "<" + name + ">";
      return;
    }
    if (name == "img") {
      auto src = attribute(n, "src");
      if (!src || !safe_image_url(*src)) return;
      out += "<img src=\"";
      text::append_escaped(out, *src);
      out += "\" alt=\"";
      text::append_escaped(out, attribute(n, "alt").value_or(""));
      out += "\"";
      title(n);
      out += ">";
      return;
    }
    if (name == "a") {
      auto href = attribute(n, "href");
      if (!href || !safe_link_url(*href)) {
        children(n, depth + 1);  // the text stays, the link goes
        return;
      }
      out += "<a href=\"";
      text::append_escaped(out, *href);
      out += "\" rel=\"nofollow noopener noreferrer\"";
      title(n);
      out += ">";
      children(n, depth + 1);
      out += "</a>";
      return;
    }
    out += "<" + name;
    if (name == "th" || name == "td") {
      auto align = attribute(n, "align");
      if (align && (*align == "left" || *align == "center" || *align == "right"))
        out += " align=\"" + *align + "\"";
    } else if (name == "ol") {
      auto start = attribute(n, "start");
      if (start && !start->empty() && start->size() <= 9 &&
          std::all_of(start->begin(), start->end(), [](char c) { return c >= '0' && c <= '9'; }))
        out += " start=\"" + *start + "\"";
    }
    out += ">";
    children(n, depth + 1);
    out += "</" + name + ">";
  }

  void title(xmlNode* n) {
    if (auto t = attribute(n, "title"); t && !t->empty()) {
      out += " title=\"";
      text::append_escaped(out, *t);
      out += "\"";
    }
  }
};

struct FreeDoc {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};

void init_libxml2_once() {
  // xmlInitParser is the one call libxml2 asks threaded programs to make before any parsing.
  static const bool done = [] {
    xmlInitParser();
    return true;
  }();
  (void)done;
}

}  // namespace

bool safe_link_url(std::string_view url) {
  if (!plain_url(url)) return false;
  const std::string l = lower(url.substr(0, 8));
  if (l.starts_with("http://") || l.starts_with("https://") || l.starts_with("mailto:"))
    return true;
  if (url[0] == '#') return true;                  // a place on the same page
  return url[0] == '/' && !url.starts_with("//");  // this site, never a protocol-relative URL
}

bool safe_image_url(std::string_view url) {
  if (!plain_url(url)) return false;
  if (lower(url.substr(0, 8)) == "https://") return true;
  return url.starts_with("/api/v1/media/") && url.find("..") == std::string_view::npos;
}

std::string sanitize_html(std::string_view html) {
  if (html.empty()) return {};
  init_libxml2_once();
  const int size = static_cast<int>(std::min<std::size_t>(html.size(), INT_MAX));
  std::unique_ptr<xmlDoc, FreeDoc> doc(
      htmlReadMemory(html.data(), size, nullptr, "UTF-8",
                     HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING));
  if (!doc) return {};
  xmlNode* root = xmlDocGetRootElement(doc.get());
  if (root == nullptr) return {};
  Writer w;
  w.node(root, 0);
  return std::move(w.out);
}

}  // namespace cds::news
