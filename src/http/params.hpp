// Numbers in a request's path and query parameters: the whole text, digits only, no spaces.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace cds::http {

// A decimal integer (an optional minus sign and digits) that fills `text`; nullopt otherwise,
// or when it does not fit in 64 bits.
std::optional<std::int64_t> parse_int(std::string_view text);

// A resource id: an integer of at least 1, as parse_int reads it.
std::optional<std::int64_t> parse_positive_id(std::string_view text);

}  // namespace cds::http
