// The Tx both engines hand to a callback: it remembers the first statement that failed and refuses
// every later one, so that a callback cannot carry on in a transaction the engine will undo (see
// the Tx contract in database.hpp). `Connection` is the engine's own connection type.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "store/database.hpp"

namespace cds::store {

template <class Connection>
class GuardedTx final : public Tx {
 public:
  explicit GuardedTx(Connection& conn) : conn_(conn) { conn_.reset_changes(); }

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
  Engine engine() const override { return Connection::kEngine; }
  void execute_script(std::string_view sql) override {
    throw_if_spent();
    try {
      conn_.execute_script(sql);
    } catch (const DbError& e) {
      error_ = e;
      throw;
    }
  }

  // The first statement that failed, if any.
  const std::optional<DbError>& error() const { return error_; }

 private:
  void throw_if_spent() const {
    if (error_) {
      throw DbError(error_->kind(),
                    std::string("transaction aborted by an earlier error: ") + error_->what());
    }
  }

  Connection& conn_;
  std::optional<DbError> error_;
};

}  // namespace cds::store
