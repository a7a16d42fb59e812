// Trusted proxies as address blocks, compared byte by byte (IPv4-mapped IPv6 as IPv4).
#include "http/client_address.hpp"

#include <boost/asio/ip/address.hpp>
#include <charconv>
#include <cstring>
#include <optional>
#include <stdexcept>

namespace cds::http {
namespace {

namespace ip = boost::asio::ip;

// An address as 4 or 16 bytes; nullopt when `text` is not one. "::ffff:a.b.c.d" becomes a.b.c.d.
struct Parsed {
  bool v6 = false;
  unsigned char bytes[16] = {};
};

std::optional<Parsed> parse(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (text.size() > 2 && text.front() == '[' && text.back() == ']')
    text = text.substr(1, text.size() - 2);
  boost::system::error_code ec;
  ip::address a = ip::make_address(std::string(text), ec);
  if (ec) return std::nullopt;
  if (a.is_v6() && a.to_v6().is_v4_mapped()) a = ip::make_address_v4(ip::v4_mapped, a.to_v6());
  Parsed p;
  if (a.is_v4()) {
    const auto b = a.to_v4().to_bytes();
    std::memcpy(p.bytes, b.data(), b.size());
  } else {
    p.v6 = true;
    const auto b = a.to_v6().to_bytes();
    std::memcpy(p.bytes, b.data(), b.size());
  }
  return p;
}

}  // namespace

TrustedProxies::TrustedProxies(const std::vector<std::string>& entries) {
  for (const std::string& entry : entries) {
    std::string_view text = entry;
    int prefix = -1;
    if (auto slash = text.find('/'); slash != std::string_view::npos) {
      const std::string_view bits = text.substr(slash + 1);
      auto [end, ec] = std::from_chars(bits.data(), bits.data() + bits.size(), prefix);
      if (ec != std::errc{} || end != bits.data() + bits.size()) prefix = 999;
      text = text.substr(0, slash);
    }
    auto parsed = parse(text);
    const int width = parsed && parsed->v6 ? 128 : 32;
    if (!parsed || prefix > width || prefix == 0 || prefix < -1)
      throw std::invalid_argument("not an address or address block: " + entry);
    Block b;
    b.v6 = parsed->v6;
    std::memcpy(b.bytes, parsed->bytes, sizeof b.bytes);
    b.prefix = prefix < 0 ? width : prefix;
    blocks_.push_back(b);
  }
}

bool TrustedProxies::trusts(std::string_view address) const {
  if (blocks_.empty()) return false;
  auto a = parse(address);
  if (!a) return false;
  for (const Block& b : blocks_) {
    if (b.v6 != a->v6) continue;
    const int whole = b.prefix / 8, rest = b.prefix % 8;
    if (std::memcmp(b.bytes, a->bytes, static_cast<std::size_t>(whole)) != 0) continue;
    if (rest != 0) {
      const unsigned char mask = static_cast<unsigned char>(0xFF << (8 - rest));
      if ((b.bytes[whole] & mask) != (a->bytes[whole] & mask)) continue;
    }
    return true;
  }
  return false;
}

std::string TrustedProxies::client_of(std::string_view peer, std::string_view forwarded_for) const {
  if (forwarded_for.empty() || !trusts(peer)) return std::string(peer);
  std::string_view rest = forwarded_for;
  std::string last_trusted(peer);
  while (!rest.empty()) {
    const auto comma = rest.rfind(',');
    std::string_view item = comma == std::string_view::npos ? rest : rest.substr(comma + 1);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    auto parsed = parse(item);
    if (!parsed) return last_trusted;  // garbage from someone: stop at what we know
    std::string address(item);
    if (address.size() > 2 && address.front() == '[')
      address = address.substr(1, address.size() - 2);
    if (!trusts(address)) return address;
    last_trusted = std::move(address);
  }
  return last_trusted;
}

}  // namespace cds::http
