// Accept-Encoding and If-None-Match, read as RFC 9110 says; see negotiation.hpp.
#include "web/negotiation.hpp"

#include <optional>

namespace cds::web {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

// "0", "0.", "0.000": a weight of zero, which refuses the coding.
bool zero_weight(std::string_view q) {
  if (q.empty() || q.front() != '0') return false;
  q.remove_prefix(1);
  if (q.empty()) return true;
  if (q.front() != '.') return false;
  return q.substr(1).find_first_not_of('0') == std::string_view::npos;
}

}  // namespace

AcceptedCodings parse_accept_encoding(std::string_view header) {
  AcceptedCodings out;
  bool brotli_named = false, gzip_named = false, identity_named = false;
  std::optional<bool> star;  // what "*" says of the codings not named
  while (!header.empty()) {
    const size_t comma = header.find(',');
    std::string_view element = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);

    size_t semicolon = element.find(';');
    const std::string_view coding = trim(element.substr(0, semicolon));
    bool admitted = true;
    while (semicolon != std::string_view::npos) {
      element.remove_prefix(semicolon + 1);
      semicolon = element.find(';');
      const std::string_view param = trim(element.substr(0, semicolon));
      if (param.size() >= 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
        admitted = !zero_weight(trim(param.substr(2)));
      }
    }
    if (iequals(coding, "br")) {
      brotli_named = true;
      out.brotli = admitted;
    } else if (iequals(coding, "gzip") || iequals(coding, "x-gzip")) {
      gzip_named = true;
      out.gzip = admitted;
    } else if (iequals(coding, "identity")) {
      identity_named = true;
      out.identity = admitted;
    } else if (coding == "*") {
      star = admitted;
    }
  }
  if (star) {
    if (!brotli_named) out.brotli = *star;
    if (!gzip_named) out.gzip = *star;
    if (!identity_named) out.identity = *star;
  }
  return out;
}

Coding choose_coding(const AcceptedCodings& accepted, bool has_brotli, bool has_gzip) {
  if (accepted.brotli && has_brotli) return Coding::kBrotli;
  if (accepted.gzip && has_gzip) return Coding::kGzip;
  return Coding::kIdentity;
}

std::string_view coding_name(Coding coding) {
  switch (coding) {
    case Coding::kBrotli:
      return "br";
    case Coding::kGzip:
      return "gzip";
    case Coding::kIdentity:
      break;
  }
  return {};
}

bool none_match(std::string_view if_none_match, std::string_view etag) {
  if (etag.starts_with("W/")) etag.remove_prefix(2);
  std::string_view rest = if_none_match;
  for (;;) {
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t' || rest.front() == ','))
      rest.remove_prefix(1);
    if (rest.empty()) return false;
    if (rest.front() == '*') return true;
    if (rest.starts_with("W/")) rest.remove_prefix(2);
    if (!rest.empty() && rest.front() == '"') {
      const size_t close = rest.find('"', 1);
      if (close == std::string_view::npos) return false;  // unterminated: malformed
      if (rest.substr(0, close + 1) == etag) return true;
      rest.remove_prefix(close + 1);
    } else {
      const size_t comma = rest.find(',');  // not an entity tag: skip it
      if (comma == std::string_view::npos) return false;
      rest.remove_prefix(comma);
    }
  }
}

}  // namespace cds::web
