// News bodies: Markdown renders as expected, and the allow-list sanitizer lets no script through
// (XSS payloads in Markdown and in HTML handed straight to the sanitizer).
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <set>
#include <string>
#include <string_view>

#include "news/markdown.hpp"
#include "news/sanitize.hpp"

namespace cds::news {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// Every tag in `html` is an allowed one with only allowed attributes and safe URLs, and every '<'
// opens such a tag: whatever else remains is escaped text, which no browser runs.
void expect_safe(const std::string& html) {
  static const std::set<std::string> kTags = {
      "p",     "h2",    "h3",   "h4",  "ul",         "ol", "li",  "strong",
      "em",    "del",   "code", "pre", "blockquote", "a",  "img", "table",
      "thead", "tbody", "tr",   "th",  "td",         "hr", "br"};
  static const std::regex kTag(R"(<(/?)([a-z0-9]+)((?:\s+[a-z]+="[^"<>]*")*)>)");
  static const std::regex kAttr(R"re(\s+([a-z]+)="([^"]*)")re");
  std::size_t tags = 0;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), kTag); it != std::sregex_iterator();
       ++it) {
    const std::smatch& m = *it;
    tags += 1;
    const std::string name = m[2];
    EXPECT_TRUE(kTags.count(name)) << "tag <" << name << "> in " << html;
    const std::string attrs = m[3];
    const std::string lowered = lower(m.str());
    for (std::string_view bad : {"javascript:", "vbscript:", "data:", "style="}) {
      EXPECT_EQ(lowered.find(bad), std::string::npos) << bad << " in " << m.str();
    }
    for (auto a = std::sregex_iterator(attrs.begin(), attrs.end(), kAttr);
         a != std::sregex_iterator(); ++a) {
      const std::string attr = (*a)[1];
      const std::string value = (*a)[2];
      const bool allowed = (name == "a" && (attr == "href" || attr == "rel" || attr == "title")) ||
                           (name == "img" && (attr == "src" || attr == "alt" || attr == "title")) ||
                           ((name == "th" || name == "td") && attr == "align") ||
                           (name == "ol" && attr == "start");
      EXPECT_TRUE(allowed) << attr << " on <" << name << "> in " << html;
      if (attr == "href") {
        EXPECT_TRUE(safe_link_url(value)) << value;
      }
      if (attr == "src") {
        EXPECT_TRUE(safe_image_url(value)) << value;
      }
    }
  }
  const auto opens = static_cast<std::size_t>(std::count(html.begin(), html.end(), '<'));
  EXPECT_EQ(opens, tags) << "a '<' that opens no allowed tag in " << html;
}

std::string md(std::string_view source) {
  std::string html = render_markdown(source);
  expect_safe(html);
  return html;
}

std::string clean(std::string_view html) {
  std::string out = sanitize_html(html);
  expect_safe(out);
  return out;
}

// --- Markdown as editors write it

TEST(NewsMarkdown, HeadingsShiftBelowThePageTitle) {
  EXPECT_EQ(md("# Tiêu đề\n\n## Mục\n\n### Ý\n\n#### Nhỏ"),
            "<h2>Tiêu đề</h2>\n<h2>Mục</h2>\n<h3>Ý</h3>\n<h4>Nhỏ</h4>\n");
}

TEST(NewsMarkdown, ParagraphsEmphasisAndVietnameseTextStayIntact) {
  EXPECT_EQ(md("Người dân **phường Bến Thành** cần _chú ý_ ~~tin cũ~~ `mã 1022`."),
            "<p>Người dân <strong>phường Bến Thành</strong> cần <em>chú ý</em> <del>tin cũ</del> "
            "<code>mã 1022</code>.</p>\n");
}

TEST(NewsMarkdown, ListsKeepTheirShapeAndStart) {
  EXPECT_EQ(md("- một\n- hai\n"), "<ul>\n<li>một</li>\n<li>hai</li>\n</ul>\n");
  EXPECT_EQ(md("3. ba\n4. bốn\n"), "<ol start=\"3\">\n<li>ba</li>\n<li>bốn</li>\n</ol>\n");
}

