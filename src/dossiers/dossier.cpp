#include "dossiers/dossier.hpp"

#include <algorithm>
#include <cctype>

namespace cds::dossiers {
namespace {

// The bytes of the UTF-8 sequence that starts at s[i].
std::size_t sequence_length(std::string_view s, std::size_t i) {
  std::size_t n = 1;
  while (i + n < s.size() && (static_cast<unsigned char>(s[i + n]) & 0xC0) == 0x80) ++n;
  return n;
}

std::vector<std::string_view> words_of(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    std::size_t j = i;
    while (j < text.size() && text[j] != ' ') ++j;
    if (j > i) out.push_back(text.substr(i, j - i));
    i = j;
  }
  return out;
}

}  // namespace

bool valid_status(std::string_view status) {
  return std::find(kStatuses.begin(), kStatuses.end(), status) != kStatuses.end();
}

bool is_final(std::string_view status) {
  return status == "returned" || status == "rejected";
}

std::optional<std::string> normalize_code(std::string_view code) {
  if (code.size() < 4 || code.size() > 40) return std::nullopt;
  std::string out;
  for (char c : code) {
    const auto u = static_cast<unsigned char>(c);
    if (!std::isalnum(u) && c != '.' && c != '-' && c != '_') return std::nullopt;
    out += static_cast<char>(std::toupper(u));
  }
  return out;
}

std::optional<std::string> normalize_secret(std::string_view secret) {
  if (secret.size() < 6 || secret.size() > 32) return std::nullopt;
  std::string out;
  for (char c : secret) {
    const auto u = static_cast<unsigned char>(c);
    if (!std::isalnum(u)) return std::nullopt;
    out += static_cast<char>(std::toupper(u));
  }
  return out;
}

std::optional<std::string> normalize_id_number(std::string_view id) {
  std::string digits;
  for (char c : id) {
    if (c == ' ') continue;
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    digits += c;
  }
  if (digits.size() != 9 && digits.size() != 12) return std::nullopt;
  return digits;
}

std::string mask_name(std::string_view full_name) {
  const auto words = words_of(full_name);
  std::string out;
  for (std::size_t w = 0; w < words.size(); ++w) {
    if (!out.empty()) out += ' ';
    if (w == 0 && words.size() > 1) {
      out += words[w];
      continue;
    }
    out += words[w].substr(0, sequence_length(words[w], 0));
    out += w + 1 == words.size() ? "*" : "***";
  }
  return out;
}

std::string mask_id(std::string_view id_number) {
  if (id_number.size() <= 3) return std::string(id_number.size(), '*');
  return std::string(id_number.size() - 3, '*') +
         std::string(id_number.substr(id_number.size() - 3));
}

}  // namespace cds::dossiers
