// Web Push delivery: what send() puts on the wire and how it reads each answer of a push
// service (a one-connection fake on loopback), Retry-After in both forms, and a whole round trip
// through the local push service of tests/push-endpoint (Node.js), which checks the VAPID token
// and decrypts the message independently; skipped when Node.js or its packages are missing.
#include <arpa/inet.h>
#include <curl/curl.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "push/web_push.hpp"

extern char** environ;

namespace cds::push {
namespace {

using Outcome = SendResult::Outcome;
using namespace std::chrono_literals;

constexpr std::string_view kSubject = "mailto:vanhanh@congdanso.example";
// A valid browser key pair's public half and auth secret (RFC 8291 Appendix A).
constexpr std::string_view kUaPublic =
    "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
constexpr std::string_view kUaAuth = "BTBZMqHH6r4Tts7J_aSIgg";

VapidKey new_vapid_key() {
  auto pem = generate_vapid_pem();
  EXPECT_TRUE(pem.ok());
  auto key = VapidKey::from_pem(*pem);
  EXPECT_TRUE(key.ok());
  return std::move(key).value();
}

// A push service that takes one connection on 127.0.0.1, keeps the request, and gives
// `response` verbatim (or, when it is empty, never answers and waits for the client to leave).
class OneShotService {
 public:
  explicit OneShotService(std::string response) : response_(std::move(response)) {
    listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    EXPECT_EQ(::bind(listener_, reinterpret_cast<sockaddr*>(&address), length), 0);
    EXPECT_EQ(::listen(listener_, 4), 0);
    EXPECT_EQ(::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length), 0);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~OneShotService() {
    if (thread_.joinable()) thread_.join();
    ::close(listener_);
  }

  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_) + "/push/abc"; }
  // The request as received (head and body); waits for the exchange to end.
  const std::string& request() {
    if (thread_.joinable()) thread_.join();
    return request_;
  }

 private:
  static bool readable(int fd, int timeout_ms) {
    pollfd p{fd, POLLIN, 0};
    return ::poll(&p, 1, timeout_ms) == 1;
  }

  void serve() {
    if (!readable(listener_, 5000)) return;  // nobody came
    const int fd = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) return;
    char buffer[8192];
    std::size_t wanted = std::string::npos;
    while (request_.size() < wanted && readable(fd, 5000)) {
      const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      request_.append(buffer, static_cast<std::size_t>(n));
      const auto head_end = request_.find("\r\n\r\n");
      if (head_end != std::string::npos && wanted == std::string::npos) {
        const auto at = request_.find("Content-Length: ");
        const std::size_t body = at == std::string::npos ? 0 : std::stoul(request_.substr(at + 16));
        wanted = head_end + 4 + body;
      }
    }
    if (response_.empty()) {
      while (readable(fd, 5000) && ::recv(fd, buffer, sizeof buffer, 0) > 0) {
      }
    } else {
      EXPECT_EQ(::send(fd, response_.data(), response_.size(), MSG_NOSIGNAL),
                static_cast<ssize_t>(response_.size()));
    }
    ::close(fd);
  }

  std::string response_;
  int listener_ = -1;
  int port_ = 0;
  std::thread thread_;
  std::string request_;
};

Subscription subscription_at(std::string endpoint) {
  return {std::move(endpoint), std::string(kUaPublic), std::string(kUaAuth)};
}

SendOptions loopback(std::chrono::milliseconds timeout = 5s) {
  return SendOptions{timeout, true};
}

SendResult answered(std::string response, const PushMessage& message = {"hello"}) {
  OneShotService service(std::move(response));
  const VapidKey key = new_vapid_key();
  return send(key, kSubject, subscription_at(service.endpoint()), message, 1'800'000'000'000,
              loopback());
}

// ---- What goes on the wire -----------------------------------------------------------------

TEST(WebPushSend, PostsTheEncryptedMessageWithTheRfc8030Headers) {
  OneShotService service("HTTP/1.1 201 Created\r\nLocation: /m/1\r\nContent-Length: 0\r\n\r\n");
  const VapidKey key = new_vapid_key();
  PushMessage message{"Phản ánh PA-2611-000123 đã có kết quả", 600, "high", "PA-2611-000123"};
  const SendResult result = send(key, kSubject, subscription_at(service.endpoint()), message,
                                 1'800'000'000'000, loopback());
  EXPECT_EQ(result.outcome, Outcome::kAccepted) << result.detail;
  EXPECT_EQ(result.status, 201);

  const std::string& request = service.request();
  EXPECT_TRUE(request.starts_with("POST /push/abc HTTP/1.1\r\n")) << request;
  for (const char* header :
       {"\r\nContent-Type: application/octet-stream\r\n", "\r\nContent-Encoding: aes128gcm\r\n",
        "\r\nTTL: 600\r\n", "\r\nUrgency: high\r\n", "\r\nTopic: PA-2611-000123\r\n",
        "\r\nAuthorization: vapid t=ey"}) {
    EXPECT_NE(request.find(header), std::string::npos) << header;
  }
  EXPECT_NE(request.find(", k=" + key.public_key() + "\r\n"), std::string::npos);
  const std::string body = request.substr(request.find("\r\n\r\n") + 4);
  EXPECT_EQ(body.size(), 86 + message.payload.size() + 1 + 16);
  EXPECT_EQ(body.substr(16, 5), std::string("\x00\x00\x10\x00\x41", 5));  // rs 4096, idlen 65
}