TEST(NewsMarkdown, LinksGetRelAndKeepSafeTargets) {
  EXPECT_EQ(md("[Cổng dịch vụ công](https://dichvucong.example.vn/a?b=1&c=2 \"Mở\")"),
            "<p><a href=\"https://dichvucong.example.vn/a?b=1&amp;c=2\" "
            "rel=\"nofollow noopener noreferrer\" title=\"Mở\">Cổng dịch vụ công</a></p>\n");
  EXPECT_EQ(md("[tin khác](/app/news/2)"),
            "<p><a href=\"/app/news/2\" rel=\"nofollow noopener noreferrer\">tin khác</a></p>\n");
  EXPECT_NE(md("Gửi thư: <mailto:1022@example.vn>").find("href=\"mailto:1022@example.vn\""),
            std::string::npos);
}

TEST(NewsMarkdown, CodeBlocksAreEscapedText) {
  EXPECT_EQ(md("```\n<b>x</b> & y\n```\n"),
            "<pre><code>&lt;b&gt;x&lt;/b&gt; &amp; y\n</code></pre>\n");
}

TEST(NewsMarkdown, TablesWithAlignment) {
  const std::string html = md("| Phường | Số |\n|:---|---:|\n| Sài Gòn | 12 |\n");
  EXPECT_NE(html.find("<table>"), std::string::npos) << html;
  EXPECT_NE(html.find("<th align=\"left\">Phường</th>"), std::string::npos) << html;
  EXPECT_NE(html.find("<td align=\"right\">12</td>"), std::string::npos) << html;
}

TEST(NewsMarkdown, QuotesRulesAndImages) {
  EXPECT_EQ(md("> trích dẫn\n\n---\n"), "<blockquote>\n<p>trích dẫn</p>\n</blockquote>\n<hr>\n");
  EXPECT_EQ(
      md("![Ảnh bìa](/api/v1/media/0123456789abcdef0123456789abcdef)"),
      "<p><img src=\"/api/v1/media/0123456789abcdef0123456789abcdef\" alt=\"Ảnh bìa\"></p>\n");
  EXPECT_EQ(md("![x](http://insecure.example/a.png)"), "<p></p>\n");
}

TEST(NewsMarkdown, EmptyAndBareText) {
  EXPECT_EQ(md(""), "");
  EXPECT_EQ(md("Xin chào"), "<p>Xin chào</p>\n");
}

// --- XSS payloads in Markdown

TEST(NewsMarkdownXss, ScriptTagIsShownAsText) {
  const std::string html = md("Trước <script>alert(1)</script> sau");
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos) << html;
}

TEST(NewsMarkdownXss, RawHtmlBlockIsText) {
  md("<div onclick=\"alert(1)\">\n<img src=x onerror=alert(1)>\n</div>\n");
  md("<svg onload=alert(1)>");
  md("<iframe src=\"https://evil.example\"></iframe>");
  md("<a href=\"javascript:alert(1)\">x</a>");
}

