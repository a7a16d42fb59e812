// A browser's push subscription read and checked: the endpoint with Boost.URL, the keys with
// OpenSSL 3 (EVP_PKEY_fromdata and EVP_PKEY_public_check).
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <utility>

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include "oidc/jose_internal.hpp"
#include "push/push_internal.hpp"
#include "push/web_push.hpp"

namespace cds::push {
namespace detail {
namespace {

using oidc::detail::kP256GroupName;
using oidc::detail::openssl_failure;
using oidc::detail::ParamBuilderPtr;
using oidc::detail::ParamsPtr;
using oidc::detail::PkeyCtxPtr;

Status refuse(std::string field, std::string why, std::string message_key = "field_out_of_range") {
  Status st = Status::Invalid("invalid");
  st.field(std::move(field), std::move(message_key)).with("detail", std::move(why));
  return st;
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// base64url as browsers give it; '=' padding, which some add, is dropped first.
std::optional<std::string> decode_key(std::string_view text) {
  while (text.ends_with('=')) text.remove_suffix(1);
  return oidc::base64url_decode(text);
}

}  // namespace

Result<std::string> endpoint_origin(std::string_view endpoint, bool allow_insecure_endpoints) {
  constexpr std::string_view kField = "endpoint";
  if (endpoint.empty()) return refuse(std::string(kField), "empty", "field_required");
  if (endpoint.size() > kMaxEndpointBytes) {
    Status st = refuse(std::string(kField), "longer than 2048 bytes", "field_too_long");
    st.with("max", std::to_string(kMaxEndpointBytes));
    return st;
  }
  auto parsed = boost::urls::parse_absolute_uri(endpoint);
  if (!parsed) return refuse(std::string(kField), "not an absolute URL");
  const boost::urls::url_view url = *parsed;
  const bool https = url.scheme_id() == boost::urls::scheme::https;
  const bool http = url.scheme_id() == boost::urls::scheme::http;
  if (!https && !(http && allow_insecure_endpoints))
    return refuse(std::string(kField),
                  allow_insecure_endpoints ? "not an http(s) URL" : "not an https URL");
  if (!url.has_authority() || url.encoded_host().empty())
    return refuse(std::string(kField), "no host");
  if (url.has_userinfo()) return refuse(std::string(kField), "holds a user name or password");
  if (url.has_fragment()) return refuse(std::string(kField), "has a fragment");
  if (url.encoded_host().find('%') != boost::core::string_view::npos)
    return refuse(std::string(kField), "percent escapes in the host");

  std::string origin = lower(url.scheme()) + "://" + lower(url.encoded_host());
  if (url.has_port()) {
    // Boost.URL takes any run of digits as a port; an origin needs 1 to 65535.
    const std::string_view digits = url.port();
    unsigned port = 0;
    for (char c : digits) port = port * 10 + static_cast<unsigned>(c - '0');
    if (digits.empty() || digits.size() > 5 || port == 0 || port > 65535)
      return refuse(std::string(kField), "port out of range");
    if (port != (https ? 443u : 80u)) origin += ":" + std::to_string(port);
  }
  return origin;
}

Result<oidc::PkeyPtr> p256_public_key(std::string_view point) {
  ParamBuilderPtr builder(OSSL_PARAM_BLD_new());
  if (!builder ||
      OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME,
                                      kP256GroupName.data(), kP256GroupName.size()) != 1 ||
      OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                       point.size()) != 1)
    return openssl_failure("push: cannot build EC parameters");
  ParamsPtr params(OSSL_PARAM_BLD_to_param(builder.get()));
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
  EVP_PKEY* raw = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) != 1)
    return openssl_failure("push: not a P-256 point");
  oidc::PkeyPtr key(raw);
  // A point on the curve, not at infinity (OpenSSL has already refused an off-curve point while
  // decoding it: this check is a second line).
  PkeyCtxPtr check(EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr));
  if (!check || EVP_PKEY_public_check(check.get()) != 1)
    return openssl_failure("push: the P-256 point fails OpenSSL's check");
  return key;
}

Result<std::string> browser_public_key(std::string_view p256dh) {
  constexpr std::string_view kField = "keys.p256dh";
  if (p256dh.empty()) return refuse(std::string(kField), "empty", "field_required");
  auto point = decode_key(p256dh);
  if (!point) return refuse(std::string(kField), "not base64url");
  if (point->size() != kP256PointBytes || (*point)[0] != '\x04')
    return refuse(std::string(kField), "not a 65-byte uncompressed P-256 point");
  if (!p256_public_key(*point).ok()) return refuse(std::string(kField), "not a point on P-256");
  return std::move(*point);
}

Result<std::string> auth_secret(std::string_view auth) {
  constexpr std::string_view kField = "keys.auth";
  if (auth.empty()) return refuse(std::string(kField), "empty", "field_required");
  auto secret = decode_key(auth);
  if (!secret) return refuse(std::string(kField), "not base64url");
  if (secret->size() != kAuthSecretBytes) return refuse(std::string(kField), "not 16 bytes");
  return std::move(*secret);
}

}  // namespace detail

Status check_subscription(const Subscription& subscription, bool allow_insecure_endpoints) {
  // Every wrong member is named, not only the first.
  const Status checks[] = {
      detail::endpoint_origin(subscription.endpoint, allow_insecure_endpoints).status(),
      detail::browser_public_key(subscription.p256dh).status(),
      detail::auth_secret(subscription.auth).status(),
  };
  Status refusal = Status::Invalid("invalid");
  std::string why;
  for (const Status& check : checks) {
    if (check.ok()) continue;
    for (const auto& [field, key] : check.fields()) {
      refusal.field(field, key);
      why += (why.empty() ? "" : "; ") + field + ": " + check.params().at("detail");
    }
    for (const auto& [name, value] : check.params())
      if (name != "detail") refusal.with(name, value);
  }
  if (why.empty()) return Status::Ok();
  refusal.with("detail", why);
  return refusal;
}

}  // namespace cds::push
