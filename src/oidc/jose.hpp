// JOSE for an OpenID Connect relying party: base64url, public keys from a provider's JWKS, JWS
// verification (RS256, PS256, ES256), ID token claim checks, and the relying party's own ES256 key
// for private_key_jwt client authentication (RFC 7523), plus PKCE (RFC 7636).
//
// Every function is safe to call from any thread; none keeps state. Nothing here throws on bad
// input: a token or key document from the network fails with a value, never an exception.
#pragma once

#include <openssl/types.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <boost/json/object.hpp>

#include "common/status.hpp"

namespace cds::oidc {

// RFC 4648 §5 base64url without '=' padding, as JOSE uses it (RFC 7515 §2).
std::string base64url_encode(std::string_view bytes);
// The bytes that `text` encodes; nullopt for any character outside A-Z a-z 0-9 - _ (padding,
// spaces and line breaks included), for a length no encoding produces, and for non-zero unused
// bits in the last character, so that each byte string has exactly one accepted encoding.
std::optional<std::string> base64url_decode(std::string_view text);

struct PkeyDeleter {
  void operator()(EVP_PKEY* key) const;
};
// An owned OpenSSL key.
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyDeleter>;

// The kinds of key this library accepts.
enum class KeyType {
  kRsa,    // RSA of 2048 to 8192 bits
  kEcP256  // EC on NIST P-256 (secp256r1)
};

// A provider's verification key, read from one JWK (RFC 7517). Move-only.
struct PublicKey {
  PkeyPtr key;  // never null in a PublicKey that public_key_from_jwk returned
  KeyType type = KeyType::kRsa;
  std::string kid;                 // empty when the JWK has none
  std::optional<std::string> alg;  // the JWK's "alg", when it names one
  std::string use;                 // the JWK's "use" ("sig"), empty when absent
};

// The public key in one JWK. kty "RSA" needs n and e (base64url, big-endian); the modulus must
// have 2048 to 8192 bits and the exponent at most 256 bits, and OpenSSL's public key check must
// pass (odd modulus without small factors, odd exponent). kty "EC" needs crv "P-256" and x, y of
// exactly 32 bytes each, and the point must lie on the curve. Private members ("d", "p", ...) are
// ignored. Any other kty or crv, and every malformed or weak key, fails with Status::Internal whose
// internal detail says why (a provider's key document is a dependency, not the user's input).
Result<PublicKey> public_key_from_jwk(const boost::json::object& jwk);

// The verification keys of one provider, from its jwks_uri. Move-only; callers that cache it
// and share it between threads hold it as std::shared_ptr<const Jwks>.
class Jwks {
 public:
  Jwks() = default;
  Jwks(std::vector<PublicKey> keys, std::vector<std::string> skipped);

  // The first key whose kid equals `kid`, or null. Owned by this Jwks.
  const PublicKey* find(std::string_view kid) const;
  std::span<const PublicKey> keys() const { return keys_; }
  // One line per JWK that was left out and why ("kid abc: RSA modulus under 2048 bits"), for
  // the log.
  const std::vector<std::string>& skipped() const { return skipped_; }