TEST(NewsMarkdownXss, JavascriptLinksLoseTheirTarget) {
  for (std::string_view src :
       {"[x](javascript:alert(1))", "[x](JAVASCRIPT:alert(1))", "[x](JaVaScRiPt:alert(1))",
        "[x](java&#x09;script:alert(1))", "[x](java%09script:alert(1))",
        "[x](&#106;avascript:alert(1))", "[x](vbscript:msgbox(1))",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[x](//evil.example/path)", "[x]( javascript:alert(1))", "[x](<javascript:alert(1)>)",
        "<javascript:alert(1)>"}) {
    const std::string html = md(src);
    EXPECT_EQ(html.find("href"), std::string::npos) << src << " → " << html;
  }
}

TEST(NewsMarkdownXss, BackslashCannotMakeAProtocolRelativeLink) {
  // md4c percent-encodes the backslash: a path on this site, not "//evil.example".
  EXPECT_NE(md("[x](/\\evil.example)").find("href=\"/%5Cevil.example\""), std::string::npos);
}

TEST(NewsMarkdownXss, ImagesFromElsewhereAreDropped) {
  for (std::string_view src :
       {"![a](javascript:alert(1))", "![a](data:image/svg+xml,<svg/onload=alert(1)>)",
        "![a](//evil.example/x.png)", "![a](/api/v1/media/../../etc)",
        "![a\" onerror=\"alert(1)](https://ok.example/x.png)"}) {
    md(src);
  }
  const std::string html = md("![a\" onerror=\"alert(1)](https://ok.example/x.png)");
  EXPECT_NE(html.find("alt=\"a&quot; onerror=&quot;alert(1)\""), std::string::npos) << html;
}

TEST(NewsMarkdownXss, AutolinksKeepOnlySafeSchemes) {
  EXPECT_NE(md("Xem https://tphcm.example.vn/tin").find("href=\"https://tphcm.example.vn/tin\""),
            std::string::npos);
  EXPECT_EQ(md("<javascript:alert(1)>").find("<a"), std::string::npos);
  // A quote in a bare URL is percent-encoded in the href and escaped in the text.
  md("www.example.vn\"onmouseover=\"alert(1)");
}

TEST(NewsMarkdownXss, EntitiesCannotSmuggleTags) {
  const std::string html =
      md("&lt;script&gt;alert(1)&lt;/script&gt; &#60;img src=x onerror=alert(1)&#62;");
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos) << html;
  EXPECT_NE(html.find("&lt;img"), std::string::npos) << html;
}

TEST(NewsMarkdownXss, AttributeQuotesCannotBreakOut) {
  const std::string html = md("[x](https://ok.example/\"onmouseover=\"alert(1) \"t\\\"itle\")");
  EXPECT_EQ(html.find("\"onmouseover"), std::string::npos) << html;
}

TEST(NewsMarkdownXss, DeepNestingStaysBounded) {
  // Past the walk's depth limit the text is still kept (as text)...
  EXPECT_NE(md(std::string(100, '>') + " sâu").find("sâu"), std::string::npos);
  // ...and absurd depths end safely (libxml2 stops reading past 256 levels).
  md(std::string(5000, '>') + " rất sâu");
  std::string lists;
  for (int i = 0; i < 300; ++i)
    lists += std::string(static_cast<std::size_t>(i) * 2, ' ') + "- x\n";
  md(lists);
}

// --- HTML handed straight to the sanitizer (defence in depth: what md4c lets through)

TEST(NewsSanitizer, DropsScriptsAndStylesWithTheirContent) {
  EXPECT_EQ(clean("<p>a<script>alert(1)</script>b</p>"), "<p>ab</p>");
  EXPECT_EQ(clean("<p>a<style>p{color:red}</style>b</p>"), "<p>ab</p>");
  EXPECT_EQ(clean("<p>a<iframe src=\"https://evil.example\">x</iframe>b</p>"), "<p>ab</p>");
  EXPECT_EQ(clean("<svg onload=alert(1)><text>x</text></svg><p>ok</p>"), "<p>ok</p>");
  EXPECT_EQ(clean("<SCRIPT SRC=//evil.example/x.js></SCRIPT><p>ok</p>"), "<p>ok</p>");
}

TEST(NewsSanitizer, DropsEventHandlersAndStyleAttributes) {
  EXPECT_EQ(clean("<p onclick=\"alert(1)\" style=\"x:expression(alert(1))\" class=\"c\">t</p>"),
            "<p>t</p>");
  EXPECT_EQ(clean("<img src=x onerror=alert(1)>"), "");
  EXPECT_EQ(clean("<img src=\"https://ok.example/a.png\" onerror=\"alert(1)\" alt=\"a\">"),
            "<img src=\"https://ok.example/a.png\" alt=\"a\">");
}

