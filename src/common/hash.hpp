// Digests used across the product (token hashes, idempotency request fingerprints).
#pragma once

#include <string>
#include <string_view>

namespace cds {

// Lower-case hex SHA-256 of `data` (OpenSSL 3).
std::string sha256_hex(std::string_view data);

}  // namespace cds
