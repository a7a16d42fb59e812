// Online backup and restore of a SQLite database file (`congdanso backup` / `restore`): a copy
// that is consistent while a server writes, checked before it is trusted, put in place atomically.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

namespace cds::store {

struct BackupOutcome {
  std::string error;  // empty: done
  std::int64_t pages = 0;
  std::int64_t bytes = 0;
  std::int64_t schema_version = 0;  // the highest migration the copy holds
  bool ok() const { return error.empty(); }
};

// Copies the database at `db_path` to `out_path` with SQLite's online backup API, from one read
// snapshot: every transaction committed before the call is in the copy, none that commits during
// it. In WAL mode the server's writer is never blocked (a reader does not block a writer). The copy
// is written to a temporary file beside `out_path`, checked (PRAGMA integrity_check), synced and
// renamed, so `out_path` is either the old file or a whole verified backup. `progress` gets
// (pages done, pages in all) after each step.
BackupOutcome backup_sqlite(const std::string& db_path, const std::string& out_path,
                            const std::function<void(int, int)>& progress = {});

// Checks that `path` is a SQLite database that passes PRAGMA integrity_check and whose schema
// version is at most `latest_known` (a newer one belongs to a newer binary).
BackupOutcome check_backup(const std::string& path, std::int64_t latest_known);

// Whether a process has the WAL database at `db_path` open (it holds the shared lock every
// connection keeps on its -shm file). False when no -shm file exists.
bool sqlite_in_use(const std::string& db_path);

// Replaces the database at `db_path` with the checked backup at `backup_path`: the backup is
// copied beside the target and synced, the old file (its WAL checkpointed first) is kept as
// `db_path`.before-restore, and the copy is renamed over `db_path` in one step. Refuses while
// a process has the database open, and a backup that fails check_backup(); refused, nothing
// changes.
BackupOutcome restore_sqlite(const std::string& backup_path, const std::string& db_path,
                             std::int64_t latest_known);

}  // namespace cds::store
