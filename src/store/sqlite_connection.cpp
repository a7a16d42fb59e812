// One SQLite connection and its statement cache: the $N → ?N placeholder rewrite, prepare, bind,
// step and column decoding.
#include "store/sqlite_connection.hpp"

#include <sqlite3.h>

#include <cctype>
#include <utility>
#include <vector>

namespace cds::store {
namespace {

// Statements kept prepared per connection. Features use a fixed set of SQL texts; the bound only
// matters if someone builds SQL dynamically, and then the whole cache is dropped and refilled.
constexpr size_t kMaxCachedStatements = 1024;

DbError make_error(sqlite3* db, int rc, std::string_view sql = {}) {
  std::string message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  if (!sql.empty()) {
    message += " (in: ";
    message += sql.substr(0, 200);
    message += ")";
  }
  if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
    return DbError(DbError::Kind::kUniqueViolation, message);
  }
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_NOMEM:
      return DbError(DbError::Kind::kUnavailable, message);
    default:
      return DbError(DbError::Kind::kOther, message);
  }
}

// Index just past the comment starting at `i` ("--" to end of line, or "/* */"), or `i` if none.
size_t skip_comment(std::string_view sql, size_t i) {
  if (sql.substr(i, 2) == "--") {
    size_t end = sql.find('\n', i);
    return end == std::string_view::npos ? sql.size() : end + 1;
  }
  if (sql.substr(i, 2) == "/*") {
    size_t end = sql.find("*/", i + 2);
    return end == std::string_view::npos ? sql.size() : end + 2;
  }
  return i;
}

// Index of the first character of `sql` from `i` on that is not blank, ';' or inside a comment.
size_t skip_filler(std::string_view sql, size_t i) {
  while (i < sql.size()) {
    if (std::isspace(static_cast<unsigned char>(sql[i])) || sql[i] == ';') {
      ++i;
    } else if (size_t next = skip_comment(sql, i); next != i) {
      i = next;
    } else {
      break;
    }
  }
  return i;
}

// Rewrites PostgreSQL-style $N to SQLite's ?N: SQLite binds its own $N by first appearance, not by
// number, so "$2 ... $1" would silently swap values. Quoted strings, quoted identifiers and
// comments are left alone.
std::string rewrite_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size());
  size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    if (c == '\'' || c == '"') {
      size_t end = i + 1;
      for (;;) {  // a doubled quote is an escaped quote
        end = sql.find(c, end);
        if (end == std::string_view::npos) {
          end = sql.size();
          break;
        }
        if (end + 1 < sql.size() && sql[end + 1] == c) {
          end += 2;
          continue;
        }
        ++end;
        break;
      }
      out.append(sql.substr(i, end - i));
      i = end;
    } else if (size_t next = skip_comment(sql, i); next != i) {
      out.append(sql.substr(i, next - i));
      i = next;
    } else if (c == '$' && i + 1 < sql.size() &&
               std::isdigit(static_cast<unsigned char>(sql[i + 1])) &&
               (i == 0 ||
                !(std::isalnum(static_cast<unsigned char>(sql[i - 1])) || sql[i - 1] == '_'))) {
      out += '?';  // the digits follow unchanged
      ++i;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

// Whether a statement's completion updates sqlite3_changes64(): INSERT, UPDATE, DELETE, and those
// behind a WITH clause. (DDL and savepoints leave the count of the previous DML in place.)
bool counts_changes(std::string_view sql, sqlite3_stmt* stmt) {
  if (sqlite3_stmt_readonly(stmt)) return false;
  size_t i = skip_filler(sql, 0);
  size_t end = i;
  while (end < sql.size() && std::isalpha(static_cast<unsigned char>(sql[end]))) ++end;
  std::string word(sql.substr(i, end - i));
  for (char& ch : word) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return word == "INSERT" || word == "UPDATE" || word == "DELETE" || word == "REPLACE" ||
         word == "WITH";
}

void bind_params(sqlite3* db, sqlite3_stmt* stmt, std::span<const Value> params) {
  const int expected = sqlite3_bind_parameter_count(stmt);
  if (expected != static_cast<int>(params.size())) {
    throw DbError(DbError::Kind::kOther, "the statement takes " + std::to_string(expected) +
                                             " parameters, " + std::to_string(params.size()) +
                                             " given: " + sqlite3_sql(stmt));
  }
  for (int i = 0; i < expected; ++i) {
    const Value& v = params[static_cast<size_t>(i)];
    int rc = SQLITE_OK;
    if (auto p = std::get_if<std::int64_t>(&v)) {
      rc = sqlite3_bind_int64(stmt, i + 1, *p);
    } else if (auto p = std::get_if<double>(&v)) {
      rc = sqlite3_bind_double(stmt, i + 1, *p);
    } else if (auto p = std::get_if<std::string>(&v)) {
      // SQLITE_STATIC: the caller's string outlives the step; bindings are cleared right after.
      rc = sqlite3_bind_text64(stmt, i + 1, p->data(), p->size(), SQLITE_STATIC, SQLITE_UTF8);
    } else {
      rc = sqlite3_bind_null(stmt, i + 1);
    }
    if (rc != SQLITE_OK) throw make_error(db, rc);
  }
}

Row read_row(sqlite3_stmt* stmt, int columns) {
  std::vector<Value> cols;
  cols.reserve(static_cast<size_t>(columns));
  for (int i = 0; i < columns; ++i) {
    switch (sqlite3_column_type(stmt, i)) {
      case SQLITE_INTEGER:
        cols.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(stmt, i)));
        break;
      case SQLITE_FLOAT:
        cols.emplace_back(sqlite3_column_double(stmt, i));
        break;
      case SQLITE_TEXT: {
        auto text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
        cols.emplace_back(std::string(text, static_cast<size_t>(sqlite3_column_bytes(stmt, i))));
        break;
      }
      case SQLITE_BLOB: {
        auto blob = static_cast<const char*>(sqlite3_column_blob(stmt, i));
        const auto size = static_cast<size_t>(sqlite3_column_bytes(stmt, i));
        cols.emplace_back(blob != nullptr ? std::string(blob, size) : std::string());
        break;
      }
      default:
        cols.emplace_back(nullptr);
    }
  }
  return Row(std::move(cols));
}

}  // namespace

