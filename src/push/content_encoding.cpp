// Push message encryption (RFC 8291) in the aes128gcm content coding (RFC 8188) with OpenSSL 3:
// ECDH P-256 between a one-message key pair and the browser's key, HKDF-SHA-256 with the
// browser's auth secret and a random salt, then one AES-128-GCM record.
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/param_build.h>
#include <openssl/rand.h>

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include "oidc/jose_internal.hpp"
#include "push/push_internal.hpp"
#include "push/web_push.hpp"

namespace cds::push {
namespace {

using namespace std::string_view_literals;
using oidc::PkeyPtr;
using oidc::detail::as_bytes;
using oidc::detail::BignumPtr;
using oidc::detail::FreeWith;
using oidc::detail::kP256CoordinateBytes;
using oidc::detail::kP256GroupName;
using oidc::detail::openssl_failure;
using oidc::detail::ParamBuilderPtr;
using oidc::detail::ParamsPtr;
using oidc::detail::PkeyCtxPtr;

using KdfCtxPtr = std::unique_ptr<EVP_KDF_CTX, FreeWith<EVP_KDF_CTX_free>>;
using CipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, FreeWith<EVP_CIPHER_CTX_free>>;
using EcGroupPtr = std::unique_ptr<EC_GROUP, FreeWith<EC_GROUP_free>>;
using EcPointPtr = std::unique_ptr<EC_POINT, FreeWith<EC_POINT_free>>;

// RFC 8188 §2.1: the record size the header announces. One record always fits: the plaintext is
// at most kMaxPlaintextBytes, well under 4096 - 17.
constexpr std::uint32_t kRecordSize = 4096;
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kIkmBytes = 32;
constexpr std::size_t kCekBytes = 16;
constexpr std::size_t kNonceBytes = 12;
constexpr std::size_t kTagBytes = 16;
// RFC 8188 §2: the delimiter that ends the last record's plaintext (padding would follow it).
constexpr char kLastRecordDelimiter = '\x02';
// RFC 8291 §3.3-3.4 and RFC 8188 §2.2-2.3: the HKDF info strings, each ending with a zero byte.
constexpr std::string_view kKeyInfoPrefix = "WebPush: info\0"sv;
constexpr std::string_view kCekInfo = "Content-Encoding: aes128gcm\0"sv;
constexpr std::string_view kNonceInfo = "Content-Encoding: nonce\0"sv;

// Overwrites a secret before its memory is given back.
struct Wiped {
  std::string bytes;
  ~Wiped() { OPENSSL_cleanse(bytes.data(), bytes.size()); }
};

// HKDF-SHA-256 (RFC 5869), extract then expand, `length` bytes.
Result<std::string> hkdf_sha256(std::string_view salt, std::string_view ikm, std::string_view info,
                                std::size_t length) {
  EVP_KDF* kdf = EVP_KDF_fetch(nullptr, "HKDF", nullptr);
  KdfCtxPtr ctx(kdf ? EVP_KDF_CTX_new(kdf) : nullptr);
  EVP_KDF_free(kdf);  // the context keeps its own reference
  if (!ctx) return openssl_failure("push: HKDF is not available");
  char digest[] = "SHA256";
  const OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, const_cast<char*>(salt.data()),
                                        salt.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, const_cast<char*>(ikm.data()),
                                        ikm.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, const_cast<char*>(info.data()),
                                        info.size()),
      OSSL_PARAM_construct_end(),
  };
  std::string out(length, '\0');
  if (EVP_KDF_derive(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), length, params) != 1)
    return openssl_failure("push: HKDF failed");
  return out;
}

// The ECDH shared secret (the x coordinate, 32 bytes) of our `own` key and the `peer`'s.
Result<std::string> ecdh(EVP_PKEY* own, EVP_PKEY* peer) {
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, own, nullptr));
  std::size_t size = 0;
  if (!ctx || EVP_PKEY_derive_init(ctx.get()) != 1 ||
      EVP_PKEY_derive_set_peer(ctx.get(), peer) != 1 ||
      EVP_PKEY_derive(ctx.get(), nullptr, &size) != 1)
    return openssl_failure("push: cannot start ECDH");
  std::string secret(size, '\0');
  if (EVP_PKEY_derive(ctx.get(), reinterpret_cast<unsigned char*>(secret.data()), &size) != 1)
    return openssl_failure("push: ECDH failed");
  secret.resize(size);
  return secret;
}

// The public point of `key` in the 65-byte uncompressed form.
Result<std::string> uncompressed_point(EVP_PKEY* key) {
  std::array<unsigned char, detail::kP256PointBytes> point{};
  std::size_t length = 0;
  if (EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size(),
                                      &length) != 1 ||
      length != point.size() || point[0] != 0x04)
    return openssl_failure("push: cannot read the sender's public point");
  return std::string(reinterpret_cast<const char*>(point.data()), point.size());
}

