// Who the client is when a proxy (nginx) stands in front: the peer's address, or, when the peer
// is a proxy we trust, the address that proxy saw, from X-Forwarded-For.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cds::http {

class TrustedProxies {
 public:
  // `entries`: addresses ("10.0.0.5", "::1") or blocks ("10.0.0.0/8", "fd00::/8"). Throws
  // std::invalid_argument naming the first one that is neither.
  explicit TrustedProxies(const std::vector<std::string>& entries = {});

  bool trusts(std::string_view address) const;

  // The client of a request from `peer`: `peer` itself unless it is trusted; then the rightmost
  // address of X-Forwarded-For that is not a trusted proxy (each proxy appends the address it
  // saw, so the addresses left of the last untrusted one are the client's to invent). The last
  // trusted one when all are trusted; `peer` when the header is absent or unreadable.
  std::string client_of(std::string_view peer, std::string_view forwarded_for) const;

 private:
  struct Block {
    bool v6 = false;
    unsigned char bytes[16] = {};
    int prefix = 0;  // leading bits that must match
  };
  std::vector<Block> blocks_;
};

}  // namespace cds::http
