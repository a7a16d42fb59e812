// A hot alert (cảnh báo nóng) as the city sends it: one OASIS CAP 1.2 message (an Alert, an
// Update or a Cancel) with its text in Vietnamese and English and the area it is for. Drafted by
// one alert officer, sent only when another approves it (docs/ALERTS.md).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"

namespace cds::alerts {

// The values CAP 1.2 allows, spelled as in the standard.
inline constexpr std::array<std::string_view, 3> kMsgTypes{"Alert", "Update", "Cancel"};
inline constexpr std::array<std::string_view, 3> kStatuses{"Actual", "Exercise", "Test"};
inline constexpr std::array<std::string_view, 12> kCategories{
    "Geo",    "Met", "Safety",    "Security", "Rescue", "Fire",
    "Health", "Env", "Transport", "Infra",    "CBRNE",  "Other"};
inline constexpr std::array<std::string_view, 5> kUrgencies{"Immediate", "Expected", "Future",
                                                            "Past", "Unknown"};
inline constexpr std::array<std::string_view, 5> kSeverities{"Extreme", "Severe", "Moderate",
                                                             "Minor", "Unknown"};
inline constexpr std::array<std::string_view, 5> kCertainties{"Observed", "Likely", "Possible",
                                                              "Unlikely", "Unknown"};

// The languages every alert is written in, as the app names them and as CAP does.
struct Language {
  std::string_view app;  // "vi"
  std::string_view cap;  // "vi-VN"
};
inline constexpr std::array<Language, 2> kLanguages{{{"vi", "vi-VN"}, {"en", "en-US"}}};

// One language's text of an alert (CAP's info block).
struct InfoText {
  std::string event;        // "Triều cường"
  std::string headline;     // one line, shown in banners
  std::string description;  // what is happening
  std::string instruction;  // what to do
  std::string area_desc;    // "Phường Sài Gòn, Phường Bến Thành"
};

struct Circle {
  double lat = 0, lon = 0;
  double radius_km = 0;
};

struct Area {
  bool city = false;                           // the whole city
  std::vector<std::string> wards;              // chosen by the officer, 5-digit unit codes
  std::vector<std::array<double, 2>> polygon;  // [lat, lon], closed (first == last) when set
  std::optional<Circle> circle;
};

struct Alert {
  std::int64_t id = 0;
  std::string msg_type = "Alert";
  std::string status = "Actual";
  std::optional<std::int64_t> references;  // Update, Cancel: the alert they are about
  std::string state = "draft";             // draft | sent | discarded
  std::string category, urgency, severity, certainty;
  InfoText vi, en;
  std::string note;  // CAP note: why an Update or a Cancel was sent (optional)
  std::optional<Millis> onset;
  Millis expires = 0;
  Area area;
  std::vector<std::string> targeted_wards;  // chosen + covered by the shape; empty for the city
  std::int64_t drafted_by = 0;
  Millis drafted_at = 0;
  std::int64_t edited_by = 0;
  std::optional<std::int64_t> approved_by;
  std::optional<Millis> sent_at;
  std::optional<std::int64_t> event_id;
  std::optional<std::int64_t> superseded_by;
  std::optional<std::int64_t> cancelled_by;

  const InfoText& text(std::string_view lang) const { return lang == "en" ? en : vi; }
  // Sent, in force and not replaced: what the app shows.
  bool active(Millis now) const {
    return state == "sent" && msg_type != "Cancel" && !superseded_by && !cancelled_by &&
           expires > now;
  }
  // Delivered to people (Test messages only go to the published feeds).
  bool delivered() const { return status != "Test"; }
};

// CAP's identifier for an alert, and the event log's type for its sending.
std::string cap_identifier(std::int64_t id);
std::string_view event_type_of(
    std::string_view msg_type);  // alert.sent|alert.updated|alert.cancelled

}  // namespace cds::alerts
