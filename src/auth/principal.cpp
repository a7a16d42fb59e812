// Role names as they appear in the CLI, the API and the database.
#include "auth/principal.hpp"

#include <array>
#include <utility>

namespace cds::auth {
namespace {
constexpr std::array<std::pair<Role, std::string_view>, 8> kRoles = {{
    {Role::kCitizen, "citizen"},
    {Role::kOperator, "operator"},
    {Role::kUnitStaff, "unit_staff"},
    {Role::kLeader, "leader"},
    {Role::kAlertOfficer, "alert_officer"},
    {Role::kEditor, "editor"},
    {Role::kAdmin, "admin"},
    {Role::kConnector, "connector"},
}};
}  // namespace

std::string_view role_name(Role role) {
  for (const auto& [r, name] : kRoles) {
    if (r == role) return name;
  }
  return "citizen";
}

std::optional<Role> parse_role(std::string_view name) {
  for (const auto& [r, n] : kRoles) {
    if (n == name) return r;
  }
  return std::nullopt;
}

bool is_staff(Role role) {
  return role != Role::kCitizen;
}

}  // namespace cds::auth
