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

}  // namespace
}  // namespace cds::text
