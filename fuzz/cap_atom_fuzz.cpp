// The XML writers (src/alerts/cap, src/news/news_atom): an alert's CAP 1.2 document, the alerts'
// Atom feed and the news Atom feed, from structures built out of the input. Values take the shapes
// the API lets in (CAP's enumerations, valid UTF-8 text, times between 1970 and 9999, bodies as
// sanitize_html writes them); the text itself is anything.
// Checks: every document is well-formed XML (libxml2) with the expected root, and the first
// headline reads back as the officer wrote it (the escapes hold; XML drops C0 controls and turns
// CR into LF, as the writer's escaping promises).
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <string>
#include <string_view>
#include <vector>

#include "alerts/cap.hpp"
#include "fuzz_input.hpp"
#include "news/news_atom.hpp"
#include "news/sanitize.hpp"
#include "text/fold.hpp"
#include "xml_check.hpp"

namespace {

using cds::fuzz::check;
using cds::fuzz::FuzzInput;

constexpr cds::Millis kYear9999 = 253'402'300'799'000;

// Valid UTF-8 (what the store holds) or nothing.
std::string text(FuzzInput& in) {
  std::string s = in.text();
  std::string nfc;
  return cds::text::to_nfc(s, nfc) ? s : std::string();
}

cds::Millis time(FuzzInput& in) {
  const auto v = static_cast<std::uint64_t>(in.integer());
  return static_cast<cds::Millis>(v % kYear9999);
}

template <class List>
std::string one(FuzzInput& in, const List& values) {
  return std::string(values[in.pick(values.size())]);
}

cds::alerts::Alert alert(FuzzInput& in) {
  using namespace cds::alerts;
  Alert a;
  a.id = 1 + in.byte();
  a.msg_type = one(in, kMsgTypes);
  a.status = one(in, kStatuses);
  a.state = "sent";
  a.category = one(in, kCategories);
  a.urgency = one(in, kUrgencies);
  a.severity = one(in, kSeverities);
  a.certainty = one(in, kCertainties);
  for (InfoText* t : {&a.vi, &a.en}) {
    t->event = text(in);
    t->headline = text(in);
    t->description = text(in);
    t->instruction = text(in);
    t->area_desc = text(in);
  }
  a.note = text(in);
  if (in.boolean()) a.onset = time(in);
  a.expires = time(in);
  a.drafted_at = time(in);
  if (in.boolean()) a.sent_at = time(in);
  a.area.city = in.boolean();
  for (int i = in.pick(4); i > 0; --i) a.targeted_wards.push_back(text(in));
  if (in.boolean()) {
    for (int i = 3 + in.pick(4); i > 0; --i)
      a.area.polygon.push_back({10.3 + in.byte() / 200.0, 106.3 + in.byte() / 200.0});
    a.area.polygon.push_back(a.area.polygon.front());
  }
  if (in.boolean()) a.area.circle = cds::alerts::Circle{10.7, 106.7, 0.1 + in.byte()};
  return a;
}

cds::news::NewsItem news_item(FuzzInput& in) {
  cds::news::NewsItem n;
  n.id = 1 + in.byte();
  n.kind = static_cast<cds::news::Kind>(in.pick(3));
  n.title = text(in);
  n.summary = text(in);
  n.body_html = cds::news::sanitize_html(text(in));
  if (in.boolean()) n.cover_media_id = text(in);
  n.state = cds::news::State::kPublished;
  n.published_at = time(in);
  n.created_at = time(in);
  n.updated_at = time(in);
  return n;
}

// The text of the first <headline> in `xml`.
std::string first_headline(std::string_view xml) {
  xmlDocPtr doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "cap.xml", "UTF-8",
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  std::string found;
  for (xmlNode* info = xmlDocGetRootElement(doc)->children; info; info = info->next) {
    if (info->type != XML_ELEMENT_NODE || xmlStrcmp(info->name, BAD_CAST "info") != 0) continue;
    for (xmlNode* e = info->children; e; e = e->next) {
      if (e->type == XML_ELEMENT_NODE && xmlStrcmp(e->name, BAD_CAST "headline") == 0) {
        xmlChar* content = xmlNodeGetContent(e);
        found = reinterpret_cast<const char*>(content);
        xmlFree(content);
        xmlFreeDoc(doc);
        return found;
      }
    }
  }
  xmlFreeDoc(doc);
  return found;
}

// What an XML reader gets back from text the writer escaped: what the writer drops (C0 controls,
// U+FFFE, U+FFFF) is gone, then CR LF and a lone CR are read as LF (XML's end-of-line handling).
std::string as_read(std::string_view written) {
  std::string kept;
  for (std::size_t i = 0; i < written.size(); ++i) {
    const std::string_view rest = written.substr(i, 3);
    if (rest == "\uFFFE" || rest == "\uFFFF") {
      i += 2;
      continue;
    }
    const auto u = static_cast<unsigned char>(written[i]);
    if (u >= 0x20 || u == '\t' || u == '\n' || u == '\r') kept += written[i];
  }
  std::string out;
  for (std::size_t i = 0; i < kept.size(); ++i) {
    if (kept[i] != '\r') {
      out += kept[i];
      continue;
    }
    out += '\n';
    if (i + 1 < kept.size() && kept[i + 1] == '\n') ++i;
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzInput in(data, size);
  const cds::alerts::Publisher publisher{"https://congdanso.example.vn",
                                         "alerts@congdanso.example.vn"};
  switch (in.pick(3)) {
    case 0: {
      const cds::alerts::Alert a = alert(in);
      cds::alerts::Alert referenced;
      referenced.id = 1000;
      referenced.sent_at = time(in);
      const std::string cap =
          cds::alerts::cap_document(a, in.boolean() ? &referenced : nullptr, publisher);
      check(cds::fuzz::check_well_formed(cap, "CAP document is not well-formed XML") == "alert",
            "CAP root is not <alert>", cap);
      const std::string read = first_headline(cap);
      check(read == as_read(a.vi.headline), "the headline does not read back",
            cap + "\nread: [" + read + "]\nexpected: [" + as_read(a.vi.headline) + "]");
      break;
    }
    case 1: {
      std::vector<cds::alerts::Alert> sent;
      for (int i = in.pick(4); i > 0; --i) sent.push_back(alert(in));
      const std::string feed = cds::alerts::alerts_atom(sent, publisher, time(in));
      check(cds::fuzz::check_well_formed(feed, "alerts Atom feed is not well-formed XML") == "feed",
            "alerts feed root is not <feed>", feed);
      break;
    }
    default: {
      std::vector<cds::news::NewsItem> items;
      for (int i = in.pick(4); i > 0; --i) items.push_back(news_item(in));
      const std::string feed = cds::news::atom_feed(items, publisher.base_url, time(in));
      check(cds::fuzz::check_well_formed(feed, "news Atom feed is not well-formed XML") == "feed",
            "news feed root is not <feed>", feed);
    }
  }
  return 0;
}
