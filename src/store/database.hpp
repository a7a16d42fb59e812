// The store: one interface, two engines (SQLite by default, PostgreSQL for scale-out).
// Features write SQL once, with $1..$N placeholders, in the subset both engines accept; the SQLite
// engine rewrites $N to ?N. Timestamps are INTEGER milliseconds, ids are 64-bit, booleans 0/1.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/status.hpp"

namespace cds::store {

// A bound parameter or a column value. Booleans are stored as 0/1 integers.
using Value = std::variant<std::nullptr_t, std::int64_t, double, std::string>;

inline Value null_value() {
  return nullptr;
}
inline Value opt(const std::optional<std::string>& v) {
  return v ? Value{*v} : Value{nullptr};
}
inline Value opt(const std::optional<std::int64_t>& v) {
  return v ? Value{*v} : Value{nullptr};
}
inline Value opt(const std::optional<double>& v) {
  return v ? Value{*v} : Value{nullptr};
}

// One result row; columns by position, in the order of the SELECT.
class Row {
 public:
  explicit Row(std::vector<Value> cols) : cols_(std::move(cols)) {}
  size_t size() const { return cols_.size(); }
  bool is_null(size_t i) const { return std::holds_alternative<std::nullptr_t>(cols_.at(i)); }
  std::int64_t i64(size_t i) const;  // integer (a double is truncated; null is 0)
  double f64(size_t i) const;        // real (an integer is widened; null is 0)
  std::string str(size_t i) const;   // text (null is empty)
  bool boolean(size_t i) const { return i64(i) != 0; }
  std::optional<std::int64_t> opt_i64(size_t i) const;
  std::optional<double> opt_f64(size_t i) const;
  std::optional<std::string> opt_str(size_t i) const;
  const Value& at(size_t i) const { return cols_.at(i); }

 private:
  std::vector<Value> cols_;
};

using Rows = std::vector<Row>;

// A statement failed. Thrown by Tx; the engine rolls back the request's part of the transaction.
class DbError : public std::runtime_error {
 public:
  enum class Kind { kOther, kUniqueViolation, kUnavailable };
  DbError(Kind kind, const std::string& what) : std::runtime_error(what), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

enum class Engine { kSqlite, kPostgres };

// A transaction in progress. Only the thread that received it may use it, and only inside the
// callback it was handed to. Once a statement has thrown DbError the Tx is spent: later statements
// throw too, and the callback's writes are undone even if it catches the error and returns Ok
// (PostgreSQL aborts the transaction; the SQLite engine is made to behave the same). To tolerate a
// conflict, prevent it in SQL (ON CONFLICT ... DO NOTHING / DO UPDATE) instead of catching it.
class Tx {
 public:
  virtual ~Tx() = default;
  // Runs one statement and returns its rows (empty for statements without RETURNING).
  virtual Rows query(std::string_view sql, std::span<const Value> params) = 0;
  // Rows changed by the last INSERT/UPDATE/DELETE run through this Tx.
  virtual std::int64_t changes() = 0;
  // Runs a script of one or more ';'-separated statements without parameters and discards their
  // rows (migrations, test fixtures). Not for request paths: nothing is cached.
  virtual void execute_script(std::string_view sql) = 0;
  // For the rare statement only one engine has (PostgreSQL's advisory locks and NOTIFY).
  virtual Engine engine() const = 0;

  Rows query(std::string_view sql, std::initializer_list<Value> params = {}) {
    return query(sql, std::span<const Value>(params.begin(), params.size()));
  }
  std::optional<Row> one(std::string_view sql, std::initializer_list<Value> params = {}) {
    Rows rows = query(sql, params);
    if (rows.empty()) return std::nullopt;
    return std::move(rows.front());
  }
  std::int64_t exec(std::string_view sql, std::initializer_list<Value> params = {}) {
    query(sql, params);
    return changes();
  }
};

// Counters an engine keeps for /metrics.
struct StoreStats {
  std::uint64_t commits = 0;         // transactions committed
  std::uint64_t batched_writes = 0;  // write callbacks committed (>= commits with group commit)
  std::uint64_t failed_commits = 0;
  // Histogram of commit batch sizes: bucket i counts batches of size <= kBatchBuckets[i].
  static constexpr std::int64_t kBatchBuckets[] = {1, 2, 4, 8, 16, 32, 64, 128, 256};
  std::uint64_t batch_buckets[std::size(kBatchBuckets) + 1] = {};
};

// A database engine. Thread-safe: any thread may call read() and write() at once.
class Database {
 public:
  virtual ~Database() = default;
  virtual Engine engine() const = 0;

  // Runs `fn` in a read transaction (a consistent snapshot) on a pooled connection of the calling
  // thread's choosing. A DbError thrown by `fn` becomes an Unavailable/Internal status.
  virtual Status read(const std::function<Status(Tx&)>& fn) = 0;

  // Runs `fn` inside a write transaction and returns only after that transaction is durably
  // committed (SQLite: WAL with synchronous=FULL; PostgreSQL: its own durability). If `fn` returns
  // a non-ok Status or throws, its writes are undone and nothing else is affected. With group
  // commit several callers' callbacks share one transaction, each inside its own SAVEPOINT; `fn`
  // may run on another thread than the caller's and must not block on anything but the Tx.
  virtual Status write(const std::function<Status(Tx&)>& fn) = 0;

  // The store answers (for /readyz).
  virtual Status ping() = 0;
  virtual StoreStats stats() const = 0;

  // `listener` runs after every committed write transaction, on the committing thread, outside
  // any lock of the store: it must be quick (wake a worker). Set once, before the first write.
  void set_commit_listener(std::function<void()> listener) {
    commit_listener_ = std::move(listener);
  }

  // Typed helpers over read()/write().
  template <class T, class F>
  Result<T> read_value(F&& fn) {
    std::optional<T> out;
    Status st = read([&](Tx& tx) -> Status {
      Result<T> r = fn(tx);
      if (!r.ok()) return r.status();
      out.emplace(std::move(r).value());
      return Status::Ok();
    });
    if (!st.ok()) return st;
    return std::move(*out);
  }
  template <class T, class F>
  Result<T> write_value(F&& fn) {
    std::optional<T> out;
    Status st = write([&](Tx& tx) -> Status {
      out.reset();
      Result<T> r = fn(tx);
      if (!r.ok()) return r.status();
      out.emplace(std::move(r).value());
      return Status::Ok();
    });
    if (!st.ok()) return st;
    return std::move(*out);
  }

 protected:
  // For engines (defined in open.cpp): runs `fn`, turning what it throws into a Status.
  static Status run_callback(const std::function<Status(Tx&)>& fn, Tx& tx);
  // kUnavailable becomes Unavailable; any other kind Internal, with the message for the logs.
  static Status status_of(const DbError& error);
  // Engines call this after each write transaction that committed.
  void committed() const {
    if (commit_listener_) commit_listener_();
  }

 private:
  std::function<void()> commit_listener_;
};

struct OpenOptions {
  int read_connections = 8;  // SQLite readers / PostgreSQL pool size
  int max_batch = 256;       // SQLite: most write callbacks per group commit
  int busy_timeout_ms = 5000;
};

// Opens `url`: "sqlite:PATH" (PATH may be relative) or "postgresql://..." / "postgres://...".
// Throws DbError when the database cannot be opened.
std::unique_ptr<Database> open_database(const std::string& url, const OpenOptions& options = {});

// Applies every migration of the engine that is not yet applied; returns how many it applied.
Result<int> migrate(Database& db);

}  // namespace cds::store
