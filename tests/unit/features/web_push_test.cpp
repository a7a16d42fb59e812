// Web Push cryptography: the RFC 8291 example byte for byte, messages decrypted by hand as a
// browser would (OpenSSL and HMAC, independent of the code under test), VAPID tokens verified
// with the public key, refusals of bad subscriptions and settings, and the key file's vapid line.
#include "push/web_push.hpp"

#include <gtest/gtest.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <unistd.h>

#include <array>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include "common/vault.hpp"
#include "oidc/jwk.hpp"
#include "oidc/jws.hpp"

namespace cds::push {
namespace {

using namespace std::literals;
using oidc::base64url_decode;
using oidc::base64url_encode;
using oidc::PkeyPtr;

std::string b64(std::string_view text) {
  auto bytes = base64url_decode(text);
  EXPECT_TRUE(bytes) << text;
  return bytes.value_or("");
}

const unsigned char* bytes_of(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

// ---- A browser, by hand --------------------------------------------------------------------

struct Browser {
  PkeyPtr key{EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256")};
  std::string auth = std::string("0123456789abcdef");

  std::string public_point() const {
    std::array<unsigned char, 65> point{};
    std::size_t length = 0;
    EXPECT_EQ(EVP_PKEY_get_octet_string_param(key.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                              point.size(), &length),
              1);
    return {reinterpret_cast<const char*>(point.data()), length};
  }
  Subscription subscription() const {
    return {"https://push.example.net/wpush/v2/abc", base64url_encode(public_point()),
            base64url_encode(auth)};
  }
};

std::string hmac_sha256(std::string_view key, std::string_view data) {
  std::array<unsigned char, 32> out{};
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), bytes_of(data), data.size(),
       out.data(), &length);
  return {reinterpret_cast<const char*>(out.data()), length};
}

// What a browser does with a push message (RFC 8291 §3.4, RFC 8188 §2), written against the
// RFC's HMAC formulation: the plaintext, or "" when the body is not for `browser`.
std::string decrypt_as_browser(const Browser& browser, std::string_view body) {
  if (body.size() < 21) return "";
  const std::string_view salt = body.substr(0, 16);
  const auto* header = bytes_of(body);
  const std::uint32_t rs = (std::uint32_t{header[16]} << 24) | (std::uint32_t{header[17]} << 16) |
                           (std::uint32_t{header[18]} << 8) | header[19];
  EXPECT_EQ(rs, 4096u);
  const std::size_t idlen = header[20];
  EXPECT_EQ(idlen, 65u);
  if (body.size() < 21 + idlen + 16) return "";
  const std::string sender_point(body.substr(21, idlen));
  const std::string_view record = body.substr(21 + idlen);

  // ECDH with the sender's one-message key.
  PkeyPtr sender(EVP_PKEY_new());
  EVP_PKEY_CTX* from = EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr);
  char group[] = "P-256";
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, group, 0),
      OSSL_PARAM_construct_octet_string(
          OSSL_PKEY_PARAM_PUB_KEY, const_cast<char*>(sender_point.data()), sender_point.size()),
      OSSL_PARAM_construct_end()};
  EVP_PKEY* raw = nullptr;
  EXPECT_EQ(EVP_PKEY_fromdata_init(from), 1);
  EXPECT_EQ(EVP_PKEY_fromdata(from, &raw, EVP_PKEY_PUBLIC_KEY, params), 1);
  EVP_PKEY_CTX_free(from);
  sender.reset(raw);
  EVP_PKEY_CTX* derive = EVP_PKEY_CTX_new_from_pkey(nullptr, browser.key.get(), nullptr);
  std::array<unsigned char, 32> shared{};
  std::size_t shared_length = shared.size();
  EXPECT_EQ(EVP_PKEY_derive_init(derive), 1);
  EXPECT_EQ(EVP_PKEY_derive_set_peer(derive, sender.get()), 1);
  EXPECT_EQ(EVP_PKEY_derive(derive, shared.data(), &shared_length), 1);
  EVP_PKEY_CTX_free(derive);
  const std::string ecdh_secret(reinterpret_cast<const char*>(shared.data()), shared_length);

  // HKDF by hand: one HMAC for extract, one for each single-block expand.
  const std::string prk_key = hmac_sha256(browser.auth, ecdh_secret);
  const std::string key_info = "WebPush: info\0"s + browser.public_point() + sender_point;
  const std::string ikm = hmac_sha256(prk_key, key_info + "\x01");
  const std::string prk = hmac_sha256(salt, ikm);
  const std::string cek = hmac_sha256(prk, "Content-Encoding: aes128gcm\0\x01"s).substr(0, 16);
  const std::string nonce = hmac_sha256(prk, "Content-Encoding: nonce\0\x01"s).substr(0, 12);

  const std::string_view ciphertext = record.substr(0, record.size() - 16);
  std::string tag(record.substr(record.size() - 16));
  std::string plain(ciphertext.size(), '\0');
  EVP_CIPHER_CTX* aes = EVP_CIPHER_CTX_new();
  int written = 0;
  int final_written = 0;
  const bool ok =
      EVP_DecryptInit_ex2(aes, EVP_aes_128_gcm(), bytes_of(cek), bytes_of(nonce), nullptr) == 1 &&
      EVP_DecryptUpdate(aes, reinterpret_cast<unsigned char*>(plain.data()), &written,
                        bytes_of(ciphertext), static_cast<int>(ciphertext.size())) == 1 &&
      EVP_CIPHER_CTX_ctrl(aes, EVP_CTRL_GCM_SET_TAG, 16, tag.data()) == 1 &&
      EVP_DecryptFinal_ex(aes, reinterpret_cast<unsigned char*>(plain.data()) + written,
                          &final_written) == 1;
  EVP_CIPHER_CTX_free(aes);
  if (!ok) return "";
  // The last record: plaintext, 0x02, then zero padding.
  while (!plain.empty() && plain.back() == '\0') plain.pop_back();
  EXPECT_FALSE(plain.empty());
  EXPECT_EQ(plain.back(), '\x02');
  plain.pop_back();
  return plain;
}

