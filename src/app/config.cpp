#include "app/config.hpp"

#include <toml++/toml.h>
#include <cstdlib>

namespace cds::app {
namespace {

Status bad(std::string what) {
  Status st = Status::Invalid("invalid_config");
  st.with("detail", std::move(what));
  return st;
}

Status parse_int(const char* name, const char* text, int min, int max, int& out) {
  char* end = nullptr;
  long v = std::strtol(text, &end, 10);
  if (!end || *end != '\0' || v < min || v > max)
    return bad(std::string(name) + " must be a number from " + std::to_string(min) + " to " +
               std::to_string(max));
  out = static_cast<int>(v);
  return Status::Ok();
}

}  // namespace

Status set_listen(const std::string& listen, Config& config) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos) return bad("listen must be HOST:PORT, got '" + listen + "'");
  int port = 0;
  if (Status st = parse_int("port", listen.substr(colon + 1).c_str(), 0, 65535, port); !st.ok())
    return st;
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  config.host = host.empty() ? "0.0.0.0" : host;
  config.port = static_cast<std::uint16_t>(port);
  return Status::Ok();
}

Status load_toml(const std::string& path, Config& config) {
  toml::table t;
  try {
    t = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    return bad(path + ": " + std::string(e.description()));
  }
  if (auto v = t["db"].value<std::string>()) config.db_url = *v;
  if (auto v = t["data_dir"].value<std::string>()) config.data_dir = *v;
  if (auto v = t["listen"].value<std::string>()) {
    if (Status st = set_listen(*v, config); !st.ok()) return st;
  }
  if (auto v = t["server"]["io_threads"].value<int>()) config.io_threads = *v;
  if (auto v = t["server"]["worker_threads"].value<int>()) config.worker_threads = *v;
  if (auto v = t["server"]["access_log"].value<bool>()) config.access_log = *v;
  if (auto v = t["store"]["connections"].value<int>()) config.db_connections = *v;
  if (config.io_threads < 0 || config.io_threads > 64) return bad("server.io_threads: 0..64");
  if (config.worker_threads < 1 || config.worker_threads > 1024)
    return bad("server.worker_threads: 1..1024");
  if (config.db_connections < 1 || config.db_connections > 256)
    return bad("store.connections: 1..256");
  return Status::Ok();
}

Status load_env(Config& config) {
  if (const char* v = std::getenv("CDS_DB")) config.db_url = v;
  if (const char* v = std::getenv("CDS_DATA_DIR")) config.data_dir = v;
  if (const char* v = std::getenv("CDS_LISTEN")) {
    if (Status st = set_listen(v, config); !st.ok()) return st;
  }
  if (const char* v = std::getenv("CDS_IO_THREADS")) {
    if (Status st = parse_int("CDS_IO_THREADS", v, 0, 64, config.io_threads); !st.ok()) return st;
  }
  if (const char* v = std::getenv("CDS_WORKER_THREADS")) {
    if (Status st = parse_int("CDS_WORKER_THREADS", v, 1, 1024, config.worker_threads); !st.ok())
      return st;
  }
  if (const char* v = std::getenv("CDS_DB_CONNECTIONS")) {
    if (Status st = parse_int("CDS_DB_CONNECTIONS", v, 1, 256, config.db_connections); !st.ok())
      return st;
  }
  if (const char* v = std::getenv("CDS_ACCESS_LOG")) config.access_log = std::string(v) != "0";
  return Status::Ok();
}

}  // namespace cds::app
