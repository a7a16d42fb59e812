#include "notify/broadcast.hpp"

#include <boost/json/object.hpp>

#include "common/json_text.hpp"
#include "events/event_log.hpp"

namespace cds::notify {

std::int64_t append_broadcast(store::Tx& tx, Millis now, const BroadcastMessage& message) {
  namespace json = boost::json;
  json::object title{{"vi", message.title_vi}};
  if (!message.title_en.empty()) title["en"] = message.title_en;
  json::object payload{{"title", std::move(title)}, {"sender_id", message.sender_id}};
  if (!message.body_vi.empty()) {
    json::object body{{"vi", message.body_vi}};
    if (!message.body_en.empty()) body["en"] = message.body_en;
    payload["body"] = std::move(body);
  }
  if (!message.url.empty()) payload["url"] = message.url;
  payload["severity"] = message.severity;
  return events::append(
      tx, now,
      events::Event{0, now, "broadcast", std::nullopt, true, json_text(payload), std::nullopt});
}

}  // namespace cds::notify
