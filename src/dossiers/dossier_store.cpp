#include "dossiers/dossier_store.hpp"

namespace cds::dossiers::store_ops {
namespace {

constexpr const char* kColumns =
    "id, code, procedure_code, procedure_name, agency, applicant_name, applicant_id, "
    "applicant_index, secret_hash, status, submitted_at, appointment_at, completed_at, "
    "created_at, updated_at";

Row row_from(const store::Row& r) {
  Row d;
  d.id = r.i64(0);
  d.code = r.str(1);
  d.procedure_code = r.str(2);
  d.procedure_name = r.str(3);
  d.agency = r.str(4);
  d.applicant_name = r.str(5);
  d.applicant_id = r.opt_str(6);
  d.applicant_index = r.opt_str(7);
  d.secret_hash = r.str(8);
  d.status = r.str(9);
  d.submitted_at = r.i64(10);
  d.appointment_at = r.opt_i64(11);
  d.completed_at = r.opt_i64(12);
  d.created_at = r.i64(13);
  d.updated_at = r.i64(14);
  return d;
}

}  // namespace

std::optional<Row> find(store::Tx& tx, const std::string& code) {
  auto r = tx.one(std::string("SELECT ") + kColumns + " FROM dossiers WHERE code = $1", {code});
  if (!r) return std::nullopt;
  return row_from(*r);
}

std::vector<Row> by_applicant(store::Tx& tx, const std::string& applicant_index, int limit) {
  std::vector<Row> out;
  for (const auto& r : tx.query(std::string("SELECT ") + kColumns +
                                    " FROM dossiers WHERE applicant_index = $1 "
                                    "ORDER BY submitted_at DESC, id DESC LIMIT $2",
                                {applicant_index, std::int64_t{limit}}))
    out.push_back(row_from(r));
  return out;
}

std::int64_t insert(store::Tx& tx, const Row& d) {
  return tx
      .one(
          "INSERT INTO dossiers (code, procedure_code, procedure_name, agency, applicant_name, "
          "applicant_id, applicant_index, secret_hash, status, submitted_at, appointment_at, "
          "completed_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
          "$10, $11, $12, $13, $14) RETURNING id",
          {d.code, d.procedure_code, d.procedure_name, d.agency, d.applicant_name,
           store::opt(d.applicant_id), store::opt(d.applicant_index), d.secret_hash, d.status,
           d.submitted_at, store::opt(d.appointment_at), store::opt(d.completed_at), d.created_at,
           d.updated_at})
      ->i64(0);
}

void update(store::Tx& tx, const Row& d) {
  tx.exec(
      "UPDATE dossiers SET procedure_code = $2, procedure_name = $3, agency = $4, "
      "applicant_name = $5, applicant_id = $6, applicant_index = $7, secret_hash = $8, "
      "status = $9, submitted_at = $10, appointment_at = $11, completed_at = $12, "
      "updated_at = $13 WHERE id = $1",
      {d.id, d.procedure_code, d.procedure_name, d.agency, d.applicant_name,
       store::opt(d.applicant_id), store::opt(d.applicant_index), d.secret_hash, d.status,
       d.submitted_at, store::opt(d.appointment_at), store::opt(d.completed_at), d.updated_at});
}

std::vector<EntryRow> timeline(store::Tx& tx, std::int64_t dossier_id) {
  std::vector<EntryRow> out;
  for (const auto& r : tx.query("SELECT id, status, note, at, source_key, request_hash FROM "
                                "dossier_events WHERE dossier_id = $1 ORDER BY at, id",
                                {dossier_id}))
    out.push_back({r.i64(0), r.str(1), r.str(2), r.i64(3), r.str(4), r.str(5)});
  return out;
}

std::optional<EntryRow> entry_by_key(store::Tx& tx, std::int64_t dossier_id,
                                     const std::string& source_key) {
  auto r = tx.one(
      "SELECT id, status, note, at, source_key, request_hash FROM dossier_events WHERE "
      "dossier_id = $1 AND source_key = $2",
      {dossier_id, source_key});
  if (!r) return std::nullopt;
  return EntryRow{r->i64(0), r->str(1), r->str(2), r->i64(3), r->str(4), r->str(5)};
}

Millis latest_at(store::Tx& tx, std::int64_t dossier_id) {
  auto r = tx.one("SELECT MAX(at) FROM dossier_events WHERE dossier_id = $1", {dossier_id});
  return r ? r->i64(0) : 0;
}

std::optional<std::int64_t> add_entry(store::Tx& tx, std::int64_t dossier_id, const EntryRow& e,
                                      Millis now) {
  auto r = tx.one(
      "INSERT INTO dossier_events (dossier_id, status, note, at, source_key, request_hash, "
      "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (dossier_id, source_key) "
      "DO NOTHING RETURNING id",
      {dossier_id, e.status, e.note, e.at, e.source_key, e.request_hash, now});
  if (!r) return std::nullopt;
  return r->i64(0);
}

void set_entry_event(store::Tx& tx, std::int64_t entry_id, std::int64_t event_id) {
  tx.exec("UPDATE dossier_events SET event_id = $2 WHERE id = $1", {entry_id, event_id});
}

}  // namespace cds::dossiers::store_ops
