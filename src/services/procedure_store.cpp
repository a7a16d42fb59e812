#include "services/procedure_store.hpp"

#include <boost/json/parse.hpp>

#include <string>

#include "common/hash.hpp"
#include "common/json_text.hpp"
#include "services/procedure_json.hpp"

namespace cds::services::procedure_store {

Written upsert(store::Tx& tx, const Procedure& p, std::string_view source, Millis now,
               bool replace) {
  const std::string detail = json_text(to_json(p));
  const std::string hash = sha256_hex(detail);
  auto existing = tx.one("SELECT content_hash FROM procedures WHERE code = $1", {p.code});
  if (existing && (!replace || existing->str(0) == hash)) return Written::kUnchanged;
  std::string levels;
  for (Level l : p.levels) {
    if (!levels.empty()) levels += ',';
    levels += level_name(l);
  }
  tx.exec(
      "INSERT INTO procedures (code, name, field, levels, agency, detail, content_hash, source, "
      "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) "
      "ON CONFLICT (code) DO UPDATE SET name = $2, field = $3, levels = $4, agency = $5, "
      "detail = $6, content_hash = $7, source = $8, updated_at = $9",
      {p.code, p.name, p.field, levels, p.agency(), detail, hash, std::string(source), now});
  return existing ? Written::kUpdated : Written::kNew;
}

std::int64_t revision(store::Tx& tx) {
  auto row = tx.one("SELECT revision FROM procedure_catalogue WHERE id = 1");
  return row ? row->i64(0) : 0;
}

void bump_revision(store::Tx& tx) {
  tx.exec("UPDATE procedure_catalogue SET revision = revision + 1 WHERE id = 1");
}

std::vector<Procedure> all(store::Tx& tx) {
  std::vector<Procedure> out;
  for (const auto& r : tx.query("SELECT detail FROM procedures ORDER BY code")) {
    boost::system::error_code ec;
    auto v = boost::json::parse(r.str(0), ec);
    if (ec || !v.is_object()) continue;  // written by upsert: always an object
    out.push_back(procedure_from_json(v.get_object()));
  }
  return out;
}

}  // namespace cds::services::procedure_store
