// PostgreSQL LISTEN on a connection of its own: how one node learns that another committed
// something it should deliver (see docs/REALTIME.md).
#pragma once

#include <chrono>
#include <memory>
#include <string>

namespace cds::store {

class PgListener {
 public:
  // Does not connect yet: the first wait() does, and every wait() after a lost connection.
  PgListener(std::string url, std::string channel);
  ~PgListener();
  PgListener(const PgListener&) = delete;
  PgListener& operator=(const PgListener&) = delete;

  // Waits at most `timeout` for a NOTIFY on the channel and consumes every one that arrived.
  // True when at least one did, or when the connection was (re)made: notifications sent while
  // it was down are lost, so the caller should look at the store as if woken.
  bool wait(std::chrono::milliseconds timeout);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cds::store
