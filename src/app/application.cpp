// The composition root.
#include "app/application.hpp"

#include <boost/json/object.hpp>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <thread>

#include "alerts/alert_api.hpp"
#include "app/client_config.hpp"
#include "app/keys.hpp"
#include "app/rate_policy.hpp"
#include "app/welcome_page.hpp"
#include "areas/areas_api.hpp"
#include "areas/locator.hpp"
#include "audit/audit_api.hpp"
#include "auth/auth_api.hpp"
#include "auth/authenticator.hpp"
#include "auth/gate.hpp"
#include "catalog/catalog.hpp"
#include "catalog/catalog_admin_api.hpp"
#include "catalog/catalog_api.hpp"
#include "citizens/citizen_service.hpp"
#include "citizens/consent_api.hpp"
#include "citizens/vneid_api.hpp"
#include "common/json_text.hpp"
#include "common/messages.hpp"
#include "directory/directory_api.hpp"
#include "directory/directory_service.hpp"
#include "dossiers/dossier_api.hpp"
#include "http/json.hpp"
#include "http/metrics.hpp"
#include "http/problem.hpp"
#include "http/rate_limits.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "map/map_api.hpp"
#include "map/map_reports.hpp"
#include "media/image.hpp"
#include "media/media_api.hpp"
#include "media/media_service.hpp"
#include "news/news_api.hpp"
#include "news/news_service.hpp"
#include "notify/delivery.hpp"
#include "notify/notify_api.hpp"
#include "oidc/relying_party.hpp"
#include "privacy/my_data_api.hpp"
#include "reports/report_api.hpp"
#include "reports/report_service.hpp"
#include "services/procedure_api.hpp"
#include "services/procedure_catalogue.hpp"
#include "stats/stats_api.hpp"
#include "store/migrations.hpp"
#include "users/user_admin_api.hpp"
#include "users/user_service.hpp"
#include "web/static_site.hpp"

