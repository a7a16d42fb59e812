// The ID token's claims checked for one sign-in (OpenID Connect Core §3.1.3.7), and the random
// values that tie a sign-in together: state, nonce and the PKCE verifier and challenge (RFC 7636).
//
// Every function is safe to call from any thread; none keeps state.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

namespace cds::oidc {

// What an ID token must say for this sign-in (OpenID Connect Core §3.1.3.7). Empty strings match
// nothing.
struct IdTokenExpectations {
  std::string issuer;                      // the provider's issuer identifier, compared exactly
  std::string client_id;                   // our client_id: the audience, and azp when present
  std::string nonce;                       // the nonce sent in the authentication request
  std::int64_t skew_seconds = 120;         // allowed clock difference with the provider
  std::int64_t max_age_seconds = 10 * 60;  // how long after iat a token is still accepted
};

// Why check_id_token_claims refused an ID token, in the order the checks run.
enum class IdTokenError {
  kBadIssuer,        // iss missing or not the expected issuer
  kBadAudience,      // aud missing, not a string or array of strings, or without client_id
  kBadAzp,           // aud has several values and no azp, or azp is not client_id
  kMissingExpiry,    // exp missing or not a number
  kExpired,          // now >= exp + skew
  kMissingIssuedAt,  // iat missing or not a number
  kIssuedInFuture,   // iat > now + skew
  kTooOld,           // iat < now - skew - max_age
  kNotYetValid,      // nbf present and (not a number, or nbf > now + skew)
  kBadNonce,         // nonce missing or not the expected one
  kBadSubject,       // sub missing, not a string, empty or longer than 255 bytes
};

// A short English description of `error`, for logs.
std::string_view describe(IdTokenError error);

// Checks the claims of an ID token whose signature verify_jws accepted, at `now_seconds` (Unix
// time). Nullopt when every check passes, otherwise the first failure. Numeric dates may be
// integers or decimals (rounded down); values beyond the int64 range are clamped.
std::optional<IdTokenError> check_id_token_claims(const boost::json::object& claims,
                                                  const IdTokenExpectations& expect,
                                                  std::int64_t now_seconds);

// `bytes` random bytes from libsodium, base64url encoded: state, nonce and PKCE verifier values
// (32 bytes give 43 characters, 256 bits). Throws std::runtime_error only if libsodium cannot
// start.
std::string random_url_token(std::size_t bytes);
// The RFC 7636 S256 code challenge: base64url(SHA-256(verifier)).
std::string pkce_challenge_s256(std::string_view verifier);

}  // namespace cds::oidc
