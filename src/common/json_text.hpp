// JSON values as text. Like boost::json::serialize, except that numbers are written the way
// people and other parsers expect ("10.7725", not "1.07725E1"): shortest round-trip form.
#pragma once

#include <string>

#include <boost/json/value.hpp>

namespace cds {

std::string json_text(const boost::json::value& value);
void append_json_text(std::string& out, const boost::json::value& value);

}  // namespace cds
