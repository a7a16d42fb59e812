// JOSE for the OpenID Connect relying party: keys from JWKs through OpenSSL 3's EVP_PKEY_fromdata,
// JWS verification with EVP_DigestVerify, ES256 signing, ID token claim checks and PKCE.
#include "oidc/jose.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <sodium.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <utility>

#include <boost/json/parse.hpp>

#include "common/json_text.hpp"

namespace cds::oidc {
namespace {

constexpr int kBase64Variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
constexpr std::size_t kMaxJwksBytes = 1024 * 1024;
constexpr std::size_t kMaxPemBytes = 16 * 1024;
constexpr int kMinRsaBits = 2048;
// Verifying with a larger modulus costs more than a provider has reason to ask of us.
constexpr int kMaxRsaBits = 8192;
constexpr std::size_t kP256CoordinateBytes = 32;
// OpenID Connect Core §2: sub is at most 255 ASCII characters.
constexpr std::size_t kMaxSubjectBytes = 255;
constexpr std::string_view kP256GroupName = SN_X9_62_prime256v1;
// RFC 7518 §3.5: the PSS salt is as long as the hash output.
constexpr int kPssSaltBytes = 32;
// How much of a token's own text (alg, kid) a refusal detail quotes.
constexpr std::size_t kMaxQuotedBytes = 64;

template <auto Free>
struct FreeWith {
  template <class T>
  void operator()(T* p) const {
    Free(p);
  }
};
using BignumPtr = std::unique_ptr<BIGNUM, FreeWith<BN_free>>;
using ParamBuilderPtr = std::unique_ptr<OSSL_PARAM_BLD, FreeWith<OSSL_PARAM_BLD_free>>;
using ParamsPtr = std::unique_ptr<OSSL_PARAM, FreeWith<OSSL_PARAM_free>>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, FreeWith<EVP_PKEY_CTX_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, FreeWith<EVP_MD_CTX_free>>;
using EcdsaSigPtr = std::unique_ptr<ECDSA_SIG, FreeWith<ECDSA_SIG_free>>;
using BioPtr = std::unique_ptr<BIO, FreeWith<BIO_free_all>>;

const unsigned char* as_bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

// Status::Internal naming what failed and OpenSSL's reason; empties this thread's OpenSSL error
// queue so that no stale error is blamed on a later call.
Status openssl_failure(std::string what) {
  const unsigned long code = ERR_peek_last_error();
  if (code != 0) {
    std::array<char, 256> reason{};
    ERR_error_string_n(code, reason.data(), reason.size());
    what += " (";
    what += reason.data();
    what += ")";
  }
  ERR_clear_error();
  return Status::Internal(std::move(what));
}

std::array<unsigned char, crypto_hash_sha256_BYTES> sha256(std::string_view data) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), as_bytes(data), data.size());
  return digest;
}

