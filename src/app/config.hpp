// Configuration of a congdanso process: defaults, then a TOML file, then CDS_* environment
// variables, then command-line flags (each overrides the one before).
#pragma once

#include <cstdint>
#include <string>

#include "common/status.hpp"

namespace cds::app {

struct Config {
  std::string db_url = "sqlite:var/congdanso.db";  // sqlite:PATH or postgresql://...
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;
  std::string data_dir = "var";  // photos and other files
  int io_threads = 0;            // event-loop threads; 0: one per core
  int worker_threads = 64;
  int db_connections = 8;
  bool access_log = true;
};

// Reads `path` (TOML) into `config`:
//   db = "sqlite:var/congdanso.db"
//   listen = "127.0.0.1:8080"
//   data_dir = "var"
//   [server] io_threads = 0 (one per core), worker_threads = 64, access_log = true
//   [store]  connections = 8
Status load_toml(const std::string& path, Config& config);
// CDS_DB, CDS_LISTEN, CDS_DATA_DIR, CDS_IO_THREADS, CDS_WORKER_THREADS, CDS_DB_CONNECTIONS,
// CDS_ACCESS_LOG (0/1).
Status load_env(Config& config);
// "HOST:PORT" (or ":PORT") into the config.
Status set_listen(const std::string& listen, Config& config);

}  // namespace cds::app