namespace cds::app {
namespace {

void log_line(std::string_view level, std::string_view msg, boost::json::object fields = {}) {
  fields["time"] = format_rfc3339(SystemClock().now());
  fields["level"] = level;
  fields["msg"] = msg;
  const std::string line = json_text(fields) + "\n";
  std::fwrite(line.data(), 1, line.size(), stdout);
  std::fflush(stdout);
}

// Prometheus text for the store's commit counters and batch sizes.
std::string store_metrics(const store::Database& db) {
  const store::StoreStats s = db.stats();
  std::string out;
  out += "# HELP cds_store_commits_total Transactions committed by the store.\n";
  out += "# TYPE cds_store_commits_total counter\n";
  out += "cds_store_commits_total " + std::to_string(s.commits) + "\n";
  out += "# HELP cds_store_writes_total Write requests committed (several share a commit).\n";
  out += "# TYPE cds_store_writes_total counter\n";
  out += "cds_store_writes_total " + std::to_string(s.batched_writes) + "\n";
  out += "# HELP cds_store_failed_commits_total Commits that failed.\n";
  out += "# TYPE cds_store_failed_commits_total counter\n";
  out += "cds_store_failed_commits_total " + std::to_string(s.failed_commits) + "\n";
  out += "# HELP cds_store_commit_batch_size Write requests per commit.\n";
  out += "# TYPE cds_store_commit_batch_size histogram\n";
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < std::size(store::StoreStats::kBatchBuckets); ++i) {
    cumulative += s.batch_buckets[i];
    out += "cds_store_commit_batch_size_bucket{le=\"" +
           std::to_string(store::StoreStats::kBatchBuckets[i]) + "\"} " +
           std::to_string(cumulative) + "\n";
  }
  cumulative += s.batch_buckets[std::size(store::StoreStats::kBatchBuckets)];
  out += "cds_store_commit_batch_size_bucket{le=\"+Inf\"} " + std::to_string(cumulative) + "\n";
  out += "cds_store_commit_batch_size_sum " + std::to_string(s.batched_writes) + "\n";
  out += "cds_store_commit_batch_size_count " + std::to_string(s.commits) + "\n";
  return out;
}

std::string stream_metrics(const events::Hub& hub) {
  std::string out;
  out += "# HELP cds_streams_open Live event streams open on this node.\n";
  out += "# TYPE cds_streams_open gauge\n";
  out += "cds_streams_open " + std::to_string(hub.open_streams()) + "\n";
  out += "# HELP cds_streams_cut_off_total Streams cut off for falling too far behind.\n";
  out += "# TYPE cds_streams_cut_off_total counter\n";
  out += "cds_streams_cut_off_total " + std::to_string(hub.cut_off_streams()) + "\n";
  out +=
      "# HELP cds_events_published Position of the event log published to this node's streams.\n";
  out += "# TYPE cds_events_published gauge\n";
  out += "cds_events_published " + std::to_string(hub.position()) + "\n";
  return out;
}

// The VAPID `sub`: configured, or a mailto: address at the public host.
std::string push_subject(const Config& config) {
  if (!config.realtime.push_subject.empty()) return config.realtime.push_subject;
  std::string host = public_url(config);
  if (auto scheme = host.find("://"); scheme != std::string::npos) host = host.substr(scheme + 3);
  if (auto colon = host.rfind(':');
      colon != std::string::npos && host.find(']') == std::string::npos)
    host.resize(colon);
  return "mailto:1022@" + host;
}

// Where CAP documents and feeds point, and the sender they name ("alerts@" the site's host).
alerts::Publisher alert_publisher(const Config& config) {
  std::string base = public_url(config);
  while (base.ends_with('/')) base.pop_back();
  std::string host = base.substr(base.find("://") == std::string::npos ? 0 : base.find("://") + 3);
  if (auto slash = host.find('/'); slash != std::string::npos) host.resize(slash);
  return alerts::Publisher{base, "alerts@" + host};
}

void add_operations_routes(http::Router& router, store::Database& db, http::Metrics& metrics) {
  router.add(http::Method::kGet, "/healthz", auth::public_route([](http::Request&) {
               return http::json(200, boost::json::object{{"status", "ok"}});
             }),
             http::RouteOptions{.inline_handler = true});
  router.add(http::Method::kGet, "/readyz", auth::public_route([&db](http::Request& req) {
               Status st = db.ping();
               if (!st.ok()) return http::problem(req, Status::Unavailable("store_unreachable"));
               return http::json(200, boost::json::object{{"status", "ready"}});
             }));
  router.add(http::Method::kGet, "/metrics", auth::public_route([&metrics](http::Request&) {
               return http::Response::text(200, metrics.render(), "text/plain; version=0.0.4");
             }),
             http::RouteOptions{.inline_handler = true});
}

}  // namespace

std::unique_ptr<store::Database> open_store(const Config& config) {
  store::OpenOptions options;
  options.read_connections = config.db_connections;
  return store::open_database(config.db_url, options);
}

Status check_migrated(store::Database& db) {
  const auto& all = db.engine() == store::Engine::kSqlite ? store::sqlite_migrations()
                                                          : store::postgres_migrations();
  const std::int64_t latest = all.empty() ? 0 : all.back().version;
  std::int64_t applied = -1;
  Status st = db.read([&](store::Tx& tx) -> Status {
    applied = tx.one("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")->i64(0);
    return Status::Ok();
  });
  if (!st.ok() || applied < latest) {
    return Status::Invalid("invalid_config")
        .with("detail", "the database is not migrated; run `congdanso migrate --db URL` first");
  }
  return Status::Ok();
}

