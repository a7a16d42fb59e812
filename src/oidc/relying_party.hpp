// The OpenID Connect relying party for citizens' sign-in with the national e-ID (VNeID): reads the
// issuer's discovery document and keys (cached), builds the authorization request (PKCE S256,
// state, nonce; pushed with PAR when the issuer offers it), redeems the code with client
// authentication (private_key_jwt ES256 or client_secret_basic), verifies the ID token and reads
// userinfo. Thread-safe; blocking (network): call from the worker pool.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "common/clock.hpp"
#include "common/status.hpp"
#include "oidc/jose.hpp"

namespace cds::oidc {

struct RelyingPartyConfig {
  std::string issuer;
  std::string client_id;
  std::string client_auth;  // private_key_jwt | client_secret_basic
  std::string client_secret;
  std::string scopes;
  bool use_par = true;
  std::string redirect_uri;              // PUBLIC_URL/api/v1/auth/vneid/callback
  std::string post_logout_redirect_uri;  // PUBLIC_URL/
};

// What the issuer says about itself (OpenID Connect Discovery 1.0).
struct ProviderMetadata {
  std::string issuer;
  std::string authorization_endpoint;
  std::string token_endpoint;
  std::string userinfo_endpoint;
  std::string jwks_uri;
  std::string par_endpoint;          // empty: the issuer does not offer PAR
  std::string end_session_endpoint;  // empty: no RP-initiated logout
};

// A person as the e-ID describes them. Everything but issuer and subject is personal data.
struct Identity {
  std::string issuer;
  std::string subject;
  std::optional<std::string> name;
  std::optional<std::string> birth_date;  // YYYY-MM-DD
  std::optional<std::string> gender;
  std::optional<std::string> phone;  // E.164
  std::optional<std::string> email;
  std::optional<std::string> national_id;  // the 12-digit citizen ID number, when released
  boost::json::object token_claims;        // the ID token's claims while the identity is read
};

// The secrets of one sign-in in flight; kept by the caller between start and callback.
struct PendingSignIn {
  std::string state;
  std::string nonce;
  std::string code_verifier;
};

class RelyingParty {
 public:
  // `signing_key` authenticates the client with private_key_jwt; required for that method.
  RelyingParty(RelyingPartyConfig config, const Clock& clock,
               std::optional<PrivateKey> signing_key);

  static PendingSignIn new_pending();

  // Where to send the browser to sign in: the authorization endpoint with a PAR request_uri, or
  // with the parameters in the query when the issuer has no PAR (or `use_par` is off).
  Result<std::string> authorization_url(const PendingSignIn& pending);

  // Exchanges the code and verifies everything: the ID token's signature (RS256, PS256, ES256 with
  // the issuer's keys, refetched once when a key id is unknown), issuer, audience, authorized
  // party, times with two minutes of skew, nonce; then reads userinfo (same subject). Each
  // refusal is a distinct message key (oidc_*); nothing is kept when one fails.
  Result<Identity> redeem(const std::string& code, const PendingSignIn& pending);

  // The issuer's logout page for RP-initiated logout, or nullopt when it offers none.
  Result<std::optional<std::string>> end_session_url();

  // The client's public key set ({"keys":[...]}) for the issuer to verify client assertions.
  std::string public_jwks() const;

  const RelyingPartyConfig& config() const { return config_; }

 private:
  Result<std::shared_ptr<const ProviderMetadata>> metadata();
  Result<std::shared_ptr<const Jwks>> keys(bool refetch);
  // Adds client authentication to a request to the issuer (assertion fields or a header).
  Status authenticate_client(std::vector<std::pair<std::string, std::string>>& fields,
                             std::vector<std::pair<std::string, std::string>>& headers) const;
  Result<Identity> verify_id_token(const std::string& id_token, const PendingSignIn& pending);

  RelyingPartyConfig config_;
  const Clock& clock_;
  std::optional<PrivateKey> signing_key_;

  std::mutex mutex_;  // guards the caches below
  std::shared_ptr<const ProviderMetadata> metadata_;
  Millis metadata_fetched_at_ = 0;
  std::shared_ptr<const Jwks> jwks_;
  Millis jwks_fetched_at_ = 0;
};

// How long the discovery document and the keys are kept before they are read again.
inline constexpr Millis kMetadataLifetime = 3600 * 1000;
// An unknown key id makes the keys be read again at most this often (a flood of forged tokens
// must not become a flood of requests to the issuer).
inline constexpr Millis kKeyRefetchInterval = 60 * 1000;

}  // namespace cds::oidc
