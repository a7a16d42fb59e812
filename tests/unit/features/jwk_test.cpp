// base64url against RFC 4648 and a provider's keys: JWKs of RSA and EC P-256 keys made by OpenSSL
// directly, weak and malformed ones refused, and a JWK Set that skips what it cannot use.
#include "oidc/jwk.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "jose_test_keys.hpp"

namespace cds::oidc {
namespace {

namespace json = boost::json;
using testing::ec_jwk;
using testing::JoseKeys;
using testing::jwks_text;
using testing::new_rsa_key;
using testing::rsa_jwk;

// ---- base64url -------------------------------------------------------------------------------

TEST(JoseBase64url, Rfc4648VectorsWithoutPadding) {
  EXPECT_EQ(base64url_encode(""), "");
  EXPECT_EQ(base64url_encode("f"), "Zg");
  EXPECT_EQ(base64url_encode("fo"), "Zm8");
  EXPECT_EQ(base64url_encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64url_encode("\xfb\xff"), "-_8");  // the two URL-safe characters
}

TEST(JoseBase64url, RoundTripsEveryByteAndLength) {
  std::string bytes;
  for (int length = 0; length < 70; ++length) {
    const std::string encoded = base64url_encode(bytes);
    EXPECT_EQ(encoded.find_first_of("=+/"), std::string::npos) << encoded;
    EXPECT_EQ(base64url_decode(encoded), bytes) << "length " << length;
    bytes.push_back(static_cast<char>(length * 37 + 200));
  }
}

TEST(JoseBase64url, RefusesAnythingButCanonicalUnpaddedText) {
  for (std::string_view bad : {"Zm8=", "Zm9vYmFy==", "Zm+v", "Zm/v", "Zm 9v", "Zm9v\n", "Zm9v.",
                               "Z", "Zm9vY", "Zh", "-_9"}) {
    EXPECT_EQ(base64url_decode(bad), std::nullopt) << bad;
  }
  EXPECT_EQ(base64url_decode(""), "");
  EXPECT_EQ(base64url_decode("Zg"), "f");
}

// ---- Keys from JWKs --------------------------------------------------------------------------

TEST_F(JoseKeys, ReadsRsaJwk) {
  json::object jwk = rsa_jwk(rsa_, "rsa-1");
  jwk["alg"] = "RS256";
  auto key = public_key_from_jwk(jwk);
  ASSERT_TRUE(key.ok()) << key.status().internal_detail();
  EXPECT_EQ(key->type, KeyType::kRsa);
  EXPECT_EQ(key->kid, "rsa-1");
  EXPECT_EQ(key->alg, "RS256");
  EXPECT_EQ(key->use, "sig");
  EXPECT_EQ(EVP_PKEY_get_bits(key->key.get()), 2048);
}

TEST_F(JoseKeys, ReadsEcP256Jwk) {
  auto key = public_key_from_jwk(ec_jwk(ec_, "ec-1"));
  ASSERT_TRUE(key.ok()) << key.status().internal_detail();
  EXPECT_EQ(key->type, KeyType::kEcP256);
  EXPECT_EQ(key->kid, "ec-1");
  EXPECT_EQ(key->alg, std::nullopt);
  EXPECT_EQ(EVP_PKEY_eq(key->key.get(), ec_), 1);
}

TEST(JoseJwk, RefusesRsaUnder2048Bits) {
  PkeyPtr weak = new_rsa_key(1024);
  auto key = public_key_from_jwk(rsa_jwk(weak.get(), "weak"));
  ASSERT_FALSE(key.ok());
  EXPECT_EQ(key.status().code(), Code::kInternal);
  EXPECT_NE(key.status().internal_detail().find("2048"), std::string::npos);
}

TEST_F(JoseKeys, RefusesPointsOffTheCurve) {
  json::object moved = ec_jwk(ec_, "ec-1");
  std::string y = *base64url_decode(moved["y"].as_string());
  y[31] = static_cast<char>(y[31] ^ 1);
  moved["y"] = base64url_encode(y);
  EXPECT_FALSE(public_key_from_jwk(moved).ok());

  json::object made_up = moved;
  made_up["x"] = base64url_encode(std::string(31, '\0') + "\x01");
  made_up["y"] = base64url_encode(std::string(31, '\0') + "\x02");
  EXPECT_FALSE(public_key_from_jwk(made_up).ok());
}

TEST_F(JoseKeys, RefusesMalformedAndUnsupportedJwks) {
  json::object short_x = ec_jwk(ec_, "ec-1");
  short_x["x"] = base64url_encode(std::string(31, '\x07'));
  EXPECT_FALSE(public_key_from_jwk(short_x).ok());

  json::object p384 = ec_jwk(ec_, "ec-1");
  p384["crv"] = "P-384";
  EXPECT_FALSE(public_key_from_jwk(p384).ok());

  json::object no_exponent = rsa_jwk(rsa_, "rsa-1");
  no_exponent.erase("e");
  EXPECT_FALSE(public_key_from_jwk(no_exponent).ok());

  EXPECT_FALSE(public_key_from_jwk({{"kty", "oct"}, {"k", "c2VjcmV0"}}).ok());
  EXPECT_FALSE(public_key_from_jwk({}).ok());
}

TEST_F(JoseKeys, JwksKeepsSigningKeysAndSkipsTheRest) {
  PkeyPtr weak = new_rsa_key(1024);
  json::object encryption = ec_jwk(ec_, "enc-1");
  encryption["use"] = "enc";
  const std::string text =
      jwks_text({rsa_jwk(rsa_, "rsa-1"), ec_jwk(ec_, "ec-1"), encryption,
                 rsa_jwk(weak.get(), "weak"), json::object{{"kty", "oct"}, {"k", "c2VjcmV0"}}, 42});
  auto keys = parse_jwks(text);
  ASSERT_TRUE(keys.ok()) << keys.status().internal_detail();
  EXPECT_EQ(keys->keys().size(), 2u);
  EXPECT_EQ(keys->skipped().size(), 4u);
  ASSERT_NE(keys->find("rsa-1"), nullptr);
  EXPECT_EQ(keys->find("rsa-1")->type, KeyType::kRsa);
  ASSERT_NE(keys->find("ec-1"), nullptr);
  EXPECT_EQ(keys->find("ec-1")->type, KeyType::kEcP256);
  EXPECT_EQ(keys->find("enc-1"), nullptr);
  EXPECT_EQ(keys->find("weak"), nullptr);
  EXPECT_EQ(keys->find("nope"), nullptr);
}

TEST(JoseJwks, RefusesDocumentsWithoutAKeysArray) {
  for (std::string_view bad : {"", "not json", "[]", "{}", R"({"keys":{}})", R"({"keys":[)"})
    EXPECT_FALSE(parse_jwks(bad).ok()) << bad;
  auto empty = parse_jwks(R"({"keys":[]})");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->keys().empty());
}

}  // namespace
}  // namespace cds::oidc
