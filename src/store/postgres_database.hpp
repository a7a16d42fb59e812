// The PostgreSQL engine: libpq, a pool of connections, one transaction per read() or write().
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <iterator>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace cds::store {

class PgConnection;  // one PGconn, reconnected after a failure; postgres_database.cpp

class PostgresDatabase final : public Database {
 public:
  // Makes a pool of max(2, options.read_connections) connections to `url` and connects the first
  // at once (the others on first use). Throws DbError (kUnavailable) when the server cannot be
  // reached or refuses the connection.
  PostgresDatabase(std::string url, const OpenOptions& options);
  // No read() or write() may still be running in another thread.
  ~PostgresDatabase() override;

  PostgresDatabase(const PostgresDatabase&) = delete;
  PostgresDatabase& operator=(const PostgresDatabase&) = delete;

  Engine engine() const override { return Engine::kPostgres; }
  Status read(const std::function<Status(Tx&)>& fn) override;
  Status write(const std::function<Status(Tx&)>& fn) override;
  Status ping() override;
  StoreStats stats() const override;

 private:
  class Lease;
  enum class Mode { kRead, kWrite };
  Status run(const std::function<Status(Tx&)>& fn, Mode mode);

  std::mutex pool_mutex_;
  std::condition_variable pool_cv_;                  // waited on while every connection is in use
  std::vector<std::unique_ptr<PgConnection>> free_;  // guarded by pool_mutex_

  std::atomic<std::uint64_t> commits_{0};
  std::atomic<std::uint64_t> failed_commits_{0};
};

// Runs `sql` (one or more statements, no parameters) on a connection of its own to `url`, outside
// any transaction: for what PostgreSQL refuses inside one, such as CREATE DATABASE. Throws DbError.
void postgres_execute_outside_transaction(const std::string& url, std::string_view sql);

}  // namespace cds::store
