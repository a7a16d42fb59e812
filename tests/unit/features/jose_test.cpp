// JOSE for the OpenID Connect relying party: base64url, keys from JWKs, JWS verification with keys
// and signatures made here by OpenSSL directly, the relying party's own ES256 key, ID token claim
// checks and PKCE against RFC 7636 Appendix B.
#include "oidc/jose.hpp"

#include <gtest/gtest.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace cds::oidc {
namespace {

namespace json = boost::json;

// ---- Helpers: keys, JWKs and signatures made with OpenSSL directly -------------------------

PkeyPtr new_rsa_key(std::size_t bits) {
  PkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", bits));
  EXPECT_TRUE(key) << "RSA key generation failed";
  return key;
}

PkeyPtr new_ec_key(const char* curve) {
  PkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", curve));
  EXPECT_TRUE(key) << "EC key generation failed";
  return key;
}

// The big-endian bytes of a BIGNUM parameter, left-padded to `width` bytes (0: no padding).
std::string bn_param(EVP_PKEY* key, const char* name, int width = 0) {
  BIGNUM* bn = nullptr;
  EXPECT_EQ(EVP_PKEY_get_bn_param(key, name, &bn), 1) << name;
  const int size = width > 0 ? width : BN_num_bytes(bn);
  std::string out(static_cast<std::size_t>(size), '\0');
  BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(out.data()), size);
  BN_free(bn);
  return out;
}

json::object rsa_jwk(EVP_PKEY* key, std::string_view kid) {
  return {{"kty", "RSA"},
          {"kid", kid},
          {"use", "sig"},
          {"n", base64url_encode(bn_param(key, OSSL_PKEY_PARAM_RSA_N))},
          {"e", base64url_encode(bn_param(key, OSSL_PKEY_PARAM_RSA_E))}};
}

json::object ec_jwk(EVP_PKEY* key, std::string_view kid) {
  return {{"kty", "EC"},
          {"crv", "P-256"},
          {"kid", kid},
          {"x", base64url_encode(bn_param(key, OSSL_PKEY_PARAM_EC_PUB_X, 32))},
          {"y", base64url_encode(bn_param(key, OSSL_PKEY_PARAM_EC_PUB_Y, 32))}};
}

std::string jwks_text(std::initializer_list<json::value> keys) {
  json::array list;
  for (const json::value& key : keys) list.push_back(key);
  json::object document;
  document["keys"] = std::move(list);
  return json::serialize(document);
}

