// Private to src/push: a subscription's endpoint and keys read and checked (subscription.cpp),
// for the checks, the encryption and VAPID alike.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/status.hpp"
#include "oidc/jwk.hpp"

namespace cds::push::detail {

inline constexpr std::size_t kP256PointBytes = 65;  // SEC 1 uncompressed: 0x04 || x || y
inline constexpr std::size_t kAuthSecretBytes = 16;

// The origin of `endpoint` ("https://push.example" or "http://127.0.0.1:8080": scheme and host
// in lower case, the port only when it is not the scheme's default) when it is an absolute URL
// acceptable per check_subscription; the refusal for the field "endpoint" otherwise.
Result<std::string> endpoint_origin(std::string_view endpoint, bool allow_insecure_endpoints);

// The browser's public key as its 65 bytes, checked to be a point on P-256; the refusal for the
// field "keys.p256dh" otherwise.
Result<std::string> browser_public_key(std::string_view p256dh);
// The browser's authentication secret as its 16 bytes; the refusal for "keys.auth" otherwise.
Result<std::string> auth_secret(std::string_view auth);

// The P-256 public key whose uncompressed point is `point`; Status::Internal when it is not
// one (browser_public_key has checked it before any use).
Result<oidc::PkeyPtr> p256_public_key(std::string_view point);

}  // namespace cds::push::detail
