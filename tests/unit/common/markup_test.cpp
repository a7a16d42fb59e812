#include "text/markup.hpp"

#include <gtest/gtest.h>

namespace cds::text {
namespace {

TEST(Markup, EscapesWhatMarkupWouldReadAsMarkup) {
  EXPECT_EQ(escape_markup("<a href=\"x\">Tom & Jerry's</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
  std::string content;
  append_escaped(content, "\"quoted\" & 'single' <b>", MarkupContext::kContent);
  EXPECT_EQ(content, "\"quoted\" &amp; 'single' &lt;b&gt;");
}

TEST(Markup, DropsCharactersXmlCannotCarryAndKeepsTheRest) {
  EXPECT_EQ(escape_markup(std::string("a\x01"
                                      "b\tc\nd\re\x1f",
                                      10)),
            "ab\tc\nd\re");
  EXPECT_EQ(escape_markup("Triều cường — đỉnh 1,7 m"), "Triều cường — đỉnh 1,7 m");
}

// Found by fuzz/json_request_fuzz: an alert note "\uFFFE" (valid JSON, valid UTF-8) made the CAP
// document, and so the alerts feed, unreadable to every XML parser.
TEST(Markup, DropsTheTwoNoncharactersXmlForbids) {
  EXPECT_EQ(escape_markup("a\uFFFEb\uFFFFc"), "abc");
  // Their neighbours are characters XML allows.
  EXPECT_EQ(escape_markup("\uFFFD\uFFFC\U00010000"), "\uFFFD\uFFFC\U00010000");
  EXPECT_EQ(escape_markup("\xEF\xBF"), "\xEF\xBF");  // cut short: not the noncharacter
}

}  // namespace
}  // namespace cds::text
