// Typed access to a result row's columns.
#include "store/database.hpp"

namespace cds::store {

std::int64_t Row::i64(size_t i) const {
  const Value& v = cols_.at(i);
  if (auto p = std::get_if<std::int64_t>(&v)) return *p;
  if (auto p = std::get_if<double>(&v)) return static_cast<std::int64_t>(*p);
  if (auto p = std::get_if<std::string>(&v)) return p->empty() ? 0 : std::stoll(*p);
  return 0;
}

double Row::f64(size_t i) const {
  const Value& v = cols_.at(i);
  if (auto p = std::get_if<double>(&v)) return *p;
  if (auto p = std::get_if<std::int64_t>(&v)) return static_cast<double>(*p);
  if (auto p = std::get_if<std::string>(&v)) return p->empty() ? 0 : std::stod(*p);
  return 0;
}

std::string Row::str(size_t i) const {
  const Value& v = cols_.at(i);
  if (auto p = std::get_if<std::string>(&v)) return *p;
  if (auto p = std::get_if<std::int64_t>(&v)) return std::to_string(*p);
  if (auto p = std::get_if<double>(&v)) return std::to_string(*p);
  return {};
}

std::optional<std::int64_t> Row::opt_i64(size_t i) const {
  if (is_null(i)) return std::nullopt;
  return i64(i);
}
std::optional<double> Row::opt_f64(size_t i) const {
  if (is_null(i)) return std::nullopt;
  return f64(i);
}
std::optional<std::string> Row::opt_str(size_t i) const {
  if (is_null(i)) return std::nullopt;
  return str(i);
}

}  // namespace cds::store
