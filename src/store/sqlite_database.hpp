// The SQLite engine: WAL with synchronous=FULL, one writer thread that group-commits many callers'
// writes (a SAVEPOINT each), and a pool of read connections.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <iterator>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "store/database.hpp"

namespace cds::store {

class SqliteConnection;  // one sqlite3 handle and its statement cache; sqlite_connection.hpp

class SqliteDatabase final : public Database {
 public:
  // Opens (creating if missing, with its parent directory) the database file at `path`.
  // Throws DbError when it cannot be opened or configured.
  SqliteDatabase(const std::string& path, const OpenOptions& options);
  // Stops accepting writes, lets the writer thread commit everything already queued, then joins it.
  // No read() or write() may still be running in another thread.
  ~SqliteDatabase() override;

  SqliteDatabase(const SqliteDatabase&) = delete;
  SqliteDatabase& operator=(const SqliteDatabase&) = delete;

  Engine engine() const override { return Engine::kSqlite; }
  Status read(const std::function<Status(Tx&)>& fn) override;
  Status write(const std::function<Status(Tx&)>& fn) override;
  Status ping() override;
  StoreStats stats() const override;

 private:
  struct WriteJob;
  class ReadLease;

  void writer_loop();
  // Runs one batch in one transaction; fills `outcomes` (one per job) only once the batch's fate
  // is known. Runs on the writer thread.
  void commit_batch(const std::vector<WriteJob*>& batch, std::vector<Status>& outcomes);
  void count_batch(size_t size, size_t committed_callbacks);

  const int max_batch_;

  // The only connection that writes; used by the writer thread alone.
  std::unique_ptr<SqliteConnection> writer_conn_;

  std::mutex queue_mutex_;
  std::condition_variable work_cv_;  // the writer waits here for jobs or shutdown
  std::deque<WriteJob*> queue_;      // guarded by queue_mutex_
  bool stopping_ = false;            // guarded by queue_mutex_

  std::mutex readers_mutex_;
  std::condition_variable readers_cv_;
  std::vector<std::unique_ptr<SqliteConnection>> free_readers_;  // guarded by readers_mutex_

  std::atomic<std::uint64_t> commits_{0};
  std::atomic<std::uint64_t> batched_writes_{0};
  std::atomic<std::uint64_t> failed_commits_{0};
  std::atomic<std::uint64_t> batch_buckets_[std::size(StoreStats::kBatchBuckets) + 1] = {};

  std::thread writer_;  // last: started once everything above exists
};

}  // namespace cds::store
