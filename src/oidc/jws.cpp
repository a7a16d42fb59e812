// JWS verification: the compact form split and decoded, alg and key chosen from the header, and
// the signature checked with OpenSSL's EVP_DigestVerify.
#include "oidc/jws.hpp"

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include <algorithm>
#include <array>
#include <optional>
#include <utility>

#include "oidc/jose_internal.hpp"

namespace cds::oidc {
namespace {

using detail::as_bytes;
using detail::BignumPtr;
using detail::EcdsaSigPtr;
using detail::jwk_label;
using detail::kP256CoordinateBytes;
using detail::MdCtxPtr;
using detail::parse_object;
using detail::string_member;

// RFC 7518 §3.5: the PSS salt is as long as the hash output.
constexpr int kPssSaltBytes = 32;
// How much of a token's own text (alg, kid) a refusal detail quotes.
constexpr std::size_t kMaxQuotedBytes = 64;

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

}  // namespace

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

}  // namespace cds::oidc
