// Configuration of a congdanso process: defaults, then a TOML file, then CDS_* environment
// variables, then command-line flags (each overrides the one before).
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "common/status.hpp"

namespace cds::app {

// Citizen sign-in with the national e-ID (VNeID) or the local stand-in; off while issuer is empty.
struct Oidc {
  std::string issuer;  // https://... exactly as the issuer names itself
  std::string client_id = "congdanso";
  std::string client_auth = "private_key_jwt";  // or client_secret_basic
  std::string client_secret;                    // client_secret_basic only
  std::string scopes = "openid profile email phone national_id";
  bool use_par = true;  // when the issuer offers PAR (RFC 9126)
};

// Live streams and web push (docs/REALTIME.md).
struct Realtime {
  int max_streams_per_user = 8;      // tabs and devices of one signed-in person
  int max_streams_per_node = 20000;  // every stream on this process, signed in or not
  int stream_queue_frames = 256;     // a stream further behind than this is cut off
  int stream_queue_kib = 256;
  int heartbeat_ms = 15000;  // a comment line on an idle stream
  int retry_ms = 3000;       // the `retry:` hint every stream starts with
  // Web push: the VAPID `sub` (a mailto: or https: URL the push services may contact); empty:
  // mailto:1022@<host of public_url>.
  std::string push_subject;
  // Accept push endpoints over plain http (the local test push service only; never in
  // production, where every push service is https).
  bool push_allow_http = false;
  int push_threads = 4;
};

// Rate limits and admission control (docs/SECURITY.md, "Rate limits"; src/app/rate_policy.cpp
// holds the route classes and their default allowances).
struct Limits {
  bool enabled = true;  // rate limits; admission control has its own knobs below
  // Overrides of the default allowances, requests per minute: "ip.write" → 600, "user.*" → 0
  // (0: no limit; "*" every class).
  std::map<std::string, int> rates;
  // Applied in order, after `rates`: "ip.write=600,user.*=0", as CDS_RATE_LIMITS gives them.
  std::string rates_text;
  int max_keys = 100'000;
  // Proxies whose X-Forwarded-For names the client: addresses or blocks, comma-separated.
  std::string trusted_proxies = "127.0.0.1,::1";
  int worker_queue = 1024;          // requests waiting for a worker; 0: no bound
  int worker_queue_wait_ms = 1000;  // the oldest may wait this long; 0: no bound
  // How much lower the workers' scheduling priority is than the event loop's (nice steps, 0..19):
  // under overload the event loop keeps reading requests, refusing and answering /healthz.
  int worker_nice = 5;
  int max_connections = 0;  // open connections (streams count); above: 503. 0: 20000 or more
};

struct Config {
  std::string db_url = "sqlite:var/congdanso.db";  // sqlite:PATH or postgresql://...
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;
  std::string data_dir = "var";  // photos and other files
  int io_threads = 0;            // event-loop threads; 0: one per core
  int worker_threads = 64;
  int db_connections = 8;
  bool access_log = true;
  // How long one request may take to arrive once its first byte did (a slow client is answered
  // 408 and cut off after it), and how long a new connection may stay silent.
  int read_timeout_ms = 15000;
  // The built web front end (citizen app, staff console), loaded into memory at start-up.
  std::string web_dir = "web/dist";
  // The key file for personal data at rest (src/common/vault.hpp). Empty: beside a SQLite
  // database (PATH.keys), or data_dir/personal-data.keys with PostgreSQL.
  std::string keys_file;
  // The address people reach this server at (scheme, host, port; no path): the OpenID Connect
  // redirect URI and the JWKS URL are built on it. Empty: http://HOST:PORT of `listen`.
  std::string public_url;
  Oidc oidc;
  // The base map's tile URL template for the web apps' maps ({z}/{x}/{y}, optionally {s} and
  // {r}): https://..., or a path on this server ("/tiles/{z}/{x}/{y}.png"). Empty: no tiles; the
  // maps still show the pin, the coordinates and the wards (GET /api/v1/config tells the apps).
  std::string map_tiles_url;
  std::string map_attribution;  // shown on the map, e.g. "© OpenStreetMap contributors"
  Realtime realtime;
  Limits limits;
};

// The keys file `config` names, or its default.
std::string keys_file_path(const Config& config);
// `public_url`, or the listen address as a URL.
std::string public_url(const Config& config);

// Reads `path` (TOML) into `config`:
//   db = "sqlite:var/congdanso.db"
//   listen = "127.0.0.1:8080"
//   data_dir = "var"
//   web_dir = "web/dist"
//   [server] io_threads = 0 (one per core), worker_threads = 64, access_log = true,
//            read_timeout_ms = 15000
//   [store]  connections = 8
//   keys_file = "/run/secrets/congdanso.keys"
//   public_url = "https://congdanso.example.vn"
//   [oidc] issuer, client_id, client_auth, client_secret, scopes, use_par
//   map_tiles_url = "https://tiles.example.vn/{z}/{x}/{y}.png"
//   map_attribution = "© OpenStreetMap contributors"
//   [realtime] max_streams_per_user, max_streams_per_node, stream_queue_frames,
//              stream_queue_kib, heartbeat_ms, retry_ms, push_subject, push_allow_http,
//              push_threads
//   [limits] enabled, trusted_proxies = ["127.0.0.1"], max_keys, worker_queue,
//            worker_queue_wait_ms, worker_nice, max_connections; [limits.ip] and [limits.user]:
//            CLASS = N
Status load_toml(const std::string& path, Config& config);
// CDS_DB, CDS_LISTEN, CDS_DATA_DIR, CDS_WEB_DIR, CDS_IO_THREADS, CDS_WORKER_THREADS,
// CDS_DB_CONNECTIONS, CDS_ACCESS_LOG (0/1), CDS_READ_TIMEOUT_MS, CDS_KEYS_FILE, CDS_PUBLIC_URL,
// CDS_OIDC_ISSUER, CDS_OIDC_CLIENT_ID, CDS_OIDC_CLIENT_AUTH, CDS_OIDC_CLIENT_SECRET,
// CDS_OIDC_SCOPES, CDS_OIDC_USE_PAR (0/1), CDS_MAP_TILES_URL, CDS_MAP_ATTRIBUTION,
// CDS_STREAM_MAX_PER_USER, CDS_STREAM_MAX_PER_NODE, CDS_STREAM_QUEUE_FRAMES, CDS_STREAM_QUEUE_KIB,
// CDS_STREAM_HEARTBEAT_MS, CDS_STREAM_RETRY_MS, CDS_PUSH_SUBJECT, CDS_PUSH_ALLOW_HTTP (0/1),
// CDS_PUSH_THREADS, CDS_RATE_LIMITS ("off", or "ip.write=600,user.*=0"), CDS_TRUSTED_PROXIES,
// CDS_WORKER_QUEUE, CDS_WORKER_QUEUE_WAIT_MS, CDS_WORKER_NICE, CDS_MAX_CONNECTIONS.
Status load_env(Config& config);
// "HOST:PORT" (or ":PORT") into the config.
Status set_listen(const std::string& listen, Config& config);

}  // namespace cds::app