// The raw r||s form (RFC 7518 §3.4) of a DER ECDSA signature.
std::string raw_ecdsa(const std::string& der) {
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
std::string sign(EVP_PKEY* key, std::string_view alg, std::string_view input, int pss_salt = 32) {
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
std::string make_jws(const json::object& header, std::string_view payload, EVP_PKEY* key,
                     std::string_view alg, int pss_salt = 32) {
  const std::string input =
      base64url_encode(json::serialize(header)) + "." + base64url_encode(payload);
  return input + "." + base64url_encode(sign(key, alg, input, pss_salt));
}

constexpr std::string_view kPayload = R"({"sub":"alice","n":1})";
constexpr std::array<std::string_view, 3> kAllAlgs = {"RS256", "PS256", "ES256"};

// Replaces the part `index` (0 header, 1 payload, 2 signature) of a compact JWS.
std::string with_part(std::string_view compact, int index, std::string_view part) {
  const std::size_t first = compact.find('.');
  const std::size_t second = compact.find('.', first + 1);
  std::string parts[3] = {std::string(compact.substr(0, first)),
                          std::string(compact.substr(first + 1, second - first - 1)),
                          std::string(compact.substr(second + 1))};
  parts[index] = part;
  return parts[0] + "." + parts[1] + "." + parts[2];
}

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

// ---- JWS verification ------------------------------------------------------------------------

using JoseJws = JoseKeys;

TEST_F(JoseJws, VerifiesEachSupportedAlg) {
  const Jwks keys = provider_keys();
  for (std::string_view alg : kAllAlgs) {
    SCOPED_TRACE(alg);
    const std::string_view allowed[] = {alg};
    JwsResult result = verify_jws(token(alg), keys, allowed);
    ASSERT_TRUE(result.ok()) << result.detail();
    EXPECT_EQ(result.value().header.at("alg").as_string(), alg);
    EXPECT_EQ(result.value().payload.at("sub").as_string(), "alice");
  }
}

TEST_F(JoseJws, FlippedSignatureByteFails) {
  const Jwks keys = provider_keys();
  for (std::string_view alg : kAllAlgs) {
    SCOPED_TRACE(alg);
    const std::string compact = token(alg);
    std::string signature = *base64url_decode(compact.substr(compact.rfind('.') + 1));
    signature[signature.size() / 2] = static_cast<char>(signature[signature.size() / 2] ^ 0x01);
    JwsResult result =
        verify_jws(with_part(compact, 2, base64url_encode(signature)), keys, kAllAlgs);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error(), JwsError::kBadSignature);
  }
}

TEST_F(JoseJws, ChangedPayloadFails) {
  const Jwks keys = provider_keys();
  for (std::string_view alg : kAllAlgs) {
    SCOPED_TRACE(alg);
    std::string payload(kPayload);
    payload[payload.find("alice")] = 'A';
    JwsResult result =
        verify_jws(with_part(token(alg), 1, base64url_encode(payload)), keys, kAllAlgs);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error(), JwsError::kBadSignature);
  }
}

TEST_F(JoseJws, Ps256NeedsA32ByteSalt) {
  const Jwks keys = provider_keys();
  const std::string salted_20 =
      make_jws({{"alg", "PS256"}, {"kid", "rsa-1"}}, kPayload, rsa_, "PS256", 20);
  JwsResult result = verify_jws(salted_20, keys, kAllAlgs);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error(), JwsError::kBadSignature);
}

TEST_F(JoseJws, RefusesAlgNoneEvenWhenAllowed) {
  const Jwks keys = provider_keys();
  const std::string unsigned_token =
      base64url_encode(R"({"alg":"none"})") + "." + base64url_encode(kPayload) + ".";
  const std::string_view allowed[] = {"none", "RS256"};
  JwsResult result = verify_jws(unsigned_token, keys, allowed);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error(), JwsError::kAlgRefused);
}

TEST_F(JoseJws, RefusesHs256KeyedWithThePublicKey) {
  const Jwks keys = provider_keys();
  // The classic confusion: an HMAC "signed" with the RSA public key as the secret.
  const std::string input =
      base64url_encode(R"({"alg":"HS256","kid":"rsa-1"})") + "." + base64url_encode(kPayload);
  const std::string forged = input + "." + base64url_encode(std::string(32, 'x'));
  const std::string_view allowed[] = {"HS256", "RS256"};
  JwsResult result = verify_jws(forged, keys, allowed);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error(), JwsError::kAlgRefused);
}

TEST_F(JoseJws, RefusesAlgsNotAllowed) {
  const Jwks keys = provider_keys();
  const std::string_view only_es256[] = {"ES256"};
  JwsResult result = verify_jws(token("RS256"), keys, only_es256);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error(), JwsError::kAlgRefused);
}

TEST_F(JoseJws, RefusesAlgThatDoesNotFitTheKey) {
  const Jwks keys = provider_keys();
  // RS256 in the header, an EC key named by kid.
  const std::string rs256_on_ec =
      make_jws({{"alg", "RS256"}, {"kid", "ec-1"}}, kPayload, rsa_, "RS256");
  JwsResult result = verify_jws(rs256_on_ec, keys, kAllAlgs);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error(), JwsError::kKeyMismatch);

  // A JWK that names RS256 does not verify PS256.
  json::object rs256_only = rsa_jwk(rsa_, "rsa-1");
  rs256_only["alg"] = "RS256";
  auto pinned = parse_jwks(jwks_text({rs256_only}));
  ASSERT_TRUE(pinned.ok());
  result = verify_jws(token("PS256"), *pinned, kAllAlgs);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error(), JwsError::kKeyMismatch);
  EXPECT_TRUE(verify_jws(token("RS256"), *pinned, kAllAlgs).ok());
}

