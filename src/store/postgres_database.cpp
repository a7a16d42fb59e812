// The PostgreSQL engine over libpq: text-format parameters typed by the server, results decoded by
// column type, SQLSTATE mapped to DbError kinds, and connections that reconnect after a failure.
//
// Calls are blocking: handlers run on a worker pool, not on the event loop. Planned work: a
// non-blocking connection in pipeline mode (one Sync per request) and server-side prepared
// statements, as DESIGN.md decision 3 describes.
#include "store/postgres_database.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <optional>

#include "store/guarded_tx.hpp"

namespace cds::store {
namespace {

// Column type OIDs (pg_type.oid, fixed since PostgreSQL 7) that decode to numbers.
constexpr Oid kBoolOid = 16;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;

struct ConnCloser {
  void operator()(PGconn* conn) const { PQfinish(conn); }
};
struct ResultClearer {
  void operator()(PGresult* res) const { PQclear(res); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultClearer>;

std::string trimmed(const char* message) {
  std::string s = message != nullptr ? message : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

void ignore_notice(void*, const char*) {}  // "relation already exists, skipping" and the like

// Opens a connection; its status says whether that worked. Settings come before `url` so that the
// URL's own parameters win.
PGconn* connect(const std::string& url) {
  const char* const keys[] = {"client_encoding", "application_name", "connect_timeout", "dbname",
                              nullptr};
  const char* const values[] = {"UTF8", "congdanso", "10", url.c_str(), nullptr};
  PGconn* conn = PQconnectdbParams(keys, values, /*expand_dbname=*/1);
  if (conn != nullptr) PQsetNoticeProcessor(conn, ignore_notice, nullptr);
  return conn;
}

DbError error_from(PGconn* conn, const PGresult* res) {
  const bool connection_lost = res == nullptr || PQstatus(conn) != CONNECTION_OK;
  std::string message = trimmed(res != nullptr ? PQresultErrorMessage(res) : PQerrorMessage(conn));
  if (message.empty()) message = trimmed(PQerrorMessage(conn));
  const char* state = res != nullptr ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  const std::string_view sqlstate = state != nullptr ? state : "";
  if (sqlstate == "23505") return DbError(DbError::Kind::kUniqueViolation, message);
  // 08: connection exception (but 08P01, a protocol violation such as a wrong parameter count,
  // is the caller's error); 53: insufficient resources; 57P0x: the server is going down or up.
  if (connection_lost || (sqlstate.starts_with("08") && sqlstate != "08P01") ||
      sqlstate.starts_with("53") || sqlstate.starts_with("57P")) {
    return DbError(DbError::Kind::kUnavailable, message);
  }
  return DbError(DbError::Kind::kOther, message);
}

std::string render_double(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);  // shortest text that reads back as d
  return std::string(buf, end);
}

Value decode(Oid type, const char* text, size_t size) {
  switch (type) {
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid: {
      std::int64_t v = 0;
      auto [end, ec] = std::from_chars(text, text + size, v);
      if (ec != std::errc()) throw DbError(DbError::Kind::kOther, "bad integer from PostgreSQL");
      return v;
    }
    case kFloat4Oid:
    case kFloat8Oid:
    case kNumericOid: {
      double v = 0;
      auto [end, ec] = std::from_chars(text, text + size, v);  // also reads NaN and Infinity
      if (ec != std::errc()) throw DbError(DbError::Kind::kOther, "bad number from PostgreSQL");
      return v;
    }
    case kBoolOid:
      return std::int64_t{size > 0 && text[0] == 't' ? 1 : 0};
    default:
      return std::string(text, size);
  }
}

}  // namespace

// One connection. Used by one thread at a time (the one holding its Lease).
class PgConnection {
 public:
  static constexpr Engine kEngine = Engine::kPostgres;

  explicit PgConnection(std::string url) : url_(std::move(url)) {}

  // Connects on first use, and reconnects after a failure (a restarted server is picked up
  // again). Leaves an idle connection; throws DbError (kUnavailable) when that cannot be had.
  void ensure_ready() {
    if (conn_ && PQstatus(conn_.get()) == CONNECTION_OK &&
        PQtransactionStatus(conn_.get()) != PQTRANS_IDLE) {
      rollback_quietly();
    }
    if (conn_ && PQstatus(conn_.get()) == CONNECTION_OK) return;
    if (conn_) {
      PQreset(conn_.get());
    } else {
      conn_.reset(connect(url_));
    }
    if (!conn_ || PQstatus(conn_.get()) != CONNECTION_OK) {
      throw DbError(DbError::Kind::kUnavailable,
                    "cannot connect to PostgreSQL: " +
                        (conn_ ? trimmed(PQerrorMessage(conn_.get())) : "out of memory"));
    }
  }

