// Test support for the JOSE tests: RSA and EC keys, their JWKs and JWK Sets, and JWS tokens
// signed with OpenSSL directly (independent of the code under test), plus a fixture that makes
// the provider's keys once per suite.
#pragma once

#include <gtest/gtest.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include <array>
#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "oidc/jwk.hpp"

namespace cds::oidc::testing {

namespace json = boost::json;

inline PkeyPtr new_rsa_key(std::size_t bits) {
  PkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", bits));
  EXPECT_TRUE(key) << "RSA key generation failed";
  return key;
}

inline PkeyPtr new_ec_key(const char* curve) {
  PkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", curve));
  EXPECT_TRUE(key) << "EC key generation failed";
  return key;
}

// The big-endian bytes of a BIGNUM parameter, left-padded to `width` bytes (0: no padding).
inline std::string bn_param(EVP_PKEY* key, const char* name, int width = 0) {
  BIGNUM* bn = nullptr;
  EXPECT_EQ(EVP_PKEY_get_bn_param(key, name, &bn), 1) << name;
  const int size = width > 0 ? width : BN_num_bytes(bn);
  std::string out(static_cast<std::size_t>(size), '\0');
  BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(out.data()), size);
  BN_free(bn);
  return out;
}

inline json::object rsa_jwk(EVP_PKEY* key, std::string_view kid) {
  return {{"kty", "RSA"},
          {"kid", kid},
          {"use", "sig"},
          {"n", base64url_encode(bn_param(key, OSSL_PKEY_PARAM_RSA_N))},
          {"e", base64url_encode(bn_param(key, OSSL_PKEY_PARAM_RSA_E))}};
}

inline json::object ec_jwk(EVP_PKEY* key, std::string_view kid) {
  return {{"kty", "EC"},
          {"crv", "P-256"},
          {"kid", kid},
          {"x", base64url_encode(bn_param(key, OSSL_PKEY_PARAM_EC_PUB_X, 32))},
          {"y", base64url_encode(bn_param(key, OSSL_PKEY_PARAM_EC_PUB_Y, 32))}};
}

inline std::string jwks_text(std::initializer_list<json::value> keys) {
  json::array list;
  for (const json::value& key : keys) list.push_back(key);
  json::object document;
  document["keys"] = std::move(list);
  return json::serialize(document);
}

// The raw r||s form (RFC 7518 §3.4) of a DER ECDSA signature.
inline std::string raw_ecdsa(const std::string& der) {
  const auto* in = reinterpret_cast<const unsigned char*>(der.data());
  ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &in, static_cast<long>(der.size()));
  EXPECT_NE(sig, nullptr);
  const BIGNUM* r = nullptr;
  const BIGNUM* s = nullptr;
  ECDSA_SIG_get0(sig, &r, &s);
  std::string raw(64, '\0');
  BN_bn2binpad(r, reinterpret_cast<unsigned char*>(raw.data()), 32);
  BN_bn2binpad(s, reinterpret_cast<unsigned char*>(raw.data()) + 32, 32);
  ECDSA_SIG_free(sig);
  return raw;
}

// The JWS signature of `input` for `alg` (RS256, PS256 or ES256); `pss_salt` only for PS256.
inline std::string sign(EVP_PKEY* key, std::string_view alg, std::string_view input,
                        int pss_salt = 32) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_PKEY_CTX* key_ctx = nullptr;
  EXPECT_EQ(EVP_DigestSignInit(ctx, &key_ctx, EVP_sha256(), nullptr, key), 1);
  if (alg == "PS256") {
    EXPECT_EQ(EVP_PKEY_CTX_set_rsa_padding(key_ctx, RSA_PKCS1_PSS_PADDING), 1);
    EXPECT_EQ(EVP_PKEY_CTX_set_rsa_pss_saltlen(key_ctx, pss_salt), 1);
  }
  const auto* data = reinterpret_cast<const unsigned char*>(input.data());
  std::size_t size = 0;
  EXPECT_EQ(EVP_DigestSign(ctx, nullptr, &size, data, input.size()), 1);
  std::string signature(size, '\0');
  EXPECT_EQ(EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(signature.data()), &size, data,
                           input.size()),
            1);
  signature.resize(size);
  EVP_MD_CTX_free(ctx);
  return alg == "ES256" ? raw_ecdsa(signature) : signature;
}

// A compact JWS of `payload` under `header`, signed with `key` for `alg`.
inline std::string make_jws(const json::object& header, std::string_view payload, EVP_PKEY* key,
                            std::string_view alg, int pss_salt = 32) {
  const std::string input =
      base64url_encode(json::serialize(header)) + "." + base64url_encode(payload);
  return input + "." + base64url_encode(sign(key, alg, input, pss_salt));
}

inline constexpr std::string_view kPayload = R"({"sub":"alice","n":1})";
inline constexpr std::array<std::string_view, 3> kAllAlgs = {"RS256", "PS256", "ES256"};

// Keys are slow to generate: one of each for the whole suite.
class JoseKeys : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    rsa_ = new_rsa_key(2048).release();
    other_rsa_ = new_rsa_key(2048).release();
    ec_ = new_ec_key("P-256").release();
  }
  static void TearDownTestSuite() {
    EVP_PKEY_free(rsa_);
    EVP_PKEY_free(other_rsa_);
    EVP_PKEY_free(ec_);
  }

  // The provider's keys: one RSA key, one P-256 key.
  static Jwks provider_keys() {
    auto keys = parse_jwks(jwks_text({rsa_jwk(rsa_, "rsa-1"), ec_jwk(ec_, "ec-1")}));
    EXPECT_TRUE(keys.ok()) << keys.status().internal_detail();
    return std::move(keys).value();
  }
  static EVP_PKEY* key_for(std::string_view alg) { return alg == "ES256" ? ec_ : rsa_; }
  static std::string kid_for(std::string_view alg) { return alg == "ES256" ? "ec-1" : "rsa-1"; }
  static std::string token(std::string_view alg, std::string_view payload = kPayload) {
    return make_jws({{"alg", alg}, {"kid", kid_for(alg)}}, payload, key_for(alg), alg);
  }

  static inline EVP_PKEY* rsa_ = nullptr;
  static inline EVP_PKEY* other_rsa_ = nullptr;
  static inline EVP_PKEY* ec_ = nullptr;
};

}  // namespace cds::oidc::testing
