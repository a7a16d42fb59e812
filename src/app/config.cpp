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

Status check_oidc(const Oidc& oidc) {
  if (oidc.issuer.empty()) return Status::Ok();
  if (!oidc.issuer.starts_with("https://") && !oidc.issuer.starts_with("http://127.0.0.1") &&
      !oidc.issuer.starts_with("http://localhost"))
    return bad("oidc.issuer must be an https URL (plain http only on this machine)");
  if (oidc.client_auth != "private_key_jwt" && oidc.client_auth != "client_secret_basic")
    return bad("oidc.client_auth must be private_key_jwt or client_secret_basic");
  if (oidc.client_auth == "client_secret_basic" && oidc.client_secret.empty())
    return bad("oidc.client_secret is required with client_secret_basic");
  if (oidc.client_id.empty()) return bad("oidc.client_id must not be empty");
  if ((" " + oidc.scopes + " ").find(" openid ") == std::string::npos)
    return bad("oidc.scopes must include openid");
  return Status::Ok();
}

// A tile URL the web apps can load under their Content-Security-Policy (img-src 'self' https:).
Status check_realtime(const Realtime& r) {
  if (r.max_streams_per_user < 1 || r.max_streams_per_node < 1)
    return bad("realtime: stream limits must be at least 1");
  if (r.stream_queue_frames < 1 || r.stream_queue_kib < 1)
    return bad("realtime: stream queues must hold at least one frame and 1 KiB");
  if (r.heartbeat_ms < 100 || r.retry_ms < 100)
    return bad("realtime: heartbeat_ms and retry_ms must be at least 100");
  if (r.push_threads < 1 || r.push_threads > 64) return bad("realtime.push_threads: 1..64");
  if (!r.push_subject.empty() && !r.push_subject.starts_with("mailto:") &&
      !r.push_subject.starts_with("https://"))
    return bad("realtime.push_subject must be a mailto: or https: URL");
  return Status::Ok();
}

Status check_limits(const Limits& l) {
  if (l.max_keys < 100 || l.max_keys > 10'000'000) return bad("limits.max_keys: 100..10000000");
  if (l.worker_queue < 0 || l.worker_queue_wait_ms < 0) return bad("limits: queue bounds >= 0");
  if (l.max_connections < 0) return bad("limits.max_connections must not be negative");
  if (l.worker_nice < 0 || l.worker_nice > 19) return bad("limits.worker_nice: 0..19");
  for (const auto& [name, rate] : l.rates) {
    if (rate < 0) return bad("limits: " + name + " must not be negative");
    if (!name.starts_with("ip.") && !name.starts_with("user."))
      return bad("limits: " + name + " must start with ip. or user.");
  }
  return Status::Ok();
}

Status check_map(const Config& config) {
  const std::string& url = config.map_tiles_url;
  if (url.empty()) return Status::Ok();
  if (!url.starts_with("https://") && !(url.starts_with("/") && !url.starts_with("//")))
    return bad("map_tiles_url must be an https URL or a path on this server");
  for (const char* part : {"{z}", "{x}", "{y}"}) {
    if (url.find(part) == std::string::npos)
      return bad(std::string("map_tiles_url must contain ") + part);
  }
  if (config.map_attribution.size() > 300) return bad("map_attribution: at most 300 characters");
  return Status::Ok();
}

}  // namespace

std::string keys_file_path(const Config& config) {
  if (!config.keys_file.empty()) return config.keys_file;
  if (config.db_url.starts_with("sqlite:")) return config.db_url.substr(7) + ".keys";
  return config.data_dir + "/personal-data.keys";
}

