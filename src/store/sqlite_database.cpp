// The SQLite engine: connections with a statement cache, the $N → ?N placeholder rewrite, the pool
// of read connections, and the writer thread that group-commits many callers' writes.
#include "store/sqlite_database.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <unordered_map>
#include <utility>

namespace cds::store {
namespace {

// Statements kept prepared per connection. Features use a fixed set of SQL texts; the bound only
// matters if someone builds SQL dynamically, and then the whole cache is dropped and refilled.
constexpr size_t kMaxCachedStatements = 1024;

struct StmtDeleter {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};
using StmtPtr = std::unique_ptr<sqlite3_stmt, StmtDeleter>;

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

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

// One sqlite3 handle and its prepared statements. Used by one thread at a time (the writer thread,
// or the reader that leased it), so it holds no lock of its own.
class SqliteConnection {
 public:
  enum class Role { kWriter, kReader };

  SqliteConnection(const std::string& path, int busy_timeout_ms, Role role) {
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

  ~SqliteConnection() { cache_.clear(); }  // statements are finalized before the handle closes

  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  // Runs one statement through the cache and returns its rows. Throws DbError.
  Rows query(std::string_view sql, std::span<const Value> params) {
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

  // Runs every statement of `sql` in turn (the sqlite3_exec loop, on prepare's tail), uncached.
  void execute_script(std::string_view sql) {
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

  void exec(std::string_view sql) { query(sql, {}); }
  bool in_transaction() const { return sqlite3_get_autocommit(db_.get()) == 0; }
  void rollback_if_open() noexcept {
    if (in_transaction()) sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
  }
  std::int64_t last_changes() const { return last_changes_; }
  void reset_changes() { last_changes_ = 0; }

 private:
  struct Cached {
    StmtPtr stmt;
    bool counts_changes;
  };

  // The prepared statement for `sql`, keyed by the caller's text so that the $N rewrite and the
  // prepare happen once per distinct text on this connection.
  Cached& prepare(std::string_view sql) {
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

  std::unique_ptr<sqlite3, DbCloser> db_;
  std::unordered_map<std::string, Cached, StringHash, std::equal_to<>> cache_;
  std::int64_t last_changes_ = 0;
};

namespace {

// The Tx handed to a callback. Once a statement has failed, the Tx is spent (see database.hpp):
// the engine undoes the callback's writes whatever the callback returns.
class SqliteTx final : public Tx {
 public:
  explicit SqliteTx(SqliteConnection& conn) : conn_(conn) { conn_.reset_changes(); }

  Rows query(std::string_view sql, std::span<const Value> params) override {
    throw_if_spent();
    try {
      return conn_.query(sql, params);
    } catch (const DbError& e) {
      error_ = e;
      throw;
    }
  }
  std::int64_t changes() override { return conn_.last_changes(); }
  void execute_script(std::string_view sql) override {
    throw_if_spent();
    try {
      conn_.execute_script(sql);
    } catch (const DbError& e) {
      error_ = e;
      throw;
    }
  }

  const std::optional<DbError>& error() const { return error_; }

 private:
  void throw_if_spent() const {
    if (error_) {
      throw DbError(error_->kind(),
                    std::string("transaction aborted by an earlier error: ") + error_->what());
    }
  }

  SqliteConnection& conn_;
  std::optional<DbError> error_;  // the first statement that failed
};

}  // namespace

// A caller's write, queued for the writer thread. Lives on the caller's stack; the caller waits
// until `done`, so the writer may use it until it sets `done` (under queue_mutex_).
struct SqliteDatabase::WriteJob {
  const std::function<Status(Tx&)>& fn;
  Status outcome;     // set by the writer before `done`
  bool done = false;  // guarded by queue_mutex_
};

// A read connection taken from the pool for one read(); waits while all are in use.
class SqliteDatabase::ReadLease {
 public:
  explicit ReadLease(SqliteDatabase& db) : db_(db) {
    std::unique_lock lock(db_.readers_mutex_);
    db_.readers_cv_.wait(lock, [&] { return !db_.free_readers_.empty(); });
    conn_ = std::move(db_.free_readers_.back());
    db_.free_readers_.pop_back();
  }
  ~ReadLease() {
    conn_->rollback_if_open();
    {
      std::lock_guard lock(db_.readers_mutex_);
      db_.free_readers_.push_back(std::move(conn_));
    }
    db_.readers_cv_.notify_one();
  }
  ReadLease(const ReadLease&) = delete;
  ReadLease& operator=(const ReadLease&) = delete;
  SqliteConnection& conn() { return *conn_; }

 private:
  SqliteDatabase& db_;
  std::unique_ptr<SqliteConnection> conn_;
};

SqliteDatabase::SqliteDatabase(const std::string& path, const OpenOptions& options)
    : max_batch_(std::max(1, options.max_batch)) {
  if (sqlite3_threadsafe() == 0) {
    throw DbError(DbError::Kind::kOther, "this SQLite library was built without thread support");
  }
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(parent, ec);
    if (ec) {
      throw DbError(DbError::Kind::kUnavailable,
                    "cannot create directory " + parent.string() + ": " + ec.message());
    }
  }
  writer_conn_ = std::make_unique<SqliteConnection>(path, options.busy_timeout_ms,
                                                    SqliteConnection::Role::kWriter);
  const int readers = std::max(1, options.read_connections);
  for (int i = 0; i < readers; ++i) {
    free_readers_.push_back(std::make_unique<SqliteConnection>(path, options.busy_timeout_ms,
                                                               SqliteConnection::Role::kReader));
  }
  writer_ = std::thread([this] { writer_loop(); });
}

SqliteDatabase::~SqliteDatabase() {
  {
    std::lock_guard lock(queue_mutex_);
    stopping_ = true;
  }
  work_cv_.notify_all();
  if (writer_.joinable()) writer_.join();
}

Status SqliteDatabase::read(const std::function<Status(Tx&)>& fn) {
  ReadLease lease(*this);
  SqliteConnection& conn = lease.conn();
  try {
    conn.exec("BEGIN");  // deferred: the snapshot is taken by the first read and kept until COMMIT
  } catch (const DbError& e) {
    return status_of(e);
  }
  SqliteTx tx(conn);
  Status st = run_callback(fn, tx);
  try {
    conn.exec("COMMIT");
  } catch (const DbError& e) {
    if (st.ok()) st = status_of(e);
  }
  return st;  // the lease rolls back whatever is still open
}

Status SqliteDatabase::write(const std::function<Status(Tx&)>& fn) {
  if (std::this_thread::get_id() == writer_.get_id()) {
    // A callback runs on the writer thread: waiting for another write there would wait forever.
    return Status::Internal("write() called from inside a write callback");
  }
  WriteJob job{fn};
  std::unique_lock lock(queue_mutex_);
  if (stopping_) return Status::Unavailable("shutting_down");
  queue_.push_back(&job);
  work_cv_.notify_one();
  done_cv_.wait(lock, [&] { return job.done; });
  return std::move(job.outcome);
}

void SqliteDatabase::writer_loop() {
  // The life of a group commit. The order is what makes an acknowledged write durable and keeps
  // one caller's failure from touching another's writes:
  //  1. Wait until callers have queued jobs; at shutdown, exit once the queue is empty.
  //  2. Take every queued job, up to max_batch, in arrival order. Callers who arrive while this
  //     batch commits queue up for the next one: that is how batches grow under load.
  //  3. BEGIN IMMEDIATE: the write lock, once for the whole batch.
  //  4. For each job: SAVEPOINT; run its callback; if it returned non-ok, threw, or one of its
  //     statements failed, ROLLBACK TO the savepoint (only that job's writes are undone); RELEASE.
  //  5. COMMIT once. With WAL and synchronous=FULL the WAL is synced before COMMIT returns.
  //  6. Only now hand each job its outcome: Ok, or that job's own failure. If BEGIN, a savepoint
  //     step or COMMIT failed, every job of the batch gets Unavailable/Internal: nothing of the
  //     batch is acknowledged.
  //  7. Wake the callers, and go back to 1.
  std::vector<WriteJob*> batch;
  std::vector<Status> outcomes;
  for (;;) {
    batch.clear();
    {
      std::unique_lock lock(queue_mutex_);
      work_cv_.wait(lock, [&] { return !queue_.empty() || stopping_; });
      if (queue_.empty()) return;  // stopping, and every queued job has had its answer
      while (!queue_.empty() && static_cast<int>(batch.size()) < max_batch_) {
        batch.push_back(queue_.front());
        queue_.pop_front();
      }
    }
    commit_batch(batch, outcomes);
    {
      std::lock_guard lock(queue_mutex_);
      for (size_t i = 0; i < batch.size(); ++i) {
        batch[i]->outcome = std::move(outcomes[i]);
        batch[i]->done = true;  // from here the caller may return and free its job
      }
    }
    done_cv_.notify_all();
  }
}

void SqliteDatabase::commit_batch(const std::vector<WriteJob*>& batch,
                                  std::vector<Status>& outcomes) {
  outcomes.assign(batch.size(), Status::Ok());
  SqliteConnection& conn = *writer_conn_;
  size_t committed_callbacks = 0;
  try {
    conn.exec("BEGIN IMMEDIATE");
    for (size_t i = 0; i < batch.size(); ++i) {
      conn.exec("SAVEPOINT cds_write");
      SqliteTx tx(conn);
      Status st = run_callback(batch[i]->fn, tx);
      if (st.ok() && tx.error()) st = status_of(*tx.error());  // it caught the error: still undone
      if (!conn.in_transaction()) {
        // SQLite itself rolled everything back (disk full, I/O error), or the callback ended the
        // transaction: the jobs before this one are lost too.
        throw DbError(DbError::Kind::kUnavailable, "the batch's transaction was rolled back");
      }
      if (!st.ok()) conn.exec("ROLLBACK TO cds_write");
      conn.exec("RELEASE cds_write");
      if (st.ok()) ++committed_callbacks;
      outcomes[i] = std::move(st);
    }
    conn.exec("COMMIT");
  } catch (const std::exception& e) {
    conn.rollback_if_open();
    failed_commits_.fetch_add(1, std::memory_order_relaxed);
    const auto* db_error = dynamic_cast<const DbError*>(&e);
    const Status failure = db_error != nullptr
                               ? status_of(*db_error)
                               : Status::Internal(std::string("commit: ") + e.what());
    for (Status& outcome : outcomes) outcome = failure;
    return;
  }
  count_batch(batch.size(), committed_callbacks);
}

void SqliteDatabase::count_batch(size_t size, size_t committed_callbacks) {
  commits_.fetch_add(1, std::memory_order_relaxed);
  batched_writes_.fetch_add(committed_callbacks, std::memory_order_relaxed);
  size_t bucket = 0;
  while (bucket < std::size(StoreStats::kBatchBuckets) &&
         static_cast<std::int64_t>(size) > StoreStats::kBatchBuckets[bucket]) {
    ++bucket;
  }
  batch_buckets_[bucket].fetch_add(1, std::memory_order_relaxed);
}

Status SqliteDatabase::ping() {
  return read([](Tx& tx) {
    tx.query("SELECT 1");
    return Status::Ok();
  });
}

StoreStats SqliteDatabase::stats() const {
  StoreStats s;
  s.commits = commits_.load(std::memory_order_relaxed);
  s.batched_writes = batched_writes_.load(std::memory_order_relaxed);
  s.failed_commits = failed_commits_.load(std::memory_order_relaxed);
  for (size_t i = 0; i < std::size(s.batch_buckets); ++i) {
    s.batch_buckets[i] = batch_buckets_[i].load(std::memory_order_relaxed);
  }
  return s;
}

}  // namespace cds::store