TEST_F(JoseJws, UnknownKidIsReportedAsUnknownKey) {
  const Jwks keys = provider_keys();
  const std::string rotated =
      make_jws({{"alg", "RS256"}, {"kid", "rsa-2"}}, kPayload, other_rsa_, "RS256");
  JwsResult result = verify_jws(rotated, keys, kAllAlgs);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error(), JwsError::kUnknownKey);

  // After a refetch that brings the new key, the same token verifies.
  auto refetched = parse_jwks(jwks_text({rsa_jwk(rsa_, "rsa-1"), rsa_jwk(other_rsa_, "rsa-2")}));
  ASSERT_TRUE(refetched.ok());
  EXPECT_TRUE(verify_jws(rotated, *refetched, kAllAlgs).ok());
}

TEST_F(JoseJws, WithoutKidUsesTheOnlyKeyOfTheType) {
  const Jwks keys = provider_keys();
  const std::string es256 = make_jws({{"alg", "ES256"}}, kPayload, ec_, "ES256");
  EXPECT_TRUE(verify_jws(es256, keys, kAllAlgs).ok());

  auto two_rsa = parse_jwks(jwks_text({rsa_jwk(rsa_, "rsa-1"), rsa_jwk(other_rsa_, "rsa-2")}));
  ASSERT_TRUE(two_rsa.ok());
  const std::string rs256 = make_jws({{"alg", "RS256"}}, kPayload, rsa_, "RS256");
  JwsResult result = verify_jws(rs256, *two_rsa, kAllAlgs);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error(), JwsError::kUnknownKey);
  result = verify_jws(es256, *two_rsa, kAllAlgs);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error(), JwsError::kUnknownKey);
}

TEST_F(JoseJws, RefusesCrit) {
  const Jwks keys = provider_keys();
  const std::string critical =
      make_jws({{"alg", "ES256"}, {"kid", "ec-1"}, {"crit", json::array{"exp"}}, {"exp", 1}},
               kPayload, ec_, "ES256");
  JwsResult result = verify_jws(critical, keys, kAllAlgs);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error(), JwsError::kCritRefused);
}

TEST_F(JoseJws, RefusesEs256SignaturesNotOf64Bytes) {
  const Jwks keys = provider_keys();
  const std::string compact = token("ES256");
  const std::string signature = *base64url_decode(compact.substr(compact.rfind('.') + 1));
  for (const std::string& wrong : {signature.substr(0, 63), signature + '\0'}) {
    JwsResult result = verify_jws(with_part(compact, 2, base64url_encode(wrong)), keys, kAllAlgs);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error(), JwsError::kBadSignature) << wrong.size() << " bytes";
  }
}

TEST_F(JoseJws, RefusesMalformedTokens) {
  const Jwks keys = provider_keys();
  const std::string good = token("ES256");
  const std::string signed_array =
      make_jws({{"alg", "ES256"}, {"kid", "ec-1"}}, "[1,2]", ec_, "ES256");
  const std::string signed_text = make_jws({{"alg", "ES256"}, {"kid", "ec-1"}}, "hi", ec_, "ES256");
  const std::string huge = with_part(good, 1, std::string(kMaxJwsBytes, 'A'));
  const std::vector<std::string> bad = {
      "",
      "abc",
      "a.b",
      good + ".extra",
      with_part(good, 0, "not*base64"),
      with_part(good, 0, base64url_encode("not json")),
      with_part(good, 0, base64url_encode(R"(["ES256"])")),
      with_part(good, 0, base64url_encode(R"({"kid":"ec-1"})")),
      with_part(good, 0, base64url_encode(R"({"alg":256,"kid":"ec-1"})")),
      make_jws({{"alg", "ES256"}, {"kid", 7}}, kPayload, ec_, "ES256"),
      with_part(good, 2, "sig=="),
      signed_array,
      signed_text,
      huge,
  };
  for (const std::string& compact : bad) {
    JwsResult result = verify_jws(compact, keys, kAllAlgs);
    ASSERT_FALSE(result.ok()) << compact.substr(0, 80);
    EXPECT_EQ(result.error(), JwsError::kMalformed)
        << compact.substr(0, 80) << ": " << result.detail();
  }
}