std::string public_url(const Config& config) {
  if (!config.public_url.empty()) {
    std::string url = config.public_url;
    while (url.ends_with('/')) url.pop_back();
    return url;
  }
  const bool v6 = config.host.find(':') != std::string::npos;
  const std::string host = config.host == "0.0.0.0" ? "127.0.0.1" : config.host;
  return "http://" + (v6 ? "[" + host + "]" : host) + ":" + std::to_string(config.port);
}

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
  if (auto v = t["web_dir"].value<std::string>()) config.web_dir = *v;
  if (auto v = t["listen"].value<std::string>()) {
    if (Status st = set_listen(*v, config); !st.ok()) return st;
  }
  if (auto v = t["server"]["io_threads"].value<int>()) config.io_threads = *v;
  if (auto v = t["server"]["worker_threads"].value<int>()) config.worker_threads = *v;
  if (auto v = t["server"]["access_log"].value<bool>()) config.access_log = *v;
  if (auto v = t["server"]["read_timeout_ms"].value<int>()) config.read_timeout_ms = *v;
  if (auto v = t["store"]["connections"].value<int>()) config.db_connections = *v;
  if (auto v = t["keys_file"].value<std::string>()) config.keys_file = *v;
  if (auto v = t["public_url"].value<std::string>()) config.public_url = *v;
  if (auto v = t["oidc"]["issuer"].value<std::string>()) config.oidc.issuer = *v;
  if (auto v = t["oidc"]["client_id"].value<std::string>()) config.oidc.client_id = *v;
  if (auto v = t["oidc"]["client_auth"].value<std::string>()) config.oidc.client_auth = *v;
  if (auto v = t["oidc"]["client_secret"].value<std::string>()) config.oidc.client_secret = *v;
  if (auto v = t["oidc"]["scopes"].value<std::string>()) config.oidc.scopes = *v;
  if (auto v = t["oidc"]["use_par"].value<bool>()) config.oidc.use_par = *v;
  if (auto v = t["map_tiles_url"].value<std::string>()) config.map_tiles_url = *v;
  if (auto v = t["map_attribution"].value<std::string>()) config.map_attribution = *v;
  {
    Realtime& r = config.realtime;
    const auto rt = t["realtime"];
    if (auto v = rt["max_streams_per_user"].value<int>()) r.max_streams_per_user = *v;
    if (auto v = rt["max_streams_per_node"].value<int>()) r.max_streams_per_node = *v;
    if (auto v = rt["stream_queue_frames"].value<int>()) r.stream_queue_frames = *v;
    if (auto v = rt["stream_queue_kib"].value<int>()) r.stream_queue_kib = *v;
    if (auto v = rt["heartbeat_ms"].value<int>()) r.heartbeat_ms = *v;
    if (auto v = rt["retry_ms"].value<int>()) r.retry_ms = *v;
    if (auto v = rt["push_subject"].value<std::string>()) r.push_subject = *v;
    if (auto v = rt["push_allow_http"].value<bool>()) r.push_allow_http = *v;
    if (auto v = rt["push_threads"].value<int>()) r.push_threads = *v;
  }
  {
    Limits& l = config.limits;
    const auto lt = t["limits"];
    if (auto v = lt["enabled"].value<bool>()) l.enabled = *v;
    if (auto v = lt["max_keys"].value<int>()) l.max_keys = *v;
    if (auto v = lt["worker_queue"].value<int>()) l.worker_queue = *v;
    if (auto v = lt["worker_queue_wait_ms"].value<int>()) l.worker_queue_wait_ms = *v;
    if (auto v = lt["worker_nice"].value<int>()) l.worker_nice = *v;
    if (auto v = lt["max_connections"].value<int>()) l.max_connections = *v;
    if (const auto* proxies = lt["trusted_proxies"].as_array()) {
      l.trusted_proxies.clear();
      for (const auto& item : *proxies) {
        auto text = item.value<std::string>();
        if (!text) return bad("limits.trusted_proxies: a list of addresses");
        l.trusted_proxies += (l.trusted_proxies.empty() ? "" : ",") + *text;
      }
    }
    for (const char* scope : {"ip", "user"}) {
      if (const auto* table = lt[scope].as_table()) {
        for (const auto& [name, value] : *table) {
          auto rate = value.value<int>();
          if (!rate) return bad(std::string("limits.") + scope + "." + std::string(name.str()));
          l.rates[std::string(scope) + "." + std::string(name.str())] = *rate;
        }
      }
    }
  }
  if (Status st = check_limits(config.limits); !st.ok()) return st;
  if (Status st = check_realtime(config.realtime); !st.ok()) return st;
  if (Status st = check_oidc(config.oidc); !st.ok()) return st;
  if (Status st = check_map(config); !st.ok()) return st;
  if (config.io_threads < 0 || config.io_threads > 64) return bad("server.io_threads: 0..64");
  if (config.worker_threads < 1 || config.worker_threads > 1024)
    return bad("server.worker_threads: 1..1024");
  if (config.read_timeout_ms < 100 || config.read_timeout_ms > 600000)
    return bad("server.read_timeout_ms: 100..600000");
  if (config.db_connections < 1 || config.db_connections > 256)
    return bad("store.connections: 1..256");
  return Status::Ok();
}

