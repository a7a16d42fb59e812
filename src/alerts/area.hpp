// Which wards an alert's area reaches. With ward boundaries imported (docs/GEOGRAPHY.md), a polygon
// or a circle covers every ward whose polygon it meets. Without them (docs/ALERTS.md), it covers
// the wards whose centre lies inside it, and always the ward nearest its middle, so that a small
// shape still reaches the people under it.
#pragma once

#include <string>
#include <vector>

#include "alerts/alert.hpp"
#include "areas/ward_index.hpp"

namespace cds::alerts {

// The sorted, distinct ward codes `area` reaches (empty for the whole city); `wards` is the
// index of the imported boundaries, or null for the centre-based fallback.
std::vector<std::string> covered_wards(const Area& area, const areas::WardIndex* wards = nullptr);

// The circle as a closed 64-gon of [lat, lon] vertices around it.
std::vector<areas::LatLon> circle_ring(const Circle& circle);

// Whether (lat, lon) lies inside the closed `polygon` ([lat, lon] vertices).
bool inside(const std::vector<std::array<double, 2>>& polygon, double lat, double lon);

}  // namespace cds::alerts