std::string_view as_chars(std::span<const unsigned char> bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

std::optional<boost::json::object> parse_object(std::string_view text) {
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(text, ec);
  if (ec || !value.is_object()) return std::nullopt;
  return std::move(value.as_object());
}

const boost::json::string* string_member(const boost::json::object& object, std::string_view name) {
  const boost::json::value* value = object.if_contains(name);
  return value ? value->if_string() : nullptr;
}

std::optional<std::string> base64url_member(const boost::json::object& object,
                                            std::string_view name) {
  const boost::json::string* text = string_member(object, name);
  if (!text) return std::nullopt;
  return base64url_decode(*text);
}

// ---- Public keys from JWKs -------------------------------------------------------------------

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

std::string jwk_label(const PublicKey& key) {
  return key.kid.empty() ? std::string("(no kid)") : "kid " + key.kid;
}

// ---- JWS verification ------------------------------------------------------------------------

enum class Alg { kRs256, kPs256, kEs256 };

struct AlgInfo {
  std::string_view name;
  Alg alg;
  KeyType key_type;
};
constexpr std::array<AlgInfo, 3> kSupportedAlgs = {{{"RS256", Alg::kRs256, KeyType::kRsa},
                                                    {"PS256", Alg::kPs256, KeyType::kRsa},
                                                    {"ES256", Alg::kEs256, KeyType::kEcP256}}};

// The three base64url parts of a compact JWS, and the text the signature covers.
struct CompactParts {
  std::string_view header;
  std::string_view payload;
  std::string_view signature;
  std::string_view signing_input;  // header '.' payload
};

std::optional<CompactParts> split_compact(std::string_view compact) {
  const std::size_t first = compact.find('.');
  if (first == std::string_view::npos) return std::nullopt;
  const std::size_t second = compact.find('.', first + 1);
  if (second == std::string_view::npos || compact.find('.', second + 1) != std::string_view::npos)
    return std::nullopt;
  return CompactParts{compact.substr(0, first), compact.substr(first + 1, second - first - 1),
                      compact.substr(second + 1), compact.substr(0, second)};
}

// Text from the token, cut short for a log line.
std::string quoted(std::string_view text) {
  return std::string(text.substr(0, kMaxQuotedBytes));
}

// A step of verification: its value, or the JwsResult that refuses the token.
template <class T>
using Step = std::variant<T, JwsResult>;

Step<AlgInfo> allowed_alg(const boost::json::object& header,
                          std::span<const std::string_view> allowed_algs) {
  const boost::json::string* name = string_member(header, "alg");
  if (!name) return JwsResult(JwsError::kMalformed, "header alg missing or not a string");
  const std::string_view alg = *name;
  const bool allowed =
      std::find(allowed_algs.begin(), allowed_algs.end(), alg) != allowed_algs.end();
  const auto info = std::find_if(kSupportedAlgs.begin(), kSupportedAlgs.end(),
                                 [&](const AlgInfo& a) { return a.name == alg; });
  if (!allowed || info == kSupportedAlgs.end())
    return JwsResult(JwsError::kAlgRefused, "alg " + quoted(alg) + " refused");
  return *info;
}

Step<const PublicKey*> key_by_header(const boost::json::object& header, const Jwks& keys,
                                     KeyType wanted) {
  if (const boost::json::value* kid = header.if_contains("kid")) {
    if (!kid->is_string()) return JwsResult(JwsError::kMalformed, "header kid not a string");
    const std::string_view wanted_kid = kid->get_string();
    // A kid may name keys of several types; prefer the one that fits alg.
    for (const PublicKey& key : keys.keys())
      if (key.kid == wanted_kid && key.type == wanted) return &key;
    if (const PublicKey* key = keys.find(wanted_kid)) return key;
    return JwsResult(JwsError::kUnknownKey, "no key with kid " + quoted(wanted_kid));
  }
  const PublicKey* only = nullptr;
  for (const PublicKey& key : keys.keys()) {
    if (key.type != wanted) continue;
    if (only) return JwsResult(JwsError::kUnknownKey, "no kid and several keys fit alg");
    only = &key;
  }
  if (!only) return JwsResult(JwsError::kUnknownKey, "no kid and no key fits alg");
  return only;
}

// DER ECDSA-Sig-Value (RFC 3279 §2.2.3) of a raw r||s signature; empty when OpenSSL fails.
std::string der_from_raw_ecdsa(std::string_view raw) {
  const std::size_t half = raw.size() / 2;
  EcdsaSigPtr sig(ECDSA_SIG_new());
  BignumPtr r(BN_bin2bn(as_bytes(raw), static_cast<int>(half), nullptr));
  BignumPtr s(BN_bin2bn(as_bytes(raw.substr(half)), static_cast<int>(half), nullptr));
  if (!sig || !r || !s || ECDSA_SIG_set0(sig.get(), r.get(), s.get()) != 1) return {};
  r.release();  // owned by sig now
  s.release();
  const int size = i2d_ECDSA_SIG(sig.get(), nullptr);
  if (size <= 0) return {};
  std::string der(static_cast<std::size_t>(size), '\0');
  auto* out = reinterpret_cast<unsigned char*>(der.data());
  if (i2d_ECDSA_SIG(sig.get(), &out) != size) return {};
  return der;
}

bool signature_verifies(EVP_PKEY* key, Alg alg, std::string_view signing_input,
                        std::string_view signature) {
  MdCtxPtr ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX* key_ctx = nullptr;  // owned by ctx
  bool ready = ctx && EVP_DigestVerifyInit(ctx.get(), &key_ctx, EVP_sha256(), nullptr, key) == 1;
  if (ready && alg == Alg::kPs256) {
    ready = EVP_PKEY_CTX_set_rsa_padding(key_ctx, RSA_PKCS1_PSS_PADDING) == 1 &&
            EVP_PKEY_CTX_set_rsa_mgf1_md(key_ctx, EVP_sha256()) == 1 &&
            EVP_PKEY_CTX_set_rsa_pss_saltlen(key_ctx, kPssSaltBytes) == 1;
  }
  const bool verified =
      ready && EVP_DigestVerify(ctx.get(), as_bytes(signature), signature.size(),
                                as_bytes(signing_input), signing_input.size()) == 1;
  ERR_clear_error();  // a failed verification leaves its reason queued
  return verified;
}

// Nullopt when the signature verifies, otherwise the refusal.
std::optional<JwsResult> signature_refusal(const PublicKey& key, Alg alg,
                                           const CompactParts& parts) {
  auto signature = base64url_decode(parts.signature);
  if (!signature) return JwsResult(JwsError::kMalformed, "signature not base64url");
  if (alg == Alg::kEs256) {
    // RFC 7518 §3.4: r and s, 32 bytes each, big-endian.
    if (signature->size() != 2 * kP256CoordinateBytes)
      return JwsResult(JwsError::kBadSignature, "ES256 signature not 64 bytes");
    signature = der_from_raw_ecdsa(*signature);
    if (signature->empty())
      return JwsResult(JwsError::kBadSignature, "cannot encode the ES256 signature as DER");
  }
  if (!signature_verifies(key.key.get(), alg, parts.signing_input, *signature))
    return JwsResult(JwsError::kBadSignature, "signature does not verify with " + jwk_label(key));
  return std::nullopt;
}

// ---- ID token claims -------------------------------------------------------------------------

// A NumericDate (RFC 7519 §2) in whole seconds, clamped to the int64 range.
std::optional<std::int64_t> numeric_date(const boost::json::object& claims, std::string_view name) {
  const boost::json::value* value = claims.if_contains(name);
  if (!value) return std::nullopt;
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
  if (const auto* whole = value->if_int64()) return *whole;
  if (value->is_uint64()) return kMax;  // Boost.JSON makes only values past int64 uint64
  const auto* decimal = value->if_double();
  if (!decimal || std::isnan(*decimal)) return std::nullopt;
  // 2^63 as a double; any double below it and at least -2^63 converts exactly after floor.
  constexpr double kTwoPow63 = 9223372036854775808.0;
  const double seconds = std::floor(*decimal);
  if (seconds >= kTwoPow63) return kMax;
  if (seconds < -kTwoPow63) return kMin;
  return static_cast<std::int64_t>(seconds);
}

bool string_equals(const boost::json::object& claims, std::string_view name,
                   std::string_view expected) {
  const boost::json::string* value = string_member(claims, name);
  return value && !expected.empty() && std::string_view(*value) == expected;
}

std::optional<IdTokenError> check_audience(const boost::json::object& claims,
                                           std::string_view client_id) {
  const boost::json::value* aud = claims.if_contains("aud");
  std::size_t audiences = 0;
  bool ours = false;
  if (aud && aud->is_string()) {
    audiences = 1;
    ours = aud->get_string() == client_id;
  } else if (aud && aud->is_array()) {
    for (const boost::json::value& entry : aud->get_array()) {
      if (!entry.is_string()) return IdTokenError::kBadAudience;
      ours = ours || entry.get_string() == client_id;
    }
    audiences = aud->get_array().size();
  }
  if (!ours || client_id.empty()) return IdTokenError::kBadAudience;
  // OpenID Connect Core §3.1.3.7 items 4 and 5.
  const bool has_azp = claims.contains("azp");
  if ((audiences > 1 && !has_azp) || (has_azp && !string_equals(claims, "azp", client_id)))
    return IdTokenError::kBadAzp;
  return std::nullopt;
}

// Only our own numbers take part in the arithmetic, so no claim value can overflow it.
std::optional<IdTokenError> check_times(const boost::json::object& claims,
                                        const IdTokenExpectations& expect, std::int64_t now) {
  const std::int64_t skew = std::max<std::int64_t>(expect.skew_seconds, 0);
  const auto expires = numeric_date(claims, "exp");
  if (!expires) return IdTokenError::kMissingExpiry;
  if (now - skew >= *expires) return IdTokenError::kExpired;
  const auto issued = numeric_date(claims, "iat");
  if (!issued) return IdTokenError::kMissingIssuedAt;
  if (*issued > now + skew) return IdTokenError::kIssuedInFuture;
  if (*issued < now - skew - std::max<std::int64_t>(expect.max_age_seconds, 0))
    return IdTokenError::kTooOld;
  if (claims.contains("nbf")) {
    const auto not_before = numeric_date(claims, "nbf");
    if (!not_before || *not_before > now + skew) return IdTokenError::kNotYetValid;
  }
  return std::nullopt;
}

// ---- The relying party's key -----------------------------------------------------------------

// The coordinate named `param` (OSSL_PKEY_PARAM_EC_PUB_X or _Y) as 32 big-endian bytes,
// base64url; empty when OpenSSL cannot give it.
std::string p256_coordinate(EVP_PKEY* key, const char* param) {
  BIGNUM* raw = nullptr;
  if (EVP_PKEY_get_bn_param(key, param, &raw) != 1) return {};
  BignumPtr value(raw);
  std::array<unsigned char, kP256CoordinateBytes> bytes{};
  if (BN_bn2binpad(value.get(), bytes.data(), bytes.size()) < 0) return {};
  return base64url_encode(as_chars(bytes));
}

bool is_p256(EVP_PKEY* key) {
  std::array<char, 64> group{};
  std::size_t length = 0;
  return EVP_PKEY_is_a(key, "EC") &&
         EVP_PKEY_get_group_name(key, group.data(), group.size(), &length) == 1 &&
         std::string_view(group.data(), length) == kP256GroupName;
}

// Called by OpenSSL for the passphrase of an encrypted PEM: there is none, so reading fails
// instead of prompting on the terminal.
int refuse_passphrase(char* /*buffer*/, int /*size*/, int /*rwflag*/, void* /*user*/) {
  return -1;
}

// The DER ECDSA-Sig-Value `der` as raw r||s, each left-padded to 32 bytes; empty on failure.
std::string raw_from_der_ecdsa(std::string_view der) {
  const unsigned char* in = as_bytes(der);
  EcdsaSigPtr sig(d2i_ECDSA_SIG(nullptr, &in, static_cast<long>(der.size())));
  if (!sig) return {};
  const BIGNUM* r = nullptr;
  const BIGNUM* s = nullptr;
  ECDSA_SIG_get0(sig.get(), &r, &s);
  std::array<unsigned char, 2 * kP256CoordinateBytes> raw{};
  if (BN_bn2binpad(r, raw.data(), kP256CoordinateBytes) < 0 ||
      BN_bn2binpad(s, raw.data() + kP256CoordinateBytes, kP256CoordinateBytes) < 0)
    return {};
  return std::string(as_chars(raw));
}

Result<std::string> es256_signature(EVP_PKEY* key, std::string_view signing_input) {
  MdCtxPtr ctx(EVP_MD_CTX_new());
  std::size_t size = 0;
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &size, as_bytes(signing_input), signing_input.size()) != 1)
    return openssl_failure("ES256: cannot start signing");
  std::string der(size, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(der.data()), &size,
                     as_bytes(signing_input), signing_input.size()) != 1)
    return openssl_failure("ES256: signing failed");
  der.resize(size);
  std::string raw = raw_from_der_ecdsa(der);
  if (raw.empty()) return openssl_failure("ES256: cannot read the DER signature");
  return raw;
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