Status load_env(Config& config) {
  if (const char* v = std::getenv("CDS_DB")) config.db_url = v;
  if (const char* v = std::getenv("CDS_DATA_DIR")) config.data_dir = v;
  if (const char* v = std::getenv("CDS_WEB_DIR")) config.web_dir = v;
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
  if (const char* v = std::getenv("CDS_READ_TIMEOUT_MS")) {
    if (Status st = parse_int("CDS_READ_TIMEOUT_MS", v, 100, 600000, config.read_timeout_ms);
        !st.ok())
      return st;
  }
  if (const char* v = std::getenv("CDS_ACCESS_LOG")) config.access_log = std::string(v) != "0";
  if (const char* v = std::getenv("CDS_KEYS_FILE")) config.keys_file = v;
  if (const char* v = std::getenv("CDS_PUBLIC_URL")) config.public_url = v;
  if (const char* v = std::getenv("CDS_OIDC_ISSUER")) config.oidc.issuer = v;
  if (const char* v = std::getenv("CDS_OIDC_CLIENT_ID")) config.oidc.client_id = v;
  if (const char* v = std::getenv("CDS_OIDC_CLIENT_AUTH")) config.oidc.client_auth = v;
  if (const char* v = std::getenv("CDS_OIDC_CLIENT_SECRET")) config.oidc.client_secret = v;
  if (const char* v = std::getenv("CDS_OIDC_SCOPES")) config.oidc.scopes = v;
  if (const char* v = std::getenv("CDS_OIDC_USE_PAR")) config.oidc.use_par = std::string(v) != "0";
  if (const char* v = std::getenv("CDS_MAP_TILES_URL")) config.map_tiles_url = v;
  if (const char* v = std::getenv("CDS_MAP_ATTRIBUTION")) config.map_attribution = v;
  {
    Realtime& r = config.realtime;
    const std::pair<const char*, int*> ints[] = {
        {"CDS_STREAM_MAX_PER_USER", &r.max_streams_per_user},
        {"CDS_STREAM_MAX_PER_NODE", &r.max_streams_per_node},
        {"CDS_STREAM_QUEUE_FRAMES", &r.stream_queue_frames},
        {"CDS_STREAM_QUEUE_KIB", &r.stream_queue_kib},
        {"CDS_STREAM_HEARTBEAT_MS", &r.heartbeat_ms},
        {"CDS_STREAM_RETRY_MS", &r.retry_ms},
        {"CDS_PUSH_THREADS", &r.push_threads}};
    for (const auto& [name, field] : ints) {
      if (const char* v = std::getenv(name)) {
        if (Status st = parse_int(name, v, 0, 10'000'000, *field); !st.ok()) return st;
      }
    }
    if (const char* v = std::getenv("CDS_PUSH_SUBJECT")) r.push_subject = v;
    if (const char* v = std::getenv("CDS_PUSH_ALLOW_HTTP"))
      r.push_allow_http = std::string(v) == "1";
  }
  {
    Limits& l = config.limits;
    if (const char* v = std::getenv("CDS_RATE_LIMITS")) {
      if (std::string(v) == "off") {
        l.enabled = false;
      } else {
        l.enabled = true;
        l.rates_text = v;
      }
    }
    if (const char* v = std::getenv("CDS_TRUSTED_PROXIES")) l.trusted_proxies = v;
    const std::pair<const char*, int*> ints[] = {
        {"CDS_WORKER_QUEUE", &l.worker_queue},
        {"CDS_WORKER_QUEUE_WAIT_MS", &l.worker_queue_wait_ms},
        {"CDS_WORKER_NICE", &l.worker_nice},
        {"CDS_MAX_CONNECTIONS", &l.max_connections}};
    for (const auto& [name, field] : ints) {
      if (const char* v = std::getenv(name)) {
        if (Status st = parse_int(name, v, 0, 10'000'000, *field); !st.ok()) return st;
      }
    }
  }
  if (Status st = check_limits(config.limits); !st.ok()) return st;
  if (Status st = check_realtime(config.realtime); !st.ok()) return st;
  if (Status st = check_map(config); !st.ok()) return st;
  return check_oidc(config.oidc);
}

}  // namespace cds::app
