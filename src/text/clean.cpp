#include "text/clean.hpp"

#include "text/fold.hpp"

#include <utility>

namespace cds::text {

bool clean(std::string& text, std::string_view allowed_controls) {
  std::string nfc;
  if (!to_nfc(text, nfc)) return false;
  for (char c : nfc) {
    const auto u = static_cast<unsigned char>(c);
    const bool control = u < 0x20 || u == 0x7f;
    if (control && allowed_controls.find(c) == std::string_view::npos) return false;
  }
  text = std::move(nfc);
  return true;
}

}  // namespace cds::text