// ---- JWS verification ------------------------------------------------------------------------

JwsResult verify_jws(std::string_view compact, const Jwks& keys,
                     std::span<const std::string_view> allowed_algs) {
  if (compact.size() > kMaxJwsBytes) return {JwsError::kMalformed, "token larger than 64 KiB"};
  const auto parts = split_compact(compact);
  if (!parts) return {JwsError::kMalformed, "not three dot-separated parts"};
  const auto header_text = base64url_decode(parts->header);
  auto header = header_text ? parse_object(*header_text) : std::nullopt;
  if (!header) return {JwsError::kMalformed, "header not base64url of a JSON object"};

  auto alg = allowed_alg(*header, allowed_algs);
  if (auto* refused = std::get_if<JwsResult>(&alg)) return std::move(*refused);
  const AlgInfo& info = std::get<AlgInfo>(alg);
  if (header->contains("crit")) return {JwsError::kCritRefused, "header has crit"};

  auto found = key_by_header(*header, keys, info.key_type);
  if (auto* refused = std::get_if<JwsResult>(&found)) return std::move(*refused);
  const PublicKey& key = *std::get<const PublicKey*>(found);
  if (key.type != info.key_type || (key.alg && *key.alg != info.name))
    return {JwsError::kKeyMismatch, jwk_label(key) + " cannot verify " + std::string(info.name)};

  if (auto refused = signature_refusal(key, info.alg, *parts)) return std::move(*refused);
  const auto payload_text = base64url_decode(parts->payload);
  auto payload = payload_text ? parse_object(*payload_text) : std::nullopt;
  if (!payload) return {JwsError::kMalformed, "payload not base64url of a JSON object"};
  return VerifiedJws{std::move(*header), std::move(*payload)};
}

