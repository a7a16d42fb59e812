// Personal data at rest: values sealed with libsodium's secretbox (XSalsa20-Poly1305) under a key
// from the key file, each value naming the key that sealed it, so keys can be rotated.
//
// The key file (one per deployment; keep it apart from the database and its backups):
//   # comment
//   index <base64 32 bytes>          keyed hash for looking up values without storing them
//   key <kid> <base64 32 bytes>      data keys; the last one seals new values
//   signing <base64 PKCS#8 PEM>      the OpenID Connect client's ES256 key (private_key_jwt)
//   vapid <base64 PKCS#8 PEM>        the Web Push VAPID key pair (P-256; `congdanso keys vapid`)
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.hpp"

namespace cds {

class Vault {
 public:
  // Reads a key file; a clear error when it is missing or malformed.
  static Result<Vault> load(const std::string& path);
  // Creates the key file (mode 0600) with a fresh index key and data key when it does not exist;
  // returns whether it was created.
  static Result<bool> create_if_missing(const std::string& path);
  // A vault with one random data key and index key, kept only in memory (tests).
  static Vault ephemeral();

  // "pd1$<kid>$<base64 nonce|mac|ciphertext>"; never fails.
  std::string seal(std::string_view plain) const;
  // The plain text of a sealed value; an error when its key is not in the file or it was altered.
  Result<std::string> open(std::string_view sealed) const;
  std::optional<std::string> seal_optional(const std::optional<std::string>& plain) const;
  // Opens a value read from the store; a value that cannot be opened is an internal error.
  Result<std::optional<std::string>> open_optional(const std::optional<std::string>& sealed) const;
  // Whether `value` is sealed with the current key (rotation skips those).
  bool is_current(std::string_view value) const;
  static bool is_sealed(std::string_view value);

  // Hex HMAC-SHA-256 of `value` under the index key: equal inputs give equal outputs, and the
  // value cannot be recovered or guessed without the key (for looking up a `sub` or a phone).
  std::string blind_index(std::string_view value) const;

  const std::string& current_kid() const { return current_kid_; }
  // The PEM of the OpenID Connect client key; empty when the file holds none.
  const std::string& signing_pem() const { return signing_pem_; }
  // The PEM of the Web Push VAPID key; empty when the file holds none.
  const std::string& vapid_pem() const { return vapid_pem_; }

  // Adds a new data key that becomes the current one and writes the key file (atomically);
  // older keys stay so that values sealed with them can still be opened.
  Status add_key_and_save(const std::string& path);
  // Stores the OpenID Connect client key and writes the key file.
  Status set_signing_pem_and_save(const std::string& path, std::string pem);
  // Stores the Web Push VAPID key and writes the key file. Replacing a key cuts off every
  // browser subscription made with the old one: callers set it once.
  Status set_vapid_pem_and_save(const std::string& path, std::string pem);

 private:
  Status save(const std::string& path) const;

  std::map<std::string, std::string, std::less<>> keys_;  // kid -> 32-byte key
  std::vector<std::string> kid_order_;                    // as in the file; the last is current
  std::string current_kid_;
  std::string index_key_;  // 32 bytes
  std::string signing_pem_;
  std::string vapid_pem_;
};

}  // namespace cds
