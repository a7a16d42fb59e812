// The command line (CLI11): serve, migrate, seed, import, user add, token issue, keys, holiday,
// backup, restore.
#include "app/cli.hpp"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>

#include <unistd.h>
#include <optional>
#include <sstream>
#include <string>

#include <unistd.h>

#include "app/application.hpp"
#include "app/config.hpp"
#include "app/demo_seed.hpp"
#include "app/keys.hpp"
#include "areas/boundary_import.hpp"
#include "catalog/catalog.hpp"
#include "common/messages.hpp"
#include "directory/directory_seed.hpp"
#include "map/pois.hpp"
#include "privacy/reseal.hpp"
#include "push/web_push.hpp"
#include "services/procedure_import.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"
#include "store/sqlite_backup.hpp"
#include "users/user_service.hpp"

namespace cds::app {
namespace {

int fail(const Status& st) {
  std::string text = message(st.key(), true, st.params());
  for (const auto& [field, key] : st.fields())
    text += "\n  " + field + ": " + message(key, true, st.params());
  if (!st.internal_detail().empty()) text += " (" + st.internal_detail() + ")";
  std::cerr << "congdanso: " << text << "\n";
  return 1;
}

// The configuration every subcommand shares: file, then environment, then flags.
struct Common {
  std::string config_file;
  std::string db;
  std::string keys_file;
  Result<Config> resolve() const {
    Config c;
    if (!config_file.empty()) {
      if (Status st = load_toml(config_file, c); !st.ok()) return st;
    }
    if (Status st = load_env(c); !st.ok()) return st;
    if (!db.empty()) c.db_url = db;
    if (!keys_file.empty()) c.keys_file = keys_file;
    return c;
  }
};

void add_common(CLI::App* cmd, Common& common) {
  cmd->add_option("--config", common.config_file, "TOML configuration file")
      ->check(CLI::ExistingFile);
  cmd->add_option("--db", common.db, "Database URL: sqlite:PATH or postgresql://... (env CDS_DB)");
  cmd->add_option("--keys-file", common.keys_file,
                  "Key file for personal data (env CDS_KEYS_FILE; default DB.keys for SQLite)");
}

std::unique_ptr<store::Database> open_or_report(const Config& c) {
  try {
    return open_store(c);
  } catch (const std::exception& e) {
    std::cerr << "congdanso: cannot open " << c.db_url << ": " << e.what() << "\n";
    return nullptr;
  }
}

// The file of a sqlite:PATH URL; empty (and a message on stderr) for any other database.
std::string sqlite_file(const Config& c, std::string_view command) {
  if (c.db_url.starts_with("sqlite:")) return c.db_url.substr(7);
  std::cerr << "congdanso: " << command
            << " handles SQLite databases only; for PostgreSQL use pg_dump -Fc and pg_restore "
               "(docs/OPERATIONS.md, \"Backups and restores\")\n";
  return {};
}

std::int64_t latest_sqlite_migration() {
  const auto& all = store::sqlite_migrations();
  return all.empty() ? 0 : all.back().version;
}

int backup(const Config& c, const std::string& out_path) {
  const std::string path = sqlite_file(c, "backup");
  if (path.empty()) return 2;
  const bool tty = isatty(STDERR_FILENO) == 1;
  const auto outcome = store::backup_sqlite(path, out_path, [tty](int done, int total) {
    if (tty) std::cerr << "\rcopied " << done << "/" << total << " pages" << std::flush;
  });
  if (tty) std::cerr << "\n";
  if (!outcome.ok()) {
    std::cerr << "congdanso: backup of " << path << " failed: " << outcome.error << "\n";
    return 1;
  }
  std::cout << "backup of " << path << " written to " << out_path << ": " << outcome.pages
            << " pages, " << (outcome.bytes + 1023) / 1024 << " KiB, schema version "
            << outcome.schema_version << ", integrity ok\n"
            << "the key file (" << keys_file_path(c)
            << ") is not in the backup: keep a copy of it apart\n";
  return 0;
}

int restore(const Config& c, const std::string& backup_path) {
  const std::string path = sqlite_file(c, "restore");
  if (path.empty()) return 2;
  const auto outcome = store::restore_sqlite(backup_path, path, latest_sqlite_migration());
  if (!outcome.ok()) {
    std::cerr << "congdanso: restore refused, nothing changed: " << outcome.error << "\n";
    return 1;
  }
  std::cout << "restored " << backup_path << " into " << path << " (schema version "
            << outcome.schema_version << ", integrity ok)";
  if (std::filesystem::exists(path + ".before-restore"))
    std::cout << "; the previous database is kept as " << path << ".before-restore";
  std::cout << "\n";
  if (outcome.schema_version < latest_sqlite_migration())
    std::cout << "the backup's schema is older than this binary's: run congdanso migrate\n";
  return 0;
}

}  // namespace

int run_cli(int argc, char** argv) {
  CLI::App app{"Công dân số: the platform between Ho Chi Minh City's residents and its government"};
  app.require_subcommand(1);

  Common serve_common;
  std::string listen, data_dir;
  auto* serve_cmd = app.add_subcommand("serve", "Serve the API (SIGTERM drains and stops)");
  add_common(serve_cmd, serve_common);
  serve_cmd->add_option("--listen", listen,
                        "HOST:PORT to listen on (default 127.0.0.1:8080, env CDS_LISTEN)");
  serve_cmd->add_option("--data-dir", data_dir,
                        "Directory for photos (default var, env CDS_DATA_DIR)");

  Common migrate_common;
  auto* migrate_cmd = app.add_subcommand("migrate", "Apply pending schema migrations");
  add_common(migrate_cmd, migrate_common);

  Common seed_common;
  bool demo = false;
  auto* seed_cmd = app.add_subcommand(
      "seed", "Write reference data (wards, categories, units, routing, holidays)");
  add_common(seed_cmd, seed_common);
  seed_cmd->add_flag("--demo", demo, "Also demo accounts and reports");

  auto* import_cmd = app.add_subcommand("import", "Load reference data from files");
  import_cmd->require_subcommand(1);
  Common procedures_common;
  std::string procedures_file;
  auto* import_procedures = import_cmd->add_subcommand(
      "procedures",
      "Administrative procedures, JSON lines in the national portal's shape (by code: a second "
      "import of the same file changes nothing)");
  add_common(import_procedures, procedures_common);
  import_procedures->add_option("FILE", procedures_file, "JSON lines, one procedure a line")
      ->required();

  auto* user_cmd = app.add_subcommand("user", "Manage accounts");
  user_cmd->require_subcommand(1);
  Common user_common;
  std::string username, role, unit, name;
  bool password_stdin = false;
  auto* user_add = user_cmd->add_subcommand("add", "Create an account");
  add_common(user_add, user_common);
  user_add->add_option("--username", username, "Login name")->required();
  user_add
      ->add_option(
          "--role", role,
          "citizen, operator, unit_staff, leader, alert_officer, editor, admin or connector")
      ->required();
  user_add->add_option("--unit", unit, "Unit code (required for unit_staff)");
  user_add->add_option("--name", name, "Display name");
  user_add->add_flag("--password-stdin", password_stdin, "Read a password from standard input");

  auto* token_cmd = app.add_subcommand("token", "Manage bearer tokens");
  token_cmd->require_subcommand(1);
  Common token_common;
  std::string token_user, ttl = "30d";
  auto* token_issue = token_cmd->add_subcommand("issue", "Print a new bearer token for a user");
  add_common(token_issue, token_common);
  token_issue->add_option("--username", token_user, "The user")->required();
  token_issue->add_option("--ttl", ttl, "Lifetime: 30d, 12h, 90m, 3600s (default 30d)");

  auto* keys_cmd = app.add_subcommand("keys", "Keys for personal data at rest and Web Push");
  keys_cmd->require_subcommand(1);
  Common keys_common;
  auto* keys_rotate = keys_cmd->add_subcommand(
      "rotate", "Add a new data key and re-seal every personal value with it");
  add_common(keys_rotate, keys_common);
  Common vapid_common;
  auto* keys_vapid = keys_cmd->add_subcommand(
      "vapid",
      "Make the Web Push (VAPID) key pair once, keep it in the key file, and print its public "
      "key (the browsers' applicationServerKey)");
  add_common(keys_vapid, vapid_common);

  auto* holiday_cmd = app.add_subcommand("holiday", "Public holidays of the working calendar");
  holiday_cmd->require_subcommand(1);
  Common holiday_common;
  std::string holiday_date, holiday_name;
  auto* holiday_add = holiday_cmd->add_subcommand("add", "Add (or rename) a holiday");
  add_common(holiday_add, holiday_common);
  holiday_add->add_option("--date", holiday_date, "YYYY-MM-DD")->required();
  holiday_add->add_option("--name", holiday_name, "Name, e.g. \"Tết Nguyên đán\"")->required();
  auto* holiday_remove = holiday_cmd->add_subcommand("remove", "Remove a holiday");
  add_common(holiday_remove, holiday_common);
  holiday_remove->add_option("--date", holiday_date, "YYYY-MM-DD")->required();
  auto* holiday_list = holiday_cmd->add_subcommand("list", "List the holidays");
  add_common(holiday_list, holiday_common);

  // import areas FILE: ward boundaries (docs/GEOGRAPHY.md).
  Common import_areas_common;
  std::string areas_file;
  auto* import_areas = import_cmd->add_subcommand(
      "areas", "Ward and commune boundaries from a GeoJSON FeatureCollection (idempotent)");
  add_common(import_areas, import_areas_common);
  import_areas->add_option("file", areas_file, "GeoJSON file (properties.code: the ward's code)")
      ->required()
      ->check(CLI::ExistingFile);
  // import pois FILE --layer NAME: points of interest from GeoJSON or CSV (docs/MAP.md).
  Common pois_common;
  std::string pois_file, pois_layer;
  auto* import_pois = import_cmd->add_subcommand(
      "pois", "Points of interest from GeoJSON points or CSV (name, lat, lon, address, ...)");
  add_common(import_pois, pois_common);
  import_pois->add_option("FILE", pois_file, "GeoJSON or CSV file")
      ->required()
      ->check(CLI::ExistingFile);
  import_pois->add_option("--layer", pois_layer, "Layer code, e.g. health, school, flood_point")
      ->required();

  Common backup_common;
  std::string backup_out;
  auto* backup_cmd = app.add_subcommand(
      "backup",
      "Copy a SQLite database while the server runs (online backup API), check it, write OUT "
      "atomically");
  add_common(backup_cmd, backup_common);
  backup_cmd->add_option("OUT", backup_out, "The backup file to write")->required();
  Common restore_common;
  std::string restore_in;
  auto* restore_cmd = app.add_subcommand(
      "restore",
      "Replace a SQLite database with a checked backup (server stopped); the old file is kept "
      "as DB.before-restore");
  add_common(restore_cmd, restore_common);
  restore_cmd->add_option("BACKUP", restore_in, "The backup file to restore")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }

