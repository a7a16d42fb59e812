// The relying party's own ES256 key for private_key_jwt client authentication (RFC 7523): made,
// stored as PEM, published as a JWK under its RFC 7638 thumbprint, and used to sign JWTs.
//
// Every function is safe to call from any thread; none keeps state.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include <boost/json/object.hpp>

#include "common/status.hpp"
#include "oidc/jwk.hpp"

namespace cds::oidc {

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

}  // namespace cds::oidc
