// RFC 9457 problem+json responses, in the caller's language, from a Status.
#pragma once

#include <string_view>

#include "common/status.hpp"
#include "http/message.hpp"

namespace cds::http {

int status_code(Code code);
// {"type", "title", "status", "detail", "errors": {field: message}} in req.lang().
Response problem(const Request& req, const Status& status);
Response problem(Lang lang, const Status& status);

}  // namespace cds::http