// ---- RFC 8291 ------------------------------------------------------------------------------

// RFC 8291 §5 and Appendix A.
constexpr std::string_view kRfcPlaintext = "When I grow up, I want to be a watermelon";
constexpr std::string_view kRfcUaPublic =
    "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
constexpr std::string_view kRfcAuth = "BTBZMqHH6r4Tts7J_aSIgg";
constexpr std::string_view kRfcSalt = "DGv6ra1nlYgDCS1FRnbzlw";
constexpr std::string_view kRfcAsPrivate = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
constexpr std::string_view kRfcBody =
    "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS"
    "6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Q"
    "ulcy4a-fN";

TEST(WebPushEncryption, MatchesTheRfc8291ExampleByteForByte) {
  const Subscription ua{"https://push.example.net/push/JzLQ3raZJfFBR0aqvOMsLrt54w4rJUsV",
                        std::string(kRfcUaPublic), std::string(kRfcAuth)};
  auto body = encrypt_with(ua, kRfcPlaintext, b64(kRfcSalt), b64(kRfcAsPrivate));
  ASSERT_TRUE(body.ok()) << body.status().internal_detail();
  EXPECT_EQ(base64url_encode(*body), kRfcBody);
  EXPECT_EQ(body->size(), 86u + kRfcPlaintext.size() + 1 + 16);
}

TEST(WebPushEncryption, ABrowserDecryptsWhatItIsSent) {
  Browser browser;
  const std::string text = "Phản ánh PA-2611-000123 đã được chuyển cho UBND phường Bến Thành.";
  auto first = encrypt(browser.subscription(), text);
  ASSERT_TRUE(first.ok()) << first.status().internal_detail();
  EXPECT_EQ(decrypt_as_browser(browser, *first), text);

  // A fresh salt and key pair every time: the same text never looks the same twice.
  auto second = encrypt(browser.subscription(), text);
  ASSERT_TRUE(second.ok());
  EXPECT_NE(first->substr(0, 16), second->substr(0, 16));
  EXPECT_NE(first->substr(21, 65), second->substr(21, 65));
  EXPECT_EQ(decrypt_as_browser(browser, *second), text);

  // Another browser cannot read it, and a flipped bit is caught by the tag.
  Browser other;
  EXPECT_EQ(decrypt_as_browser(other, *first), "");
  std::string altered = *first;
  altered.back() ^= 1;
  EXPECT_EQ(decrypt_as_browser(browser, altered), "");
}

