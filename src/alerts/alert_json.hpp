// Alerts in and out of JSON: the body an officer sends (every mistake named by its field) and
// the alert as the app and the console show it (docs/ALERTS.md, docs/openapi.yaml).
#pragma once

#include <boost/json/object.hpp>

#include "alerts/alert.hpp"
#include "common/status.hpp"

namespace cds::alerts {

// The content of a draft: status, category, urgency, severity, certainty, info{vi,en}, onset,
// expires, area{city|wards|polygon|circle}, references, note. 422 naming each bad field.
Result<Alert> parse_content(const boost::json::object& body);

// The public view of a sent alert (no staff names, no figures).
boost::json::object alert_json(const Alert& a, Millis now);

}  // namespace cds::alerts
