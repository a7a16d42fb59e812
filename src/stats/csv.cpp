// RFC 4180 CSV records.
#include "stats/csv.hpp"

#include <charconv>

namespace cds::stats {

std::string csv_number(double value) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  return std::string(buf, ec == std::errc() ? end : buf);
}

std::string csv_number(std::int64_t value) {
  return std::to_string(value);
}

std::string csv_number(const std::optional<double>& value) {
  return value ? csv_number(*value) : std::string();
}

std::string csv_field(std::string_view text) {
  std::string field;
  // Formula injection: a cell that starts like a formula is shown as text.
  // Figures are never negative, so no number is touched.
  if (!text.empty() && std::string_view("=+-@\t\r").find(text[0]) != std::string_view::npos)
    field += '\'';
  field += text;
  if (field.find_first_of(",\"\r\n") == std::string::npos) return field;
  std::string quoted = "\"";
  for (char c : field) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

CsvWriter& CsvWriter::row(std::initializer_list<std::string_view> fields) {
  bool first = true;
  for (std::string_view f : fields) {
    if (!first) out_ += ',';
    first = false;
    out_ += csv_field(f);
  }
  out_ += "\r\n";
  return *this;
}

}  // namespace cds::stats
