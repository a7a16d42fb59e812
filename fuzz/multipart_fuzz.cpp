// Photo uploads (src/media/multipart): the Content-Type's boundary and the multipart/form-data
// body. Input: the Content-Type on the first line, the body after it. Checks: a refusal is a 4xx
// with a message in both languages; an accepted body has 1..max_parts parts, each named, each
// content a view inside the body that holds no delimiter.
#include <string>
#include <string_view>

#include "common/messages.hpp"
#include "fuzz_input.hpp"
#include "http/problem.hpp"
#include "media/multipart.hpp"

namespace {

using cds::fuzz::check;

bool inside(std::string_view part, std::string_view whole) {
  return part.empty() ||
         (part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t eol = input.find('\n');
  if (eol == std::string_view::npos) return 0;
  const std::string_view content_type = input.substr(0, eol);
  const std::string_view body = input.substr(eol + 1);

  cds::media::MultipartLimits limits;
  limits.max_parts = 4;
  limits.max_header_bytes = 256;
  auto parts = cds::media::parse_multipart(content_type, body, limits);
  if (!parts.ok()) {
    const int status = cds::http::status_code(parts.status().code());
    check(status >= 400 && status < 500, "a refused upload is not a 4xx", parts.status().key());
    check(cds::has_message(parts.status().key()), "a refusal without a message",
          parts.status().key());
    (void)cds::http::problem(cds::http::Lang::kEn, parts.status());
    return 0;
  }
  auto boundary = cds::media::multipart_boundary(content_type);
  check(boundary.ok(), "parts read without a boundary", content_type);
  const std::string delimiter = "\r\n--" + *boundary;
  check(!parts->empty() && parts->size() <= limits.max_parts, "part count outside the limits");
  for (const auto& part : *parts) {
    check(!part.name.empty(), "a part without a name");
    check(inside(part.content, body), "a part's content outside the body");
    check(part.content.find(delimiter) == std::string_view::npos, "a delimiter inside a part");
  }
  return 0;
}
