// Vietnamese search keys: "Đường Nguyễn Huệ" → "duong nguyen hue", so that "cay xanh", "cây xanh"
// and "CÂY XANH" match, and "hoà"/"hòa" too (ICU: NFC, Any-Latin; Latin-ASCII; Lower).
#pragma once

#include <string>
#include <string_view>

namespace cds::text {

// Folds UTF-8 text to its lower-case ASCII search key; runs of whitespace become one space.
// Invalid UTF-8 is replaced, never passed through. Thread-safe (one transliterator per thread).
std::string fold(std::string_view utf8);

// NFC-normalized copy of valid UTF-8; nullopt-like empty result is signalled by `ok`.
// Returns false when `utf8` is not valid UTF-8.
bool to_nfc(std::string_view utf8, std::string& out);

// Number of Unicode code points (for length limits stated in characters).
std::size_t code_points(std::string_view utf8);

// True when the text holds only whitespace, Unicode spaces and invisible format characters
// (zero-width space, joiners, byte order mark), or nothing: it shows nothing.
bool is_blank(std::string_view utf8);

}  // namespace cds::text
