// Reports as JSON, shaped by who is looking: the author, the public, or staff. What a view leaves
// out (an anonymous author, a sensitive location, internal notes, staff names) is decided here
// and in ReportService::view_of, nowhere else.
#pragma once

#include <boost/json/object.hpp>

#include "http/message.hpp"
#include "reports/report_service.hpp"

namespace cds::reports {

boost::json::object to_json(const ReportView& view, http::Lang lang, Millis now);
// A page of reports: {"items": [...], "next": "<cursor>"|null}.
boost::json::object to_json(const Page& page, http::Lang lang, Millis now);

std::string encode_cursor(std::int64_t before_id);
std::optional<std::int64_t> decode_cursor(std::string_view cursor);

}  // namespace cds::reports
