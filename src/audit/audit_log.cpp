#include "audit/audit_log.hpp"

#include <algorithm>

namespace cds::audit {

void append(store::Tx& tx, Millis at, std::int64_t actor_id, std::string_view action,
            std::optional<std::int64_t> report_id, std::string_view data,
            std::string_view purpose) {
  tx.exec(
      "INSERT INTO audit_log (at, actor_id, action, report_id, data, purpose) "
      "VALUES ($1, $2, $3, $4, $5, $6)",
      {at, actor_id, std::string(action), store::opt(report_id), std::string(data),
       std::string(purpose)});
}

Result<std::vector<Entry>> query(store::Database& db, const Filter& f) {
  return db.read_value<std::vector<Entry>>([&](store::Tx& tx) -> Result<std::vector<Entry>> {
    std::vector<store::Value> params;
    std::string sql =
        "SELECT a.id, a.at, a.actor_id, u.username, a.action, a.report_id, a.data, a.purpose "
        "FROM audit_log a JOIN users u ON u.id = a.actor_id WHERE 1 = 1";
    auto param = [&](store::Value v) {
      params.push_back(std::move(v));
      return "$" + std::to_string(params.size());
    };
    if (f.report_id) sql += " AND a.report_id = " + param(*f.report_id);
    if (f.actor_id) sql += " AND a.actor_id = " + param(*f.actor_id);
    if (f.before_id > 0) sql += " AND a.id < " + param(f.before_id);
    sql += " ORDER BY a.id DESC LIMIT " + param(std::int64_t{std::clamp(f.limit, 1, 500)});
    std::vector<Entry> out;
    for (const auto& r : tx.query(sql, params)) {
      out.push_back(Entry{r.i64(0), r.i64(1), r.i64(2), r.str(3), r.str(4), r.opt_i64(5), r.str(6),
                          r.str(7)});
    }
    return out;
  });
}

}  // namespace cds::audit
