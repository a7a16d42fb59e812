// Who is calling: a user with one role, and for unit staff the unit they work for.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cds::auth {

enum class Role {
  kCitizen,
  kOperator,
  kUnitStaff,
  kLeader,
  kAlertOfficer,
  kEditor,
  kAdmin,
  kConnector
};

std::string_view role_name(Role role);
std::optional<Role> parse_role(std::string_view name);
// Any role but citizen.
bool is_staff(Role role);

struct Principal {
  std::int64_t user_id = 0;
  std::string username;
  Role role = Role::kCitizen;
  std::string unit_code;     // set for unit_staff only
  std::string display_name;  // personal data: never shown to citizens for staff
  std::string session_id;    // set when the caller came with a session cookie
};

}  // namespace cds::auth
