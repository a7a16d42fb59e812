// base64url and a provider's public keys: JWKs read through OpenSSL 3's EVP_PKEY_fromdata and
// checked with EVP_PKEY_public_check, and the JWK Set that holds them.
#include "oidc/jwk.hpp"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <sodium.h>

#include <cstring>
#include <utility>

#include "oidc/jose_internal.hpp"

namespace cds::oidc {
namespace {

using detail::as_bytes;
using detail::BignumPtr;
using detail::jwk_label;
using detail::kP256CoordinateBytes;
using detail::kP256GroupName;
using detail::openssl_failure;
using detail::ParamBuilderPtr;
using detail::ParamsPtr;
using detail::parse_object;
using detail::PkeyCtxPtr;
using detail::string_member;

constexpr int kBase64Variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
constexpr std::size_t kMaxJwksBytes = 1024 * 1024;
constexpr int kMinRsaBits = 2048;
// Verifying with a larger modulus costs more than a provider has reason to ask of us.
constexpr int kMaxRsaBits = 8192;

std::optional<std::string> base64url_member(const boost::json::object& object,
                                            std::string_view name) {
  const boost::json::string* text = string_member(object, name);
  if (!text) return std::nullopt;
  return base64url_decode(*text);
}

Result<PkeyPtr> pkey_from_params(const char* type_name, const OSSL_PARAM* params) {
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, type_name, nullptr));
  EVP_PKEY* raw = nullptr;
  if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, const_cast<OSSL_PARAM*>(params)) != 1)
    return openssl_failure(std::string("JWK: OpenSSL refuses the ") + type_name + " key");
  return PkeyPtr(raw);
}

// OpenSSL's public key check: for RSA, an odd modulus without small factors and an odd exponent
// greater than 1; for EC, a point on the curve, not at infinity, of the group's order (OpenSSL
// has already refused an off-curve point while decoding it: this check is a second line).
Status check_public_key(EVP_PKEY* key) {
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
  if (!ctx || EVP_PKEY_public_check(ctx.get()) != 1)
    return openssl_failure("JWK: the public key fails OpenSSL's check");
  return Status::Ok();
}

Result<PkeyPtr> rsa_from_jwk(const boost::json::object& jwk) {
  const auto modulus = base64url_member(jwk, "n");
  const auto exponent = base64url_member(jwk, "e");
  if (!modulus || !exponent || modulus->empty() || exponent->empty())
    return Status::Internal("JWK: RSA key without base64url n and e");
  if (modulus->size() > kMaxRsaBits / 8 + 1 || exponent->size() > 32)
    return Status::Internal("JWK: RSA modulus over 8192 bits or exponent over 256 bits");
  BignumPtr n(BN_bin2bn(as_bytes(*modulus), static_cast<int>(modulus->size()), nullptr));
  BignumPtr e(BN_bin2bn(as_bytes(*exponent), static_cast<int>(exponent->size()), nullptr));
  ParamBuilderPtr builder(OSSL_PARAM_BLD_new());
  if (!n || !e || !builder ||
      OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, e.get()) != 1)
    return openssl_failure("JWK: cannot build RSA parameters");
  ParamsPtr params(OSSL_PARAM_BLD_to_param(builder.get()));
  if (!params) return openssl_failure("JWK: cannot build RSA parameters");
  auto key = pkey_from_params("RSA", params.get());
  if (!key) return key;
  const int bits = EVP_PKEY_get_bits(key->get());
  if (bits < kMinRsaBits) return Status::Internal("JWK: RSA modulus under 2048 bits");
  if (bits > kMaxRsaBits) return Status::Internal("JWK: RSA modulus over 8192 bits");
  if (Status checked = check_public_key(key->get()); !checked.ok()) return checked;
  return key;
}

