// What every fuzz target shares: a reader that turns the fuzzer's bytes into the values of a
// structure, and a check that aborts (the fuzzer's crash) with the broken promise on stderr.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace cds::fuzz {

// Aborts with `what` when `ok` is false: libFuzzer keeps the input as a crash reproducer.
inline void check(bool ok, const char* what, std::string_view detail = {}) {
  if (ok) return;
  std::fprintf(stderr, "fuzz check failed: %s\n", what);
  std::fwrite(detail.data(), 1, detail.size(), stderr);
  std::fputc('\n', stderr);
  std::abort();
}

// Reads values off the front of the input; past its end every read gives zeros and empty text.
class FuzzInput {
 public:
  FuzzInput(const std::uint8_t* data, std::size_t size)
      : rest_(reinterpret_cast<const char*>(data), size) {}

  std::uint8_t byte() {
    if (rest_.empty()) return 0;
    const auto b = static_cast<std::uint8_t>(rest_.front());
    rest_.remove_prefix(1);
    return b;
  }
  bool boolean() { return (byte() & 1) != 0; }
  std::int64_t integer() {
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v = (v << 8) | byte();
    return static_cast<std::int64_t>(v);
  }
  // A piece of text: a length byte, then that many bytes (fewer at the end of the input).
  std::string text() {
    // The length byte first, in its own statement: as two arguments of one call, the order of
    // byte() and size() is unspecified, and a size read before the byte is taken is one too many.
    const std::size_t wanted = byte();
    const std::size_t n = std::min(wanted, rest_.size());
    std::string s(rest_.substr(0, n));
    rest_.remove_prefix(n);
    return s;
  }
  // One of `n` choices.
  std::size_t pick(std::size_t n) { return n == 0 ? 0 : byte() % n; }
  std::string_view rest() const { return rest_; }

 private:
  std::string_view rest_;
};

}  // namespace cds::fuzz
