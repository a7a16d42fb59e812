// JSON in and out of handlers: reading a request body as an object, and answering with JSON.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "common/status.hpp"
#include "http/message.hpp"

namespace cds::http {

// The body as a JSON object. 415 unless Content-Type is application/json (or +json); 400 with the
// parser's reason when malformed; 400 when not an object.
Result<boost::json::object> read_json_object(const Request& req);

Response json(int status, const boost::json::value& body);

}  // namespace cds::http
