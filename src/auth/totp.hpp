// One-time passwords for staff two-factor sign-in: RFC 4226 HOTP and RFC 6238 TOTP with the
// parameters every authenticator app supports (HMAC-SHA1, 6 digits, 30-second steps), the
// otpauth:// URI that apps read from a QR code, and single-use recovery codes.
//
// Every function here is pure or draws only from libsodium's thread-safe random generator, so any
// thread may call any of them at any time. None keeps state: refusing a replayed code (the same
// time step accepted twice) is the caller's job, with the step that verify_totp returns.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cds::auth {

// What authenticator apps assume when an otpauth URI says nothing else (RFC 6238 §4, §5.2).
inline constexpr int kTotpDigits = 6;
inline constexpr std::int64_t kTotpPeriodSeconds = 30;

// RFC 4648 §6 base32: upper case, no '=' padding ("foobar" -> "MZXW6YTBOI").
std::string base32_encode(std::span<const unsigned char> bytes);
// The bytes that `text` encodes, or nullopt when it is not base32. Accepts lower case, ignores
// spaces anywhere and '=' padding at the end; refuses any other character and lengths that no
// encoding produces (1, 3 or 6 characters past a multiple of 8). Unused low bits of the last
// character are ignored.
std::optional<std::vector<unsigned char>> base32_decode(std::string_view text);

// A new shared secret for one staff member: 20 random bytes (160 bits, the HMAC-SHA1 key size
// RFC 4226 §4 recommends), base32 encoded (32 characters). Throws std::runtime_error only if
// libsodium cannot start.
std::string new_totp_secret();

// RFC 4226 HOTP: HMAC-SHA1(key, counter as 8 big-endian bytes), dynamically truncated (§5.3) to
// a 31-bit number, modulo 10^digits. `digits` must be 1..9 (a programmer error otherwise: the
// truncated value has fewer than 10 decimal digits). Throws std::runtime_error only if OpenSSL
// cannot compute the HMAC.
std::uint32_t hotp(std::span<const unsigned char> key, std::uint64_t counter,
                   int digits = kTotpDigits);

// The RFC 6238 code at `unix_seconds`: HOTP of the 30-second step floor(unix_seconds / 30),
// zero-padded to 6 digits ("007081"). Empty when the secret is not base32, decodes to no bytes,
// or when unix_seconds is negative (before the first step).
std::string totp_code(std::string_view base32_secret, std::int64_t unix_seconds);

// The time step (unix_seconds / 30) whose code equals `code`, searching `window_steps` steps on
// either side of the current one to allow for clock drift and typing time (RFC 6238 §5.2
// recommends one). Callers store the returned step and refuse any code whose step is not later
// than the last one accepted, so that a code cannot be replayed. Nullopt when the code is wrong,
// out of the window, or malformed (not exactly 6 ASCII digits once spaces are removed), or when
// the secret is not base32 or empty. Every candidate is compared in constant time and the whole
// window is always searched, so the time taken does not say which step, if any, matched. When
// several steps match, the one closest to the current step wins (the current one first, then the
// earlier). A negative window counts as 0.
std::optional<std::int64_t> verify_totp(std::string_view base32_secret, std::string_view code,
                                        std::int64_t unix_seconds, int window_steps = 1);

// The Key URI that authenticator apps read from a QR code:
//   otpauth://totp/Issuer:account?secret=...&issuer=Issuer&algorithm=SHA1&digits=6&period=30
// Issuer and account are UTF-8, percent-encoded byte by byte (everything but RFC 3986 unreserved
// characters, so spaces are %20 and a ':' inside either is %3A). The secret is written in its
// canonical form (upper case, no spaces or padding); the result is empty when it is not base32.
std::string otpauth_uri(std::string_view issuer, std::string_view account,
                        std::string_view base32_secret);

// `count` distinct single-use recovery codes such as "k7m2-x9qp": 8 characters drawn uniformly
// from the 31 lower-case letters and digits that cannot be mistaken for one another (no 0, o, 1,
// l, i), about 39.6 bits each, grouped 4-4. Store only a hash of normalize_recovery_code(code).
// Empty when count <= 0. Throws std::runtime_error only if libsodium cannot start.
std::vector<std::string> new_recovery_codes(int count = 10);

// The form in which a recovery code is hashed and compared: ASCII lower case, with spaces, tabs
// and dashes removed, so "K7M2 X9QP", "k7m2-x9qp" and "k7m2x9qp" all give "k7m2x9qp". Other
// characters are kept as they are (so a wrong code stays wrong).
std::string normalize_recovery_code(std::string_view code);

}  // namespace cds::auth
