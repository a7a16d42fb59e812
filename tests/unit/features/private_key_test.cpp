// The relying party's own ES256 key: what it signs verifies with its published JWK, its kid is
// the RFC 7638 thumbprint computed independently, and PEM round-trips and refusals.
#include "oidc/private_key.hpp"

#include <gtest/gtest.h>
#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include "jose_test_keys.hpp"
#include "oidc/jwk.hpp"
#include "oidc/jws.hpp"

namespace cds::oidc {
namespace {

namespace json = boost::json;
using testing::bn_param;
using testing::new_ec_key;
using testing::new_rsa_key;

TEST(JoseSigning, SignedJwtVerifiesWithThePublishedJwk) {
  auto key = generate_es256_key();
  ASSERT_TRUE(key.ok()) << key.status().internal_detail();
  const json::object claims{
      {"iss", "client-1"}, {"aud", "https://id.example"}, {"exp", 1700000060}};
  auto jwt = sign_es256_jwt(*key, claims);
  ASSERT_TRUE(jwt.ok()) << jwt.status().internal_detail();

  auto keys = parse_jwks(R"({"keys":[)" + public_jwk_json(*key) + "]}");
  ASSERT_TRUE(keys.ok()) << keys.status().internal_detail();
  ASSERT_EQ(keys->keys().size(), 1u);
  const std::string_view es256[] = {"ES256"};
  JwsResult verified = verify_jws(*jwt, *keys, es256);
  ASSERT_TRUE(verified.ok()) << verified.detail();
  EXPECT_EQ(verified.value().payload, claims);
  EXPECT_EQ(verified.value().header,
            (json::object{{"alg", "ES256"}, {"kid", kid(*key)}, {"typ", "JWT"}}));

  // Another key's JWK does not verify it.
  auto other = generate_es256_key();
  ASSERT_TRUE(other.ok());
  auto other_keys = parse_jwks(R"({"keys":[)" + public_jwk_json(*other) + "]}");
  ASSERT_TRUE(other_keys.ok());
  EXPECT_FALSE(verify_jws(*jwt, *other_keys, es256).ok());
}

TEST(JoseSigning, PublicJwkHasTheDocumentedMembers) {
  auto key = generate_es256_key();
  ASSERT_TRUE(key.ok());
  const json::object jwk = json::parse(public_jwk_json(*key)).as_object();
  EXPECT_EQ(jwk.size(), 7u);
  EXPECT_EQ(jwk.at("kty").as_string(), "EC");
  EXPECT_EQ(jwk.at("crv").as_string(), "P-256");
  EXPECT_EQ(jwk.at("use").as_string(), "sig");
  EXPECT_EQ(jwk.at("alg").as_string(), "ES256");
  EXPECT_EQ(jwk.at("kid").as_string(), kid(*key));
  EXPECT_EQ(base64url_decode(jwk.at("x").as_string())->size(), 32u);
  EXPECT_EQ(base64url_decode(jwk.at("y").as_string())->size(), 32u);
}

// Standard base64 from OpenSSL, made URL-safe by hand: independent of base64url_encode.
std::string independent_base64url(const unsigned char* data, int size) {
  std::string out(static_cast<std::size_t>(4 * ((size + 2) / 3) + 1), '\0');
  const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data, size);
  out.resize(static_cast<std::size_t>(written));
  while (!out.empty() && out.back() == '=') out.pop_back();
  for (char& c : out) c = c == '+' ? '-' : c == '/' ? '_' : c;
  return out;
}

TEST(JoseSigning, KidIsTheRfc7638Thumbprint) {
  auto key = generate_es256_key();
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(kid(*key), kid(*key));
  const std::string x = base64url_encode(bn_param(key->get(), OSSL_PKEY_PARAM_EC_PUB_X, 32));
  const std::string y = base64url_encode(bn_param(key->get(), OSSL_PKEY_PARAM_EC_PUB_Y, 32));
  const std::string canonical = R"({"crv":"P-256","kty":"EC","x":")" + x + R"(","y":")" + y + "\"}";
  std::array<unsigned char, 32> digest{};
  ASSERT_EQ(
      EVP_Digest(canonical.data(), canonical.size(), digest.data(), nullptr, EVP_sha256(), nullptr),
      1);
  EXPECT_EQ(kid(*key), independent_base64url(digest.data(), 32));
  EXPECT_EQ(kid(*key).size(), 43u);
}

TEST(JoseSigning, PemRoundTripKeepsTheKey) {
  auto key = generate_es256_key();
  ASSERT_TRUE(key.ok());
  auto pem = private_key_to_pem(*key);
  ASSERT_TRUE(pem.ok()) << pem.status().internal_detail();
  EXPECT_EQ(pem->rfind("-----BEGIN PRIVATE KEY-----\n", 0), 0u);
  auto loaded = private_key_from_pem(*pem);
  ASSERT_TRUE(loaded.ok()) << loaded.status().internal_detail();
  EXPECT_EQ(kid(*loaded), kid(*key));

  // What the reloaded key signs verifies with the original key's JWK.
  auto jwt = sign_es256_jwt(*loaded, {{"sub", "client-1"}});
  ASSERT_TRUE(jwt.ok());
  auto keys = parse_jwks(R"({"keys":[)" + public_jwk_json(*key) + "]}");
  ASSERT_TRUE(keys.ok());
  const std::string_view es256[] = {"ES256"};
  EXPECT_TRUE(verify_jws(*jwt, *keys, es256).ok());
}

std::string pem_of(EVP_PKEY* key, const EVP_CIPHER* cipher = nullptr) {
  BIO* bio = BIO_new(BIO_s_mem());
  char passphrase[] = "secret";
  EXPECT_EQ(PEM_write_bio_PKCS8PrivateKey(bio, key, cipher, cipher ? passphrase : nullptr,
                                          cipher ? 6 : 0, nullptr, nullptr),
            1);
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<std::size_t>(size));
  BIO_free(bio);
  return pem;
}

TEST(JoseSigning, PemRefusesOtherKeysAndEncryptedPem) {
  PkeyPtr p384 = new_ec_key("P-384");
  EXPECT_FALSE(private_key_from_pem(pem_of(p384.get())).ok());
  PkeyPtr rsa = new_rsa_key(2048);
  EXPECT_FALSE(private_key_from_pem(pem_of(rsa.get())).ok());
  PkeyPtr p256 = new_ec_key("P-256");
  EXPECT_TRUE(private_key_from_pem(pem_of(p256.get())).ok());
  EXPECT_FALSE(private_key_from_pem(pem_of(p256.get(), EVP_aes_256_cbc())).ok());
  EXPECT_FALSE(private_key_from_pem("").ok());
  EXPECT_FALSE(
      private_key_from_pem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n").ok());
}

}  // namespace
}  // namespace cds::oidc
