// The relying party's conversation with the issuer: discovery, keys, PAR, token, userinfo.
#include "oidc/relying_party.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <sodium.h>

#include <algorithm>

#include "oidc/http_client.hpp"

namespace cds::oidc {
namespace {

namespace json = boost::json;
using Fields = std::vector<std::pair<std::string, std::string>>;

Status bad_reply(const std::string& what) {
  return Status(Code::kUnavailable, "idp_bad_reply").with("detail", what);
}

// The JSON object in a reply, or a clear error.
Result<json::object> json_reply(const Result<HttpReply>& reply, const std::string& what) {
  if (!reply.ok()) return reply.status();
  boost::system::error_code ec;
  json::value v = json::parse(reply->body, ec);
  if (ec || !v.is_object())
    return bad_reply(what + ": HTTP " + std::to_string(reply->status) + ", not a JSON object");
  return std::move(v.as_object());
}

std::string string_field(const json::object& o, std::string_view name) {
  const json::value* v = o.if_contains(name);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::optional<std::string> optional_claim(const json::object& userinfo, const json::object& token,
                                          std::string_view name) {
  for (const json::object* o : {&userinfo, &token}) {
    const json::value* v = o->if_contains(name);
    if (v && v->is_string() && !v->as_string().empty()) return std::string(v->as_string());
  }
  return std::nullopt;
}

// The issuer's "error" in a refusal, for the log.
std::string oauth_error(const HttpReply& reply) {
  boost::system::error_code ec;
  json::value v = json::parse(reply.body, ec);
  std::string error = "HTTP " + std::to_string(reply.status);
  if (!ec && v.is_object()) {
    error += " " + string_field(v.as_object(), "error");
    const std::string description = string_field(v.as_object(), "error_description");
    if (!description.empty()) error += ": " + description;
  }
  return error;
}

std::string base64_encode(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

Status refused(std::string key, std::string detail) {
  return Status(Code::kUnauthorized, std::move(key)).with("detail", std::move(detail));
}

}  // namespace

RelyingParty::RelyingParty(RelyingPartyConfig config, const Clock& clock,
                           std::optional<PrivateKey> signing_key)
    : config_(std::move(config)), clock_(clock), signing_key_(std::move(signing_key)) {}

PendingSignIn RelyingParty::new_pending() {
  return PendingSignIn{random_url_token(32), random_url_token(32), random_url_token(32)};
}

Result<std::shared_ptr<const ProviderMetadata>> RelyingParty::metadata() {
  const Millis now = clock_.now();
  {
    std::lock_guard lock(mutex_);
    if (metadata_ && now - metadata_fetched_at_ < kMetadataLifetime) return metadata_;
  }
  std::string issuer = config_.issuer;
  while (issuer.ends_with('/')) issuer.pop_back();
  auto doc =
      json_reply(send({.url = issuer + "/.well-known/openid-configuration"}), "discovery document");
  if (!doc.ok()) return doc.status();
  auto m = std::make_shared<ProviderMetadata>();
  m->issuer = string_field(*doc, "issuer");
  m->authorization_endpoint = string_field(*doc, "authorization_endpoint");
  m->token_endpoint = string_field(*doc, "token_endpoint");
  m->userinfo_endpoint = string_field(*doc, "userinfo_endpoint");
  m->jwks_uri = string_field(*doc, "jwks_uri");
  m->par_endpoint = string_field(*doc, "pushed_authorization_request_endpoint");
  m->end_session_endpoint = string_field(*doc, "end_session_endpoint");
  // The document must name the issuer we asked (OpenID Connect Discovery §4.3): otherwise a
  // compromised document could send sign-ins elsewhere.
  if (m->issuer != config_.issuer)
    return bad_reply("discovery names issuer '" + m->issuer + "', configured '" + config_.issuer +
                     "'");
  if (m->authorization_endpoint.empty() || m->token_endpoint.empty() || m->jwks_uri.empty())
    return bad_reply("discovery lacks authorization, token or jwks endpoints");
  std::lock_guard lock(mutex_);
  metadata_ = m;
  metadata_fetched_at_ = now;
  return std::shared_ptr<const ProviderMetadata>(m);
}

Result<std::shared_ptr<const Jwks>> RelyingParty::keys(bool refetch) {
  const Millis now = clock_.now();
  {
    std::lock_guard lock(mutex_);
    const bool fresh = jwks_ && now - jwks_fetched_at_ < kMetadataLifetime;
    const bool may_refetch = !jwks_ || now - jwks_fetched_at_ >= kKeyRefetchInterval;
    if (fresh && (!refetch || !may_refetch)) return jwks_;
  }
  auto m = metadata();
  if (!m.ok()) return m.status();
  auto reply = send({.url = (*m)->jwks_uri});
  if (!reply.ok()) return reply.status();
  if (reply->status != 200) return bad_reply("keys: HTTP " + std::to_string(reply->status));
  auto parsed = parse_jwks(reply->body);
  if (!parsed.ok()) return bad_reply("keys cannot be read");
  auto keys = std::make_shared<const Jwks>(std::move(*parsed));
  std::lock_guard lock(mutex_);
  jwks_ = keys;
  jwks_fetched_at_ = now;
  return keys;
}

Status RelyingParty::authenticate_client(Fields& fields, Fields& headers) const {
  if (config_.client_auth == "client_secret_basic") {
    // RFC 6749 §2.3.1: both parts form-encoded before base64.
    const std::string pair =
        url_encode(config_.client_id) + ":" + url_encode(config_.client_secret);
    headers.emplace_back("Authorization", "Basic " + base64_encode(pair));
    return Status::Ok();
  }
  if (!signing_key_) return Status::Internal("private_key_jwt without a signing key");
  // RFC 7523 §3: iss and sub are the client, aud the issuer (accepted by every issuer that
  // accepts the endpoint URL too), a unique jti, a short expiry.
  const std::int64_t now = clock_.now() / 1000;
  json::object claims{{"iss", config_.client_id},
                      {"sub", config_.client_id},
                      {"aud", config_.issuer},
                      {"jti", random_url_token(16)},
                      {"iat", now},
                      {"exp", now + 60}};
  auto assertion = sign_es256_jwt(*signing_key_, claims);
  if (!assertion.ok()) return assertion.status();
  const bool named = std::any_of(fields.begin(), fields.end(),
                                 [](const auto& f) { return f.first == "client_id"; });
  if (!named) fields.emplace_back("client_id", config_.client_id);
  fields.emplace_back("client_assertion_type",
                      "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
  fields.emplace_back("client_assertion", *assertion);
  return Status::Ok();
}

Result<std::string> RelyingParty::authorization_url(const PendingSignIn& pending) {
  auto m = metadata();
  if (!m.ok()) return m.status();
  Fields params = {{"response_type", "code"},
                   {"client_id", config_.client_id},
                   {"redirect_uri", config_.redirect_uri},
                   {"scope", config_.scopes},
                   {"state", pending.state},
                   {"nonce", pending.nonce},
                   {"code_challenge", pkce_challenge_s256(pending.code_verifier)},
                   {"code_challenge_method", "S256"}};
  const std::string sep = (*m)->authorization_endpoint.find('?') == std::string::npos ? "?" : "&";
  if ((*m)->par_endpoint.empty() || !config_.use_par)
    return (*m)->authorization_endpoint + sep + form_encode(params);

  // RFC 9126: the parameters go to the issuer directly, authenticated; the browser carries only
  // the request_uri, so nothing in the authorization request can be read or changed on the way.
  Fields headers;
  if (Status st = authenticate_client(params, headers); !st.ok()) return st;
  auto reply = send({.method = "POST",
                     .url = (*m)->par_endpoint,
                     .headers = headers,
                     .body = form_encode(params)});
  if (!reply.ok()) return reply.status();
  if (reply->status != 201 && reply->status != 200)
    return bad_reply("pushed authorization request refused: " + oauth_error(*reply));
  auto body = json_reply(reply, "pushed authorization request");
  if (!body.ok()) return body.status();
  const std::string request_uri = string_field(*body, "request_uri");
  if (request_uri.empty()) return bad_reply("pushed authorization request: no request_uri");
  return (*m)->authorization_endpoint + sep +
         form_encode({{"client_id", config_.client_id}, {"request_uri", request_uri}});
}

Result<Identity> RelyingParty::redeem(const std::string& code, const PendingSignIn& pending) {
  auto m = metadata();
  if (!m.ok()) return m.status();
  Fields fields = {{"grant_type", "authorization_code"},
                   {"code", code},
                   {"redirect_uri", config_.redirect_uri},
                   {"code_verifier", pending.code_verifier}};
  Fields headers;
  if (Status st = authenticate_client(fields, headers); !st.ok()) return st;
  auto reply = send({.method = "POST",
                     .url = (*m)->token_endpoint,
                     .headers = headers,
                     .body = form_encode(fields)});
  if (!reply.ok()) return reply.status();
  if (reply->status == 400 || reply->status == 401)
    return refused("oidc_code_refused", oauth_error(*reply));
  if (reply->status != 200) return bad_reply("token endpoint: " + oauth_error(*reply));
  auto tokens = json_reply(reply, "token response");
  if (!tokens.ok()) return tokens.status();
  const std::string id_token = string_field(*tokens, "id_token");
  const std::string access_token = string_field(*tokens, "access_token");
  if (id_token.empty() || access_token.empty())
    return refused("oidc_token_malformed", "the token response lacks id_token or access_token");

  auto identity = verify_id_token(id_token, pending);
  if (!identity.ok()) return identity;

  if ((*m)->userinfo_endpoint.empty()) return identity;
  auto info = json_reply(send({.url = (*m)->userinfo_endpoint,
                               .headers = {{"Authorization", "Bearer " + access_token}}}),
                         "userinfo");
  if (!info.ok()) return info.status();
  // OpenID Connect Core §5.3.2: userinfo about another subject must not be used.
  if (string_field(*info, "sub") != identity->subject)
    return refused("oidc_token_malformed", "userinfo is about another subject");
  identity->name = optional_claim(*info, identity->token_claims, "name");
  if (!identity->name) {
    auto family = optional_claim(*info, identity->token_claims, "family_name");
    auto given = optional_claim(*info, identity->token_claims, "given_name");
    if (family && given) identity->name = *family + " " + *given;
  }
  for (auto [field, claim] :
       {std::pair{&identity->birth_date, "birthdate"}, std::pair{&identity->gender, "gender"},
        std::pair{&identity->phone, "phone_number"}, std::pair{&identity->email, "email"},
        std::pair{&identity->national_id, "national_id_number"}}) {
    *field = optional_claim(*info, identity->token_claims, claim);
  }
  identity->token_claims = {};
  return identity;
}

Result<std::optional<std::string>> RelyingParty::end_session_url() {
  auto m = metadata();
  if (!m.ok()) return m.status();
  if ((*m)->end_session_endpoint.empty()) return std::optional<std::string>{};
  const std::string sep = (*m)->end_session_endpoint.find('?') == std::string::npos ? "?" : "&";
  return std::optional<std::string>(
      (*m)->end_session_endpoint + sep +
      form_encode({{"client_id", config_.client_id},
                   {"post_logout_redirect_uri", config_.post_logout_redirect_uri}}));
}

Result<Identity> RelyingParty::verify_id_token(const std::string& id_token,
                                               const PendingSignIn& pending) {
  auto keyset = keys(false);
  if (!keyset.ok()) return keyset.status();
  static constexpr std::string_view kAlgs[] = {"RS256", "PS256", "ES256"};
  JwsResult jws = verify_jws(id_token, **keyset, kAlgs);
  if (!jws.ok() && jws.error() == JwsError::kUnknownKey) {
    // The issuer may have rotated its keys since they were read: read them again, once.
    keyset = keys(true);
    if (!keyset.ok()) return keyset.status();
    jws = verify_jws(id_token, **keyset, kAlgs);
  }
  if (!jws.ok()) {
    switch (jws.error()) {
      case JwsError::kUnknownKey:
        return refused("oidc_unknown_key", jws.detail());
      case JwsError::kBadSignature:
      case JwsError::kKeyMismatch:
        return refused("oidc_signature_invalid", jws.detail());
      default:
        return refused("oidc_token_malformed", jws.detail());
    }
  }
  const json::object& claims = jws.value().payload;
  IdTokenExpectations expect{config_.issuer, config_.client_id, pending.nonce};
  if (auto error = check_id_token_claims(claims, expect, clock_.now() / 1000)) {
    const std::string detail(describe(*error));
    switch (*error) {
      case IdTokenError::kBadIssuer:
        return refused("oidc_wrong_issuer", detail);
      case IdTokenError::kBadAudience:
      case IdTokenError::kBadAzp:
        return refused("oidc_wrong_audience", detail);
      case IdTokenError::kExpired:
      case IdTokenError::kTooOld:
        return refused("oidc_token_expired", detail);
      case IdTokenError::kNotYetValid:
      case IdTokenError::kIssuedInFuture:
        return refused("oidc_token_not_yet_valid", detail);
      case IdTokenError::kBadNonce:
        return refused("oidc_nonce_mismatch", detail);
      default:
        return refused("oidc_token_malformed", detail);
    }
  }
  Identity identity;
  identity.issuer = config_.issuer;
  identity.subject = string_field(claims, "sub");
  identity.token_claims = claims;
  return identity;
}

std::string RelyingParty::public_jwks() const {
  if (!signing_key_) return R"({"keys":[]})";
  return R"({"keys":[)" + public_jwk_json(*signing_key_) + "]}";
}

}  // namespace cds::oidc
