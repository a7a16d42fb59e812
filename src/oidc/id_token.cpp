// ID token claim checks (OpenID Connect Core §3.1.3.7) with NumericDates read safely, and the
// random state, nonce and PKCE values of a sign-in.
#include "oidc/id_token.hpp"

#include <sodium.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "oidc/jose_internal.hpp"
#include "oidc/jwk.hpp"

namespace cds::oidc {
namespace {

using detail::as_chars;
using detail::sha256;
using detail::string_member;

// OpenID Connect Core §2: sub is at most 255 ASCII characters.
constexpr std::size_t kMaxSubjectBytes = 255;

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

}  // namespace

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
