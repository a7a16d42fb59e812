// The composition root: builds the store, the services and the routes from a Config, and serves.
// Nothing else in the product creates long-lived objects; each gets what it needs here.
#pragma once

#include <memory>

#include "app/config.hpp"
#include "common/clock.hpp"
#include "store/database.hpp"

namespace cds::app {

// Opens the database of `config` (throws store::DbError when it cannot).
std::unique_ptr<store::Database> open_store(const Config& config);

// Whether every migration has been applied; a clear error otherwise.
Status check_migrated(store::Database& db);

// Serves until SIGTERM/SIGINT; returns the process exit code.
int serve(const Config& config);

}  // namespace cds::app