 private:
  std::vector<PublicKey> keys_;
  std::vector<std::string> skipped_;
};

// The usable keys of a JWK Set document ({"keys": [...]}, at most 1 MiB). Keys with a "use" other
// than "sig", of another kty or crv, or that public_key_from_jwk refuses are skipped (and listed
// in Jwks::skipped), not errors, so one odd key does not stop sign-in with the others. Fails
// with Status::Internal when the document is not JSON, not an object, or has no "keys" array.
// An empty result is not an error: verification then reports JwsError::kUnknownKey.
Result<Jwks> parse_jwks(std::string_view json);

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

// What an ID token must say for this sign-in (OpenID Connect Core §3.1.3.7). Empty strings match
// nothing.
struct IdTokenExpectations {
  std::string issuer;                      // the provider's issuer identifier, compared exactly
  std::string client_id;                   // our client_id: the audience, and azp when present
  std::string nonce;                       // the nonce sent in the authentication request
  std::int64_t skew_seconds = 120;         // allowed clock difference with the provider
  std::int64_t max_age_seconds = 10 * 60;  // how long after iat a token is still accepted
};

// Why check_id_token_claims refused an ID token, in the order the checks run.
enum class IdTokenError {
  kBadIssuer,        // iss missing or not the expected issuer
  kBadAudience,      // aud missing, not a string or array of strings, or without client_id
  kBadAzp,           // aud has several values and no azp, or azp is not client_id
  kMissingExpiry,    // exp missing or not a number
  kExpired,          // now >= exp + skew
  kMissingIssuedAt,  // iat missing or not a number
  kIssuedInFuture,   // iat > now + skew
  kTooOld,           // iat < now - skew - max_age
  kNotYetValid,      // nbf present and (not a number, or nbf > now + skew)
  kBadNonce,         // nonce missing or not the expected one
  kBadSubject,       // sub missing, not a string, empty or longer than 255 bytes
};

// A short English description of `error`, for logs.
std::string_view describe(IdTokenError error);

// Checks the claims of an ID token whose signature verify_jws accepted, at `now_seconds` (Unix
// time). Nullopt when every check passes, otherwise the first failure. Numeric dates may be
// integers or decimals (rounded down); values beyond the int64 range are clamped.
std::optional<IdTokenError> check_id_token_claims(const boost::json::object& claims,
                                                  const IdTokenExpectations& expect,
                                                  std::int64_t now_seconds);

// The relying party's own signing key: an EC P-256 private key. Move-only.
class PrivateKey {
 public:
  // Takes `key` if it is an EC P-256 private key; fails with Status::Internal otherwise.
  static Result<PrivateKey> adopt(PkeyPtr key);

  // Owned by this PrivateKey.
  EVP_PKEY* get() const { return key_.get(); }
  // The public point's coordinates, base64url of 32 bytes each.
  const std::string& x() const { return x_; }
  const std::string& y() const { return y_; }

 private:
  PrivateKey(PkeyPtr key, std::string x, std::string y)
      : key_(std::move(key)), x_(std::move(x)), y_(std::move(y)) {}

  PkeyPtr key_;
  std::string x_;
  std::string y_;
};

// A new random key. Fails only when OpenSSL cannot generate one.
Result<PrivateKey> generate_es256_key();
// The key as an unencrypted PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----"). The text is the secret
// key: store it as one.
Result<std::string> private_key_to_pem(const PrivateKey& key);
// The key in an unencrypted PEM (PKCS#8 or SEC 1, at most 16 KiB). Refuses encrypted PEM without
// asking for a passphrase, and any key other than an EC P-256 private key.
Result<PrivateKey> private_key_from_pem(std::string_view pem);

// The RFC 7638 JWK thumbprint of the public key: base64url(SHA-256 of
// {"crv":"P-256","kty":"EC","x":"...","y":"..."}). Used as the key's kid.
std::string kid(const PrivateKey& key);
// The public JWK to publish in our JWKS:
// {"kty":"EC","crv":"P-256","x":"...","y":"...","use":"sig","alg":"ES256","kid":"..."}.
std::string public_jwk_json(const PrivateKey& key);
// A compact JWS of `claims` with header {"alg":"ES256","kid":kid(key),"typ":"JWT"} and the
// signature as raw r||s (64 bytes). Fails only when OpenSSL cannot sign.
Result<std::string> sign_es256_jwt(const PrivateKey& key, const boost::json::object& claims);

// `bytes` random bytes from libsodium, base64url encoded: state, nonce and PKCE verifier values
// (32 bytes give 43 characters, 256 bits). Throws std::runtime_error only if libsodium cannot
// start.
std::string random_url_token(std::size_t bytes);
// The RFC 7636 S256 code challenge: base64url(SHA-256(verifier)).
std::string pkce_challenge_s256(std::string_view verifier);

}  // namespace cds::oidc
