#include "directory/public_app.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include <algorithm>

namespace cds::directory {
namespace {

// Schemes that are not an app's own: they run script, read local or inline data, open the
// browser or another system handler, or reach a component by name (Android's intent:).
constexpr std::string_view kRefusedSchemes[] = {
    "javascript", "vbscript", "data",   "file",   "blob",     "about",       "filesystem",
    "http",       "https",    "ftp",    "ws",     "wss",      "intent",      "content",
    "mailto",     "tel",      "sms",    "chrome", "jar",      "view-source", "resource",
    "ms-appx",    "res",      "market", "itms",   "itms-apps"};

// No byte a person cannot see or that ends an attribute: controls, space, DEL, quotes, <, >, `.
bool plain_bytes(std::string_view text) {
  return std::none_of(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7f || c == '"' || c == '\'' || c == '<' || c == '>' || c == '`' ||
           c == '\\';
  });
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool scheme_char(char c, bool first) {
  if (c >= 'a' && c <= 'z') return true;
  if (first) return false;
  return (c >= '0' && c <= '9') || c == '+' || c == '.' || c == '-';
}

}  // namespace

bool is_category(std::string_view name) {
  return std::find(kCategories.begin(), kCategories.end(), name) != kCategories.end();
}

bool is_https_link(std::string_view link, std::string_view host) {
  if (link.size() > kMaxLink || !link.starts_with("https://") || !plain_bytes(link)) return false;
  auto parsed = boost::urls::parse_uri(link);  // an absolute URI, a fragment allowed
  if (!parsed) return false;
  const boost::urls::url_view url = *parsed;
  if (!url.has_authority() || url.encoded_host().empty() || url.has_userinfo()) return false;
  const std::string_view url_host(url.encoded_host().data(), url.encoded_host().size());
  if (url_host.find('%') != std::string_view::npos) return false;
  return host.empty() || lower(url_host) == host;
}

bool is_app_link(std::string_view link) {
  if (link.size() > kMaxLink || !plain_bytes(link)) return false;
  const auto colon = link.find(':');
  if (colon == std::string_view::npos || colon < 2 || colon > 32 || colon + 1 == link.size())
    return false;
  const std::string_view scheme = link.substr(0, colon);
  for (std::size_t i = 0; i < scheme.size(); ++i)
    if (!scheme_char(scheme[i], i == 0)) return false;
  if (std::find(std::begin(kRefusedSchemes), std::end(kRefusedSchemes), scheme) !=
      std::end(kRefusedSchemes))
    return false;
  return static_cast<bool>(boost::urls::parse_uri(link));
}

}  // namespace cds::directory
