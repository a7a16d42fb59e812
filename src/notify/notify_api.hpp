// Real-time delivery's routes (docs/REALTIME.md):
//   GET  /api/v1/events/stream                  live stream (SSE), resumable with Last-Event-ID
//   GET  /api/v1/notifications                  the inbox, newest first, cursor paging
//   GET  /api/v1/notifications/unread-count
//   POST /api/v1/notifications/read             {"ids": [...]} or {"all": true}
//   GET  /api/v1/notifications/preferences      per kind and channel
//   PUT  /api/v1/notifications/preferences
//   GET  /api/v1/push/key                       the VAPID public key (applicationServerKey)
//   GET  /api/v1/push/subscriptions             my devices
//   POST /api/v1/push/subscriptions             a browser's PushSubscription
//   DELETE /api/v1/push/subscriptions/{id}
//   POST /api/v1/admin/broadcasts               a message to every open app and device
#pragma once

#include <boost/json/object.hpp>

#include "auth/authenticator.hpp"
#include "auth/gate.hpp"
#include "citizens/citizen_service.hpp"
#include "common/clock.hpp"
#include "events/hub.hpp"
#include "http/router.hpp"
#include "notify/delivery.hpp"
#include "store/database.hpp"

namespace cds::notify {

struct StreamLimits {
  std::size_t queue_frames = 256;
  std::size_t queue_bytes = 256 * 1024;
  int retry_ms = 3000;
};

class NotifyApi {
 public:
  NotifyApi(store::Database& db, const Clock& clock, events::Hub& hub, const Delivery& delivery,
            const citizens::CitizenService& citizens, const auth::Authenticator& auth,
            StreamLimits limits, bool push_allow_http)
      : db_(db),
        clock_(clock),
        hub_(hub),
        delivery_(delivery),
        citizens_(citizens),
        gate_(auth),
        limits_(limits),
        push_allow_http_(push_allow_http) {}

  void register_routes(http::Router& router);

 private:
  http::Response stream(http::Request& req, const std::optional<auth::Principal>& who);
  http::Response list(http::Request& req, const auth::Principal& who);
  http::Response unread_count(http::Request& req, const auth::Principal& who);
  http::Response mark_read(http::Request& req, const auth::Principal& who);
  http::Response get_preferences(http::Request& req, const auth::Principal& who);
  http::Response set_preferences(http::Request& req, const auth::Principal& who);
  http::Response push_key(http::Request& req);
  http::Response list_devices(http::Request& req, const auth::Principal& who);
  http::Response subscribe(http::Request& req, const auth::Principal& who);
  http::Response unsubscribe(http::Request& req, const auth::Principal& who);
  http::Response broadcast(http::Request& req, const auth::Principal& who);

  store::Database& db_;
  const Clock& clock_;
  events::Hub& hub_;
  const Delivery& delivery_;
  const citizens::CitizenService& citizens_;
  auth::Gate gate_;
  const StreamLimits limits_;
  const bool push_allow_http_;
};

// A person's notifications, devices and preferences for the export of their data.
boost::json::object export_json(store::Tx& tx, std::int64_t user_id);
// Erases them (account deletion), in the caller's transaction.
void erase_user(store::Tx& tx, std::int64_t user_id);

}  // namespace cds::notify
