#include "text/fold.hpp"

#include <gtest/gtest.h>

namespace cds::text {
namespace {

TEST(Fold, VietnameseToSearchKey) {
  EXPECT_EQ(fold("Đường Nguyễn Huệ"), "duong nguyen hue");
  EXPECT_EQ(fold("CÂY XANH"), "cay xanh");
  EXPECT_EQ(fold("cây   xanh\n"), "cay xanh");
  EXPECT_EQ(fold("hoà"), fold("hòa"));
  EXPECT_EQ(fold("Phường Sài Gòn"), "phuong sai gon");
}

TEST(Fold, NfcAndValidation) {
  std::string out;
  // "ệ" decomposed (e + combining circumflex + combining dot below) composes to one code point.
  ASSERT_TRUE(to_nfc("Hu\x65\xCC\x82\xCC\xA3", out));
  EXPECT_EQ(out, "Hu\xE1\xBB\x87");
  EXPECT_FALSE(to_nfc("bad \xC3\x28 utf8", out));
  EXPECT_EQ(code_points("Huệ"), 3u);
  EXPECT_TRUE(is_blank("  \n"));
  EXPECT_FALSE(is_blank(" a "));
}

}  // namespace
}  // namespace cds::text
