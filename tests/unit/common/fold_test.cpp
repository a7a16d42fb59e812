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
  // Zero-width spaces, a no-break space, a byte order mark: nothing shows (bad-input corpus).
  EXPECT_TRUE(is_blank("\u200b\u200b \u00a0\ufeff\u3000"));
  EXPECT_FALSE(is_blank("\u200b\u0110"));
  EXPECT_FALSE(is_blank("\xe2\x80"));  // cut short: not text at all, so not blank
}

}  // namespace
}  // namespace cds::text