Result<PkeyPtr> ec_from_jwk(const boost::json::object& jwk) {
  const boost::json::string* curve = string_member(jwk, "crv");
  if (!curve || *curve != "P-256") return Status::Internal("JWK: EC key not on crv P-256");
  const auto x = base64url_member(jwk, "x");
  const auto y = base64url_member(jwk, "y");
  if (!x || !y || x->size() != kP256CoordinateBytes || y->size() != kP256CoordinateBytes)
    return Status::Internal("JWK: P-256 key without 32-byte base64url x and y");
  // SEC 1 §2.3.3 uncompressed point: 0x04 || x || y.
  std::string point = "\x04" + *x + *y;
  ParamBuilderPtr builder(OSSL_PARAM_BLD_new());
  if (!builder ||
      OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME,
                                      kP256GroupName.data(), kP256GroupName.size()) != 1 ||
      OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                       point.size()) != 1)
    return openssl_failure("JWK: cannot build EC parameters");
  ParamsPtr params(OSSL_PARAM_BLD_to_param(builder.get()));
  if (!params) return openssl_failure("JWK: cannot build EC parameters");
  auto key = pkey_from_params("EC", params.get());
  if (!key) return key;
  if (Status checked = check_public_key(key->get()); !checked.ok()) return checked;
  return key;
}

}  // namespace

// ---- base64url -------------------------------------------------------------------------------

std::string base64url_encode(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), kBase64Variant), '\0');
  sodium_bin2base64(out.data(), out.size(), as_bytes(bytes), bytes.size(), kBase64Variant);
  out.resize(std::strlen(out.c_str()));
  return out;
}

std::optional<std::string> base64url_decode(std::string_view text) {
  std::string out(text.size() / 4 * 3 + 3, '\0');
  std::size_t length = 0;
  // No `ignore` characters and no end pointer: any character outside the alphabet, a length no
  // encoding has, or non-zero unused bits make the call fail.
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &length, nullptr, kBase64Variant) != 0)
    return std::nullopt;
  out.resize(length);
  return out;
}

// ---- Keys from JWKs --------------------------------------------------------------------------

void PkeyDeleter::operator()(EVP_PKEY* key) const {
  EVP_PKEY_free(key);
}

Result<PublicKey> public_key_from_jwk(const boost::json::object& jwk) {
  PublicKey key;
  if (const boost::json::string* kid = string_member(jwk, "kid")) key.kid = *kid;
  if (const boost::json::string* alg = string_member(jwk, "alg")) key.alg = std::string(*alg);
  if (const boost::json::string* use = string_member(jwk, "use")) key.use = *use;
  const boost::json::string* kty = string_member(jwk, "kty");
  Result<PkeyPtr> pkey = Status::Internal("JWK: kty is not RSA or EC");
  if (kty && *kty == "RSA") {
    key.type = KeyType::kRsa;
    pkey = rsa_from_jwk(jwk);
  } else if (kty && *kty == "EC") {
    key.type = KeyType::kEcP256;
    pkey = ec_from_jwk(jwk);
  }
  if (!pkey) return pkey.status();
  key.key = std::move(pkey).value();
  return key;
}

Jwks::Jwks(std::vector<PublicKey> keys, std::vector<std::string> skipped)
    : keys_(std::move(keys)), skipped_(std::move(skipped)) {}

const PublicKey* Jwks::find(std::string_view kid) const {
  for (const PublicKey& key : keys_)
    if (key.kid == kid) return &key;
  return nullptr;
}

Result<Jwks> parse_jwks(std::string_view json) {
  if (json.size() > kMaxJwksBytes) return Status::Internal("JWKS: larger than 1 MiB");
  const auto document = parse_object(json);
  const boost::json::value* list = document ? document->if_contains("keys") : nullptr;
  if (!list || !list->is_array()) return Status::Internal("JWKS: not an object with a keys array");
  std::vector<PublicKey> keys;
  std::vector<std::string> skipped;
  for (const boost::json::value& entry : list->get_array()) {
    if (!entry.is_object()) {
      skipped.emplace_back("a keys entry is not an object");
      continue;
    }
    auto key = public_key_from_jwk(entry.get_object());
    if (!key) {
      skipped.push_back(key.status().internal_detail());
    } else if (!key->use.empty() && key->use != "sig") {
      skipped.push_back(jwk_label(*key) + ": use is " + key->use);
    } else {
      keys.push_back(std::move(key).value());
    }
  }
  return Jwks(std::move(keys), std::move(skipped));
}

}  // namespace cds::oidc
