// JSON request bodies and responses.
#include "http/json.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace cds::http {

Result<boost::json::object> read_json_object(const Request& req) {
  std::string_view type = req.header("content-type");
  std::string_view media = type.substr(0, type.find(';'));
  while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
  const bool is_json = media == "application/json" ||
                       (media.size() > 5 && media.substr(media.size() - 5) == "+json");
  if (!is_json) {
    return Status(Code::kUnsupportedMedia, "unsupported_media_type")
        .with("expected", "application/json");
  }
  boost::system::error_code ec;
  boost::json::parse_options options;
  options.max_depth = 32;
  boost::json::value v = boost::json::parse(req.body, ec, {}, options);
  if (ec) return Status::BadRequest("malformed_json").with("reason", ec.message());
  if (!v.is_object()) return Status::BadRequest("json_object_expected");
  return std::move(v.as_object());
}

Response json(int status, const boost::json::value& body) {
  Response r;
  r.status = status;
  r.content_type = "application/json";
  r.body = boost::json::serialize(body);
  return r;
}

}  // namespace cds::http
