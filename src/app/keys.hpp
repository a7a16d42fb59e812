// The deployment's keys: the vault for personal data and the OpenID Connect client key.
#pragma once

#include "app/config.hpp"
#include "common/status.hpp"
#include "common/vault.hpp"

namespace cds::app {

// The vault of `config`'s key file. With `create`, a missing key file is made first; a key file
// without an OpenID Connect client key gets one (ES256).
Result<Vault> open_vault(const Config& config, bool create);

}  // namespace cds::app
