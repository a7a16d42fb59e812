// Re-sealing personal data at rest: after `congdanso keys rotate` every sealed value moves to the
// new key, and a value stored in clear by an older version is sealed. One list of every sealed
// column lives here, so that nothing is forgotten when a key is retired.
#pragma once

#include <cstdint>
#include <functional>

#include "common/status.hpp"
#include "common/vault.hpp"
#include "store/database.hpp"

namespace cds::privacy {

struct SealedColumn {
  const char* table;
  const char* key;     // the primary key column
  const char* column;  // holds a sealed value (or NULL)
};

// Every column that holds personal data sealed with the vault.
extern const SealedColumn kSealedColumns[11];

// Seals with the current key every value of kSealedColumns not yet sealed with it, in batches of
// `batch` rows per transaction (serving goes on meanwhile). Returns how many values changed.
// `progress` is called after each batch with the running total.
Result<std::int64_t> reseal_all(store::Database& db, const Vault& vault, int batch = 500,
                                const std::function<void(std::int64_t)>& progress = nullptr);

}  // namespace cds::privacy
