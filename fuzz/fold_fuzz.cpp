// Vietnamese folding (text/fold, services/quick_fold): the search keys of every text.
// Checks, on any input: fold's output is valid UTF-8 with single spaces and none at either end,
// and quick_fold keeps the same letters and digits as fold (its header's promise). On text made
// of the Vietnamese alphabet: fold's output is lower-case ASCII and folding it again changes
// nothing.
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_input.hpp"
#include "services/quick_fold.hpp"
#include "text/fold.hpp"

namespace {

using cds::fuzz::check;

// The letters of Vietnamese (both cases, every tone) and what writing puts between words.
constexpr std::array<std::string_view, 52> kPieces{
    "a",      "ă",      "â",      "b", "c", "d", "đ", "Đ",  "e",  "ê",  "g", "h", "i",
    "k",      "l",      "m",      "n", "o", "ô", "ơ", "p",  "q",  "r",  "s", "t", "u",
    "ư",      "v",      "x",      "y", "0", "7", " ", "  ", "\t", "\n", "-", ",", ".",
    "\u00a0", "\u2013", "\u201c", "Ư", "Ơ", "Â", "Ê", "Ô",  "Ă",  "A",  "Z", "(", "/"};
// Tones as precomposed-compatible combining marks: grave, acute, tilde, hook above, dot below.
constexpr std::array<std::string_view, 6> kTones{"",       "\u0300", "\u0301",
                                                 "\u0303", "\u0309", "\u0323"};

std::vector<std::string> words_of(std::string_view key) {
  std::vector<std::string> words;
  std::string word;
  for (char c : key) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      word.push_back(c);
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

void check_key_shape(const std::string& key, std::string_view input) {
  std::string nfc;
  check(cds::text::to_nfc(key, nfc), "fold gave invalid UTF-8", input);
  check(key.empty() || (key.front() != ' ' && key.back() != ' '), "fold left an edge space", key);
  check(key.find("  ") == std::string::npos, "fold left a run of spaces", key);
  for (char c : key)
    check(c != '\t' && c != '\n' && c != '\r', "fold left a tab or line break", key);
}

void check_quick_fold(std::string_view input, const std::string& key) {
  std::string nfc;
  if (!cds::text::to_nfc(input, nfc)) return;  // callers fold only valid UTF-8
  const std::string quick = cds::services::quick_fold(input);
  check(words_of(quick) == words_of(key), "quick_fold's letters differ from fold's",
        std::string(input) + "\nfold: " + key + "\nquick_fold: " + quick);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  cds::fuzz::FuzzInput in(data, size);
  if (in.boolean()) {
    // Any bytes at all.
    const std::string input(in.rest());
    const std::string key = cds::text::fold(input);
    check_key_shape(key, input);
    check_quick_fold(input, key);
    return 0;
  }
  // Vietnamese text built piece by piece (a letter, then maybe a tone), composed or not.
  const bool compose = in.boolean();
  std::string input;
  while (!in.rest().empty()) {
    input += kPieces[in.pick(kPieces.size())];
    input += kTones[in.pick(kTones.size())];
  }
  std::string composed;
  if (compose && cds::text::to_nfc(input, composed)) input = composed;
  const std::string key = cds::text::fold(input);
  check_key_shape(key, input);
  for (char c : key) {
    const auto u = static_cast<unsigned char>(c);
    check(u < 0x80, "fold of Vietnamese text is not ASCII", input + "\n" + key);
    check(!(c >= 'A' && c <= 'Z'), "fold left an upper-case letter", input + "\n" + key);
  }
  check(cds::text::fold(key) == key, "fold is not idempotent", input + "\n" + key);
  check_quick_fold(input, key);
  return 0;
}
