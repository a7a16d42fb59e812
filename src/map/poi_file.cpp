// Reading files of points of interest: GeoJSON points and CSV.
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <cmath>
#include <sstream>

#include "map/pois.hpp"
#include "text/fold.hpp"

namespace cds::map {
namespace {

namespace json = boost::json;

constexpr std::size_t kMaxName = 300;
constexpr std::size_t kMaxText = 1000;

// Field names the sources use for the same things (English and Vietnamese).
bool is_name_key(std::string_view k) {
  return k == "name" || k == "ten" || k == "tên";
}
bool is_address_key(std::string_view k) {
  return k == "address" || k == "dia_chi" || k == "địa chỉ" || k == "diachi";
}
bool is_ref_key(std::string_view k) {
  return k == "id" || k == "ref" || k == "ma" || k == "mã";
}

Status bad_record(const std::string& where, std::string_view key) {
  return Status::Invalid(std::string(key)).with("where", where);
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return std::string(s);
}

std::optional<double> parse_number(std::string_view s) {
  const std::string t = trimmed(s);
  if (t.empty()) return std::nullopt;
  std::istringstream in(t);
  in.imbue(std::locale::classic());
  double v = 0;
  in >> v;
  if (in.fail() || !in.eof() || !std::isfinite(v)) return std::nullopt;
  return v;
}

// Name and coordinates are required and bounded; text is stored as NFC.
Status finish(Poi& p, const std::string& where) {
  std::string nfc;
  if (!text::to_nfc(trimmed(p.name), nfc) || nfc.empty() || nfc.size() > kMaxName)
    return bad_record(where, "poi_name_invalid");
  p.name = nfc;
  if (!text::to_nfc(trimmed(p.address), nfc) || nfc.size() > kMaxText)
    return bad_record(where, "poi_name_invalid");
  p.address = nfc;
  if (!(p.lat >= -90 && p.lat <= 90 && p.lon >= -180 && p.lon <= 180))
    return bad_record(where, "poi_location_invalid");
  for (auto& [k, v] : p.properties) {
    if (v.size() > kMaxText) v.resize(kMaxText);
  }
  if (p.ref.empty()) {
    std::ostringstream ref;
    ref.imbue(std::locale::classic());
    ref.precision(7);
    ref << p.name << '|' << p.lat << '|' << p.lon;
    p.ref = ref.str();
  }
  return Status::Ok();
}

std::string scalar_text(const json::value& v) {
  if (v.is_string()) return std::string(v.get_string());
  if (v.is_int64()) return std::to_string(v.get_int64());
  if (v.is_uint64()) return std::to_string(v.get_uint64());
  if (v.is_double()) {
    std::ostringstream o;
    o.imbue(std::locale::classic());
    o << v.get_double();
    return o.str();
  }
  if (v.is_bool()) return v.get_bool() ? "true" : "false";
  return "";
}

Result<Poi> feature_poi(const json::value& f, const std::string& where) {
  if (!f.is_object()) return bad_record(where, "poi_geometry_invalid");
  const auto& o = f.get_object();
  const json::value* geometry = o.if_contains("geometry");
  if (!geometry || !geometry->is_object()) return bad_record(where, "poi_geometry_invalid");
  const auto& g = geometry->get_object();
  const json::value* type = g.if_contains("type");
  const json::value* coords = g.if_contains("coordinates");
  if (!type || !type->is_string() || type->get_string() != "Point" || !coords ||
      !coords->is_array() || coords->get_array().size() < 2 ||
      !coords->get_array()[0].is_number() || !coords->get_array()[1].is_number())
    return bad_record(where, "poi_geometry_invalid");
  Poi p;
  // GeoJSON orders a position longitude first (RFC 7946 §3.1.1).
  p.lon = coords->get_array()[0].to_number<double>();
  p.lat = coords->get_array()[1].to_number<double>();
  if (const json::value* id = o.if_contains("id")) p.ref = scalar_text(*id);
  if (const json::value* props = o.if_contains("properties"); props && props->is_object()) {
    for (const auto& [key, value] : props->get_object()) {
      const std::string k = lower(key);
      const std::string text = scalar_text(value);
      if (is_name_key(k))
        p.name = text;
      else if (is_address_key(k))
        p.address = text;
      else if (is_ref_key(k) && p.ref.empty())
        p.ref = text;
      else if (!text.empty())
        p.properties[std::string(key)] = text;
    }
  }
  if (Status st = finish(p, where); !st.ok()) return st;
  return p;
}

Result<std::vector<Poi>> parse_geojson(std::string_view text) {
  boost::system::error_code ec;
  json::value doc = json::parse(text, ec);
  if (ec || !doc.is_object()) return bad_record("1", "poi_file_invalid");
  const auto& o = doc.get_object();
  const json::value* type = o.if_contains("type");
  std::vector<Poi> out;
  if (type && type->is_string() && type->get_string() == "Feature") {
    auto p = feature_poi(doc, "1");
    if (!p.ok()) return p.status();
    out.push_back(std::move(*p));
    return out;
  }
  const json::value* features = o.if_contains("features");
  if (!features || !features->is_array()) return bad_record("1", "poi_file_invalid");
  std::size_t n = 0;
  for (const auto& f : features->get_array()) {
    auto p = feature_poi(f, "feature " + std::to_string(++n));
    if (!p.ok()) return p.status();
    out.push_back(std::move(*p));
  }
  return out;
}

// One CSV record (RFC 4180: quoted fields may hold commas, doubled quotes and line breaks),
// starting at `pos`; advances `pos` and `line`.
std::vector<std::string> csv_record(std::string_view text, std::size_t& pos, std::size_t& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  while (pos < text.size()) {
    const char c = text[pos++];
    if (quoted) {
      if (c == '"' && pos < text.size() && text[pos] == '"') {
        fields.back().push_back('"');
        ++pos;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        fields.back().push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else if (c == '\n') {
      ++line;
      break;
    } else if (c != '\r') {
      fields.back().push_back(c);
    }
  }
  return fields;
}

Result<std::vector<Poi>> parse_csv(std::string_view text) {
  std::size_t pos = 0, line = 1;
  std::vector<std::string> header = csv_record(text, pos, line);
  int name = -1, lat = -1, lon = -1, address = -1, ref = -1;
  for (std::size_t i = 0; i < header.size(); ++i) {
    header[i] = trimmed(header[i]);
    const std::string k = lower(header[i]);
    const int at = static_cast<int>(i);
    if (is_name_key(k))
      name = at;
    else if (k == "lat" || k == "latitude" || k == "vi_do")
      lat = at;
    else if (k == "lon" || k == "lng" || k == "longitude" || k == "kinh_do")
      lon = at;
    else if (is_address_key(k))
      address = at;
    else if (is_ref_key(k))
      ref = at;
  }
  if (name < 0 || lat < 0 || lon < 0) return bad_record("1", "poi_csv_header");
  std::vector<Poi> out;
  while (pos < text.size()) {
    const std::size_t at_line = line;
    std::vector<std::string> f = csv_record(text, pos, line);
    if (f.size() == 1 && trimmed(f[0]).empty()) continue;  // a blank line
    const std::string where = "line " + std::to_string(at_line);
    if (f.size() != header.size()) return bad_record(where, "poi_csv_columns");
    Poi p;
    p.name = f[name];
    auto la = parse_number(f[lat]), lo = parse_number(f[lon]);
    if (!la || !lo) return bad_record(where, "poi_location_invalid");
    p.lat = *la;
    p.lon = *lo;
    if (address >= 0) p.address = f[address];
    if (ref >= 0) p.ref = trimmed(f[ref]);
    for (std::size_t i = 0; i < f.size(); ++i) {
      const int at = static_cast<int>(i);
      if (at == name || at == lat || at == lon || at == address || at == ref) continue;
      if (!trimmed(f[i]).empty()) p.properties[header[i]] = trimmed(f[i]);
    }
    if (Status st = finish(p, where); !st.ok()) return st;
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace

bool valid_layer_code(std::string_view code) {
  if (code.empty() || code.size() > 40) return false;
  for (char c : code)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
  return true;
}

Result<std::vector<Poi>> parse_poi_file(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a byte-order mark
  std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return bad_record("1", "poi_file_invalid");
  if (text[first] == '{') return parse_geojson(text);
  return parse_csv(text);
}

}  // namespace cds::map