  // BEGIN (`sql`), retried once on a fresh connection if the connection turns out to be dead: a
  // pooled connection may have been idle across a server restart, and nothing but BEGIN was sent.
  void begin(const char* sql) {
    ensure_ready();
    try {
      command(sql);
    } catch (const DbError& e) {
      if (e.kind() != DbError::Kind::kUnavailable) throw;
      ensure_ready();
      command(sql);
    }
  }

  // COMMIT; throws if PostgreSQL did not commit (a connection lost now leaves the outcome unknown).
  void commit() {
    ResultPtr res = command("COMMIT");
    if (std::strcmp(PQcmdStatus(res.get()), "COMMIT") != 0) {
      throw DbError(DbError::Kind::kOther, "the transaction had failed and was rolled back");
    }
  }

  void rollback_quietly() noexcept {
    if (conn_ && PQstatus(conn_.get()) == CONNECTION_OK &&
        PQtransactionStatus(conn_.get()) != PQTRANS_IDLE) {
      PQclear(PQexec(conn_.get(), "ROLLBACK"));
    }
  }

  Rows query(std::string_view sql, std::span<const Value> params) {
    const std::string text(sql);  // libpq wants NUL-terminated text
    std::vector<std::string> rendered(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (size_t i = 0; i < params.size(); ++i) {
      const Value& v = params[i];
      if (auto p = std::get_if<std::int64_t>(&v)) {
        rendered[i] = std::to_string(*p);
        values[i] = rendered[i].c_str();
      } else if (auto p = std::get_if<double>(&v)) {
        rendered[i] = render_double(*p);
        values[i] = rendered[i].c_str();
      } else if (auto p = std::get_if<std::string>(&v)) {
        if (p->find('\0') != std::string::npos) {
          throw DbError(DbError::Kind::kOther, "a text parameter holds a NUL byte");
        }
        values[i] = p->c_str();
      }  // NULL stays nullptr
    }
    // paramTypes NULL: the server infers each parameter's type from where it is used.
    ResultPtr res(PQexecParams(conn_.get(), text.c_str(), static_cast<int>(params.size()), nullptr,
                               values.data(), nullptr, nullptr, /*resultFormat=*/0));
    check(res.get());
    const std::string_view tag = PQcmdStatus(res.get());
    if (tag.starts_with("INSERT") || tag.starts_with("UPDATE") || tag.starts_with("DELETE") ||
        tag.starts_with("MERGE")) {
      last_changes_ = std::strtoll(PQcmdTuples(res.get()), nullptr, 10);
    }
    return decode_rows(res.get());
  }

  void execute_script(std::string_view sql) {
    const std::string text(sql);
    ResultPtr res(PQexec(conn_.get(), text.c_str()));  // several statements: simple protocol
    check(res.get());
  }

  std::int64_t last_changes() const { return last_changes_; }
  void reset_changes() { last_changes_ = 0; }

 private:
  ResultPtr command(const char* sql) {
    ResultPtr res(PQexec(conn_.get(), sql));
    check(res.get());
    return res;
  }

  void check(const PGresult* res) const {
    const ExecStatusType status = res != nullptr ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) {
      return;
    }
    throw error_from(conn_.get(), res);
  }

  static Rows decode_rows(const PGresult* res) {
    const int rows = PQntuples(res);
    const int columns = PQnfields(res);
    std::vector<Oid> types(static_cast<size_t>(columns));
    for (int c = 0; c < columns; ++c) types[static_cast<size_t>(c)] = PQftype(res, c);
    Rows out;
    out.reserve(static_cast<size_t>(rows));
    for (int r = 0; r < rows; ++r) {
      std::vector<Value> cols;
      cols.reserve(static_cast<size_t>(columns));
      for (int c = 0; c < columns; ++c) {
        if (PQgetisnull(res, r, c)) {
          cols.emplace_back(nullptr);
        } else {
          cols.push_back(decode(types[static_cast<size_t>(c)], PQgetvalue(res, r, c),
                                static_cast<size_t>(PQgetlength(res, r, c))));
        }
      }
      out.emplace_back(std::move(cols));
    }
    return out;
  }

