// SQLite's online backup API (sqlite3_backup_step) from one read snapshot, the checks a backup
// must pass before it is trusted, and the atomic swap that restores one.
#include "store/sqlite_backup.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <limits>
#include <memory>
#include <thread>

namespace cds::store {
namespace {

namespace fs = std::filesystem;

// Pages copied per step: 1,024 pages of 4 KiB, a few milliseconds of work each.
constexpr int kPagesPerStep = 1024;
constexpr int kBusyTimeoutMs = 5000;

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using DbPtr = std::unique_ptr<sqlite3, DbCloser>;

struct StmtFinalizer {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};

// Opens `path` (never creating it unless `create`); empty and `error` set on failure.
DbPtr open_db(const std::string& path, bool create, std::string& error) {
  sqlite3* raw = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  DbPtr db(raw);
  if (rc != SQLITE_OK) {
    error = path + ": " + (raw ? sqlite3_errmsg(raw) : "out of memory");
    return nullptr;
  }
  sqlite3_busy_timeout(raw, kBusyTimeoutMs);
  return db;
}

// The first column of every row `sql` answers, as text; false and `error` on failure.
bool query_column(sqlite3* db, const char* sql, std::vector<std::string>& out, std::string& error) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &raw, nullptr) != SQLITE_OK) {
    error = sqlite3_errmsg(db);
    return false;
  }
  std::unique_ptr<sqlite3_stmt, StmtFinalizer> stmt(raw);
  for (;;) {
    const int rc = sqlite3_step(raw);
    if (rc == SQLITE_DONE) return true;
    if (rc != SQLITE_ROW) {
      error = sqlite3_errmsg(db);
      return false;
    }
    const auto* text = sqlite3_column_text(raw, 0);
    out.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
  }
}

bool exec(sqlite3* db, const char* sql, std::string& error) {
  std::vector<std::string> ignored;
  return query_column(db, sql, ignored, error);
}

// fsync of a file or a directory, so that a rename that follows (or came before) is durable.
bool sync_path(const std::string& path, bool directory) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | (directory ? O_DIRECTORY : 0));
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

std::string parent_of(const std::string& path) {
  const fs::path parent = fs::path(path).parent_path();
  return parent.empty() ? "." : parent.string();
}

// Removes a temporary file unless it was handed on (renamed into place).
struct TempFile {
  std::string path;
  bool keep = false;
  ~TempFile() {
    std::error_code ignored;
    if (!keep) fs::remove(path, ignored);
    if (!keep) fs::remove(path + "-journal", ignored);
  }
};

}  // namespace

BackupOutcome check_backup(const std::string& path, std::int64_t latest_known) {
  BackupOutcome out;
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    out.error = path + " is not a file";
    return out;
  }
  // Read-only and immutable: a check must not create a -wal or -shm beside someone's backup.
  std::string uri = "file:";
  for (const char c : path) {  // the characters a URI filename gives a meaning to
    if (c == '%' || c == '?' || c == '#') {
      static constexpr char kHex[] = "0123456789ABCDEF";
      uri += {'%', kHex[(c >> 4) & 0xF], kHex[c & 0xF]};
    } else {
      uri += c;
    }
  }
  uri += "?immutable=1";
  sqlite3* raw = nullptr;
  const int rc =
      sqlite3_open_v2(uri.c_str(), &raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr);
  DbPtr db(raw);
  if (rc != SQLITE_OK) {
    out.error = path + ": " + (raw ? sqlite3_errmsg(raw) : "out of memory");
    return out;
  }
  std::vector<std::string> rows;
  if (!query_column(raw, "PRAGMA integrity_check", rows, out.error)) {
    out.error = path + " is not a usable SQLite database: " + out.error;
    return out;
  }
  if (rows.size() != 1 || rows[0] != "ok") {
    out.error = path + " fails PRAGMA integrity_check: " + (rows.empty() ? "" : rows[0]);
    return out;
  }
  rows.clear();
  if (!query_column(raw, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", rows,
                    out.error) ||
      rows.empty()) {
    out.error = path + " is not a congdanso database (no schema_migrations): " + out.error;
    return out;
  }
  out.schema_version = std::stoll(rows[0]);
  if (out.schema_version > latest_known) {
    out.error = path + " has schema version " + rows[0] + ", newer than this binary knows (" +
                std::to_string(latest_known) + "): restore it with the version that made it";
    return out;
  }
  rows.clear();
  if (query_column(raw, "PRAGMA page_count", rows, out.error) && !rows.empty())
    out.pages = std::stoll(rows[0]);
  out.error.clear();
  out.bytes = static_cast<std::int64_t>(fs::file_size(path, ec));
  return out;
}

