// One SQLite connection and its statement cache: the $N → ?N placeholder rewrite, prepare, bind,
// step and column decoding. Private to the SQLite engine (sqlite_database.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "store/database.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace cds::store {

// One sqlite3 handle and its prepared statements. Used by one thread at a time (the writer thread,
// or the reader that leased it), so it holds no lock of its own.
class SqliteConnection {
 public:
  static constexpr Engine kEngine = Engine::kSqlite;

  enum class Role { kWriter, kReader };

  // Opens (creating if missing) the file at `path`. A writer switches the database to WAL with
  // synchronous=FULL; a reader is query_only. Throws DbError.
  SqliteConnection(const std::string& path, int busy_timeout_ms, Role role);
  ~SqliteConnection();  // statements are finalized before the handle closes

  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  // Runs one statement through the cache and returns its rows. Throws DbError.
  Rows query(std::string_view sql, std::span<const Value> params);
  // Runs every statement of `sql` in turn (the sqlite3_exec loop, on prepare's tail), uncached.
  void execute_script(std::string_view sql);

  void exec(std::string_view sql) { query(sql, {}); }
  bool in_transaction() const;
  void rollback_if_open() noexcept;
  std::int64_t last_changes() const { return last_changes_; }
  void reset_changes() { last_changes_ = 0; }

 private:
  struct StmtDeleter {
    void operator()(sqlite3_stmt* stmt) const;
  };
  using StmtPtr = std::unique_ptr<sqlite3_stmt, StmtDeleter>;

  struct DbCloser {
    void operator()(sqlite3* db) const;
  };

  struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  struct Cached {
    StmtPtr stmt;
    bool counts_changes;
  };

  // The prepared statement for `sql`, keyed by the caller's text so that the $N rewrite and the
  // prepare happen once per distinct text on this connection.
  Cached& prepare(std::string_view sql);

  std::unique_ptr<sqlite3, DbCloser> db_;
  std::unordered_map<std::string, Cached, StringHash, std::equal_to<>> cache_;
  std::int64_t last_changes_ = 0;
};

}  // namespace cds::store
