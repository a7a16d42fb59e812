// JWKs for an OpenID Connect relying party: base64url (RFC 7515 §2), a provider's public keys
// read from its JWK Set (RFC 7517), checked for type, size and validity before any use.
//
// Every function is safe to call from any thread; none keeps state. Nothing here throws on bad
// input: a key document from the network fails with a value, never an exception.
#pragma once

#include <openssl/types.h>

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
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

}  // namespace cds::oidc