TEST(NewsSanitizer, UnwrapsUnknownElementsKeepingText) {
  EXPECT_EQ(clean("<div><span>xin</span> <b>chào</b></div>"), "xin chào");
  EXPECT_EQ(clean("<h1>Tựa</h1><h6>nhỏ</h6>"), "<h2>Tựa</h2><h4>nhỏ</h4>");
}

TEST(NewsSanitizer, FiltersLinkTargets) {
  for (std::string_view bad :
       {"javascript:alert(1)", "JAVASCRIPT:alert(1)", "java&#x09;script:alert(1)",
        "java&#x0A;script:alert(1)", "&#x20;javascript:alert(1)", "vbscript:x",
        "data:text/html,<script>alert(1)</script>", "//evil.example", "/\\evil.example",
        "/&#x09;/evil.example", "relative/path", "ftp://x.example/"}) {
    const std::string html = clean("<a href=\"" + std::string(bad) + "\">x</a>");
    EXPECT_EQ(html, "x") << bad;
  }
  EXPECT_EQ(
      clean("<a href=\"https://ok.example/?a=1&amp;b=\">x</a>"),
      "<a href=\"https://ok.example/?a=1&amp;b=\" rel=\"nofollow noopener noreferrer\">x</a>");
  EXPECT_EQ(clean("<a href=\"/app/news/1\" target=\"_blank\" rel=\"opener\">x</a>"),
            "<a href=\"/app/news/1\" rel=\"nofollow noopener noreferrer\">x</a>");
}

TEST(NewsSanitizer, NestedAndUnclosedTagsAreRepairedNotTrusted) {
  clean("<p><strong><em>x</p></strong>");
  clean("<a href=\"https://ok.example\"><a href=\"javascript:alert(1)\">y</a>");
  clean("<<script>script>alert(1)<</script>/script>");
  clean("<img src=\"https://ok.example/a.png\" alt=\"\"\" onerror=\"alert(1)\">");
  clean("<p title=\"</p><script>alert(1)</script>\">x</p>");
  clean("<!--<script>alert(1)</script>--><p>x</p><![CDATA[<script>]]>");
  clean("<table><tr><td align=\"javascript:x\" background=\"javascript:x\">c</td></tr></table>");
  clean(
      "<math><mtext><table><mglyph><style><img src=x "
      "onerror=alert(1)></style></mglyph></table></mtext></math>");
  clean("<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>");
  EXPECT_EQ(clean(""), "");
}

TEST(NewsSanitizer, TextIsReEscaped) {
  EXPECT_EQ(clean("<p>1 &lt; 2 &amp;&amp; &quot;x&quot; &#60;b&#62;</p>"),
            "<p>1 &lt; 2 &amp;&amp; \"x\" &lt;b&gt;</p>");
}

// Found by fuzz/markdown_fuzz: on input like this md4c 0.4.8 read past the end of the text it was
// given (AddressSanitizer saw it only after earlier inputs had left other bytes behind the buffer,
// so this test does not fail on its own without the fix; the fuzz command in docs/FUZZING.md
// does). A view into a longer buffer renders exactly as the same text on its own.
TEST(NewsMarkdown, ReadsNothingPastTheViewItIsGiven) {
  const std::string body =
      "# T:*\u012fa.png )t\"[\":*\u012fa8#&0>)>im:#T*#>*'*#\u73d6\u73d6)im:*.p# "
      "T:*\u012f.pang )t\"[\":*\u012fa8#&0>)>im:*#*#T>'*#\u73d6\u73d6)im:*.png :t\"[)ng "
      ":t\"[)\"](.";
  std::string buffer = body;
  for (int i = 0; i < 20; ++i) buffer += "<script>LEAKED</script>" + body;
  const std::string html = render_markdown(std::string_view(buffer).substr(0, body.size()));
  EXPECT_EQ(html, render_markdown(body));
  EXPECT_EQ(html.find("LEAKED"), std::string::npos);
  expect_safe(html);
}

}  // namespace
}  // namespace cds::news
