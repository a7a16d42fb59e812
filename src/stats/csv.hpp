// CSV files for spreadsheets (RFC 4180): a UTF-8 byte order mark first, so that Excel reads
// Vietnamese correctly; CRLF after every record; a field quoted when it holds a comma, a quote,
// CR or LF, with its quotes doubled.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace cds::stats {

inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
inline constexpr std::string_view kCsvContentType = "text/csv; charset=utf-8";

// A number as JSON writes it (shortest round-trip form: 0.6667, 12.5, 3), so that a figure reads
// the same in both exports.
std::string csv_number(double value);
std::string csv_number(std::int64_t value);
// Empty for nullopt.
std::string csv_number(const std::optional<double>& value);

class CsvWriter {
 public:
  CsvWriter() : out_(kUtf8Bom) {}

  // One record. Text that a spreadsheet would take for a formula (=, +, -, @, tab or CR first) gets
  // a leading apostrophe; figures are passed through csv_number and are never negative.
  CsvWriter& row(std::initializer_list<std::string_view> fields);

  const std::string& text() const { return out_; }

 private:
  std::string out_;
};

// One field as RFC 4180 writes it.
std::string csv_field(std::string_view text);

}  // namespace cds::stats
