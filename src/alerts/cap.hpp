// Alerts as other alerting systems read them: a CAP 1.2 document per message and an Atom feed
// that links each one (docs/ALERTS.md). The stricter rules most CAP consumers apply are kept:
// times with an explicit +07:00 offset and no fractions, closed polygons of at least 4 points,
// circles as "lat,lon radiusKm", identifier and sender without spaces, commas, '<' or '&'.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "alerts/alert.hpp"

namespace cds::alerts {

// Where the documents point: the site's public address and the sender CAP names.
struct Publisher {
  std::string base_url;  // "https://congdanso.example.vn", no trailing slash
  std::string sender;    // "alerts@congdanso.example.vn"
};

// A CAP time: "2026-11-29T09:15:00+07:00" (CAP allows no fraction of a second).
std::string cap_time(Millis t);

// The CAP 1.2 document of a sent message. `referenced` is the message an Update or Cancel is
// about (sent, so that CAP's references triple can name it).
std::string cap_document(const Alert& alert, const Alert* referenced, const Publisher& publisher);

// An Atom 1.0 feed of sent messages, newest first; each entry links its CAP document.
std::string alerts_atom(const std::vector<Alert>& sent, const Publisher& publisher, Millis now);

}  // namespace cds::alerts
