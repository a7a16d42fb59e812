// Private to the JOSE implementation (jwk.cpp, jws.cpp, private_key.cpp, id_token.cpp): owning
// handles for OpenSSL objects, byte views, SHA-256, OpenSSL errors as Status, JSON member access.
#pragma once

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/param_build.h>
#include <sodium.h>

#include <array>
#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/string.hpp>

#include "common/status.hpp"
#include "oidc/jwk.hpp"

namespace cds::oidc::detail {

inline constexpr std::size_t kP256CoordinateBytes = 32;
inline constexpr std::string_view kP256GroupName = SN_X9_62_prime256v1;

// A std::unique_ptr deleter that calls OpenSSL's `Free`.
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

inline const unsigned char* as_bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

// Status::Internal naming what failed and OpenSSL's reason; empties this thread's OpenSSL error
// queue so that no stale error is blamed on a later call.
inline Status openssl_failure(std::string what) {
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

inline std::array<unsigned char, crypto_hash_sha256_BYTES> sha256(std::string_view data) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), as_bytes(data), data.size());
  return digest;
}

inline std::string_view as_chars(std::span<const unsigned char> bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

inline std::optional<boost::json::object> parse_object(std::string_view text) {
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(text, ec);
  if (ec || !value.is_object()) return std::nullopt;
  return std::move(value.as_object());
}

inline const boost::json::string* string_member(const boost::json::object& object,
                                                std::string_view name) {
  const boost::json::value* value = object.if_contains(name);
  return value ? value->if_string() : nullptr;
}

// How a refusal or a skipped key names the JWK: its kid, or "(no kid)".
inline std::string jwk_label(const PublicKey& key) {
  return key.kid.empty() ? std::string("(no kid)") : "kid " + key.kid;
}

}  // namespace cds::oidc::detail
