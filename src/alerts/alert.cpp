// The names an alert goes by outside the service: CAP's identifier and the event log's type. Kept
// apart from alert_service.cpp so that the CAP and JSON writers link without the store.
#include "alerts/alert.hpp"

namespace cds::alerts {

std::string cap_identifier(std::int64_t id) {
  return "vn.hcm.congdanso.alert." + std::to_string(id);
}

std::string_view event_type_of(std::string_view msg_type) {
  if (msg_type == "Update") return "alert.updated";
  if (msg_type == "Cancel") return "alert.cancelled";
  return "alert.sent";
}

}  // namespace cds::alerts