TEST(WebPushEncryption, AnEmptyMessageAndTheLargestOneFit) {
  Browser browser;
  auto empty = encrypt(browser.subscription(), "");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->size(), 86u + 1 + 16);
  EXPECT_EQ(decrypt_as_browser(browser, *empty), "");

  const std::string largest(kMaxPlaintextBytes, 'x');
  auto full = encrypt(browser.subscription(), largest);
  ASSERT_TRUE(full.ok());
  EXPECT_EQ(full->size(), 4096u);  // what every push service must take (RFC 8030 §7.2)
  EXPECT_EQ(decrypt_as_browser(browser, *full), largest);

  auto too_large = encrypt(browser.subscription(), largest + "x");
  ASSERT_FALSE(too_large.ok());
  EXPECT_EQ(too_large.status().code(), Code::kTooLarge);
}

TEST(WebPushEncryption, RefusesBadSaltOrSenderKey) {
  Browser browser;
  const std::string scalar = b64(kRfcAsPrivate);
  EXPECT_FALSE(encrypt_with(browser.subscription(), "x", "short", scalar).ok());
  EXPECT_FALSE(encrypt_with(browser.subscription(), "x", b64(kRfcSalt), "short").ok());
  EXPECT_FALSE(
      encrypt_with(browser.subscription(), "x", b64(kRfcSalt), std::string(32, '\0')).ok());
  EXPECT_FALSE(
      encrypt_with(browser.subscription(), "x", b64(kRfcSalt), std::string(32, '\xff')).ok());
}

// ---- Subscriptions -------------------------------------------------------------------------

Subscription valid_subscription() {
  return {"https://fcm.googleapis.example/fcm/send/dQw4w9WgXcQ:APA91b", std::string(kRfcUaPublic),
          std::string(kRfcAuth)};
}

// The fields a refusal names.
std::string refused_fields(const Status& st) {
  std::string names;
  for (const auto& [field, key] : st.fields()) names += (names.empty() ? "" : ",") + field;
  return names;
}

TEST(WebPushSubscription, AcceptsWhatBrowsersSend) {
  EXPECT_TRUE(check_subscription(valid_subscription()).ok());
  Subscription padded = valid_subscription();
  padded.auth += "==";  // some browsers pad
  EXPECT_TRUE(check_subscription(padded).ok());
  Subscription local = valid_subscription();
  local.endpoint = "http://127.0.0.1:8123/push/s1";
  EXPECT_FALSE(check_subscription(local).ok());
  EXPECT_TRUE(check_subscription(local, true).ok());
}

TEST(WebPushSubscription, RefusesBadEndpoints) {
  for (const char* endpoint :
       {"", "push.example/abc", "/push/abc", "ftp://push.example/abc", "http://push.example/abc",
        "https:///abc", "https://user:pass@push.example/abc", "https://push.example/abc#frag",
        "https://push example/abc", "https://push.example:99999/abc", "javascript:alert(1)"}) {
    Subscription s = valid_subscription();
    s.endpoint = endpoint;
    const Status st = check_subscription(s);
    EXPECT_EQ(st.code(), Code::kInvalid) << endpoint;
    EXPECT_EQ(refused_fields(st), "endpoint") << endpoint;
  }
  Subscription long_one = valid_subscription();
  long_one.endpoint = "https://push.example/" + std::string(kMaxEndpointBytes, 'a');
  EXPECT_EQ(refused_fields(check_subscription(long_one)), "endpoint");
}

TEST(WebPushSubscription, RefusesBadKeys) {
  const std::string point = b64(kRfcUaPublic);
  std::string off_curve = point;
  off_curve.back() ^= 1;  // y no longer matches x
  std::string compressed = "\x02" + point.substr(1, 32);
  for (const std::string& p256dh :
       {std::string(), base64url_encode(off_curve), base64url_encode(compressed),
        base64url_encode(point.substr(0, 64)), std::string("not base64url!"),
        base64url_encode(std::string(65, '\x04'))}) {
    Subscription s = valid_subscription();
    s.p256dh = p256dh;
    EXPECT_EQ(refused_fields(check_subscription(s)), "keys.p256dh") << p256dh;
    EXPECT_FALSE(encrypt(s, "x").ok());
  }
  for (const std::string& auth : {std::string(), base64url_encode("15 bytes only!!"),
                                  base64url_encode("17 bytes, one too"), std::string("***")}) {
    Subscription s = valid_subscription();
    s.auth = auth;
    EXPECT_EQ(refused_fields(check_subscription(s)), "keys.auth") << auth;
    EXPECT_FALSE(encrypt(s, "x").ok());
  }
  // Every wrong member is named at once.
  const Status all = check_subscription({"nope", "nope", "nope"});
  EXPECT_EQ(refused_fields(all), "endpoint,keys.auth,keys.p256dh");
  EXPECT_NE(all.params().at("detail").find("keys.auth"), std::string::npos);
}