TEST(WebPushSend, NoTopicHeaderWithoutATopic) {
  OneShotService service("HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n");
  const VapidKey key = new_vapid_key();
  EXPECT_EQ(send(key, kSubject, subscription_at(service.endpoint()), {"x"}, 0, loopback()).outcome,
            Outcome::kAccepted);
  EXPECT_EQ(service.request().find("\r\nTopic:"), std::string::npos);
  EXPECT_NE(service.request().find("\r\nTTL: 86400\r\n"), std::string::npos);
  EXPECT_NE(service.request().find("\r\nUrgency: normal\r\n"), std::string::npos);
}

// ---- How answers are read ------------------------------------------------------------------

std::string reply(const char* status_line, const char* extra_headers = "",
                  std::string_view body = "") {
  return std::string("HTTP/1.1 ") + status_line + "\r\n" + extra_headers +
         "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + std::string(body);
}

TEST(WebPushSend, EveryTwoHundredIsAccepted) {
  EXPECT_EQ(answered(reply("201 Created")).outcome, Outcome::kAccepted);
  EXPECT_EQ(answered(reply("200 OK")).outcome, Outcome::kAccepted);
  EXPECT_EQ(answered(reply("202 Accepted")).outcome, Outcome::kAccepted);
}

TEST(WebPushSend, NotFoundAndGoneMeanDeleteTheSubscription) {
  for (const char* line : {"404 Not Found", "410 Gone"}) {
    const SendResult result = answered(reply(line, "", "subscription expired"));
    EXPECT_EQ(result.outcome, Outcome::kGone) << line;
    EXPECT_NE(result.detail.find("subscription expired"), std::string::npos) << result.detail;
  }
}

TEST(WebPushSend, TooManyRequestsAndServerErrorsAreRetriedAfterWhatTheServiceSays) {
  const SendResult busy = answered(reply("429 Too Many Requests", "Retry-After: 7\r\n"));
  EXPECT_EQ(busy.outcome, Outcome::kRetry);
  EXPECT_EQ(busy.status, 429);
  EXPECT_EQ(busy.retry_after, 7s);

  // 1'800'000'000 s is Fri, 15 Jan 2027 08:00:00 GMT; the service asks for 08:01:30.
  const SendResult down =
      answered(reply("503 Service Unavailable", "Retry-After: Fri, 15 Jan 2027 08:01:30 GMT\r\n"));
  EXPECT_EQ(down.outcome, Outcome::kRetry);
  EXPECT_EQ(down.retry_after, 90s);

  const SendResult broken = answered(reply("500 Internal Server Error"));
  EXPECT_EQ(broken.outcome, Outcome::kRetry);
  EXPECT_EQ(broken.retry_after, 0s);
}

TEST(WebPushSend, OtherAnswersAreRejectedAndRedirectsNotFollowed) {
  for (const char* line : {"400 Bad Request", "403 Forbidden", "413 Payload Too Large",
                           "401 Unauthorized", "301 Moved Permanently"}) {
    const SendResult result =
        answered(reply(line, "Location: http://127.0.0.1:9/elsewhere\r\n", "not for you"));
    EXPECT_EQ(result.outcome, Outcome::kRejected) << line;
    EXPECT_EQ(result.status, std::stol(line)) << line;
    EXPECT_NE(result.detail.find("not for you"), std::string::npos) << result.detail;
    EXPECT_EQ(result.detail.find("/push/abc"), std::string::npos)
        << "the endpoint is a secret: " << result.detail;
  }
}