  SystemClock clock;
  if (*serve_cmd) {
    auto c = serve_common.resolve();
    if (!c.ok()) return fail(c.status());
    if (!listen.empty()) {
      if (Status st = set_listen(listen, *c); !st.ok()) return fail(st);
    }
    if (!data_dir.empty()) c->data_dir = data_dir;
    return serve(*c);
  }
  if (*backup_cmd) {
    auto c = backup_common.resolve();
    if (!c.ok()) return fail(c.status());
    return backup(*c, backup_out);
  }
  if (*restore_cmd) {
    auto c = restore_common.resolve();
    if (!c.ok()) return fail(c.status());
    return restore(*c, restore_in);
  }
  if (*migrate_cmd) {
    auto c = migrate_common.resolve();
    if (!c.ok()) return fail(c.status());
    auto db = open_or_report(*c);
    if (!db) return 1;
    auto applied = store::migrate(*db);
    if (!applied.ok()) return fail(applied.status());
    std::cout << "applied " << applied.value() << " migration(s)\n";
    // The key file comes with the store; values an older version kept in clear are sealed now.
    auto vault = open_vault(*c, true);
    if (!vault.ok()) return fail(vault.status());
    auto sealed = privacy::reseal_all(*db, *vault);
    if (!sealed.ok()) return fail(sealed.status());
    if (*sealed > 0) std::cout << "sealed " << *sealed << " personal value(s)\n";
    return 0;
  }
  if (*seed_cmd) {
    auto c = seed_common.resolve();
    if (!c.ok()) return fail(c.status());
    auto db = open_or_report(*c);
    if (!db) return 1;
    if (Status st = check_migrated(*db); !st.ok()) return fail(st);
    if (Status st = catalog::seed_reference_data(*db); !st.ok()) return fail(st);
    // The directory of public apps (docs/APPS.md): real apps every install lists.
    if (auto apps = directory::seed_reference_apps(*db, clock); !apps.ok())
      return fail(apps.status());
    if (demo) {
      auto vault = open_vault(*c, true);
      if (!vault.ok()) return fail(vault.status());
      if (Status st = seed_demo(*db, clock, *vault); !st.ok()) return fail(st);
    }
    std::cout << "seeded reference data" << (demo ? " and demo data" : "") << "\n";
    return 0;
  }
  if (*import_procedures) {
    auto c = procedures_common.resolve();
    if (!c.ok()) return fail(c.status());
    auto db = open_or_report(*c);
    if (!db) return 1;
    if (Status st = check_migrated(*db); !st.ok()) return fail(st);
    auto summary = services::import_procedures(*db, clock, procedures_file, std::cerr,
                                               isatty(STDERR_FILENO) == 1);
    if (!summary.ok()) return fail(summary.status());
    const auto& w = summary->written;
    std::cerr << "imported " << (w.added + w.updated + w.unchanged) << " of " << summary->lines
              << " procedures: " << w.added << " new, " << w.updated << " updated, " << w.unchanged
              << " unchanged, " << summary->bad << " bad line(s) skipped\n";
    if (w.added + w.updated + w.unchanged == 0)
      return fail(Status::Invalid("procedure_import_empty").with("file", procedures_file));
    return 0;
  }
  if (*import_areas) {
    auto c = import_areas_common.resolve();
    if (!c.ok()) return fail(c.status());
    std::ifstream in(areas_file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) {
      std::cerr << "congdanso: cannot read " << areas_file << "\n";
      return 1;
    }
    auto db = open_or_report(*c);
    if (!db) return 1;
    if (Status st = check_migrated(*db); !st.ok()) return fail(st);
    // Progress on a terminal only; logs and scripts get the summary alone.
    const bool tty = isatty(STDOUT_FILENO) != 0;
    auto report = areas::import_boundaries(
        *db, clock, text.str(), [tty](std::size_t done, std::size_t total) {
          if (tty && (done % 20 == 0 || done == total))
            std::cout << "\rchecked " << done << "/" << total << (done == total ? "\n" : "")
                      << std::flush;
        });
    if (!report.ok()) return fail(report.status());
    for (const auto& w : report->warnings) std::cout << "warning: " << w << "\n";
    if (!report->problems.empty()) {
      for (const auto& p : report->problems) std::cerr << "refused: " << p << "\n";
      std::cerr << "congdanso: " << report->problems.size() << " of " << report->features
                << " feature(s) refused; nothing was imported\n";
      return 1;
    }
    if (!report->missing.empty()) {
      std::cout << "no boundary in this file for " << report->missing.size() << " ward(s):";
      for (const auto& code : report->missing) std::cout << " " << code;
      std::cout << "\n";
    }
    std::cout << "imported " << report->features << " boundaries: " << report->added << " new, "
              << report->changed << " changed, " << report->unchanged << " unchanged (version "
              << report->version << ")\n";
    return 0;
  }
  if (*user_add) {
    auto c = user_common.resolve();
    if (!c.ok()) return fail(c.status());
    auto parsed_role = auth::parse_role(role);
    if (!parsed_role) {
      std::cerr << "congdanso: unknown role '" << role << "'\n";
      return 2;
    }
    users::NewUser nu{username, *parsed_role, unit, name, std::nullopt};
    if (password_stdin) {
      std::string password;
      std::getline(std::cin, password);
      nu.password = password;
    }
    auto db = open_or_report(*c);
    if (!db) return 1;
    auto vault = open_vault(*c, false);
    if (!vault.ok()) return fail(vault.status());
    users::UserService users(*db, clock, &*vault);
    auto id = users.add(nu);
    if (!id.ok()) return fail(id.status());
    std::cout << "created user " << username << " (id " << id.value() << ", role " << role << ")\n";
    return 0;
  }
  if (*holiday_add || *holiday_remove || *holiday_list) {
    auto c = holiday_common.resolve();
    if (!c.ok()) return fail(c.status());
    auto db = open_or_report(*c);
    if (!db) return 1;
    if (*holiday_list) {
      auto days = catalog::list_holidays(*db);
      if (!days.ok()) return fail(days.status());
      for (const auto& [day, name] : *days) std::cout << format_date(day) << "  " << name << "\n";
      return 0;
    }
    auto day = parse_date(holiday_date);
    if (!day) {
      std::cerr << "congdanso: --date must be YYYY-MM-DD\n";
      return 2;
    }
    Status st = *holiday_add ? catalog::add_holiday(*db, *day, holiday_name)
                             : catalog::remove_holiday(*db, *day);
    if (!st.ok()) return fail(st);
    return 0;
  }
  if (*keys_rotate) {
    auto c = keys_common.resolve();
    if (!c.ok()) return fail(c.status());
    auto db = open_or_report(*c);
    if (!db) return 1;
    auto vault = open_vault(*c, false);
    if (!vault.ok()) return fail(vault.status());
    // The new key is saved before anything is sealed with it: a crash midway leaves values under
    // the old key or the new one, both in the file, and running rotate again finishes the job.
    if (Status st = vault->add_key_and_save(keys_file_path(*c)); !st.ok()) return fail(st);
    std::cout << "new data key " << vault->current_kid() << "\n";
    auto sealed = privacy::reseal_all(
        *db, *vault, 500, [](std::int64_t n) { std::cout << "\rre-sealed " << n << std::flush; });
    if (!sealed.ok()) return fail(sealed.status());
    std::cout << "\rre-sealed " << *sealed << " personal value(s) with key " << vault->current_kid()
              << "\n";
    return 0;
  }
  if (*keys_vapid) {
    auto c = vapid_common.resolve();
    if (!c.ok()) return fail(c.status());
    auto vault = open_vault(*c, false);
    if (!vault.ok()) return fail(vault.status());
    const std::string path = keys_file_path(*c);
    // Made once, never replaced: every browser subscription is bound to this key, and a new one
    // would silently cut them all off.
    const bool made = vault->vapid_pem().empty();
    if (made) {
      auto pem = push::generate_vapid_pem();
      if (!pem.ok()) return fail(pem.status());
      if (Status st = vault->set_vapid_pem_and_save(path, *pem); !st.ok()) return fail(st);
    }
    auto key = push::VapidKey::from_pem(vault->vapid_pem());
    if (!key.ok()) return fail(key.status());
    if (made) {
      std::cout << "new VAPID key pair stored in " << path << "\n";
    } else {
      std::cout << "VAPID key pair already in " << path
                << "; kept (a new one would cut off every browser subscription)\n";
    }
    std::cout << key->public_key() << "\n";  // last line: what the web app subscribes with
    return 0;
  }
  if (*import_pois) {
    auto c = pois_common.resolve();
    if (!c.ok()) return fail(c.status());
    std::ifstream in(pois_file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    auto pois = map::parse_poi_file(text.str());
    if (!pois.ok()) return fail(pois.status());
    auto db = open_or_report(*c);
    if (!db) return 1;
    if (Status st = check_migrated(*db); !st.ok()) return fail(st);
    auto done = map::import_pois(*db, pois_layer, *pois, clock.now());
    if (!done.ok()) return fail(done.status());
    std::cout << "layer " << pois_layer << ": " << pois->size() << " point(s) read, "
              << done->inserted << " added, " << done->updated << " updated\n";
    return 0;
  }
  if (*token_issue) {
    auto c = token_common.resolve();
    if (!c.ok()) return fail(c.status());
    auto lifetime = users::parse_duration(ttl);
    if (!lifetime) {
      std::cerr << "congdanso: --ttl must look like 30d, 12h, 90m or 3600s\n";
      return 2;
    }
    auto db = open_or_report(*c);
    if (!db) return 1;
    users::UserService users(*db, clock);
    auto issued = users.issue_token(token_user, *lifetime);
    if (!issued.ok()) return fail(issued.status());
    std::cout << issued->token << "\n";
    return 0;
  }
  return 0;
}

}  // namespace cds::app
