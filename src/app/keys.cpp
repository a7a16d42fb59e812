#include "app/keys.hpp"

#include "oidc/jose.hpp"

namespace cds::app {

Result<Vault> open_vault(const Config& config, bool create) {
  const std::string path = keys_file_path(config);
  if (create) {
    auto created = Vault::create_if_missing(path);
    if (!created.ok()) return created.status();
  }
  auto vault = Vault::load(path);
  if (!vault.ok() || !create || !vault->signing_pem().empty()) return vault;
  auto key = oidc::generate_es256_key();
  if (!key.ok()) return key.status();
  auto pem = oidc::private_key_to_pem(*key);
  if (!pem.ok()) return pem.status();
  if (Status st = vault->set_signing_pem_and_save(path, *pem); !st.ok()) return st;
  return vault;
}

}  // namespace cds::app
