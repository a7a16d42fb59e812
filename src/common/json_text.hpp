// JSON values as text. Like boost::json::serialize, except that numbers are written the way
// people and other parsers expect ("10.7725", not "1.07725E1"): shortest round-trip form.
#pragma once

#include <string>
#include <string_view>

#include <boost/json/value.hpp>

namespace cds {

std::string json_text(const boost::json::value& value);
void append_json_text(std::string& out, const boost::json::value& value);
// Appends `s` as a JSON string: quoted, escaped, invalid UTF-8 replaced by U+FFFD (log lines and
// responses never carry broken text).
void append_json_string(std::string& out, std::string_view s);

}  // namespace cds
