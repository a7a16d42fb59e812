// multipart/form-data: the boundary from Content-Type, then delimiter by delimiter through the
// body.
#include "media/multipart.hpp"

#include <algorithm>
#include <functional>

namespace cds::media {
namespace {

constexpr std::string_view kCrlf = "\r\n";

bool is_ows(char c) {
  return c == ' ' || c == '\t';
}

// RFC 9110 tchar.
bool is_tchar(char c) {
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

// RFC 2046 bchars (space allowed, but not as the last character).
bool is_bchar(char c) {
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
}

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string to_lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), lower);
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return lower(x) == lower(y); });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_ows(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ows(s.back())) s.remove_suffix(1);
  return s;
}

struct Param {
  std::string name;  // lower case
  std::string value;
};

// Parses `*( OWS ";" OWS name "=" value )`, where value is a quoted-string (with \-escapes) or a
// run of visible characters other than ';' and '"' (boundaries such as ----=_Part_1 are sent
// unquoted by some clients, though '=' is not a token character). nullopt when malformed or when a
// name repeats.
std::optional<std::vector<Param>> parse_params(std::string_view s) {
  std::vector<Param> params;
  std::size_t i = 0;
  const std::size_t n = s.size();
  auto skip_ows = [&] {
    while (i < n && is_ows(s[i])) ++i;
  };
  while (true) {
    skip_ows();
    if (i == n) break;
    if (s[i] != ';') return std::nullopt;
    ++i;
    skip_ows();
    if (i == n || s[i] == ';') continue;  // an empty parameter
    const std::size_t name_start = i;
    while (i < n && is_tchar(s[i])) ++i;
    if (i == name_start || i == n || s[i] != '=') return std::nullopt;
    Param p{to_lower(s.substr(name_start, i - name_start)), {}};
    ++i;
    if (i < n && s[i] == '"') {
      ++i;
      bool closed = false;
      while (i < n) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == '"') {
          closed = true;
          ++i;
          break;
        }
        if (c == '\\') {
          if (++i == n) return std::nullopt;
        } else if ((c < 0x20 && c != '\t') || c == 0x7F) {
          return std::nullopt;
        }
        p.value.push_back(s[i]);
        ++i;
      }
      if (!closed) return std::nullopt;
    } else {
      const std::size_t value_start = i;
      while (i < n && s[i] > 0x20 && s[i] < 0x7F && s[i] != ';' && s[i] != '"') ++i;
      if (i == value_start) return std::nullopt;
      p.value = s.substr(value_start, i - value_start);
    }
    for (const Param& seen : params) {
      if (seen.name == p.name) return std::nullopt;
    }
    params.push_back(std::move(p));
  }
  return params;
}

const Param* find_param(const std::vector<Param>& params, std::string_view name) {
  for (const Param& p : params) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

Status malformed() {
  return Status::BadRequest("multipart_malformed");
}

// Reads one part's header section (without its final blank line) into `part`: first the syntax of
// every line, then what the headers say.
Status parse_part_headers(std::string_view section, FormPart& part) {
  std::optional<std::string_view> disposition, type, encoding;
  while (!section.empty()) {
    const std::size_t eol = section.find(kCrlf);
    const std::string_view line = section.substr(0, eol);
    section = eol == std::string_view::npos ? std::string_view{} : section.substr(eol + 2);
    // Folded lines (obs-fold) and stray CR or LF are not allowed.
    if (line.empty() || is_ows(line.front()) ||
        line.find_first_of("\r\n") != std::string_view::npos) {
      return malformed();
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0 ||
        !std::all_of(line.begin(), line.begin() + static_cast<std::ptrdiff_t>(colon), is_tchar)) {
      return malformed();
    }
    const std::string_view name = line.substr(0, colon);
    const std::string_view value = trim(line.substr(colon + 1));
    std::optional<std::string_view>* slot = iequals(name, "content-disposition") ? &disposition
                                            : iequals(name, "content-type")      ? &type
                                            : iequals(name, "content-transfer-encoding") ? &encoding
                                                                                         : nullptr;
    // Other headers are ignored (RFC 7578 §4.8); these three may appear once.
    if (slot == nullptr) continue;
    if (slot->has_value()) return malformed();
    *slot = value;
  }

  if (!disposition) return Status::BadRequest("multipart_part_no_name");
  const std::size_t semi = disposition->find(';');
  if (!iequals(trim(disposition->substr(0, semi)), "form-data")) {
    return Status::BadRequest("multipart_part_no_name");
  }
  auto params = parse_params(semi == std::string_view::npos ? "" : disposition->substr(semi));
  if (!params) return malformed();
  const Param* part_name = find_param(*params, "name");
  // name="" names nothing (found by fuzz/multipart_fuzz: it was read as a part named "").
  if (part_name == nullptr || part_name->value.empty())
    return Status::BadRequest("multipart_part_no_name");
  part.name = part_name->value;
  if (const Param* filename = find_param(*params, "filename")) part.filename = filename->value;
  if (type) part.content_type = *type;
  // RFC 7578 §4.7: deprecated; only identity encodings are understood.
  if (encoding && !iequals(*encoding, "binary") && !iequals(*encoding, "8bit") &&
      !iequals(*encoding, "7bit")) {
    return Status::BadRequest("multipart_unsupported_encoding")
        .with("encoding", std::string(encoding->substr(0, 40)));
  }
  return Status::Ok();
}

}  // namespace