// ---- The relying party's own key -------------------------------------------------------------

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

// ---- ID token claims -------------------------------------------------------------------------

constexpr std::int64_t kNow = 1'700'000'000;

IdTokenExpectations expectations() {
  return {.issuer = "https://id.example", .client_id = "client-1", .nonce = "n-0S6_WzA2Mj"};
}

json::object valid_claims() {
  return {{"iss", "https://id.example"}, {"aud", "client-1"}, {"sub", "248289761001"},
          {"nonce", "n-0S6_WzA2Mj"},     {"iat", kNow - 5},   {"exp", kNow + 300}};
}

TEST(JoseClaims, AcceptsAValidIdToken) {
  EXPECT_EQ(check_id_token_claims(valid_claims(), expectations(), kNow), std::nullopt);

  json::object several = valid_claims();
  several["aud"] = json::array{"other", "client-1"};
  several["azp"] = "client-1";
  several["nbf"] = kNow;
  EXPECT_EQ(check_id_token_claims(several, expectations(), kNow), std::nullopt);

  json::object decimals = valid_claims();
  decimals["exp"] = static_cast<double>(kNow) + 300.5;
  decimals["iat"] = static_cast<double>(kNow);
  EXPECT_EQ(check_id_token_claims(decimals, expectations(), kNow), std::nullopt);

  json::object far_future = valid_claims();
  far_future["exp"] = std::uint64_t{18'000'000'000'000'000'000u};
  EXPECT_EQ(check_id_token_claims(far_future, expectations(), kNow), std::nullopt);
}

TEST(JoseClaims, TimesAllowTheSkewAndNoMore) {
  const IdTokenExpectations expect = expectations();  // skew 120 s, max age 600 s
  json::object claims = valid_claims();
  claims["exp"] = kNow - 119;
  EXPECT_EQ(check_id_token_claims(claims, expect, kNow), std::nullopt);
  claims["exp"] = kNow - 120;
  EXPECT_EQ(check_id_token_claims(claims, expect, kNow), IdTokenError::kExpired);

  claims = valid_claims();
  claims["iat"] = kNow + 120;
  EXPECT_EQ(check_id_token_claims(claims, expect, kNow), std::nullopt);
  claims["iat"] = kNow - 720;
  EXPECT_EQ(check_id_token_claims(claims, expect, kNow), std::nullopt);

  claims = valid_claims();
  claims["nbf"] = kNow + 120;
  EXPECT_EQ(check_id_token_claims(claims, expect, kNow), std::nullopt);
}

struct ClaimsCase {
  std::string name;
  std::function<void(json::object&)> change;
  IdTokenError expected;
};

