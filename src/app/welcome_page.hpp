// The page at / until the citizen app takes its place.
#pragma once

#include <string_view>

namespace cds::app {

std::string_view welcome_page();

}  // namespace cds::app