// ---- ID token claims -------------------------------------------------------------------------

std::string_view describe(IdTokenError error) {
  switch (error) {
    case IdTokenError::kBadIssuer:
      return "iss is not the expected issuer";
    case IdTokenError::kBadAudience:
      return "aud does not name our client_id";
    case IdTokenError::kBadAzp:
      return "azp missing for several audiences, or not our client_id";
    case IdTokenError::kMissingExpiry:
      return "exp missing or not a number";
    case IdTokenError::kExpired:
      return "the token has expired";
    case IdTokenError::kMissingIssuedAt:
      return "iat missing or not a number";
    case IdTokenError::kIssuedInFuture:
      return "iat is in the future";
    case IdTokenError::kTooOld:
      return "iat is older than the accepted age";
    case IdTokenError::kNotYetValid:
      return "nbf is in the future or not a number";
    case IdTokenError::kBadNonce:
      return "nonce is not the one sent";
    case IdTokenError::kBadSubject:
      return "sub missing, empty, not a string or too long";
  }
  return "unknown ID token error";
}

std::optional<IdTokenError> check_id_token_claims(const boost::json::object& claims,
                                                  const IdTokenExpectations& expect,
                                                  std::int64_t now_seconds) {
  if (!string_equals(claims, "iss", expect.issuer)) return IdTokenError::kBadIssuer;
  if (auto refused = check_audience(claims, expect.client_id)) return refused;
  if (auto refused = check_times(claims, expect, now_seconds)) return refused;
  if (!string_equals(claims, "nonce", expect.nonce)) return IdTokenError::kBadNonce;
  const boost::json::string* subject = string_member(claims, "sub");
  if (!subject || subject->empty() || subject->size() > kMaxSubjectBytes)
    return IdTokenError::kBadSubject;
  return std::nullopt;
}

