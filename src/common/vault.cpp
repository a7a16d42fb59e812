// Sealing and opening personal data; reading, creating and rotating the key file.
#include "common/vault.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace cds {
namespace {

constexpr std::string_view kPrefix = "pd1$";
constexpr std::size_t kKeyBytes = crypto_secretbox_KEYBYTES;
static_assert(kKeyBytes == 32);

void ensure_sodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot start");
}

std::string random_bytes(std::size_t n) {
  ensure_sodium();
  std::string out(n, '\0');
  randombytes_buf(out.data(), n);
  return out;
}

std::string to_base64(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

std::optional<std::string> from_base64(std::string_view text) {
  std::string out(text.size(), '\0');
  std::size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    return std::nullopt;
  out.resize(len);
  return out;
}

std::string new_kid() {
  const std::string raw = random_bytes(4);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string kid;
  for (unsigned char c : raw) {
    kid += kHex[c >> 4];
    kid += kHex[c & 15];
  }
  return kid;
}

Status key_file_error(const std::string& path, std::string why) {
  return Status::Invalid("invalid_config")
      .with("detail", "key file " + path + ": " + std::move(why));
}

}  // namespace

Vault Vault::ephemeral() {
  Vault v;
  v.index_key_ = random_bytes(kKeyBytes);
  v.current_kid_ = new_kid();
  v.kid_order_.push_back(v.current_kid_);
  v.keys_[v.current_kid_] = random_bytes(kKeyBytes);
  return v;
}

Result<Vault> Vault::load(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return key_file_error(path,
                          "cannot be read; `congdanso migrate` creates it, or set "
                          "CDS_KEYS_FILE to the deployment's key file");
  }
  Vault v;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    std::string kind, a, b;
    words >> kind >> a >> b;
    const std::string where = "line " + std::to_string(number);
    if (kind == "index") {
      auto key = from_base64(a);
      if (!key || key->size() != kKeyBytes) return key_file_error(path, where + ": bad index key");
      v.index_key_ = *key;
    } else if (kind == "key") {
      auto key = from_base64(b);
      if (a.empty() || a.find('$') != std::string::npos || !key || key->size() != kKeyBytes)
        return key_file_error(path, where + ": bad data key");
      if (!v.keys_.emplace(a, *key).second)
        return key_file_error(path, where + ": key id " + a + " appears twice");
      v.kid_order_.push_back(a);
    } else if (kind == "signing") {
      auto pem = from_base64(a);
      if (!pem) return key_file_error(path, where + ": bad signing key");
      v.signing_pem_ = *pem;
    } else if (kind == "vapid") {
      auto pem = from_base64(a);
      if (!pem) return key_file_error(path, where + ": bad VAPID key");
      v.vapid_pem_ = *pem;
    } else {
      return key_file_error(path, where + ": unknown entry '" + kind + "'");
    }
  }
  if (v.index_key_.empty() || v.kid_order_.empty())
    return key_file_error(path, "needs an index key and at least one data key");
  v.current_kid_ = v.kid_order_.back();
  return v;
}

Result<bool> Vault::create_if_missing(const std::string& path) {
  if (::access(path.c_str(), F_OK) == 0) return false;
  Vault v = ephemeral();
  if (Status st = v.save(path); !st.ok()) return st;
  return true;
}

Status Vault::save(const std::string& path) const {
  std::string text =
      "# Công dân số keys for personal data at rest. Keep this file secret and back it up apart\n"
      "# from the database: without it the sealed values cannot be read. The last data key seals\n"
      "# new values; `congdanso keys rotate` adds one and re-seals everything with it.\n";
  text += "index " + to_base64(index_key_) + "\n";
  for (const auto& kid : kid_order_) text += "key " + kid + " " + to_base64(keys_.at(kid)) + "\n";
  if (!signing_pem_.empty()) text += "signing " + to_base64(signing_pem_) + "\n";
  if (!vapid_pem_.empty()) text += "vapid " + to_base64(vapid_pem_) + "\n";

  const std::string tmp = path + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return key_file_error(path, "cannot be written");
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ok = ::fsync(fd) == 0 && ok;
  ok = ::close(fd) == 0 && ok;
  if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return key_file_error(path, "cannot be written");
  }
  return Status::Ok();
}

Status Vault::add_key_and_save(const std::string& path) {
  std::string kid = new_kid();
  while (keys_.contains(kid)) kid = new_kid();
  keys_[kid] = random_bytes(kKeyBytes);
  kid_order_.push_back(kid);
  current_kid_ = kid;
  return save(path);
}

Status Vault::set_signing_pem_and_save(const std::string& path, std::string pem) {
  signing_pem_ = std::move(pem);
  return save(path);
}

Status Vault::set_vapid_pem_and_save(const std::string& path, std::string pem) {
  vapid_pem_ = std::move(pem);
  return save(path);
}

std::string Vault::seal(std::string_view plain) const {
  const std::string& key = keys_.at(current_kid_);
  std::string box(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plain.size(), '\0');
  auto* out = reinterpret_cast<unsigned char*>(box.data());
  randombytes_buf(out, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(out + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(plain.data()), plain.size(), out,
                        reinterpret_cast<const unsigned char*>(key.data()));
  return std::string(kPrefix) + current_kid_ + "$" + to_base64(box);
}

bool Vault::is_sealed(std::string_view value) {
  return value.starts_with(kPrefix);
}

bool Vault::is_current(std::string_view value) const {
  return value.starts_with(std::string(kPrefix) + current_kid_ + "$");
}

Result<std::string> Vault::open(std::string_view sealed) const {
  if (!is_sealed(sealed)) return Status::Internal("personal data stored without sealing");
  sealed.remove_prefix(kPrefix.size());
  const auto dollar = sealed.find('$');
  if (dollar == std::string_view::npos) return Status::Internal("malformed sealed value");
  const auto key = keys_.find(sealed.substr(0, dollar));
  if (key == keys_.end())
    return Status::Internal("sealed with key " + std::string(sealed.substr(0, dollar)) +
                            ", which is not in the key file");
  auto box = from_base64(sealed.substr(dollar + 1));
  constexpr std::size_t kOverhead = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES;
  if (!box || box->size() < kOverhead) return Status::Internal("malformed sealed value");
  std::string plain(box->size() - kOverhead, '\0');
  const auto* in = reinterpret_cast<const unsigned char*>(box->data());
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()),
                                 in + crypto_secretbox_NONCEBYTES,
                                 box->size() - crypto_secretbox_NONCEBYTES, in,
                                 reinterpret_cast<const unsigned char*>(key->second.data())) != 0)
    return Status::Internal("a sealed value was altered or sealed with another key");
  return plain;
}

std::optional<std::string> Vault::seal_optional(const std::optional<std::string>& plain) const {
  if (!plain) return std::nullopt;
  return seal(std::string_view(*plain));
}

Result<std::optional<std::string>> Vault::open_optional(
    const std::optional<std::string>& sealed) const {
  if (!sealed) return std::optional<std::string>{};
  auto plain = open(std::string_view(*sealed));
  if (!plain.ok()) return plain.status();
  return std::optional<std::string>(std::move(*plain));
}

std::string Vault::blind_index(std::string_view value) const {
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256(mac, reinterpret_cast<const unsigned char*>(value.data()), value.size(),
                         reinterpret_cast<const unsigned char*>(index_key_.data()));
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < sizeof mac; ++i) {
    out += kHex[mac[i] >> 4];
    out += kHex[mac[i] & 15];
  }
  return out;
}

}  // namespace cds
