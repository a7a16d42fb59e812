// Delivery to the push service (RFC 8030 §5): one POST with libcurl, its answer read as what the
// caller should do next (keep, delete the subscription, retry later, give up).
#include "push/web_push.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "push/push_internal.hpp"

namespace cds::push {
namespace {

using Outcome = SendResult::Outcome;

// How much of the push service's answer is kept for the log.
constexpr std::size_t kMaxReplyKept = 512;

void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

// Keeps the start of the answer and drops the rest (the answer does not matter beyond the log).
std::size_t keep_start(char* data, std::size_t size, std::size_t count, void* user) {
  auto* kept = static_cast<std::string*>(user);
  const std::size_t n = size * count;
  kept->append(data, std::min(n, kMaxReplyKept - std::min(kMaxReplyKept, kept->size())));
  return n;
}

// What a Status says, for the log.
std::string describe(const Status& st) {
  if (!st.internal_detail().empty()) return st.internal_detail();
  if (auto detail = st.params().find("detail"); detail != st.params().end()) return detail->second;
  return st.key();
}

SendResult not_sent(std::string why) {
  return {Outcome::kRejected, 0, std::chrono::seconds(0), std::move(why)};
}

// RFC 8030 §5.3 and §5.4.
bool is_urgency(std::string_view urgency) {
  return urgency == "very-low" || urgency == "low" || urgency == "normal" || urgency == "high";
}
bool is_topic(std::string_view topic) {
  return !topic.empty() && topic.size() <= 32 &&
         std::all_of(topic.begin(), topic.end(),
                     [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_'; });
}

Outcome outcome_of(long status) {
  if (status >= 200 && status < 300) return Outcome::kAccepted;
  if (status == 404 || status == 410) return Outcome::kGone;
  if (status == 429 || (status >= 500 && status < 600)) return Outcome::kRetry;
  return Outcome::kRejected;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

std::optional<std::chrono::seconds> parse_retry_after(std::string_view value, Millis now) {
  value = trim(value);
  if (value.empty()) return std::nullopt;
  if (std::all_of(value.begin(), value.end(), [](unsigned char c) { return std::isdigit(c); })) {
    if (value.size() > 9) return std::chrono::seconds(999'999'999);  // years: as good as never
    return std::chrono::seconds(std::stoll(std::string(value)));
  }
  // An HTTP date (IMF-fixdate, or the obsolete RFC 850 and asctime forms): curl_getdate reads
  // them all, without locale or time zone.
  const time_t at = curl_getdate(std::string(value).c_str(), nullptr);
  if (at == -1) return std::nullopt;
  const long long delay = static_cast<long long>(at) - now / 1000;
  return std::chrono::seconds(std::max(0LL, delay));
}

SendResult send(const VapidKey& key, std::string_view subject, const Subscription& to,
                const PushMessage& message, Millis now, const SendOptions& options) {
  if (Status st = check_subscription(to, options.allow_insecure_endpoints); !st.ok())
    return not_sent("subscription refused: " + describe(st));
  if (message.ttl_seconds < 0) return not_sent("message refused: negative TTL");
  if (!is_urgency(message.urgency))
    return not_sent("message refused: urgency must be very-low, low, normal or high");
  if (message.topic && !is_topic(*message.topic))
    return not_sent("message refused: a topic is 1 to 32 characters of A-Z a-z 0-9 - _");
  auto body = encrypt(to, message.payload);
  if (!body.ok()) return not_sent("cannot encrypt: " + describe(body.status()));
  auto authorization = vapid_authorization(key, to.endpoint, subject, now);
  if (!authorization.ok()) return not_sent("cannot sign: " + describe(authorization.status()));
  // The endpoint is a capability (whoever knows it can push to the phone): the log gets only
  // its origin.
  const std::string origin = detail::endpoint_origin(to.endpoint, true).value();

  init_curl_once();
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return {Outcome::kRetry, 0, std::chrono::seconds(0), "cannot start libcurl"};
  curl_slist* list = nullptr;
  for (const std::string& header : {
           std::string("Content-Type: application/octet-stream"),
           std::string("Content-Encoding: aes128gcm"),
           "TTL: " + std::to_string(message.ttl_seconds), "Urgency: " + message.urgency,
           "Authorization: " + *authorization,
           std::string("Expect:"),  // no 100-continue round trip
       })
    list = curl_slist_append(list, header.c_str());
  if (message.topic) list = curl_slist_append(list, ("Topic: " + *message.topic).c_str());
  std::unique_ptr<curl_slist, SlistDeleter> headers(list);

  std::string reply;
  char error[CURL_ERROR_SIZE] = {};
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, to.endpoint.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR,
                   options.allow_insecure_endpoints ? "http,https" : "https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(options.timeout.count()));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.timeout.count()));
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_USERAGENT, "congdanso");
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, keep_start);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &reply);
  curl_easy_setopt(c, CURLOPT_POST, 1L);
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, body->data());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body->size()));
  const CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK) {
    std::string why = origin + ": " + curl_easy_strerror(rc);
    if (error[0] != '\0') why += std::string(" (") + error + ")";
    return {Outcome::kRetry, 0, std::chrono::seconds(0), std::move(why)};
  }

  SendResult result;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &result.status);
  result.outcome = outcome_of(result.status);
  if (result.outcome == Outcome::kAccepted) return result;
  result.detail = origin + " answered " + std::to_string(result.status);
  if (!reply.empty()) result.detail += ": " + reply;
  curl_header* retry_after = nullptr;
  if (result.outcome == Outcome::kRetry &&
      curl_easy_header(c, "Retry-After", 0, CURLH_HEADER, -1, &retry_after) == CURLHE_OK) {
    if (auto delay = parse_retry_after(retry_after->value, now)) result.retry_after = *delay;
  }
  return result;
}

}  // namespace cds::push