TEST(WebPushSend, NoAnswerIsRetried) {
  // A port nobody listens on: bound, then released.
  const int probe = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  ASSERT_EQ(::bind(probe, reinterpret_cast<sockaddr*>(&address), length), 0);
  ASSERT_EQ(::getsockname(probe, reinterpret_cast<sockaddr*>(&address), &length), 0);
  ::close(probe);
  const VapidKey key = new_vapid_key();
  const std::string closed = "http://127.0.0.1:" + std::to_string(ntohs(address.sin_port)) + "/p";
  const SendResult refused = send(key, kSubject, subscription_at(closed), {"x"}, 0, loopback());
  EXPECT_EQ(refused.outcome, Outcome::kRetry) << refused.detail;
  EXPECT_EQ(refused.status, 0);

  OneShotService silent("");
  const auto start = std::chrono::steady_clock::now();
  const SendResult timed_out =
      send(key, kSubject, subscription_at(silent.endpoint()), {"x"}, 0, loopback(300ms));
  EXPECT_EQ(timed_out.outcome, Outcome::kRetry) << timed_out.detail;
  EXPECT_EQ(timed_out.status, 0);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
}

TEST(WebPushSend, WrongSubscriptionsAndMessagesAreNotSent) {
  const VapidKey key = new_vapid_key();
  // https only unless told otherwise: nothing listens on port 9, and nothing is tried.
  const SendResult insecure =
      send(key, kSubject, subscription_at("http://127.0.0.1:9/p"), {"x"}, 0, SendOptions{});
  EXPECT_EQ(insecure.outcome, Outcome::kRejected);
  EXPECT_EQ(insecure.status, 0);
  EXPECT_NE(insecure.detail.find("https"), std::string::npos) << insecure.detail;

  const Subscription to = subscription_at("http://127.0.0.1:9/p");
  PushMessage bad_urgency{"x", 60, "urgent"};
  PushMessage bad_topic{"x", 60, "normal", std::string("has spaces")};
  PushMessage long_topic{"x", 60, "normal", std::string(33, 'a')};
  PushMessage negative_ttl{"x", -1};
  PushMessage too_large{std::string(kMaxPlaintextBytes + 1, 'x')};
  for (const PushMessage* m : {&bad_urgency, &bad_topic, &long_topic, &negative_ttl, &too_large}) {
    const SendResult result = send(key, kSubject, to, *m, 0, loopback());
    EXPECT_EQ(result.outcome, Outcome::kRejected) << result.detail;
    EXPECT_EQ(result.status, 0) << result.detail;
  }
  EXPECT_EQ(send(key, "not a contact", to, {"x"}, 0, loopback()).outcome, Outcome::kRejected);
}

TEST(WebPushSend, RetryAfterInSecondsOrAsAnHttpDate) {
  const Millis now = 1'800'000'000'000;  // Fri, 15 Jan 2027 08:00:00 GMT
  EXPECT_EQ(parse_retry_after("120", now), 120s);
  EXPECT_EQ(parse_retry_after(" 0 ", now), 0s);
  EXPECT_EQ(parse_retry_after("Fri, 15 Jan 2027 08:02:00 GMT", now), 120s);
  EXPECT_EQ(parse_retry_after("Friday, 15-Jan-27 08:02:00 GMT", now), 120s);  // RFC 850
  EXPECT_EQ(parse_retry_after("Fri Jan 15 08:02:00 2027", now), 120s);        // asctime
  EXPECT_EQ(parse_retry_after("Thu, 14 Jan 2027 08:00:00 GMT", now), 0s);     // past
  EXPECT_EQ(parse_retry_after("12345678901", now), 999'999'999s);
  EXPECT_FALSE(parse_retry_after("", now));
  EXPECT_FALSE(parse_retry_after("soon", now));
  EXPECT_FALSE(parse_retry_after("-5", now));
}

// ---- Through the local push service (tests/push-endpoint) ----------------------------------

// A small blocking HTTP client for the service's control API.
struct Reply {
  long status = 0;
  std::string body;
};
Reply call(const std::string& method, const std::string& url, const std::string& json = "") {
  Reply reply;
  CURL* c = curl_easy_init();
  curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method.c_str());
  if (method == "POST") curl_easy_setopt(c, CURLOPT_POSTFIELDS, json.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 10L);
  curl_easy_setopt(
      c, CURLOPT_WRITEFUNCTION, +[](char* data, std::size_t size, std::size_t n, void* out) {
        static_cast<std::string*>(out)->append(data, size * n);
        return size * n;
      });
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &reply.body);
  if (curl_easy_perform(c) == CURLE_OK) curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply.status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(c);
  return reply;
}

// `node server.mjs --port 0`, stopped with SIGTERM at the end of the test.
class LocalPushService {
 public:
  static std::filesystem::path dir() {
    return std::filesystem::path(__FILE__).parent_path() / ".." / ".." / "push-endpoint";
  }

