// HOTP/TOTP against the RFC 4226 and RFC 6238 test vectors, base32 against RFC 4648, and the
// otpauth URI and recovery codes that staff two-factor sign-in hands out.
#include "auth/totp.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace cds::auth {
namespace {

std::vector<unsigned char> bytes_of(std::string_view text) {
  return {text.begin(), text.end()};
}

// The key of RFC 4226 Appendix D and RFC 6238 Appendix B (SHA-1).
std::vector<unsigned char> rfc_key() {
  return bytes_of("12345678901234567890");
}
// The same key in base32, as an authenticator app would hold it.
constexpr std::string_view kRfcSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

TEST(Hotp, Rfc4226AppendixD) {
  const std::array<std::uint32_t, 10> expected = {755224, 287082, 359152, 969429, 338314,
                                                  254676, 287922, 162583, 399871, 520489};
  for (std::uint64_t counter = 0; counter < expected.size(); ++counter)
    EXPECT_EQ(hotp(rfc_key(), counter), expected[counter]) << "counter " << counter;
}

TEST(Hotp, Rfc6238AppendixBSha1EightDigits) {
  struct Vector {
    std::int64_t unix_seconds;
    std::uint32_t code;
  };
  const std::array<Vector, 6> vectors = {{{59, 94287082},
                                          {1111111109, 7081804},
                                          {1111111111, 14050471},
                                          {1234567890, 89005924},
                                          {2000000000, 69279037},
                                          {20000000000, 65353130}}};
  for (const Vector& v : vectors)
    EXPECT_EQ(hotp(rfc_key(), static_cast<std::uint64_t>(v.unix_seconds / 30), 8), v.code)
        << "T=" << v.unix_seconds;
}

TEST(Hotp, EmptyKeyStillComputes) {
  EXPECT_LT(hotp({}, 0), 1000000u);
}

TEST(Totp, CodesAreTheRfcValuesZeroPaddedToSixDigits) {
  EXPECT_EQ(totp_code(kRfcSecret, 59), "287082");
  EXPECT_EQ(totp_code(kRfcSecret, 1111111109), "081804");
  EXPECT_EQ(totp_code(kRfcSecret, 1111111111), "050471");
  EXPECT_EQ(totp_code(kRfcSecret, 1234567890), "005924");
  EXPECT_EQ(totp_code(kRfcSecret, 2000000000), "279037");
  EXPECT_EQ(totp_code(kRfcSecret, 20000000000), "353130");
  // The whole 30-second step has one code.
  EXPECT_EQ(totp_code(kRfcSecret, 30), "287082");
  // Lower case and spaces, as a person might copy the secret.
  EXPECT_EQ(totp_code("gezd gnbv gy3t qojq gezd gnbv gy3t qojq", 59), "287082");
}

TEST(Totp, NoCodeForABadSecretOrTime) {
  EXPECT_EQ(totp_code("", 59), "");
  EXPECT_EQ(totp_code("GEZDGNBV!", 59), "");
  EXPECT_EQ(totp_code(kRfcSecret, -1), "");
}

TEST(Base32, Rfc4648Vectors) {
  const std::array<std::pair<std::string_view, std::string_view>, 7> vectors = {
      {{"", ""},
       {"f", "MY"},
       {"fo", "MZXQ"},
       {"foo", "MZXW6"},
       {"foob", "MZXW6YQ"},
       {"fooba", "MZXW6YTB"},
       {"foobar", "MZXW6YTBOI"}}};
  for (const auto& [plain, encoded] : vectors) {
    EXPECT_EQ(base32_encode(bytes_of(plain)), encoded);
    auto decoded = base32_decode(encoded);
    ASSERT_TRUE(decoded) << encoded;
    EXPECT_EQ(*decoded, bytes_of(plain));
  }
  EXPECT_EQ(base32_encode(rfc_key()), kRfcSecret);
}

TEST(Base32, RoundTripsEveryLength) {
  std::vector<unsigned char> data;
  for (int length = 0; length <= 41; ++length) {
    auto decoded = base32_decode(base32_encode(data));
    ASSERT_TRUE(decoded) << "length " << length;
    EXPECT_EQ(*decoded, data);
    data.push_back(static_cast<unsigned char>(length * 37 + 200));
  }
}

TEST(Base32, AcceptsLowerCaseSpacesAndPadding) {
  EXPECT_EQ(base32_decode("mzxw6ytboi"), bytes_of("foobar"));
  EXPECT_EQ(base32_decode("MZXW 6YTB OI"), bytes_of("foobar"));
  EXPECT_EQ(base32_decode("MZXW6YTBOI======"), bytes_of("foobar"));
  EXPECT_EQ(base32_decode("MY======"), bytes_of("f"));
}

TEST(Base32, RefusesOtherCharactersAndImpossibleLengths) {
  EXPECT_FALSE(base32_decode("MZXW0"));   // 0 is not in the alphabet
  EXPECT_FALSE(base32_decode("MZXW1"));   // nor is 1
  EXPECT_FALSE(base32_decode("MZXW8"));   // nor 8
  EXPECT_FALSE(base32_decode("MZ-XW"));   // nor punctuation
  EXPECT_FALSE(base32_decode("MZ\tXW"));  // only spaces are skipped
  EXPECT_FALSE(base32_decode("MY=A"));    // data after padding
  EXPECT_FALSE(base32_decode("M"));       // 1, 3 and 6 characters hold no whole byte
  EXPECT_FALSE(base32_decode("MZX"));
  EXPECT_FALSE(base32_decode("MZXW6Y"));
}

TEST(TotpSecret, IsTwentyRandomBytesInBase32) {
  const std::string first = new_totp_secret();
  const std::string second = new_totp_secret();
  EXPECT_EQ(first.size(), 32u);
  auto key = base32_decode(first);
  ASSERT_TRUE(key);
  EXPECT_EQ(key->size(), 20u);
  EXPECT_EQ(base32_encode(*key), first);
  EXPECT_NE(first, second);
  EXPECT_EQ(totp_code(first, 1700000000).size(), 6u);
}

TEST(VerifyTotp, AcceptsTheCurrentPreviousAndNextStepAndReturnsIt) {
  constexpr std::int64_t kNow = 1111111111;  // step 37037037
  constexpr std::int64_t kStep = kNow / 30;
  const std::string current = totp_code(kRfcSecret, kNow);
  const std::string previous = totp_code(kRfcSecret, kNow - 30);
  const std::string next = totp_code(kRfcSecret, kNow + 30);
  EXPECT_EQ(verify_totp(kRfcSecret, current, kNow), kStep);
  EXPECT_EQ(verify_totp(kRfcSecret, previous, kNow), kStep - 1);
  EXPECT_EQ(verify_totp(kRfcSecret, next, kNow), kStep + 1);
  EXPECT_EQ(verify_totp(kRfcSecret, "050471", kNow), kStep);
  // Spaces, as apps show codes ("050 471"), are ignored.
  EXPECT_EQ(verify_totp(kRfcSecret, "050 471", kNow), kStep);
  EXPECT_EQ(verify_totp(kRfcSecret, " 05 04 71 ", kNow), kStep);
}

TEST(VerifyTotp, RefusesCodesTwoStepsAway) {
  constexpr std::int64_t kNow = 1111111111;
  constexpr std::int64_t kStep = kNow / 30;
  const std::string two_before = totp_code(kRfcSecret, kNow - 60);
  const std::string two_after = totp_code(kRfcSecret, kNow + 60);
  EXPECT_EQ(verify_totp(kRfcSecret, two_before, kNow), std::nullopt);
  EXPECT_EQ(verify_totp(kRfcSecret, two_after, kNow), std::nullopt);
  // A wider window reaches them; a zero window accepts only the current step.
  EXPECT_EQ(verify_totp(kRfcSecret, two_before, kNow, 2), kStep - 2);
  EXPECT_EQ(verify_totp(kRfcSecret, two_after, kNow, 2), kStep + 2);
  EXPECT_EQ(verify_totp(kRfcSecret, totp_code(kRfcSecret, kNow - 30), kNow, 0), std::nullopt);
  EXPECT_EQ(verify_totp(kRfcSecret, totp_code(kRfcSecret, kNow), kNow, 0), kStep);
}

TEST(VerifyTotp, RefusesWrongAndMalformedCodes) {
  constexpr std::int64_t kNow = 59;
  ASSERT_EQ(verify_totp(kRfcSecret, "287082", kNow), 1);
  EXPECT_EQ(verify_totp(kRfcSecret, "287083", kNow), std::nullopt);
  for (std::string_view bad : {"12345", "1234567", "12a456", "", "      ", "2870822", "28708",
                               "287-082", "+287082", "２８７０８２"})
    EXPECT_EQ(verify_totp(kRfcSecret, bad, kNow), std::nullopt) << bad;
  // A bad secret never verifies.
  EXPECT_EQ(verify_totp("", "287082", kNow), std::nullopt);
  EXPECT_EQ(verify_totp("GEZDGNBV!", "287082", kNow), std::nullopt);
}

TEST(VerifyTotp, NeverMatchesStepsBeforeTheEpoch) {
  // At T=10 the step is 0; the window's step -1 does not exist.
  EXPECT_EQ(verify_totp(kRfcSecret, totp_code(kRfcSecret, 10), 10), 0);
  EXPECT_EQ(verify_totp(kRfcSecret, totp_code(kRfcSecret, 10), -5), 0);  // step -1, next is 0
}

TEST(OtpauthUri, PercentEncodesTheVietnameseIssuer) {
  // "Công dân số" in precomposed UTF-8.
  constexpr std::string_view kIssuer = "C\xC3\xB4ng d\xC3\xA2n s\xE1\xBB\x91";
  ASSERT_EQ(kIssuer, "Công dân số");
  EXPECT_EQ(otpauth_uri(kIssuer, "nguyen.van.an@hcm.gov.vn", kRfcSecret),
            "otpauth://totp/C%C3%B4ng%20d%C3%A2n%20s%E1%BB%91:nguyen.van.an%40hcm.gov.vn"
            "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=C%C3%B4ng%20d%C3%A2n%20s%E1%BB%91"
            "&algorithm=SHA1&digits=6&period=30");
}

TEST(OtpauthUri, EncodesColonsAndCanonicalizesTheSecret) {
  EXPECT_EQ(otpauth_uri("A:B", "x y", "mzxw 6ytb oi=="),
            "otpauth://totp/A%3AB:x%20y?secret=MZXW6YTBOI&issuer=A%3AB"
            "&algorithm=SHA1&digits=6&period=30");
  EXPECT_EQ(otpauth_uri("Issuer", "account", "not base32!"), "");
}

bool well_formed_recovery_code(std::string_view code) {
  constexpr std::string_view kAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  if (code.size() != 9 || code[4] != '-') return false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    if (i != 4 && kAlphabet.find(code[i]) == std::string_view::npos) return false;
  }
  return true;
}

