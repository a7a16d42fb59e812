// RFC 4226 HOTP, RFC 6238 TOTP, otpauth URIs and recovery codes for staff two-factor sign-in.
#include "auth/totp.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <array>
#include <cassert>
#include <climits>
#include <stdexcept>

namespace cds::auth {
namespace {

constexpr std::string_view kBase32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

// 31 characters: a-z and 2-9 without i, l, o (and 0, 1), which are read as one another.
constexpr std::string_view kRecoveryAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";
constexpr int kRecoveryCodeLength = 8;

void start_sodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot start");
}

// A decoded TOTP secret, wiped from memory when it goes out of scope.
class SecretKey {
 public:
  explicit SecretKey(std::vector<unsigned char> bytes) : bytes_(std::move(bytes)) {}
  SecretKey(const SecretKey&) = delete;
  SecretKey& operator=(const SecretKey&) = delete;
  ~SecretKey() { OPENSSL_cleanse(bytes_.data(), bytes_.size()); }
  std::span<const unsigned char> bytes() const { return bytes_; }

 private:
  std::vector<unsigned char> bytes_;
};

// The key in a base32 secret; nullopt when it is not base32 or holds no bytes (an empty HMAC
// key would make every code public).
std::optional<SecretKey> decode_secret(std::string_view base32_secret) {
  auto bytes = base32_decode(base32_secret);
  if (!bytes || bytes->empty()) return std::nullopt;
  return std::optional<SecretKey>(std::in_place, std::move(*bytes));
}

// floor(unix_seconds / 30): RFC 6238's T with T0 = 0, rounding towards minus infinity.
std::int64_t time_step(std::int64_t unix_seconds) {
  std::int64_t step = unix_seconds / kTotpPeriodSeconds;
  if (unix_seconds % kTotpPeriodSeconds < 0) --step;
  return step;
}

using TotpDigits = std::array<char, kTotpDigits>;

// The 6-digit code for a step, zero-padded.
TotpDigits code_for_step(std::span<const unsigned char> key, std::uint64_t step) {
  std::uint32_t value = hotp(key, step, kTotpDigits);
  TotpDigits out{};
  for (int i = kTotpDigits - 1; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return out;
}

bool is_unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

// RFC 3986 percent-encoding of every byte that is not unreserved; UTF-8 sequences are encoded
// byte by byte, which is what URI consumers decode back to UTF-8.
void append_percent_encoded(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (is_unreserved(c)) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
}

std::string new_recovery_code() {
  std::string code;
  code.reserve(kRecoveryCodeLength + 1);
  for (int i = 0; i < kRecoveryCodeLength; ++i) {
    if (i == kRecoveryCodeLength / 2) code.push_back('-');
    // randombytes_uniform has no modulo bias.
    code.push_back(kRecoveryAlphabet[randombytes_uniform(kRecoveryAlphabet.size())]);
  }
  return code;
}

}  // namespace

std::string base32_encode(std::span<const unsigned char> bytes) {
  std::string out;
  out.reserve((bytes.size() * 8 + 4) / 5);
  std::uint32_t buffer = 0;  // holds `bits` not yet written, in its low bits
  int bits = 0;
  for (unsigned char byte : bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out.push_back(kBase32Alphabet[(buffer >> bits) & 31]);
    }
  }
  if (bits > 0) out.push_back(kBase32Alphabet[(buffer << (5 - bits)) & 31]);
  return out;
}

std::optional<std::vector<unsigned char>> base32_decode(std::string_view text) {
  std::vector<unsigned char> out;
  out.reserve(text.size() * 5 / 8);
  std::uint32_t buffer = 0;  // holds `bits` not yet written, in its low bits
  int bits = 0;
  std::size_t symbols = 0;
  bool in_padding = false;
  for (char ch : text) {
    if (ch == ' ') continue;
    if (ch == '=') {
      in_padding = true;
      continue;
    }
    if (in_padding) return std::nullopt;  // data after padding
    unsigned value;
    if (ch >= 'A' && ch <= 'Z') {
      value = static_cast<unsigned>(ch - 'A');
    } else if (ch >= 'a' && ch <= 'z') {
      value = static_cast<unsigned>(ch - 'a');
    } else if (ch >= '2' && ch <= '7') {
      value = static_cast<unsigned>(ch - '2') + 26;
    } else {
      return std::nullopt;
    }
    buffer = ((buffer << 5) | value) & 0xFFFFu;
    bits += 5;
    ++symbols;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<unsigned char>(buffer >> bits));
    }
  }
  // A final group of 1, 3 or 6 characters carries less than a whole byte beyond the previous
  // boundary; no encoder writes one.
  switch (symbols % 8) {
    case 1:
    case 3:
    case 6:
      return std::nullopt;
    default:
      return out;
  }
}

std::string new_totp_secret() {
  start_sodium();
  std::array<unsigned char, 20> raw{};
  randombytes_buf(raw.data(), raw.size());
  std::string secret = base32_encode(raw);
  sodium_memzero(raw.data(), raw.size());
  return secret;
}

