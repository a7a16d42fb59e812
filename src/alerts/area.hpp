// Which wards an alert's area reaches. Until ward boundaries are imported (docs/ALERTS.md), a
// polygon or a circle covers the wards whose centre lies inside it, and always the ward nearest
// its middle, so that a small shape still reaches the people under it.
#pragma once

#include <string>
#include <vector>

#include "alerts/alert.hpp"

namespace cds::alerts {

// The sorted, distinct ward codes `area` reaches (empty for the whole city).
std::vector<std::string> covered_wards(const Area& area);

// Whether (lat, lon) lies inside the closed `polygon` ([lat, lon] vertices).
bool inside(const std::vector<std::array<double, 2>>& polygon, double lat, double lon);

}  // namespace cds::alerts
