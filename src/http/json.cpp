// JSON request bodies and responses.
#include "http/json.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cctype>
#include <string>

#include "common/json_text.hpp"
#include "text/fold.hpp"

namespace cds::http {
namespace {

// Whether a Content-Type's parameters allow UTF-8: no charset (JSON is UTF-8, RFC 8259 §8.1), or
// charset=utf-8. A body declared in another charset would be read as something it is not.
bool utf8_charset(std::string_view type) {
  std::string params;
  for (char c : type.substr(std::min(type.find(';'), type.size())))
    params += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const size_t at = params.find("charset=");
  if (at == std::string::npos) return true;
  std::string_view value = std::string_view(params).substr(at + 8);
  value = value.substr(0, value.find(';'));
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
    value = value.substr(1, value.size() - 2);
  return value == "utf-8" || value == "utf8";
}

}  // namespace

Result<boost::json::object> read_json_object(const Request& req) {
  // Media type names are case-insensitive (RFC 9110 §8.3.1).
  const std::string_view type = req.header("content-type");
  std::string media(type.substr(0, type.find(';')));
  while (!media.empty() && (media.back() == ' ' || media.back() == '\t')) media.pop_back();
  for (char& c : media) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const bool is_json = media == "application/json" ||
                       (media.size() > 5 && media.compare(media.size() - 5, 5, "+json") == 0);
  if (!is_json || !utf8_charset(type)) {
    return Status(Code::kUnsupportedMedia, "unsupported_media_type")
        .with("expected", "application/json");
  }
  boost::system::error_code ec;
  boost::json::parse_options options;
  options.max_depth = 32;
  boost::json::value v = boost::json::parse(req.body, ec, {}, options);
  if (ec) {
    // JSON text is UTF-8 (RFC 8259 §8.1): say so plainly when that is what went wrong.
    std::string ignored;
    if (!text::to_nfc(req.body, ignored)) return Status::BadRequest("invalid_utf8");
    return Status::BadRequest("malformed_json").with("reason", ec.message());
  }
  if (!v.is_object()) return Status::BadRequest("json_object_expected");
  return std::move(v.as_object());
}

Response json(int status, const boost::json::value& body) {
  Response r;
  r.status = status;
  r.content_type = "application/json";
  r.body = json_text(body);
  return r;
}

}  // namespace cds::http