// ---- VAPID ---------------------------------------------------------------------------------

VapidKey new_vapid_key() {
  auto pem = generate_vapid_pem();
  EXPECT_TRUE(pem.ok());
  auto key = VapidKey::from_pem(*pem);
  EXPECT_TRUE(key.ok()) << key.status().internal_detail();
  return std::move(key).value();
}

struct VapidHeader {
  std::string token;
  std::string public_key;
};

VapidHeader split_authorization(std::string_view header) {
  constexpr std::string_view kStart = "vapid t=";
  constexpr std::string_view kMiddle = ", k=";
  EXPECT_TRUE(header.starts_with(kStart)) << header;
  const auto middle = header.find(kMiddle);
  EXPECT_NE(middle, std::string_view::npos) << header;
  if (!header.starts_with(kStart) || middle == std::string_view::npos) return {};
  return {std::string(header.substr(kStart.size(), middle - kStart.size())),
          std::string(header.substr(middle + kMiddle.size()))};
}

// The uncompressed point `public_key` (base64url) as the only key of a JWK Set, under the kid
// that `token`'s header names: a push service verifies with k and nothing else.
oidc::Jwks jwks_of(std::string_view public_key, std::string_view token) {
  const std::string point = b64(public_key);
  EXPECT_EQ(point.size(), 65u);
  if (point.size() != 65) return {};
  EXPECT_EQ(point[0], '\x04');
  const auto header = base64url_decode(token.substr(0, token.find('.')));
  EXPECT_TRUE(header);
  const boost::json::object fields = boost::json::parse(header.value_or("{}")).as_object();
  const std::string kid =
      fields.contains("kid") ? std::string(fields.at("kid").as_string()) : std::string();
  auto keys = oidc::parse_jwks(R"({"keys":[{"kty":"EC","crv":"P-256","kid":")" + kid +
                               R"(","x":")" + base64url_encode(point.substr(1, 32)) + R"(","y":")" +
                               base64url_encode(point.substr(33, 32)) + R"("}]})");
  EXPECT_TRUE(keys.ok());
  return std::move(keys).value();
}

// The JWT's claims, verified with the public key from the header's k (as a push service does).
boost::json::object verified_claims(const VapidHeader& vapid) {
  const oidc::Jwks keys = jwks_of(vapid.public_key, vapid.token);
  const std::string_view es256[] = {"ES256"};
  oidc::JwsResult verified = oidc::verify_jws(vapid.token, keys, es256);
  EXPECT_TRUE(verified.ok()) << verified.detail();
  if (!verified.ok()) return {};
  EXPECT_EQ(verified.value().header.at("alg").as_string(), "ES256");
  EXPECT_EQ(verified.value().header.at("typ").as_string(), "JWT");
  return verified.value().payload;
}

