// Reading the fields of a JSON request body with every problem collected, so that a client learns
// of all its mistakes at once (422 with `errors` naming each field).
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "common/status.hpp"

namespace cds::http {

class FieldReader {
 public:
  // Fields outside `allowed` are reported as unknown.
  FieldReader(const boost::json::object& body, std::initializer_list<std::string_view> allowed);

  // Each returns nullopt when the field is absent, null, or of the wrong type (then recorded).
  std::optional<std::string> string(std::string_view name, bool required = false);
  std::optional<double> number(std::string_view name, bool required = false);
  std::optional<std::int64_t> integer(std::string_view name, bool required = false);
  std::optional<bool> boolean(std::string_view name, bool required = false);
  // A list of strings; absent → empty.
  std::vector<std::string> strings(std::string_view name, std::size_t max_items);
  // A string that must be one of `values`.
  std::optional<std::string> one_of(std::string_view name,
                                    std::initializer_list<std::string_view> values,
                                    bool required = false);

  void error(std::string_view field, std::string key) {
    errors_.field(std::string(field), std::move(key));
  }
  // Ok, or 422 naming every field in error.
  Status status() const;

 private:
  const boost::json::value* find(std::string_view name, bool required);

  const boost::json::object& body_;
  Status errors_{Code::kInvalid, "invalid"};
};

// `value` (a nested value the reader's own fields do not reach) as NFC text of at most
// `max_code_points`; otherwise nullopt, with an error on `field` in `f`: field_invalid (not a
// string), invalid_utf8, or field_too_long.
std::optional<std::string> read_text(const boost::json::value& value, std::string_view field,
                                     std::size_t max_code_points, FieldReader& f);

}  // namespace cds::http
