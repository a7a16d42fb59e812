// The page at / until the citizen app takes its place.
#pragma once

#include <string_view>

namespace cds::app {

std::string_view welcome_page();
// Its Content-Security-Policy: its one inline script allowed by hash, its inline style, fetches
// to this origin, nothing else.
std::string_view welcome_page_policy();

}  // namespace cds::app