  const std::string url_;
  std::unique_ptr<PGconn, ConnCloser> conn_;
  std::int64_t last_changes_ = 0;
};

namespace {

using PgTx = GuardedTx<PgConnection>;

// Set while a write callback runs on this thread, to refuse a write() nested in it (it would
// commit separately from its caller, or wait forever for a pooled connection).
thread_local bool t_in_write_callback = false;

}  // namespace

// A connection taken from the pool for one transaction; waits while all are in use.
class PostgresDatabase::Lease {
 public:
  explicit Lease(PostgresDatabase& db) : db_(db) {
    std::unique_lock lock(db_.pool_mutex_);
    db_.pool_cv_.wait(lock, [&] { return !db_.free_.empty(); });
    conn_ = std::move(db_.free_.back());
    db_.free_.pop_back();
  }
  ~Lease() {
    conn_->rollback_quietly();
    {
      std::lock_guard lock(db_.pool_mutex_);
      db_.free_.push_back(std::move(conn_));
    }
    db_.pool_cv_.notify_one();
  }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  PgConnection& conn() { return *conn_; }

 private:
  PostgresDatabase& db_;
  std::unique_ptr<PgConnection> conn_;
};

PostgresDatabase::PostgresDatabase(std::string url, const OpenOptions& options) {
  if (!PQisthreadsafe()) {
    throw DbError(DbError::Kind::kOther, "this libpq was built without thread support");
  }
  const int size = std::max(2, options.read_connections);
  for (int i = 0; i < size; ++i) free_.push_back(std::make_unique<PgConnection>(url));
  free_.back()->ensure_ready();  // the one the next transaction takes; fails here if unreachable
}

PostgresDatabase::~PostgresDatabase() = default;

Status PostgresDatabase::read(const std::function<Status(Tx&)>& fn) {
  return run(fn, Mode::kRead);
}

Status PostgresDatabase::write(const std::function<Status(Tx&)>& fn) {
  if (t_in_write_callback) return Status::Internal("write() called from inside a write callback");
  return run(fn, Mode::kWrite);
}

Status PostgresDatabase::run(const std::function<Status(Tx&)>& fn, Mode mode) {
  Lease lease(*this);
  PgConnection& conn = lease.conn();
  try {
    conn.begin(mode == Mode::kRead ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN");
  } catch (const DbError& e) {
    return status_of(e);
  }
  PgTx tx(conn);
  Status st;
  {
    const bool outer = t_in_write_callback;
    t_in_write_callback = outer || mode == Mode::kWrite;
    st = run_callback(fn, tx);
    t_in_write_callback = outer;
  }
  if (mode == Mode::kWrite && st.ok() && tx.error()) st = status_of(*tx.error());
  if (!st.ok() || tx.error()) {
    conn.rollback_quietly();
    return st;
  }
  try {
    conn.commit();
  } catch (const DbError& e) {
    if (mode == Mode::kWrite) failed_commits_.fetch_add(1, std::memory_order_relaxed);
    return status_of(e);
  }
  if (mode == Mode::kWrite) {
    commits_.fetch_add(1, std::memory_order_relaxed);
    committed();
  }
  return Status::Ok();
}

Status PostgresDatabase::ping() {
  return read([](Tx& tx) {
    tx.query("SELECT 1");
    return Status::Ok();
  });
}

StoreStats PostgresDatabase::stats() const {
  StoreStats s;
  s.commits = commits_.load(std::memory_order_relaxed);
  s.batched_writes = s.commits;  // one callback per transaction
  s.failed_commits = failed_commits_.load(std::memory_order_relaxed);
  s.batch_buckets[0] = s.commits;  // every batch has size 1
  return s;
}

void postgres_execute_outside_transaction(const std::string& url, std::string_view sql) {
  std::unique_ptr<PGconn, ConnCloser> conn(connect(url));
  if (!conn || PQstatus(conn.get()) != CONNECTION_OK) {
    throw DbError(DbError::Kind::kUnavailable,
                  "cannot connect to PostgreSQL: " +
                      (conn ? trimmed(PQerrorMessage(conn.get())) : "out of memory"));
  }
  const std::string text(sql);
  ResultPtr res(PQexec(conn.get(), text.c_str()));
  const ExecStatusType status = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY) {
    throw error_from(conn.get(), res.get());
  }
}

}  // namespace cds::store