TEST(JoseClaims, EachFailureHasItsOwnError) {
  const std::vector<ClaimsCase> cases = {
      {"other issuer", [](auto& c) { c["iss"] = "https://id.example/"; }, IdTokenError::kBadIssuer},
      {"no issuer", [](auto& c) { c.erase("iss"); }, IdTokenError::kBadIssuer},
      {"other audience", [](auto& c) { c["aud"] = "client-2"; }, IdTokenError::kBadAudience},
      {"no audience", [](auto& c) { c.erase("aud"); }, IdTokenError::kBadAudience},
      {"audience list without us",
       [](auto& c) {
         c["aud"] = json::array{"a", "b"};
       },
       IdTokenError::kBadAudience},
      {"audience list with a number",
       [](auto& c) {
         c["aud"] = json::array{"client-1", 5};
       },
       IdTokenError::kBadAudience},
      {"several audiences, no azp",
       [](auto& c) {
         c["aud"] = json::array{"client-1", "b"};
       },
       IdTokenError::kBadAzp},
      {"azp of another client", [](auto& c) { c["azp"] = "client-2"; }, IdTokenError::kBadAzp},
      {"no exp", [](auto& c) { c.erase("exp"); }, IdTokenError::kMissingExpiry},
      {"exp as text", [](auto& c) { c["exp"] = "soon"; }, IdTokenError::kMissingExpiry},
      {"expired", [](auto& c) { c["exp"] = kNow - 121; }, IdTokenError::kExpired},
      {"no iat", [](auto& c) { c.erase("iat"); }, IdTokenError::kMissingIssuedAt},
      {"iat in the future", [](auto& c) { c["iat"] = kNow + 121; }, IdTokenError::kIssuedInFuture},
      {"iat too old", [](auto& c) { c["iat"] = kNow - 721; }, IdTokenError::kTooOld},
      {"nbf in the future", [](auto& c) { c["nbf"] = kNow + 121; }, IdTokenError::kNotYetValid},
      {"nbf as text", [](auto& c) { c["nbf"] = "now"; }, IdTokenError::kNotYetValid},
      {"other nonce", [](auto& c) { c["nonce"] = "n-other"; }, IdTokenError::kBadNonce},
      {"no nonce", [](auto& c) { c.erase("nonce"); }, IdTokenError::kBadNonce},
      {"no sub", [](auto& c) { c.erase("sub"); }, IdTokenError::kBadSubject},
      {"empty sub", [](auto& c) { c["sub"] = ""; }, IdTokenError::kBadSubject},
      {"numeric sub", [](auto& c) { c["sub"] = 42; }, IdTokenError::kBadSubject},
      {"sub over 255 bytes", [](auto& c) { c["sub"] = std::string(256, 's'); },
       IdTokenError::kBadSubject},
  };
  std::set<std::string_view> descriptions;
  for (const ClaimsCase& test : cases) {
    json::object claims = valid_claims();
    test.change(claims);
    EXPECT_EQ(check_id_token_claims(claims, expectations(), kNow), test.expected) << test.name;
    descriptions.insert(describe(test.expected));
  }
  EXPECT_EQ(descriptions.size(), 11u);  // one description per IdTokenError
}

TEST(JoseClaims, EmptyExpectationsMatchNothing) {
  IdTokenExpectations no_nonce = expectations();
  no_nonce.nonce.clear();
  json::object claims = valid_claims();
  claims["nonce"] = "";
  EXPECT_EQ(check_id_token_claims(claims, no_nonce, kNow), IdTokenError::kBadNonce);

  IdTokenExpectations no_issuer = expectations();
  no_issuer.issuer.clear();
  claims = valid_claims();
  claims["iss"] = "";
  EXPECT_EQ(check_id_token_claims(claims, no_issuer, kNow), IdTokenError::kBadIssuer);
}

// ---- Random tokens and PKCE ------------------------------------------------------------------

TEST(JosePkce, Rfc7636AppendixB) {
  EXPECT_EQ(pkce_challenge_s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

TEST(JosePkce, RandomUrlTokensAreFreshAndUrlSafe) {
  const std::string first = random_url_token(32);
  const std::string second = random_url_token(32);
  EXPECT_EQ(first.size(), 43u);
  EXPECT_NE(first, second);
  ASSERT_TRUE(base64url_decode(first).has_value());
  EXPECT_EQ(base64url_decode(first)->size(), 32u);
  EXPECT_EQ(random_url_token(0), "");
}

}  // namespace
}  // namespace cds::oidc
