#include "text/clean.hpp"

#include <gtest/gtest.h>

namespace cds::text {
namespace {

TEST(Clean, NormalizesToNfc) {
  // "ệ" decomposed (e + combining circumflex + combining dot below) composes to one code point.
  std::string text = "Hu\x65\xCC\x82\xCC\xA3";
  ASSERT_TRUE(clean(text, kOneLine));
  EXPECT_EQ(text, "Hu\xE1\xBB\x87");
}

TEST(Clean, RefusesInvalidUtf8AndLeavesTheText) {
  std::string text = "bad \xC3\x28 utf8";
  EXPECT_FALSE(clean(text, kNewlinesTabs));
  EXPECT_EQ(text, "bad \xC3\x28 utf8");
}

TEST(Clean, OneLineRefusesEveryControl) {
  const std::string controls[] = {"a\nb", "a\tb", "a\rb", std::string("a\0b", 3), "a\x7f"};
  for (std::string text : controls) {
    const std::string before = text;
    EXPECT_FALSE(clean(text, kOneLine));
    EXPECT_EQ(text, before);
  }
  std::string plain = "Phường Sài Gòn";
  EXPECT_TRUE(clean(plain, kOneLine));
}

TEST(Clean, AllowsOnlyTheGivenLineBreaks) {
  std::string lines = "một\nhai";
  EXPECT_TRUE(clean(lines, kNewlines));
  std::string tab = "một\thai";
  EXPECT_FALSE(clean(tab, kNewlines));
  std::string crlf = "một\r\nhai\tba";
  EXPECT_TRUE(clean(crlf, kNewlinesTabs));
  std::string bell = "một\x07hai";
  EXPECT_FALSE(clean(bell, kNewlinesTabs));
  std::string del = "một\x7fhai";
  EXPECT_FALSE(clean(del, kNewlinesTabs));
}

}  // namespace
}  // namespace cds::text