// ---- The relying party's key -----------------------------------------------------------------

Result<PrivateKey> PrivateKey::adopt(PkeyPtr key) {
  if (!key || !is_p256(key.get())) return Status::Internal("private key is not EC P-256");
  std::string x = p256_coordinate(key.get(), OSSL_PKEY_PARAM_EC_PUB_X);
  std::string y = p256_coordinate(key.get(), OSSL_PKEY_PARAM_EC_PUB_Y);
  if (x.empty() || y.empty()) return openssl_failure("private key: cannot read the public point");
  return PrivateKey(std::move(key), std::move(x), std::move(y));
}

Result<PrivateKey> generate_es256_key() {
  PkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", kP256GroupName.data()));
  if (!key) return openssl_failure("cannot generate a P-256 key");
  return PrivateKey::adopt(std::move(key));
}

Result<std::string> private_key_to_pem(const PrivateKey& key) {
  // Secure memory BIO: its buffer is wiped when freed.
  BioPtr bio(BIO_new(BIO_s_secmem()));
  if (!bio || PEM_write_bio_PKCS8PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr,
                                            nullptr) != 1)
    return openssl_failure("cannot write the private key as PEM");
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

Result<PrivateKey> private_key_from_pem(std::string_view pem) {
  if (pem.size() > kMaxPemBytes) return Status::Internal("private key PEM larger than 16 KiB");
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return openssl_failure("cannot read the private key PEM");
  PkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, refuse_passphrase, nullptr));
  if (!key) return openssl_failure("no unencrypted private key in the PEM");
  return PrivateKey::adopt(std::move(key));
}

std::string kid(const PrivateKey& key) {
  // RFC 7638 §3.2: the required members only, sorted, no whitespace.
  const std::string canonical =
      R"({"crv":"P-256","kty":"EC","x":")" + key.x() + R"(","y":")" + key.y() + R"("})";
  return base64url_encode(as_chars(sha256(canonical)));
}

std::string public_jwk_json(const PrivateKey& key) {
  return R"({"kty":"EC","crv":"P-256","x":")" + key.x() + R"(","y":")" + key.y() +
         R"(","use":"sig","alg":"ES256","kid":")" + kid(key) + R"("})";
}

Result<std::string> sign_es256_jwt(const PrivateKey& key, const boost::json::object& claims) {
  const std::string header = R"({"alg":"ES256","kid":")" + kid(key) + R"(","typ":"JWT"})";
  std::string token = base64url_encode(header) + "." + base64url_encode(json_text(claims));
  auto signature = es256_signature(key.get(), token);
  if (!signature) return signature;
  token += "." + base64url_encode(*signature);
  return token;
}

// ---- Random tokens and PKCE ------------------------------------------------------------------

std::string random_url_token(std::size_t bytes) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot start");
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string token = base64url_encode(raw);
  sodium_memzero(raw.data(), raw.size());
  return token;
}

std::string pkce_challenge_s256(std::string_view verifier) {
  return base64url_encode(as_chars(sha256(verifier)));
}

}  // namespace cds::oidc
