// Vietnamese folding and normalization with ICU.
#include "text/fold.hpp"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <memory>
#include <stdexcept>

namespace cds::text {
namespace {

// Latin-ASCII drops the marks of the letters it folds, but not a mark that follows no letter (after
// a space, a digit or punctuation: "cây  ̀xanh"); those are removed after it, so that the key is
// ASCII for any Vietnamese text (found by fuzz/fold_fuzz).
constexpr const char* kFoldRules =
    "NFD; Any-Latin; Latin-ASCII; [:Nonspacing Mark:] Remove; Lower; NFC";

// ICU transliterators are not thread-safe; each thread builds its own once.
icu::Transliterator& folder() {
  thread_local std::unique_ptr<icu::Transliterator> t = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> made(
        icu::Transliterator::createInstance(kFoldRules, UTRANS_FORWARD, status));
    if (U_FAILURE(status) || !made) throw std::runtime_error("ICU transliterator unavailable");
    return made;
  }();
  return *t;
}

bool valid_utf8(std::string_view s) {
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (c < 0) return false;
  }
  return true;
}

}  // namespace

std::string fold(std::string_view utf8) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  folder().transliterate(u);
  std::string ascii;
  u.toUTF8String(ascii);
  std::string out;
  out.reserve(ascii.size());
  bool space = false;
  for (unsigned char c : ascii) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(static_cast<char>(c));
  }
  return out;
}

bool to_nfc(std::string_view utf8, std::string& out) {
  if (!valid_utf8(utf8)) return false;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return false;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  icu::UnicodeString n = nfc->normalize(u, status);
  if (U_FAILURE(status)) return false;
  out.clear();
  n.toUTF8String(out);
  return true;
}

std::size_t code_points(std::string_view utf8) {
  std::size_t n = 0;
  for (unsigned char c : utf8) n += (c & 0xC0) != 0x80;
  return n;
}

bool is_blank(std::string_view utf8) {
  for (size_t i = 0; i < utf8.size();) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
      continue;
    }
    // Spaces and invisible format characters beyond ASCII: no-break, the typographic spaces,
    // zero-width space and joiners, line and paragraph separators, word joiner, ideographic
    // space, byte order mark. A text of only these shows nothing.
    const size_t len = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (c < 0xC0 || i + len > utf8.size()) return false;
    char32_t cp = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
    for (size_t k = 1; k < len; ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    const bool invisible = cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200D) ||
                           cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
                           cp == 0x2060 || cp == 0x3000 || cp == 0xFEFF;
    if (!invisible) return false;
    i += len;
  }
  return true;
}

}  // namespace cds::text