  bool start() {
    int out[2];
    if (::pipe2(out, O_CLOEXEC) != 0) return false;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    const std::string script = (dir() / "server.mjs").string();
    char* argv[] = {const_cast<char*>("node"), const_cast<char*>(script.c_str()),
                    const_cast<char*>("--port"), const_cast<char*>("0"), nullptr};
    const int spawned = posix_spawnp(&pid_, "node", &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(out[1]);
    if (spawned != 0) {
      pid_ = -1;
      ::close(out[0]);
      return false;
    }
    // The first line is {"port":N}.
    std::string line;
    char c = 0;
    pollfd p{out[0], POLLIN, 0};
    while (line.find('\n') == std::string::npos && ::poll(&p, 1, 15000) == 1 &&
           ::read(out[0], &c, 1) == 1)
      line += c;
    ::close(out[0]);
    boost::system::error_code ec;
    const boost::json::value port = boost::json::parse(line, ec);
    if (ec || !port.is_object() || !port.as_object().contains("port")) return false;
    origin_ = "http://127.0.0.1:" + std::to_string(port.at("port").to_number<int>());
    return true;
  }
  ~LocalPushService() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
  }
  const std::string& origin() const { return origin_; }

 private:
  pid_t pid_ = -1;
  std::string origin_;
};

TEST(WebPushSend, RoundTripThroughTheLocalPushService) {
  if (!std::filesystem::exists(LocalPushService::dir() / "node_modules"))
    GTEST_SKIP() << "tests/push-endpoint has no node_modules (npm ci --prefix tests/push-endpoint)";
  LocalPushService service;
  if (!service.start()) GTEST_SKIP() << "cannot start node tests/push-endpoint/server.mjs";
  const VapidKey key = new_vapid_key();

  // A browser subscribes with our key as its applicationServerKey.
  const Reply made = call("POST", service.origin() + "/__subscriptions",
                          R"({"application_server_key":")" + key.public_key() + R"("})");
  ASSERT_EQ(made.status, 201) << made.body;
  const boost::json::object sub = boost::json::parse(made.body).as_object();
  const std::string id(sub.at("id").as_string());
  const Subscription to{std::string(sub.at("endpoint").as_string()),
                        std::string(sub.at("keys").at("p256dh").as_string()),
                        std::string(sub.at("keys").at("auth").as_string())};
  ASSERT_TRUE(check_subscription(to, true).ok());

  const Millis now = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
  const PushMessage message{R"({"title":"Cảnh báo ngập","body":"Phường Bến Thành"})", 300, "high",
                            std::string("canh-bao-ngap")};
  const SendResult sent = send(key, kSubject, to, message, now, loopback());
  ASSERT_EQ(sent.outcome, Outcome::kAccepted) << sent.detail;
  EXPECT_EQ(sent.status, 201);

  const Reply record = call("GET", service.origin() + "/__messages/" + id);
  ASSERT_EQ(record.status, 200);
  const boost::json::object got = boost::json::parse(record.body).as_object();
  ASSERT_EQ(got.at("messages").as_array().size(), 1u) << record.body;
  const boost::json::object& m = got.at("messages").as_array()[0].as_object();
  EXPECT_EQ(m.at("payload").as_string(), message.payload);
  EXPECT_EQ(m.at("ttl").to_number<int>(), 300);
  EXPECT_EQ(m.at("urgency").as_string(), "high");
  EXPECT_EQ(m.at("topic").as_string(), "canh-bao-ngap");
  EXPECT_EQ(m.at("vapid_public_key").as_string(), key.public_key());
  EXPECT_EQ(m.at("vapid_claims").at("aud").as_string(), service.origin());
  EXPECT_EQ(m.at("vapid_claims").at("sub").as_string(), kSubject);

  // The service's scripted answers come back as outcomes.
  ASSERT_EQ(call("POST", service.origin() + "/__respond/" + id, R"({"status":429,"retry_after":2})")
                .status,
            204);
  const SendResult busy = send(key, kSubject, to, message, now, loopback());
  EXPECT_EQ(busy.outcome, Outcome::kRetry);
  EXPECT_EQ(busy.retry_after, 2s);
  ASSERT_EQ(call("POST", service.origin() + "/__respond/" + id, R"({"status":410})").status, 204);
  EXPECT_EQ(send(key, kSubject, to, message, now, loopback()).outcome, Outcome::kGone);

  // A subscription made for another server's key refuses ours.
  const Reply other =
      call("POST", service.origin() + "/__subscriptions",
           R"({"application_server_key":")" + new_vapid_key().public_key() + R"("})");
  const boost::json::object other_sub = boost::json::parse(other.body).as_object();
  const SendResult refused = send(key, kSubject,
                                  {std::string(other_sub.at("endpoint").as_string()),
                                   std::string(other_sub.at("keys").at("p256dh").as_string()),
                                   std::string(other_sub.at("keys").at("auth").as_string())},
                                  message, now, loopback());
  EXPECT_EQ(refused.outcome, Outcome::kRejected);
  EXPECT_EQ(refused.status, 403);
}

}  // namespace
}  // namespace cds::push