int serve(const Config& config) {
  std::unique_ptr<store::Database> db;
  try {
    db = open_store(config);
  } catch (const std::exception& e) {
    log_line("error", "cannot open the database", {{"error", e.what()}});
    return 1;
  }
  if (Status st = check_migrated(*db); !st.ok()) {
    log_line("error", message(st.key(), true, st.params()));
    return 1;
  }
  auto vault = open_vault(config, false);
  if (!vault.ok()) {
    log_line("error", message(vault.status().key(), true, vault.status().params()));
    return 1;
  }
  media::init_media();

  SystemClock clock;
  const std::string site = public_url(config);
  std::unique_ptr<oidc::RelyingParty> relying_party;
  if (!config.oidc.issuer.empty()) {
    std::optional<oidc::PrivateKey> client_key;
    if (config.oidc.client_auth == "private_key_jwt") {
      auto key = oidc::private_key_from_pem(vault->signing_pem());
      if (!key.ok()) {
        log_line("error", "the key file holds no OpenID Connect client key; run migrate");
        return 1;
      }
      client_key = std::move(*key);
    }
    relying_party = std::make_unique<oidc::RelyingParty>(
        oidc::RelyingPartyConfig{config.oidc.issuer, config.oidc.client_id, config.oidc.client_auth,
                                 config.oidc.client_secret, config.oidc.scopes, config.oidc.use_par,
                                 site + "/api/v1/auth/vneid/callback", site + "/"},
        clock, std::move(client_key));
  }
  auth::Authenticator authenticator(*db, clock);
  catalog::Catalog catalog(*db);
  // Point → ward over the imported boundaries (docs/GEOGRAPHY.md), built now so that the first
  // report does not wait for it; without boundaries, the nearest ward centre.
  areas::Locator locator(*db);
  if (Status st = locator.refresh(); !st.ok()) {
    log_line("warn", "cannot read the ward boundaries", {{"error", message(st.key(), true)}});
  } else if (auto index = locator.index()) {
    log_line("info", "ward boundaries loaded", {{"wards", index->size()}});
  } else {
    log_line("warn",
             "no ward boundaries imported: points are placed in the ward with the nearest centre "
             "(congdanso import areas FILE.geojson)");
  }
  media::MediaService media_service(*db, clock, config.data_dir);
  reports::ReportService report_service(
      *db, catalog, clock, *vault,
      [&media_service](const std::vector<std::string>& ids, std::int64_t owner) {
        return media_service.check_owned(ids, owner);
      },
      &locator);

  http::Router router;
  http::Metrics metrics;
  metrics.add_collector([&db] { return store_metrics(*db); });
  add_operations_routes(router, *db, metrics);
  // GET / (the welcome page until the web app is built), /app/, /staff/, /assets/.
  web::StaticSite web_site(config.web_dir);
  web_site.register_routes(router, welcome_page(), welcome_page_policy());
  log_line(web_site.built() ? "info" : "warn", web_site.describe());
  citizens::CitizenService citizen_service(*db, clock, *vault, &locator);
  auth::AuthApi::CitizenHooks citizen_hooks;
  citizen_hooks.end_session_url = [&relying_party]() -> std::optional<std::string> {
    if (!relying_party) return std::nullopt;
    auto url = relying_party->end_session_url();
    return url.ok() ? *url : std::nullopt;
  };
  citizen_hooks.name = [&citizen_service](std::int64_t id) -> std::optional<std::string> {
    auto p = citizen_service.profile(id);
    return p.ok() && *p ? (*p)->full_name : std::nullopt;
  };
  citizen_hooks.home_ward = [&citizen_service](std::int64_t id) -> std::optional<std::string> {
    auto p = citizen_service.profile(id);
    return p.ok() && *p ? (*p)->home_ward : std::nullopt;
  };
  auth::AuthApi auth_api(*db, clock, authenticator, *vault, std::move(citizen_hooks));
  auth_api.register_routes(router);
  citizens::VneidApi vneid_api(*db, clock, citizen_service, relying_party.get(), site);
  vneid_api.register_routes(router);
  citizens::ConsentApi consent_api(citizen_service, authenticator);
  consent_api.register_routes(router);
  users::UserService user_service(*db, clock, &*vault);
  users::UserAdminApi user_admin_api(user_service, authenticator);
  user_admin_api.register_routes(router);
  audit::AuditApi audit_api(*db, authenticator);
  audit_api.register_routes(router);
  catalog::CatalogApi catalog_api(catalog);
  catalog_api.register_routes(router);
  areas::AreasApi areas_api(locator);
  areas_api.register_routes(router);
  catalog::CatalogAdminApi catalog_admin_api(*db, catalog, authenticator);
  catalog_admin_api.register_routes(router);
  add_client_config_route(router, config, relying_party != nullptr);
  reports::ReportApi report_api(
      report_service, authenticator, clock,
      [&citizen_service](std::int64_t id) { return citizen_service.require_terms(id); });
  report_api.register_routes(router);
  stats::StatsService stats_service(*db, catalog, clock);
  stats::StatsApi stats_api(stats_service, catalog, authenticator, clock);
  stats_api.register_routes(router);
  news::NewsService news_service(*db, clock);
  news::NewsApi news_api(news_service, authenticator, site);
  news_api.register_routes(router);
  // The directory of public apps (docs/APPS.md).
  directory::DirectoryService directory_service(*db, clock);
  directory::DirectoryApi directory_api(directory_service, authenticator);
  directory_api.register_routes(router);
  // A photo anyone may download: one of a public report, the cover of a published news item, or
  // the icon of an active public app.
  media::MediaApi media_api(media_service, authenticator,
                            [&report_service, &news_service, &directory_service](
                                const std::string& id, const std::optional<auth::Principal>& who) {
                              const auto role = who ? std::optional(who->role) : std::nullopt;
                              return report_service.media_is_public(id) ||
                                     news_service.cover_visible_to(id, role) ||
                                     directory_service.icon_visible_to(id, role);
                            });
  media_api.register_routes(router);
  // Real-time delivery: the hub of this node's streams, the workers that feed it and push.
  events::Hub hub(
      events::HubLimits{static_cast<std::size_t>(config.realtime.max_streams_per_user),
                        static_cast<std::size_t>(config.realtime.max_streams_per_node)});
  std::unique_ptr<push::VapidKey> vapid;
  if (!vault->vapid_pem().empty()) {
    auto key = push::VapidKey::from_pem(vault->vapid_pem());
    if (!key.ok()) {
      log_line("error", "the key file's VAPID key cannot be read");
      return 1;
    }
    vapid = std::make_unique<push::VapidKey>(std::move(*key));
  } else {
    log_line("warn", "no VAPID key: web push is off until `congdanso keys vapid` makes one");
  }
  notify::DeliveryOptions delivery_options;
  if (db->engine() == store::Engine::kPostgres) delivery_options.pg_url = config.db_url;
  delivery_options.push_threads = config.realtime.push_threads;
  delivery_options.push_subject = push_subject(config);
  delivery_options.push_allow_http = config.realtime.push_allow_http;
  notify::Delivery delivery(*db, hub, clock, std::move(vapid), delivery_options);
  notify::NotifyApi notify_api(
      *db, clock, hub, delivery, citizen_service, authenticator,
      notify::StreamLimits{static_cast<std::size_t>(config.realtime.stream_queue_frames),
                           static_cast<std::size_t>(config.realtime.stream_queue_kib) * 1024,
                           config.realtime.retry_ms},
      config.realtime.push_allow_http);
  notify_api.register_routes(router);
  metrics.add_collector([&hub] { return stream_metrics(hub); });
  alerts::AlertService alert_service(*db, clock, alert_publisher(config), &locator);
  alerts::AlertApi alert_api(alert_service, authenticator);
  alert_api.register_routes(router);
  // Public services: the procedure catalogue, searched in memory (services/procedure_index.hpp).
  services::ProcedureCatalogue procedure_catalogue(*db);
  services::ProcedureApi procedure_api(procedure_catalogue, authenticator);
  procedure_api.register_routes(router);
  // Dossier tracking: the connector's upserts, public lookups, a citizen's own dossiers. Profiles
  // from before the national ID was indexed get their index here, once.
  if (auto indexed = citizen_service.index_national_ids(); !indexed.ok()) {
    log_line("error", "cannot index national ID numbers", {{"error", indexed.status().key()}});
    return 1;
  }
  dossiers::DossierService dossier_service(*db, clock, *vault);
  dossiers::DossierApi dossier_api(dossier_service, authenticator);
  dossier_api.register_routes(router);
  // The map: public reports clustered from an in-memory index kept in step with the event log,
  // and the layers of points of interest (docs/MAP.md).
  map::MapReports map_reports(*db);
  map::MapApi map_api(*db, map_reports, authenticator);
  map_api.register_routes(router);
  auth::Sessions sessions(*db, clock);
  privacy::MyDataApi my_data_api(*db, authenticator, user_service, report_service, sessions,
                                 citizen_service, dossier_service, clock);
  my_data_api.register_routes(router);

  // Every route says who may call it (auth::Gate); one that does not is a programmer's error,
  // caught here before the server takes a single request.
  for (const auto& rule : auth::route_rules(router)) {
    if (!rule.access) {
      log_line("error", "route without an access rule",
               {{"method", http::method_name(rule.method)}, {"route", rule.pattern}});
      return 1;
    }
  }

  http::ServerOptions options;
  options.host = config.host;
  options.port = config.port;
  options.io_threads = config.io_threads > 0
                           ? config.io_threads
                           : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  options.worker_threads = config.worker_threads;
  options.access_log = config.access_log;
  options.https_only = public_url(config).starts_with("https:");
  options.read_timeout = std::chrono::milliseconds(config.read_timeout_ms);
  options.stream_heartbeat = std::chrono::milliseconds(config.realtime.heartbeat_ms);
  options.max_connections =
      config.limits.max_connections > 0
          ? static_cast<std::size_t>(config.limits.max_connections)
          : std::max<std::size_t>(options.max_connections,
                                  config.realtime.max_streams_per_node + 1000);
  options.worker_queue_limit = static_cast<std::size_t>(config.limits.worker_queue);
  options.worker_queue_wait = std::chrono::milliseconds(config.limits.worker_queue_wait_ms);
  options.worker_nice = config.limits.worker_nice;
  options.trusted_proxies = split_list(config.limits.trusted_proxies);
  std::optional<http::RateLimits> rate_limits;
  if (config.limits.enabled) {
    auto limit_options = rate_limit_options(config.limits);
    if (!limit_options.ok()) {
      log_line("error", "bad rate limits", {{"error", limit_options.status().key()}});
      return 1;
    }
    rate_limits.emplace(std::move(limit_options).value(), router, clock, metrics);
  }
  std::optional<http::Server> server_slot;
  try {
    server_slot.emplace(options, router, metrics, rate_limits ? &*rate_limits : nullptr);
  } catch (const std::invalid_argument& e) {
    log_line("error", "bad trusted proxies", {{"error", e.what()}});
    return 1;
  }
  http::Server& server = *server_slot;
  try {
    server.bind();
  } catch (const std::exception& e) {
    log_line("error", "cannot listen", {{"error", e.what()}});
    return 1;
  }
  log_line("info", "serving",
           {{"address", "http://" + config.host + ":" + std::to_string(server.port())},
            {"engine", db->engine() == store::Engine::kSqlite ? "sqlite" : "postgresql"}});
  if (Status st = delivery.start(); !st.ok()) {
    log_line("error", "cannot start delivery", {{"error", st.key()}});
    return 1;
  }
  server.run();
  delivery.stop();
  log_line("info", "stopped");
  return 0;
}

}  // namespace cds::app