// The P-256 key pair whose private scalar is `scalar` (32 bytes, big-endian), its public point
// computed as scalar × G.
Result<PkeyPtr> key_from_scalar(std::string_view scalar) {
  if (scalar.size() != kP256CoordinateBytes)
    return Status::Internal("push: a sender private key must be 32 bytes");
  BignumPtr priv(BN_bin2bn(as_bytes(scalar), static_cast<int>(scalar.size()), nullptr));
  EcGroupPtr group(EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1));
  EcPointPtr pub(group ? EC_POINT_new(group.get()) : nullptr);
  std::array<unsigned char, detail::kP256PointBytes> point{};
  if (!priv || !pub || BN_is_zero(priv.get()) ||
      BN_cmp(priv.get(), EC_GROUP_get0_order(group.get())) >= 0 ||
      EC_POINT_mul(group.get(), pub.get(), priv.get(), nullptr, nullptr, nullptr) != 1 ||
      EC_POINT_point2oct(group.get(), pub.get(), POINT_CONVERSION_UNCOMPRESSED, point.data(),
                         point.size(), nullptr) != point.size())
    return openssl_failure("push: not a P-256 private key");
  ParamBuilderPtr builder(OSSL_PARAM_BLD_new());
  if (!builder ||
      OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME,
                                      kP256GroupName.data(), kP256GroupName.size()) != 1 ||
      OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_PRIV_KEY, priv.get()) != 1 ||
      OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                       point.size()) != 1)
    return openssl_failure("push: cannot build the sender key");
  ParamsPtr params(OSSL_PARAM_BLD_to_param(builder.get()));
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
  EVP_PKEY* raw = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_KEYPAIR, params.get()) != 1)
    return openssl_failure("push: cannot build the sender key");
  return PkeyPtr(raw);
}

// AES-128-GCM of `plaintext` under `key` and the 12-byte `nonce`: ciphertext || 16-byte tag.
Result<std::string> aes128gcm_seal(std::string_view key, std::string_view nonce,
                                   std::string_view plaintext) {
  CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  std::string out(plaintext.size() + kTagBytes, '\0');
  auto* bytes = reinterpret_cast<unsigned char*>(out.data());
  int written = 0;
  int final_written = 0;
  if (!ctx ||
      EVP_EncryptInit_ex2(ctx.get(), EVP_aes_128_gcm(), as_bytes(key), as_bytes(nonce), nullptr) !=
          1 ||
      EVP_EncryptUpdate(ctx.get(), bytes, &written, as_bytes(plaintext),
                        static_cast<int>(plaintext.size())) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), bytes + written, &final_written) != 1 ||
      static_cast<std::size_t>(written + final_written) != plaintext.size() ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(kTagBytes),
                          bytes + plaintext.size()) != 1)
    return openssl_failure("push: AES-128-GCM failed");
  return out;
}

// The whole message body: header (salt, record size, sender key) and the one record.
Result<std::string> seal_for(const Subscription& to, std::string_view plaintext,
                             std::string_view salt, EVP_PKEY* sender) {
  if (plaintext.size() > kMaxPlaintextBytes)
    return Status(Code::kTooLarge, "too_large")
        .with("limit", std::to_string(kMaxPlaintextBytes) + " bytes");
  if (salt.size() != kSaltBytes) return Status::Internal("push: the salt must be 16 bytes");
  auto ua_public = detail::browser_public_key(to.p256dh);
  if (!ua_public.ok()) return ua_public.status();
  auto auth = detail::auth_secret(to.auth);
  if (!auth.ok()) return auth.status();
  auto ua_key = detail::p256_public_key(*ua_public);
  if (!ua_key.ok()) return ua_key.status();
  auto as_public = uncompressed_point(sender);
  if (!as_public.ok()) return as_public.status();

  // RFC 8291 §3.4: combine the ECDH secret with the auth secret, then RFC 8188 §2.2-2.3.
  auto shared = ecdh(sender, ua_key->get());
  if (!shared.ok()) return shared.status();
  Wiped ecdh_secret{std::move(*shared)};
  std::string key_info(kKeyInfoPrefix);
  key_info += *ua_public;
  key_info += *as_public;
  auto ikm = hkdf_sha256(*auth, ecdh_secret.bytes, key_info, kIkmBytes);
  if (!ikm.ok()) return ikm.status();
  Wiped input_keying{std::move(*ikm)};
  auto cek = hkdf_sha256(salt, input_keying.bytes, kCekInfo, kCekBytes);
  if (!cek.ok()) return cek.status();
  Wiped content_key{std::move(*cek)};
  auto nonce = hkdf_sha256(salt, input_keying.bytes, kNonceInfo, kNonceBytes);
  if (!nonce.ok()) return nonce.status();

  // One record, the last: plaintext || 0x02, no padding; its sequence number is 0, so its
  // nonce is NONCE itself (RFC 8188 §2.3).
  Wiped record{std::string(plaintext) + kLastRecordDelimiter};
  auto sealed = aes128gcm_seal(content_key.bytes, *nonce, record.bytes);
  if (!sealed.ok()) return sealed.status();

  // RFC 8188 §2.1: salt (16) || rs (uint32, big-endian) || idlen (1) || keyid (the sender key).
  std::string body(salt);
  body += static_cast<char>((kRecordSize >> 24) & 0xff);
  body += static_cast<char>((kRecordSize >> 16) & 0xff);
  body += static_cast<char>((kRecordSize >> 8) & 0xff);
  body += static_cast<char>(kRecordSize & 0xff);
  body += static_cast<char>(as_public->size());
  body += *as_public;
  body += *sealed;
  return body;
}

}  // namespace

Result<std::string> encrypt(const Subscription& to, std::string_view plaintext) {
  std::array<unsigned char, kSaltBytes> salt{};
  if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1)
    return openssl_failure("push: no random salt");
  PkeyPtr sender(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", kP256GroupName.data()));
  if (!sender) return openssl_failure("push: cannot generate the message key pair");
  return seal_for(to, plaintext, oidc::detail::as_chars(salt), sender.get());
}

Result<std::string> encrypt_with(const Subscription& to, std::string_view plaintext,
                                 std::string_view salt, std::string_view sender_private_key) {
  auto sender = key_from_scalar(sender_private_key);
  if (!sender.ok()) return sender.status();
  return seal_for(to, plaintext, salt, sender->get());
}

}  // namespace cds::push
