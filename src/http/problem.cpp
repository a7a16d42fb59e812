// RFC 9457 problem details from a Status, in the caller's language.
#include "http/problem.hpp"

#include <boost/json.hpp>

#include "common/json_text.hpp"
#include "common/messages.hpp"

namespace cds::http {

int status_code(Code code) {
  switch (code) {
    case Code::kOk:
      return 200;
    case Code::kInvalid:
      return 422;
    case Code::kBadRequest:
      return 400;
    case Code::kUnauthorized:
      return 401;
    case Code::kForbidden:
      return 403;
    case Code::kNotFound:
      return 404;
    case Code::kConflict:
      return 409;
    case Code::kTooLarge:
      return 413;
    case Code::kUnsupportedMedia:
      return 415;
    case Code::kTooManyRequests:
      return 429;
    case Code::kUnavailable:
      return 503;
    case Code::kInternal:
      return 500;
  }
  return 500;
}

namespace {
std::string_view title_key(Code code) {
  switch (code) {
    case Code::kInvalid:
      return "invalid";
    case Code::kBadRequest:
      return "bad_request";
    case Code::kUnauthorized:
      return "unauthorized";
    case Code::kForbidden:
      return "forbidden";
    case Code::kNotFound:
      return "not_found";
    case Code::kConflict:
      return "conflict";
    case Code::kTooLarge:
      return "too_large";
    case Code::kUnsupportedMedia:
      return "unsupported_media_type";
    case Code::kTooManyRequests:
      return "too_many_requests";
    case Code::kUnavailable:
      return "unavailable";
    default:
      return "internal";
  }
}
}  // namespace

Response problem(Lang lang, const Status& status) {
  const bool en = lang == Lang::kEn;
  const int code = status_code(status.code());
  boost::json::object o;
  o["type"] = "urn:congdanso:problem:" + status.key();
  o["title"] = message(title_key(status.code()), en, status.params());
  o["status"] = code;
  o["detail"] = message(status.key(), en, status.params());
  o["code"] = status.key();
  if (!status.fields().empty()) {
    boost::json::object errors;
    for (const auto& [field, key] : status.fields()) {
      errors[field] = message(key, en, status.params());
    }
    o["errors"] = std::move(errors);
  }
  Response r;
  r.status = code;
  r.content_type = "application/problem+json";
  r.body = json_text(o);
  r.header("Content-Language", en ? "en" : "vi");
  if (code >= 500) r.log_detail = status.internal_detail();
  // RFC 9110 §11.6.1: a 401 names the scheme the client should use.
  if (code == 401) r.header("WWW-Authenticate", "Bearer realm=\"congdanso\"");
  return r;
}

Response problem(const Request& req, const Status& status) {
  return problem(req.lang(), status);
}

}  // namespace cds::http
