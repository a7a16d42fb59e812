// Numbered schema migrations per engine, embedded at build time from
// migrations/<engine>/NNNN_*.sql.
#pragma once

#include <string_view>
#include <vector>

namespace cds::store {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;  // one or more statements separated by ';'
};

const std::vector<Migration>& sqlite_migrations();
const std::vector<Migration>& postgres_migrations();

}  // namespace cds::store
