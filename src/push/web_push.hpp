// Web Push to phones that are not connected: a browser's subscription checked, the message
// encrypted for it (RFC 8291, aes128gcm), the server identified by VAPID (RFC 8292), and the
// message handed to the browser's push service (RFC 8030) with libcurl. OpenSSL 3 does the
// cryptography.
//
// Every function is safe to call from any thread and keeps no state. send() blocks until the
// push service answers or the timeout passes: call it from the worker pool, never from an I/O
// thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "common/clock.hpp"
#include "common/status.hpp"
#include "oidc/private_key.hpp"

namespace cds::push {

// A browser's push subscription, as PushSubscription.toJSON() gives it.
struct Subscription {
  std::string endpoint;  // the push service's URL for this browser; secret like a password
  std::string p256dh;    // base64url of the browser's 65-byte uncompressed P-256 public key
  std::string auth;      // base64url of the browser's 16-byte authentication secret
};

// Endpoints longer than this are refused (real ones are a few hundred characters).
inline constexpr std::size_t kMaxEndpointBytes = 2048;
// The largest plaintext encrypt() takes. A push service need not accept a body over 4096 bytes
// (RFC 8030 §7.2), and the body adds 86 bytes of header (salt 16, record size 4, key id length 1,
// sender key 65), the padding delimiter (1) and the AES-GCM tag (16): 4096 - 103 = 3993.
inline constexpr std::size_t kMaxPlaintextBytes = 3993;
// The longest a VAPID token may stay valid (RFC 8292 §2: exp at most 24 hours ahead).
inline constexpr std::chrono::seconds kMaxVapidTtl = std::chrono::hours(24);

// The application server's VAPID key pair: an EC P-256 private key, kept in the key file as
// PEM (`congdanso keys vapid` makes it once). Move-only.
class VapidKey {
 public:
  // The key in an unencrypted PEM (PKCS#8 or SEC 1); fails with Status::Internal for anything
  // else than an EC P-256 private key, as oidc::private_key_from_pem does.
  static Result<VapidKey> from_pem(std::string_view pem);

  // base64url (no padding) of the 65-byte uncompressed public point: what the browser's
  // PushManager.subscribe() takes as applicationServerKey, and the k= of the Authorization.
  const std::string& public_key() const { return public_key_; }
  // Owned by this VapidKey; signs the VAPID JWTs.
  const oidc::PrivateKey& signing_key() const { return key_; }

 private:
  VapidKey(oidc::PrivateKey key, std::string public_key)
      : key_(std::move(key)), public_key_(std::move(public_key)) {}

