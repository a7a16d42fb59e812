#include "services/quick_fold.hpp"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "text/fold.hpp"

namespace cds::services {

std::string quick_fold(std::string_view utf8) {
  bool ascii = true;
  for (char c : utf8)
    if (static_cast<unsigned char>(c) >= 0x80) ascii = false;
  std::string out;
  out.reserve(utf8.size());
  if (ascii) {
    for (char c : utf8) out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    return out;
  }
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(err);
  if (U_FAILURE(err)) return text::fold(utf8);
  icu::UnicodeString decomposed =
      nfd->normalize(icu::UnicodeString::fromUTF8(
                         icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size()))),
                     err);
  if (U_FAILURE(err)) return text::fold(utf8);
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 cp = decomposed.char32At(i);
    i += U16_LENGTH(cp);
    if (cp < 0x80) {
      const char c = static_cast<char>(cp);
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    } else if (cp >= 0x300 && cp <= 0x36F) {
      continue;  // a combining mark: the accent of the letter before it
    } else if (cp == 0x111 || cp == 0x110) {
      out.push_back('d');  // đ, Đ
    } else if (cp == 0xA0 || cp == 0x2013 || cp == 0x2014 || cp == 0x201C || cp == 0x201D ||
               cp == 0x2018 || cp == 0x2019 || cp == 0x2026) {
      out.push_back(' ');  // spaces, dashes, quotes, ellipsis: word breaks in the index
    } else {
      return text::fold(utf8);  // another script or letter: ICU's full transliteration
    }
  }
  return out;
}

}  // namespace cds::services