std::uint32_t hotp(std::span<const unsigned char> key, std::uint64_t counter, int digits) {
  // Programmer error: HOTP codes have 1..9 digits here (RFC 4226 asks for at least 6).
  assert(digits >= 1 && digits <= 9);
  if (key.size() > static_cast<std::size_t>(INT_MAX)) throw std::runtime_error("HOTP key too long");
  std::array<unsigned char, 8> message{};
  for (int i = 7; i >= 0; --i) {
    message[static_cast<std::size_t>(i)] = static_cast<unsigned char>(counter & 0xFF);
    counter >>= 8;
  }
  // OpenSSL refuses a null key pointer even with length 0.
  static constexpr unsigned char kEmptyKey = 0;
  const unsigned char* key_data = key.empty() ? &kEmptyKey : key.data();
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int mac_len = 0;
  if (HMAC(EVP_sha1(), key_data, static_cast<int>(key.size()), message.data(), message.size(),
           mac.data(), &mac_len) == nullptr ||
      mac_len != 20)
    throw std::runtime_error("HMAC-SHA1 failed");
  // RFC 4226 §5.3: the low 4 bits of the last byte choose where 4 bytes are read; the top bit is
  // dropped so that the number is the same signed or unsigned.
  const unsigned offset = mac[19] & 0x0F;
  const std::uint32_t binary = (static_cast<std::uint32_t>(mac[offset] & 0x7F) << 24) |
                               (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                               (static_cast<std::uint32_t>(mac[offset + 2]) << 8) |
                               static_cast<std::uint32_t>(mac[offset + 3]);
  OPENSSL_cleanse(mac.data(), mac.size());
  std::uint32_t modulus = 1;
  for (int i = 0; i < digits; ++i) modulus *= 10;
  return binary % modulus;
}

std::string totp_code(std::string_view base32_secret, std::int64_t unix_seconds) {
  if (unix_seconds < 0) return {};
  auto key = decode_secret(base32_secret);
  if (!key) return {};
  const TotpDigits code =
      code_for_step(key->bytes(), static_cast<std::uint64_t>(time_step(unix_seconds)));
  return std::string(code.begin(), code.end());
}

std::optional<std::int64_t> verify_totp(std::string_view base32_secret, std::string_view code,
                                        std::int64_t unix_seconds, int window_steps) {
  TotpDigits typed{};
  std::size_t typed_len = 0;
  for (char ch : code) {
    if (ch == ' ') continue;
    if (ch < '0' || ch > '9' || typed_len == typed.size()) return std::nullopt;
    typed[typed_len++] = ch;
  }
  if (typed_len != typed.size()) return std::nullopt;
  auto key = decode_secret(base32_secret);
  if (!key) return std::nullopt;

  const std::int64_t current = time_step(unix_seconds);
  const std::int64_t window = window_steps > 0 ? window_steps : 0;
  std::optional<std::int64_t> matched;
  // Every step in the window is computed and compared, with no early exit.
  auto try_step = [&](std::int64_t step) {
    if (step < 0) return;  // before the first step
    const TotpDigits expected = code_for_step(key->bytes(), static_cast<std::uint64_t>(step));
    const bool equal = CRYPTO_memcmp(expected.data(), typed.data(), typed.size()) == 0;
    if (equal && !matched) matched = step;
  };
  // Nearest first: current, current - 1, current + 1, current - 2, ...
  try_step(current);
  for (std::int64_t distance = 1; distance <= window; ++distance) {
    try_step(current - distance);
    try_step(current + distance);
  }
  return matched;
}

std::string otpauth_uri(std::string_view issuer, std::string_view account,
                        std::string_view base32_secret) {
  auto key = decode_secret(base32_secret);
  if (!key) return {};
  std::string uri = "otpauth://totp/";
  append_percent_encoded(uri, issuer);
  uri.push_back(':');
  append_percent_encoded(uri, account);
  uri += "?secret=";
  uri += base32_encode(key->bytes());
  uri += "&issuer=";
  append_percent_encoded(uri, issuer);
  uri += "&algorithm=SHA1&digits=";
  uri += std::to_string(kTotpDigits);
  uri += "&period=";
  uri += std::to_string(kTotpPeriodSeconds);
  return uri;
}

std::vector<std::string> new_recovery_codes(int count) {
  std::vector<std::string> codes;
  if (count <= 0) return codes;
  start_sodium();
  codes.reserve(static_cast<std::size_t>(count));
  while (codes.size() < static_cast<std::size_t>(count)) {
    std::string code = new_recovery_code();
    // A repeat is vanishingly rare (31^8 codes) but would make two codes one.
    bool repeated = false;
    for (const std::string& earlier : codes) repeated = repeated || earlier == code;
    if (!repeated) codes.push_back(std::move(code));
  }
  return codes;
}

std::string normalize_recovery_code(std::string_view code) {
  std::string out;
  out.reserve(code.size());
  for (char ch : code) {
    if (ch == ' ' || ch == '\t' || ch == '-') continue;
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    out.push_back(ch);
  }
  return out;
}

}  // namespace cds::auth
