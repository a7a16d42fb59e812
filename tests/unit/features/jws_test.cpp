// JWS verification with tokens signed by OpenSSL directly: each supported alg, tampered tokens,
// refused algs and headers, key selection by kid and malformed input.
#include "oidc/jws.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "jose_test_keys.hpp"
#include "oidc/jwk.hpp"

namespace cds::oidc {
namespace {

namespace json = boost::json;
using testing::JoseKeys;
using testing::jwks_text;
using testing::kAllAlgs;
using testing::kPayload;
using testing::make_jws;
using testing::rsa_jwk;

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

}  // namespace
}  // namespace cds::oidc
