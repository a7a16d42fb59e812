#include "store/pg_listener.hpp"

#include <poll.h>

#include <libpq-fe.h>

#include <thread>

namespace cds::store {

struct PgListener::Impl {
  std::string url;
  std::string channel;
  PGconn* conn = nullptr;

  void drop() {
    if (conn != nullptr) PQfinish(conn);
    conn = nullptr;
  }
  // Connects and LISTENs; false when the server cannot be reached.
  bool connect() {
    drop();
    conn = PQconnectdb(url.c_str());
    if (PQstatus(conn) != CONNECTION_OK) {
      drop();
      return false;
    }
    char* quoted = PQescapeIdentifier(conn, channel.data(), channel.size());
    if (quoted == nullptr) {
      drop();
      return false;
    }
    const std::string sql = std::string("LISTEN ") + quoted;
    PQfreemem(quoted);
    PGresult* res = PQexec(conn, sql.c_str());
    const bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
    PQclear(res);
    if (!ok) drop();
    return ok;
  }
  // Consumes what arrived; true when a notification was among it. Drops a broken connection.
  bool consume() {
    if (PQconsumeInput(conn) == 0) {
      drop();
      return false;
    }
    bool any = false;
    while (PGnotify* n = PQnotifies(conn)) {
      any = true;
      PQfreemem(n);
    }
    return any;
  }
};

PgListener::PgListener(std::string url, std::string channel) : impl_(std::make_unique<Impl>()) {
  impl_->url = std::move(url);
  impl_->channel = std::move(channel);
}

PgListener::~PgListener() {
  impl_->drop();
}

bool PgListener::wait(std::chrono::milliseconds timeout) {
  if (impl_->conn == nullptr) {
    if (impl_->connect()) return true;
    std::this_thread::sleep_for(timeout);
    return false;
  }
  if (impl_->consume()) return true;
  if (impl_->conn == nullptr) return false;
  pollfd fd{PQsocket(impl_->conn), POLLIN, 0};
  const int ready = ::poll(&fd, 1, static_cast<int>(timeout.count()));
  if (ready <= 0) return false;
  return impl_->consume() || impl_->conn == nullptr;
}

}  // namespace cds::store
