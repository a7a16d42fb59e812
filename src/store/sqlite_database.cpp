// The SQLite engine: the pool of read connections, and the writer thread that group-commits many
// callers' writes. One connection and its statement cache are in sqlite_connection.cpp.
#include "store/sqlite_database.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <semaphore>
#include <utility>

#include "store/guarded_tx.hpp"
#include "store/sqlite_connection.hpp"

namespace cds::store {
namespace {

using SqliteTx = GuardedTx<SqliteConnection>;

}  // namespace

// A caller's write, queued for the writer thread. Lives on the caller's stack; the caller waits
// on `done`, so the writer may use the job until it releases `done`. Each caller has its own
// semaphore: a commit wakes exactly the callers of its batch, not every waiting thread.
struct SqliteDatabase::WriteJob {
  const std::function<Status(Tx&)>& fn;
  Status outcome;  // set by the writer before it releases `done`
  std::binary_semaphore done{0};
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
  WriteJob job{fn, Status::Ok()};
  {
    std::lock_guard lock(queue_mutex_);
    if (stopping_) return Status::Unavailable("shutting_down");
    queue_.push_back(&job);
  }
  work_cv_.notify_one();
  job.done.acquire();
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
    for (size_t i = 0; i < batch.size(); ++i) {
      batch[i]->outcome = std::move(outcomes[i]);
      batch[i]->done.release();  // from here the caller may return and free its job
    }
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
  if (committed_callbacks > 0) committed();
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
