// The request headers that choose what a static file's answer is: Accept-Encoding (which of the
// build's precompressed variants to send) and If-None-Match (whether the client's copy is current).
#pragma once

#include <string_view>

namespace cds::web {

enum class Coding { kIdentity, kGzip, kBrotli };

// The content codings an Accept-Encoding value admits (RFC 9110 §12.5.3). Only q=0 refuses a
// coding; other weights are not compared, because the server's order (brotli, gzip, identity)
// decides. An empty value admits identity only; "*" admits what is not named; identity is
// admitted unless refused by "identity;q=0" or "*;q=0". "x-gzip" is gzip.
struct AcceptedCodings {
  bool brotli = false;
  bool gzip = false;
  bool identity = true;
};
AcceptedCodings parse_accept_encoding(std::string_view header);

// The best coding this file can be sent in: brotli when admitted and present, then gzip, then
// identity (also when the client refused identity and no admitted variant exists: the bytes are
// sent anyway rather than a 406).
Coding choose_coding(const AcceptedCodings& accepted, bool has_brotli, bool has_gzip);

// "br", "gzip", or empty for identity: the Content-Encoding value.
std::string_view coding_name(Coding coding);

// Whether an If-None-Match value names `etag` (weak comparison, RFC 9110 §13.1.2: "W/" is
// ignored on either side) or is "*". An empty value matches nothing.
bool none_match(std::string_view if_none_match, std::string_view etag);

}  // namespace cds::web