void SqliteConnection::StmtDeleter::operator()(sqlite3_stmt* stmt) const {
  sqlite3_finalize(stmt);
}

void SqliteConnection::DbCloser::operator()(sqlite3* db) const {
  sqlite3_close_v2(db);
}

SqliteConnection::SqliteConnection(const std::string& path, int busy_timeout_ms, Role role) {
  sqlite3* raw = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  db_.reset(raw);
  if (rc != SQLITE_OK) {
    throw DbError(DbError::Kind::kUnavailable,
                  "cannot open SQLite database " + path + ": " + make_error(raw, rc).what());
  }
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, busy_timeout_ms);
  if (role == Role::kWriter) {
    Rows mode = query("PRAGMA journal_mode=WAL", {});
    if (mode.empty() || mode.front().str(0) != "wal") {
      throw DbError(DbError::Kind::kUnavailable, "cannot switch " + path + " to WAL mode");
    }
    // FULL: the WAL is synced at every commit, so an acknowledged write survives power loss.
    execute_script("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
  } else {
    // Readers never write; query_only turns a stray write into an error instead of a lock wait.
    execute_script("PRAGMA foreign_keys=ON; PRAGMA query_only=ON;");
  }
}

SqliteConnection::~SqliteConnection() {
  cache_.clear();  // statements are finalized before the handle closes
}

Rows SqliteConnection::query(std::string_view sql, std::span<const Value> params) {
  Cached& cached = prepare(sql);
  sqlite3_stmt* stmt = cached.stmt.get();
  struct ResetOnExit {
    sqlite3_stmt* stmt;
    ~ResetOnExit() {
      sqlite3_reset(stmt);
      sqlite3_clear_bindings(stmt);  // bound text pointed into the caller's strings
    }
  } reset{stmt};
  bind_params(db_.get(), stmt, params);
  Rows rows;
  const int columns = sqlite3_column_count(stmt);
  for (;;) {
    const int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
      rows.push_back(read_row(stmt, columns));
    } else if (rc == SQLITE_DONE) {
      break;
    } else {
      throw make_error(db_.get(), rc);
    }
  }
  if (cached.counts_changes) last_changes_ = sqlite3_changes64(db_.get());
  return rows;
}

void SqliteConnection::execute_script(std::string_view sql) {
  const std::string text(sql);
  const char* next = text.c_str();
  const char* const end = next + text.size();
  while (next < end) {
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    const int rc = sqlite3_prepare_v2(db_.get(), next, static_cast<int>(end - next), &raw, &tail);
    StmtPtr stmt(raw);
    if (rc != SQLITE_OK) throw make_error(db_.get(), rc, std::string_view(next, end - next));
    if (tail == next) break;
    next = tail;
    if (!stmt) continue;  // only blanks or a comment
    int step = SQLITE_ROW;
    while ((step = sqlite3_step(raw)) == SQLITE_ROW) {
    }
    if (step != SQLITE_DONE) throw make_error(db_.get(), step, sqlite3_sql(raw));
  }
}

bool SqliteConnection::in_transaction() const {
  return sqlite3_get_autocommit(db_.get()) == 0;
}

void SqliteConnection::rollback_if_open() noexcept {
  if (in_transaction()) sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
}

SqliteConnection::Cached& SqliteConnection::prepare(std::string_view sql) {
  if (auto it = cache_.find(sql); it != cache_.end()) return it->second;
  if (cache_.size() >= kMaxCachedStatements) cache_.clear();
  const std::string rewritten = rewrite_placeholders(sql);
  sqlite3_stmt* raw = nullptr;
  const char* tail = nullptr;
  const int rc =
      sqlite3_prepare_v3(db_.get(), rewritten.c_str(), static_cast<int>(rewritten.size() + 1),
                         SQLITE_PREPARE_PERSISTENT, &raw, &tail);
  StmtPtr stmt(raw);
  if (rc != SQLITE_OK) throw make_error(db_.get(), rc, sql);
  if (!stmt) throw DbError(DbError::Kind::kOther, "empty SQL statement");
  const size_t consumed = static_cast<size_t>(tail - rewritten.c_str());
  if (skip_filler(rewritten, consumed) < rewritten.size()) {
    throw DbError(DbError::Kind::kOther,
                  "query() runs one statement; use execute_script() for several: " +
                      std::string(sql.substr(0, 200)));
  }
  const bool dml = counts_changes(sql, raw);
  auto [it, inserted] = cache_.emplace(std::string(sql), Cached{std::move(stmt), dml});
  return it->second;
}

}  // namespace cds::store
