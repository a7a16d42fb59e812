#include "http/params.hpp"

#include <charconv>
#include <system_error>

namespace cds::http {

std::optional<std::int64_t> parse_int(std::string_view text) {
  std::int64_t v = 0;
  const char* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc() || p != end) return std::nullopt;
  return v;
}

std::optional<std::int64_t> parse_positive_id(std::string_view text) {
  auto v = parse_int(text);
  if (!v || *v <= 0) return std::nullopt;
  return v;
}

}  // namespace cds::http
