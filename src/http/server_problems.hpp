// Problems the server answers by itself, before or around a handler: 400, 404, 405, 408, 413, 431,
// 500 and 503, as RFC 9457 problem+json in the caller's language.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace cds::http {

// `key` names the catalogue message (route_not_found, method_not_allowed, timeout, too_large,
// headers_too_large, internal, shutting_down, ...); the body's "status" is `http_status` even
// for codes that Status cannot express (405, 408, 431).
Response server_problem(Lang lang, int http_status, std::string_view key,
                        const std::map<std::string, std::string>& params = {});

// A size for people: "1 MiB", "512 KiB", "1.5 MiB", "300 bytes".
std::string format_size(std::size_t bytes);

}  // namespace cds::http