TEST(WebPushVapid, KeyPairFromPemHasTheBrowsersPublicKeyForm) {
  const VapidKey key = new_vapid_key();
  EXPECT_EQ(key.public_key().size(), 87u);  // base64url of 65 bytes, no padding
  EXPECT_EQ(b64(key.public_key())[0], '\x04');
  EXPECT_NE(new_vapid_key().public_key(), key.public_key());
  EXPECT_FALSE(VapidKey::from_pem("").ok());
  EXPECT_FALSE(
      VapidKey::from_pem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n").ok());
}

TEST(WebPushVapid, TokenVerifiesWithThePublicKeyAndNamesOriginExpiryAndContact) {
  const VapidKey key = new_vapid_key();
  const Millis now = 1'800'000'000'123;
  auto header = vapid_authorization(key, "https://fcm.googleapis.example/fcm/send/abc:def?x=1",
                                    "mailto:vanhanh@congdanso.example", now);
  ASSERT_TRUE(header.ok()) << header.status().internal_detail();
  const VapidHeader vapid = split_authorization(*header);
  EXPECT_EQ(vapid.public_key, key.public_key());
  const boost::json::object claims = verified_claims(vapid);
  EXPECT_EQ(claims.at("aud").as_string(), "https://fcm.googleapis.example");
  EXPECT_EQ(claims.at("exp").as_int64(), 1'800'000'000 + 12 * 3600);
  EXPECT_EQ(claims.at("sub").as_string(), "mailto:vanhanh@congdanso.example");

  // Another key's public key does not verify the token.
  const std::string_view es256[] = {"ES256"};
  EXPECT_FALSE(
      oidc::verify_jws(vapid.token, jwks_of(new_vapid_key().public_key(), vapid.token), es256)
          .ok());
}

TEST(WebPushVapid, AudienceIsTheOrigin) {
  const VapidKey key = new_vapid_key();
  const std::pair<const char*, const char*> cases[] = {
      {"http://127.0.0.1:8123/push/s1", "http://127.0.0.1:8123"},
      {"https://Push.Example:443/a/b", "https://push.example"},
      {"https://push.example:8443/a", "https://push.example:8443"},
      {"http://[::1]:9000/push/s1", "http://[::1]:9000"},
      {"HTTPS://updates.push.example/wpush/v2/gAAAA", "https://updates.push.example"},
  };
  for (const auto& [endpoint, origin] : cases) {
    auto header = vapid_authorization(key, endpoint, "https://congdanso.example/lien-he", 0,
                                      std::chrono::hours(1));
    ASSERT_TRUE(header.ok()) << endpoint;
    EXPECT_EQ(verified_claims(split_authorization(*header)).at("aud").as_string(), origin)
        << endpoint;
  }
}

TEST(WebPushVapid, RefusesLongLivedTokensAndBadContacts) {
  const VapidKey key = new_vapid_key();
  const std::string endpoint = "https://push.example/abc";
  const std::string contact = "mailto:vanhanh@congdanso.example";
  EXPECT_TRUE(vapid_authorization(key, endpoint, contact, 0, std::chrono::hours(24)).ok());
  auto too_long = vapid_authorization(key, endpoint, contact, 0,
                                      std::chrono::hours(24) + std::chrono::seconds(1));
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.status().key(), "invalid_config");
  EXPECT_FALSE(vapid_authorization(key, endpoint, contact, 0, std::chrono::seconds(0)).ok());
  EXPECT_FALSE(vapid_authorization(key, endpoint, contact, 0, std::chrono::seconds(-5)).ok());
  for (const char* subject :
       {"", "vanhanh@congdanso.example", "mailto:", "http://congdanso.example", "https://",
        "mailto:a@b\r\nX-Injected: 1"}) {
    EXPECT_FALSE(vapid_authorization(key, endpoint, subject, 0).ok()) << subject;
  }
  EXPECT_FALSE(vapid_authorization(key, "not a url", contact, 0).ok());
}

// ---- The key file --------------------------------------------------------------------------

TEST(WebPushVapid, KeyIsKeptInTheKeyFile) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("cds-vapid-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "keys").string();
  ASSERT_TRUE(Vault::create_if_missing(path).ok());
  auto vault = Vault::load(path);
  ASSERT_TRUE(vault.ok());
  EXPECT_TRUE(vault->vapid_pem().empty());
  ASSERT_TRUE(vault->set_signing_pem_and_save(path, "signing pem").ok());
  auto pem = generate_vapid_pem();
  ASSERT_TRUE(pem.ok());
  ASSERT_TRUE(vault->set_vapid_pem_and_save(path, *pem).ok());

  auto reloaded = Vault::load(path);
  ASSERT_TRUE(reloaded.ok()) << reloaded.status().params().at("detail");
  EXPECT_EQ(reloaded->vapid_pem(), *pem);
  EXPECT_EQ(reloaded->signing_pem(), "signing pem");
  auto key = VapidKey::from_pem(reloaded->vapid_pem());
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(key->public_key(), VapidKey::from_pem(*pem)->public_key());
  std::stringstream text;
  text << std::ifstream(path).rdbuf();
  EXPECT_NE(text.str().find("\nvapid "), std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace cds::push
