#include "http/fields.hpp"

#include <cmath>

#include "text/fold.hpp"

namespace cds::http {

FieldReader::FieldReader(const boost::json::object& body,
                         std::initializer_list<std::string_view> allowed)
    : body_(body) {
  for (const auto& kv : body_) {
    bool known = false;
    for (std::string_view a : allowed) known = known || kv.key() == a;
    if (!known) errors_.field(std::string(kv.key()), "field_unknown");
  }
}

const boost::json::value* FieldReader::find(std::string_view name, bool required) {
  const boost::json::value* v = body_.if_contains(name);
  if (!v || v->is_null()) {
    if (required) errors_.field(std::string(name), "field_required");
    return nullptr;
  }
  return v;
}

std::optional<std::string> FieldReader::string(std::string_view name, bool required) {
  const auto* v = find(name, required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    errors_.field(std::string(name), "field_type_string");
    return std::nullopt;
  }
  return std::string(v->as_string());
}

std::optional<double> FieldReader::number(std::string_view name, bool required) {
  const auto* v = find(name, required);
  if (!v) return std::nullopt;
  if (v->is_double() && std::isfinite(v->as_double())) return v->as_double();
  if (v->is_int64()) return static_cast<double>(v->as_int64());
  if (v->is_uint64()) return static_cast<double>(v->as_uint64());
  errors_.field(std::string(name), "field_type_number");
  return std::nullopt;
}

std::optional<std::int64_t> FieldReader::integer(std::string_view name, bool required) {
  const auto* v = find(name, required);
  if (!v) return std::nullopt;
  if (v->is_int64()) return v->as_int64();
  if (v->is_double() && std::floor(v->as_double()) == v->as_double() &&
      std::fabs(v->as_double()) < 9e15)
    return static_cast<std::int64_t>(v->as_double());
  errors_.field(std::string(name), "field_type_integer");
  return std::nullopt;
}

std::optional<bool> FieldReader::boolean(std::string_view name, bool required) {
  const auto* v = find(name, required);
  if (!v) return std::nullopt;
  if (!v->is_bool()) {
    errors_.field(std::string(name), "field_type_boolean");
    return std::nullopt;
  }
  return v->as_bool();
}

std::vector<std::string> FieldReader::strings(std::string_view name, std::size_t max_items) {
  std::vector<std::string> out;
  const auto* v = find(name, false);
  if (!v) return out;
  if (!v->is_array()) {
    errors_.field(std::string(name), "field_type_array");
    return out;
  }
  for (const auto& item : v->as_array()) {
    if (!item.is_string() || item.as_string().size() > 200) {
      errors_.field(std::string(name), "field_type_string");
      return {};
    }
    out.emplace_back(item.as_string());
  }
  if (out.size() > max_items) {
    errors_.field(std::string(name), "field_out_of_range");
    return {};
  }
  return out;
}

std::optional<std::string> FieldReader::one_of(std::string_view name,
                                               std::initializer_list<std::string_view> values,
                                               bool required) {
  auto s = string(name, required);
  if (!s) return std::nullopt;
  std::string list;
  for (std::string_view v : values) {
    if (*s == v) return s;
    list += (list.empty() ? "" : ", ") + std::string(v);
  }
  errors_.field(std::string(name), "field_one_of");
  errors_.with("values", list);
  return std::nullopt;
}

Status FieldReader::status() const {
  return errors_.fields().empty() ? Status::Ok() : errors_;
}

std::optional<std::string> read_text(const boost::json::value& value, std::string_view field,
                                     std::size_t max_code_points, FieldReader& f) {
  if (!value.is_string()) {
    f.error(field, "field_invalid");
    return std::nullopt;
  }
  std::string nfc;
  if (!text::to_nfc(value.as_string(), nfc)) {
    f.error(field, "invalid_utf8");
    return std::nullopt;
  }
  if (text::code_points(nfc) > max_code_points) {
    f.error(field, "field_too_long");
    return std::nullopt;
  }
  return nfc;
}

}  // namespace cds::http