  oidc::PrivateKey key_;
  std::string public_key_;
};

// A new random VAPID key as an unencrypted PKCS#8 PEM (a secret: store it in the key file).
// Fails only when OpenSSL cannot generate a key.
Result<std::string> generate_vapid_pem();

// Checks a subscription that a browser sent before it is stored: the endpoint an absolute https
// URL with a host and no user name, password or fragment, of at most kMaxEndpointBytes (http is
// accepted too when `allow_insecure_endpoints`: the tests' local push service); p256dh a point
// on P-256 in the 65-byte uncompressed form; auth 16 bytes. Keys are base64url, with or without
// '=' padding. Fails with Status::Invalid("invalid") whose fields() name the wrong member
// ("endpoint", "keys.p256dh", "keys.auth") and whose param "detail" says why in English.
Status check_subscription(const Subscription& subscription, bool allow_insecure_endpoints = false);

// The push message body for `to`, in the aes128gcm content coding of RFC 8291 and RFC 8188:
// a fresh ephemeral ECDH P-256 key pair and a fresh 16-byte salt for every message, keys derived
// with HKDF-SHA-256, one record of record size 4096 holding the plaintext and the padding
// delimiter 0x02, no padding. Fails with Status::Invalid when the subscription's keys are wrong
// (see check_subscription), with code kTooLarge ("too_large") for a plaintext over
// kMaxPlaintextBytes, and with Status::Internal when OpenSSL fails.
Result<std::string> encrypt(const Subscription& to, std::string_view plaintext);

// encrypt() with the given 16-byte `salt` and the sender's private key as its 32-byte big-endian
// scalar `sender_private_key` instead of fresh ones: for tests only (RFC 8291 Appendix A). Reusing
// a salt and key pair for two messages breaks their confidentiality.
Result<std::string> encrypt_with(const Subscription& to, std::string_view plaintext,
                                 std::string_view salt, std::string_view sender_private_key);

// The Authorization header value of RFC 8292 for a push to `endpoint`:
// "vapid t=<JWT>, k=<key.public_key()>", the JWT signed with ES256 and holding aud = the
// endpoint's origin (scheme://host, and :port when it is not the scheme's default), exp = now +
// ttl (seconds since the epoch, rounded down) and sub = `subject`, a "mailto:" address or an
// https URL where the push service can reach the city's operators. Fails with
// Status::Invalid("invalid_config") for a bad subject or a ttl not in (0, kMaxVapidTtl], with
// Status::Invalid("invalid") for an endpoint that is not an absolute http(s) URL.
Result<std::string> vapid_authorization(const VapidKey& key, std::string_view endpoint,
                                        std::string_view subject, Millis now,
                                        std::chrono::seconds ttl = std::chrono::hours(12));

// One push message (RFC 8030 §5).
struct PushMessage {
  std::string payload;      // at most kMaxPlaintextBytes; the service worker reads it as text
  int ttl_seconds = 86400;  // how long the push service keeps it for an offline phone; >= 0
  std::string urgency = "normal";    // very-low, low, normal or high (RFC 8030 §5.3)
  std::optional<std::string> topic;  // replaces a waiting message of the same topic (§5.4):
                                     // 1 to 32 characters of the base64url alphabet
};

// What became of one send().
struct SendResult {
  enum class Outcome {
    kAccepted,  // 2xx: the push service took the message (201 Created is the normal answer)
    kGone,      // 404 or 410: the subscription has expired or was revoked; delete it
    kRetry,     // 429, 5xx, or no answer (refused, reset, timed out): try again later,
                // after retry_after when the service said so
    kRejected,  // any other answer (400, 403, 413, other 4xx, 3xx: redirects are not followed),
                // or nothing sent because the subscription or the message is wrong: sending
                // the same again will not help
  };
  Outcome outcome = Outcome::kRejected;
  long status = 0;  // the HTTP status; 0 when no answer came or nothing was sent
  std::chrono::seconds retry_after{0};  // from Retry-After on kRetry; 0 when not given
  std::string detail;  // for the log: what went wrong, with the start of the service's answer
};

struct SendOptions {
  // For the whole exchange, connection included.
  std::chrono::milliseconds timeout = std::chrono::seconds(10);
  // Also send to http:// endpoints (the tests' local push service); production keeps https only.
  bool allow_insecure_endpoints = false;
};

// Encrypts `message.payload` for `to` and POSTs it to the subscription's endpoint with the
// headers Content-Encoding: aes128gcm, Content-Type: application/octet-stream, TTL, Urgency,
// Topic (when set) and Authorization (vapid_authorization(key, endpoint, subject, now), valid
// 12 hours). One libcurl handle per call; redirects are not followed. Never throws: a bad
// subscription or message comes back as kRejected with status 0.
SendResult send(const VapidKey& key, std::string_view subject, const Subscription& to,
                const PushMessage& message, Millis now, const SendOptions& options = {});

// The delay a Retry-After header value asks for (RFC 9110 §10.2.3): delay-seconds, or an HTTP
// date minus `now`. Zero for a date in the past, 999,999,999 s for ten digits or more, and
// nullopt for a value that is neither.
std::optional<std::chrono::seconds> parse_retry_after(std::string_view value, Millis now);

}  // namespace cds::push