Result<std::string> multipart_boundary(std::string_view content_type) {
  const std::size_t semi = content_type.find(';');
  if (!iequals(trim(content_type.substr(0, semi)), "multipart/form-data")) {
    return Status(Code::kUnsupportedMedia, "unsupported_media_type")
        .with("expected", "multipart/form-data");
  }
  auto params = parse_params(semi == std::string_view::npos ? "" : content_type.substr(semi));
  if (!params) return Status::BadRequest("multipart_bad_boundary");
  const Param* boundary = find_param(*params, "boundary");
  if (boundary == nullptr) return Status::BadRequest("multipart_no_boundary");
  const std::string& b = boundary->value;
  if (b.empty() || b.size() > 70 || b.back() == ' ' || !std::all_of(b.begin(), b.end(), is_bchar)) {
    return Status::BadRequest("multipart_bad_boundary");
  }
  return b;
}

Result<std::vector<FormPart>> parse_multipart(std::string_view content_type, std::string_view body,
                                              const MultipartLimits& limits) {
  Result<std::string> boundary = multipart_boundary(content_type);
  if (!boundary.ok()) return boundary.status();
  // Every delimiter but a first one at the very start of the body is CRLF "--" boundary.
  const std::string delimiter = "\r\n--" + *boundary;
  const std::boyer_moore_horspool_searcher find_delimiter(delimiter.begin(), delimiter.end());
  auto next_delimiter = [&](std::size_t from) -> std::size_t {
    auto it =
        std::search(body.begin() + static_cast<std::ptrdiff_t>(from), body.end(), find_delimiter);
    return it == body.end() ? std::string_view::npos : static_cast<std::size_t>(it - body.begin());
  };

  // Skip the preamble.
  std::size_t pos;
  if (body.substr(0, delimiter.size() - 2) == std::string_view(delimiter).substr(2)) {
    pos = delimiter.size() - 2;
  } else {
    const std::size_t first = next_delimiter(0);
    if (first == std::string_view::npos) return Status::BadRequest("multipart_unterminated");
    pos = first + delimiter.size();
  }

  std::vector<FormPart> parts;
  while (true) {
    // Just after a delimiter: "--" closes the body (whatever follows is the epilogue); otherwise
    // optional transport padding and CRLF open the next part.
    std::string_view rest = body.substr(pos);
    if (rest.substr(0, 2) == "--") break;
    while (!rest.empty() && is_ows(rest.front())) rest.remove_prefix(1);
    if (rest.substr(0, 2) != kCrlf) {
      return rest.empty() ? Status::BadRequest("multipart_unterminated") : malformed();
    }
    pos = body.size() - rest.size() + 2;
    if (parts.size() == limits.max_parts) {
      return Status::BadRequest("multipart_too_many_parts")
          .with("max", std::to_string(limits.max_parts));
    }

    // Header section, ended by an empty line (which may be the very first line).
    std::size_t content_start;
    std::string_view section;
    if (body.substr(pos, 2) == kCrlf) {
      content_start = pos + 2;
    } else {
      const std::string_view window = body.substr(pos, limits.max_header_bytes);
      const std::size_t end = window.find("\r\n\r\n");
      if (end == std::string_view::npos || end + 4 > limits.max_header_bytes) {
        if (body.size() - pos >= limits.max_header_bytes) {
          return Status::BadRequest("multipart_headers_too_large")
              .with("max", std::to_string(limits.max_header_bytes));
        }
        return Status::BadRequest("multipart_unterminated");
      }
      section = window.substr(0, end);
      content_start = pos + end + 4;
    }
    FormPart part;
    if (Status st = parse_part_headers(section, part); !st.ok()) return st;

    const std::size_t content_end = next_delimiter(content_start);
    if (content_end == std::string_view::npos) return Status::BadRequest("multipart_unterminated");
    part.content = body.substr(content_start, content_end - content_start);
    parts.push_back(std::move(part));
    pos = content_end + delimiter.size();
  }
  if (parts.empty()) return malformed();
  return parts;
}

}  // namespace cds::media
