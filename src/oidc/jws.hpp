// JWS verification for an OpenID Connect relying party (RFC 7515): a compact token checked
// against a provider's JWKS, accepting RS256, PS256 and ES256 only.
//
// verify_jws is safe to call from any thread and keeps no state. It never throws on bad input:
// a token from the network fails with a JwsResult that says why.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include <boost/json/object.hpp>

#include "oidc/jwk.hpp"

namespace cds::oidc {

// Compact JWS tokens longer than this are refused before any decoding.
inline constexpr std::size_t kMaxJwsBytes = 64 * 1024;

// Why verify_jws refused a token. Only kUnknownKey calls for an action: the provider may have
// rotated its keys, so fetch the JWKS again (once) and retry. Every other error is final.
enum class JwsError {
  kMalformed,     // too long, not three base64url parts, header or payload not a JSON object,
                  // "alg" missing or not a string, "kid" not a string
  kAlgRefused,    // "none", an alg not in allowed_algs, or one this library cannot verify
  kCritRefused,   // the header has "crit": no extension is understood (RFC 7515 §4.1.11)
  kUnknownKey,    // no key has the header's kid; or, without a kid, not exactly one key fits alg
  kKeyMismatch,   // the key is of the wrong type for alg, or its JWK names another alg
  kBadSignature,  // the signature does not verify (an ES256 signature not of 64 bytes included)
};

// The decoded parts of a JWS whose signature verified.
struct VerifiedJws {
  boost::json::object header;
  boost::json::object payload;
};

// What verify_jws returns: the verified token, or the error and a short English detail for the
// log (never for the user: the caller maps error() to its own message).
class JwsResult {
 public:
  JwsResult(VerifiedJws jws) : v_(std::move(jws)) {}  // NOLINT(google-explicit-constructor)
  JwsResult(JwsError error, std::string detail) : v_(Refusal{error, std::move(detail)}) {}

  bool ok() const { return std::holds_alternative<VerifiedJws>(v_); }
  explicit operator bool() const { return ok(); }
  // Only when ok().
  const VerifiedJws& value() const& { return std::get<VerifiedJws>(v_); }
  VerifiedJws&& value() && { return std::get<VerifiedJws>(std::move(v_)); }
  // Only when !ok().
  JwsError error() const { return std::get<Refusal>(v_).error; }
  const std::string& detail() const { return std::get<Refusal>(v_).detail; }

 private:
  struct Refusal {
    JwsError error;
    std::string detail;
  };
  std::variant<VerifiedJws, Refusal> v_;
};

// Verifies a compact JWS (RFC 7515 §7.1) against `keys`, accepting only the algs named in
// `allowed_algs` among those supported: RS256 (RSASSA-PKCS1-v1_5, SHA-256), PS256 (RSASSA-PSS,
// SHA-256, MGF1 SHA-256, 32-byte salt; RFC 7518 §3.5) and ES256 (P-256, SHA-256, signature as
// raw r||s of 64 bytes; RFC 7518 §3.4). "none" is refused even when allowed. The key is the one
// whose kid the header names (of the alg's type, if the kid names several); without a kid, the
// only key of the alg's type. Header members "jwk", "jku", "x5u" and "x5c" are ignored: keys
// come only from `keys`. Duplicate JSON members keep the last value (RFC 7515 §5.2). The payload
// is decoded only after the signature verifies.
JwsResult verify_jws(std::string_view compact, const Jwks& keys,
                     std::span<const std::string_view> allowed_algs);

}  // namespace cds::oidc