BackupOutcome backup_sqlite(const std::string& db_path, const std::string& out_path,
                            const std::function<void(int, int)>& progress) {
  BackupOutcome out;
  std::error_code ec;
  if (!fs::is_regular_file(db_path, ec)) {
    out.error = db_path + " does not exist";
    return out;
  }
  DbPtr source = open_db(db_path, false, out.error);
  if (!source) return out;
  // One read transaction for the whole copy: the snapshot does not move while the server's
  // writer commits (WAL), so the backup never restarts and sees no half of anything.
  if (!exec(source.get(), "BEGIN", out.error) ||
      !exec(source.get(), "SELECT COUNT(*) FROM sqlite_schema", out.error)) {
    out.error = "cannot read " + db_path + ": " + out.error;
    return out;
  }

  TempFile temp{out_path + ".tmp-" + std::to_string(::getpid())};
  fs::remove(temp.path, ec);
  {
    DbPtr dest = open_db(temp.path, true, out.error);
    if (!dest) return out;
    sqlite3_backup* backup = sqlite3_backup_init(dest.get(), "main", source.get(), "main");
    if (backup == nullptr) {
      out.error = "cannot start the backup: " + std::string(sqlite3_errmsg(dest.get()));
      return out;
    }
    int rc = SQLITE_OK;
    while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
      rc = sqlite3_backup_step(backup, kPagesPerStep);
      const int total = sqlite3_backup_pagecount(backup);
      if (progress) progress(total - sqlite3_backup_remaining(backup), total);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    out.pages = sqlite3_backup_pagecount(backup);
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) {
      out.error = "backup failed: " + std::string(sqlite3_errstr(rc));
      return out;
    }
  }
  exec(source.get(), "COMMIT", out.error);
  source.reset();
  out.error.clear();

  BackupOutcome checked = check_backup(temp.path, std::numeric_limits<std::int64_t>::max());
  if (!checked.ok()) {
    out.error = "the copy failed its check, nothing written: " + checked.error;
    return out;
  }
  if (!sync_path(temp.path, false)) {
    out.error = "cannot sync " + temp.path;
    return out;
  }
  fs::rename(temp.path, out_path, ec);
  if (ec) {
    out.error = "cannot rename " + temp.path + " to " + out_path + ": " + ec.message();
    return out;
  }
  temp.keep = true;
  sync_path(parent_of(out_path), true);
  checked.pages = out.pages;
  return checked;
}

bool sqlite_in_use(const std::string& db_path) {
  const int fd = ::open((db_path + "-shm").c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  // SQLite's unix VFS: every connection to a WAL database holds a read lock on the -shm file's
  // "dead man switch" byte (120 + 8 lock bytes = offset 128) while it is open.
  struct flock probe {};
  probe.l_type = F_WRLCK;
  probe.l_whence = SEEK_SET;
  probe.l_start = 120;
  probe.l_len = 9;
  const bool in_use = ::fcntl(fd, F_GETLK, &probe) == 0 && probe.l_type != F_UNLCK;
  ::close(fd);
  return in_use;
}

BackupOutcome restore_sqlite(const std::string& backup_path, const std::string& db_path,
                             std::int64_t latest_known) {
  BackupOutcome checked = check_backup(backup_path, latest_known);
  if (!checked.ok()) return checked;
  BackupOutcome out;
  if (sqlite_in_use(db_path)) {
    out.error = "a process has " + db_path + " open: stop the server (and any other command) first";
    return out;
  }
  std::error_code ec;
  TempFile temp{db_path + ".restore-tmp"};
  fs::copy_file(backup_path, temp.path, fs::copy_options::overwrite_existing, ec);
  if (ec || !sync_path(temp.path, false)) {
    out.error = "cannot copy " + backup_path + " to " + temp.path + ": " + ec.message();
    return out;
  }
  const std::string before = db_path + ".before-restore";
  if (fs::exists(db_path, ec)) {
    // The old database's last commits may sit in its WAL: fold them into the file, so that the
    // kept copy is whole and no stale WAL is ever read against the restored file. A damaged old
    // file (the usual reason to restore) may refuse that: its WAL then goes along with it, under
    // the name SQLite looks for beside the kept copy.
    {
      std::string ignored;
      if (DbPtr old = open_db(db_path, false, ignored))
        exec(old.get(), "PRAGMA wal_checkpoint(TRUNCATE)", ignored);
    }
    fs::remove(before, ec);
    fs::remove(before + "-wal", ec);
    fs::create_hard_link(db_path, before, ec);
    if (ec) fs::copy_file(db_path, before, fs::copy_options::overwrite_existing, ec);
    if (ec || !sync_path(before, false)) {
      out.error = "cannot keep the old database as " + before + ": " + ec.message();
      return out;
    }
    if (fs::exists(db_path + "-wal", ec) && fs::file_size(db_path + "-wal", ec) > 0) {
      fs::rename(db_path + "-wal", before + "-wal", ec);
      if (ec) {
        out.error = "cannot keep " + db_path + "-wal as " + before + "-wal: " + ec.message();
        return out;
      }
    }
  }
  fs::remove(db_path + "-wal", ec);
  fs::remove(db_path + "-shm", ec);
  fs::rename(temp.path, db_path, ec);
  if (ec) {
    out.error = "cannot rename " + temp.path + " to " + db_path + ": " + ec.message();
    return out;
  }
  temp.keep = true;
  sync_path(parent_of(db_path), true);
  return checked;
}

}  // namespace cds::store
