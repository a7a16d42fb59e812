// ID token claim checks, one refusal per IdTokenError and the skew at its edges; random URL tokens
// and PKCE against RFC 7636 Appendix B.
#include "oidc/id_token.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "oidc/jwk.hpp"

namespace cds::oidc {
namespace {

namespace json = boost::json;

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
