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

// Found by fuzz/fold_fuzz: a tone mark typed after a space or punctuation (a combining mark with no
// letter before it) stayed in the key, which was then not ASCII.
TEST(Fold, DropsMarksThatFollowNoLetter) {
  EXPECT_EQ(fold("c\u00e2y \u0300xanh"), "cay xanh");
  EXPECT_EQ(fold("07\u0301 (\u0323)"), "07 ()");
  EXPECT_EQ(fold("\u0303"), "");
  // Marks on letters of other scripts still transliterate as before.
  EXPECT_EQ(fold("\u0915\u093c\u093f\u0932\u093e"), "qila");
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
