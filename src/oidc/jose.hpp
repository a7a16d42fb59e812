// JOSE for an OpenID Connect relying party: base64url, public keys from a provider's JWKS, JWS
// verification (RS256, PS256, ES256), ID token claim checks, and the relying party's own ES256 key
// for private_key_jwt client authentication (RFC 7523), plus PKCE (RFC 7636).
//
// Every function is safe to call from any thread; none keeps state. Nothing here throws on bad
// input: a token or key document from the network fails with a value, never an exception.
#pragma once

#include "oidc/id_token.hpp"     // ID token claim checks, random tokens, PKCE
#include "oidc/jwk.hpp"          // base64url, a provider's public keys and JWKS
#include "oidc/jws.hpp"          // verify_jws
#include "oidc/private_key.hpp"  // our ES256 key: PEM, thumbprint, public JWK, signing
