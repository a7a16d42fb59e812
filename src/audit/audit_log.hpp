// The audit log of staff reads of personal data (Law 91/2025/QH15): appended in the reading
// request's own transaction, queried by administrators.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/status.hpp"
#include "store/database.hpp"

namespace cds::audit {

struct Entry {
  std::int64_t id = 0;
  Millis at = 0;
  std::int64_t actor_id = 0;
  std::string actor_username;
  std::string action;  // read_personal_data
  std::optional<std::int64_t> report_id;
  std::string data;     // which fields were read: "author", "caller", "author,caller"
  std::string purpose;  // why
};

void append(store::Tx& tx, Millis at, std::int64_t actor_id, std::string_view action,
            std::optional<std::int64_t> report_id, std::string_view data, std::string_view purpose);

struct Filter {
  std::optional<std::int64_t> report_id;
  std::optional<std::int64_t> actor_id;
  std::int64_t before_id = 0;  // paging: newest first
  int limit = 100;
};
Result<std::vector<Entry>> query(store::Database& db, const Filter& filter);

}  // namespace cds::audit
