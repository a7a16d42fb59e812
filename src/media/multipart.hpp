// A strict reader of multipart/form-data bodies (RFC 7578 over RFC 2046), for uploads: the whole
// body is in memory (the route's body limit bounds it) and parts are returned as views into it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.hpp"

namespace cds::media {

struct MultipartLimits {
  std::size_t max_parts = 10;
  // Largest header section of one part, CRLFs included.
  std::size_t max_header_bytes = 8 * 1024;
};

struct FormPart {
  std::string name;                     // Content-Disposition name, unquoted
  std::optional<std::string> filename;  // Content-Disposition filename, as the client sent it
  std::string content_type;             // the part's Content-Type, or empty
  std::string_view content;             // the bytes, a view into the parsed body
};

// The boundary of a `multipart/form-data; boundary=...` Content-Type (quoted or not). 415 when
// the media type is another, 400 when the boundary is missing or not 1–70 characters of the
// RFC 2046 alphabet.
Result<std::string> multipart_boundary(std::string_view content_type);

// Parses a multipart/form-data body. Preamble and epilogue are ignored; delimiters must end in
// CRLF. Refuses with 400: no delimiter at all, no closing delimiter, a part whose headers are
// malformed or larger than max_header_bytes, a part without Content-Disposition: form-data and a
// non-empty name, an encoding other than binary/8bit/7bit, no parts, more than max_parts parts.
// The returned views point into `body`, which must outlive them.
Result<std::vector<FormPart>> parse_multipart(std::string_view content_type, std::string_view body,
                                              const MultipartLimits& limits = {});

}  // namespace cds::media