TEST(RecoveryCodes, AreDistinctAndWellFormed) {
  const std::vector<std::string> codes = new_recovery_codes();
  EXPECT_EQ(codes.size(), 10u);
  EXPECT_EQ(std::set<std::string>(codes.begin(), codes.end()).size(), codes.size());
  for (const std::string& code : codes) {
    EXPECT_TRUE(well_formed_recovery_code(code)) << code;
    EXPECT_EQ(code.find_first_of("0o1li"), std::string::npos) << code;
  }
  EXPECT_EQ(new_recovery_codes(3).size(), 3u);
  EXPECT_TRUE(new_recovery_codes(0).empty());
  EXPECT_TRUE(new_recovery_codes(-1).empty());
  // Many codes at once stay distinct too.
  const std::vector<std::string> many = new_recovery_codes(500);
  EXPECT_EQ(std::set<std::string>(many.begin(), many.end()).size(), 500u);
}

TEST(RecoveryCodes, NormalizeIgnoresCaseSpacesAndDashes) {
  EXPECT_EQ(normalize_recovery_code("k7m2-x9qp"), "k7m2x9qp");
  EXPECT_EQ(normalize_recovery_code("K7M2-X9QP"), "k7m2x9qp");
  EXPECT_EQ(normalize_recovery_code(" k7m2 x9qp "), "k7m2x9qp");
  EXPECT_EQ(normalize_recovery_code("k7m2x9qp"), "k7m2x9qp");
  EXPECT_EQ(normalize_recovery_code("K7-M2 - X9-QP"), "k7m2x9qp");
  // Other characters stay, so a different code stays different.
  EXPECT_NE(normalize_recovery_code("k7m2-x9q!"), normalize_recovery_code("k7m2-x9qp"));
  for (const std::string& code : new_recovery_codes(5))
    EXPECT_EQ(normalize_recovery_code(code).size(), 8u);
}

}  // namespace
}  // namespace cds::auth
