// VAPID (RFC 8292): the server's P-256 key pair, read from PEM like the OpenID Connect client
// key, and the ES256 JWT that names the push service's origin, an expiry and whom to contact.
#include <string>
#include <utility>

#include <boost/json/object.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include "push/push_internal.hpp"
#include "push/web_push.hpp"

namespace cds::push {
namespace {

// Long enough for any real address; bounds what goes into every token.
constexpr std::size_t kMaxSubjectBytes = 512;

Status bad_config(std::string why) {
  Status st = Status::Invalid("invalid_config");
  st.with("detail", "web push: " + std::move(why));
  return st;
}

// RFC 8292 §2.1: a "mailto:" URI or an "https:" URI. No control characters: the subject is
// configuration, and a line break in it is a mistake.
bool is_contact_uri(std::string_view subject) {
  if (subject.size() > kMaxSubjectBytes) return false;
  for (unsigned char c : subject)
    if (c < 0x20 || c == 0x7f) return false;
  if (subject.starts_with("mailto:"))
    return subject.size() > 7 && subject.find('@') != std::string_view::npos;
  auto parsed = boost::urls::parse_absolute_uri(subject);
  return parsed && parsed->scheme_id() == boost::urls::scheme::https &&
         !parsed->encoded_host().empty();
}

}  // namespace

Result<VapidKey> VapidKey::from_pem(std::string_view pem) {
  auto key = oidc::private_key_from_pem(pem);
  if (!key.ok()) return key.status();
  auto x = oidc::base64url_decode(key->x());
  auto y = oidc::base64url_decode(key->y());
  if (!x || !y) return Status::Internal("VAPID key: cannot read the public point");
  // SEC 1 §2.3.3 uncompressed point: 0x04 || x || y.
  std::string public_key = oidc::base64url_encode("\x04" + *x + *y);
  return VapidKey(std::move(*key), std::move(public_key));
}

Result<std::string> generate_vapid_pem() {
  auto key = oidc::generate_es256_key();
  if (!key.ok()) return key.status();
  return oidc::private_key_to_pem(*key);
}

Result<std::string> vapid_authorization(const VapidKey& key, std::string_view endpoint,
                                        std::string_view subject, Millis now,
                                        std::chrono::seconds ttl) {
  if (ttl <= std::chrono::seconds(0) || ttl > kMaxVapidTtl)
    return bad_config("a VAPID token must expire within 24 hours (RFC 8292 §2)");
  if (!is_contact_uri(subject))
    return bad_config("the VAPID subject must be a mailto: address or an https URL");
  // The scheme rules of check_subscription apply when sending; here any http(s) origin will do.
  auto audience = detail::endpoint_origin(endpoint, true);
  if (!audience.ok()) return audience.status();
  const boost::json::object claims{
      {"aud", *audience},
      {"exp", now / 1000 + ttl.count()},
      {"sub", subject},
  };
  auto jwt = oidc::sign_es256_jwt(key.signing_key(), claims);
  if (!jwt.ok()) return jwt.status();
  return "vapid t=" + *jwt + ", k=" + key.public_key();
}

}  // namespace cds::push
