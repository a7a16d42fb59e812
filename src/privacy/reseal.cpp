#include "privacy/reseal.hpp"

#include <string>

namespace cds::privacy {

const SealedColumn kSealedColumns[11] = {
    {"staff_totp", "user_id", "secret"},
    {"reports", "id", "caller_name"},
    {"reports", "id", "caller_phone"},
    {"citizen_profiles", "user_id", "full_name"},
    {"citizen_profiles", "user_id", "birth_date"},
    {"citizen_profiles", "user_id", "phone"},
    {"citizen_profiles", "user_id", "email"},
    {"citizen_profiles", "user_id", "national_id"},
    {"citizen_profiles", "user_id", "last_location"},
    {"dossiers", "id", "applicant_name"},
    {"dossiers", "id", "applicant_id"},
};

Result<std::int64_t> reseal_all(store::Database& db, const Vault& vault, int batch,
                                const std::function<void(std::int64_t)>& progress) {
  const std::string current_prefix = "pd1$" + vault.current_kid() + "$";
  std::int64_t total = 0;
  for (const SealedColumn& c : kSealedColumns) {
    const std::string select =
        std::string("SELECT ") + c.key + ", " + c.column + " FROM " + c.table + " WHERE " +
        c.column + " IS NOT NULL AND " + c.key + " > $1 AND substr(" + c.column + ", 1, " +
        std::to_string(current_prefix.size()) + ") <> $2 ORDER BY " + c.key + " LIMIT $3";
    const std::string update = std::string("UPDATE ") + c.table + " SET " + c.column +
                               " = $2 WHERE " + c.key + " = $1 AND " + c.column + " = $3";
    std::int64_t after = -1;
    for (;;) {
      int changed_rows = 0;
      const std::int64_t batch_start = after;
      Status st = db.write([&](store::Tx& tx) -> Status {
        changed_rows = 0;  // the store may run this again after a failed commit
        after = batch_start;
        for (const auto& row : tx.query(select, {after, current_prefix, std::int64_t{batch}})) {
          const std::string old = row.str(1);
          std::string plain = old;
          if (Vault::is_sealed(old)) {
            auto opened = vault.open(std::string_view(old));
            if (!opened.ok()) return opened.status();
            plain = std::move(*opened);
          }
          tx.exec(update, {row.i64(0), vault.seal(std::string_view(plain)), old});
          after = row.i64(0);
          ++changed_rows;
        }
        return Status::Ok();
      });
      if (!st.ok()) return st;
      total += changed_rows;
      if (progress && changed_rows > 0) progress(total);
      if (changed_rows < batch) break;
    }
  }
  return total;
}

}  // namespace cds::privacy
