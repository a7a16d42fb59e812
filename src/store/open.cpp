// Opening a database by URL, applying the engine's migrations, and what both engines share about
// running a caller's callback.
#include <algorithm>
#include <chrono>
#include <set>

#include "store/migrations.hpp"
#include "store/postgres_database.hpp"
#include "store/sqlite_database.hpp"

namespace cds::store {
namespace {

// Serializes migrations across nodes that start at once against one PostgreSQL database
// (pg_advisory_xact_lock: held until the transaction ends). An arbitrary constant: "cds\0migr".
constexpr const char* kPgMigrationLock = "SELECT pg_advisory_xact_lock(7234567362345236082)";

constexpr std::string_view kCreateSchemaMigrations =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)";

std::int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

Status with_context(const Status& st, const std::string& context) {
  if (st.code() == Code::kInternal) return Status::Internal(context + ": " + st.internal_detail());
  return st;
}

}  // namespace

Status Database::status_of(const DbError& error) {
  if (error.kind() == DbError::Kind::kUnavailable) return Status::Unavailable();
  return Status::Internal(std::string("store: ") + error.what());
}

Status Database::run_callback(const std::function<Status(Tx&)>& fn, Tx& tx) {
  try {
    return fn(tx);
  } catch (const DbError& e) {
    return status_of(e);
  } catch (const std::exception& e) {
    return Status::Internal(std::string("store callback threw: ") + e.what());
  } catch (...) {
    return Status::Internal("store callback threw a non-standard exception");
  }
}

std::unique_ptr<Database> open_database(const std::string& url, const OpenOptions& options) {
  constexpr std::string_view kSqlite = "sqlite:";
  if (url.starts_with(kSqlite)) {
    std::string path = url.substr(kSqlite.size());
    if (path.starts_with("//")) path.erase(0, 2);  // sqlite:///abs/path and sqlite://rel/path
    if (path.empty()) throw DbError(DbError::Kind::kOther, "the sqlite: URL names no file");
    return std::make_unique<SqliteDatabase>(path, options);
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return std::make_unique<PostgresDatabase>(url, options);
  }
  // Only the scheme: the rest may hold a password.
  const std::string scheme = url.substr(0, std::min(url.find(':'), size_t{20}));
  throw DbError(DbError::Kind::kOther,
                "unknown database URL scheme '" + scheme +
                    "' (expected sqlite:PATH, postgresql://... or postgres://...)");
}

Result<int> migrate(Database& db) {
  const bool postgres = db.engine() == Engine::kPostgres;
  std::vector<const Migration*> all;
  for (const Migration& m : postgres ? postgres_migrations() : sqlite_migrations())
    all.push_back(&m);
  std::sort(all.begin(), all.end(),
            [](const Migration* a, const Migration* b) { return a->version < b->version; });
  for (size_t i = 1; i < all.size(); ++i) {
    if (all[i]->version == all[i - 1]->version) {
      return Status::Internal("two migrations numbered " + std::to_string(all[i]->version));
    }
  }

  Status st = db.write([&](Tx& tx) {
    if (postgres) tx.execute_script(kPgMigrationLock);
    tx.execute_script(kCreateSchemaMigrations);
    return Status::Ok();
  });
  if (!st.ok()) return with_context(st, "creating schema_migrations");

  std::set<std::int64_t> applied_before;
  st = db.read([&](Tx& tx) {
    for (const Row& row : tx.query("SELECT version FROM schema_migrations")) {
      applied_before.insert(row.i64(0));
    }
    return Status::Ok();
  });
  if (!st.ok()) return with_context(st, "reading schema_migrations");

  int applied = 0;
  for (const Migration* m : all) {
    if (applied_before.contains(m->version)) continue;
    bool applied_here = false;
    // The migration and its schema_migrations row commit together. Checked again inside the
    // transaction: another node may have applied it since the read above.
    st = db.write([&](Tx& tx) {
      applied_here = false;
      if (postgres) tx.execute_script(kPgMigrationLock);
      if (tx.one("SELECT 1 FROM schema_migrations WHERE version = $1",
                 {std::int64_t{m->version}})) {
        return Status::Ok();
      }
      tx.execute_script(m->sql);
      tx.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
               {std::int64_t{m->version}, std::string(m->name), now_ms()});
      applied_here = true;
      return Status::Ok();
    });
    if (!st.ok()) return with_context(st, "migration " + std::string(m->name));
    if (applied_here) ++applied;
  }
  return applied;
}

}  // namespace cds::store
