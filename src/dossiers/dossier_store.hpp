// The SQL of dossiers (migrations/*/0010_dossiers.sql). Values come in and go out sealed: the
// service seals and opens the applicant's data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "store/database.hpp"

namespace cds::dossiers::store_ops {

// A dossier's row as stored (applicant fields sealed).
struct Row {
  std::int64_t id = 0;
  std::string code, procedure_code, procedure_name, agency;
  std::string applicant_name;               // sealed
  std::optional<std::string> applicant_id;  // sealed
  std::optional<std::string> applicant_index;
  std::string secret_hash;
  std::string status;
  Millis submitted_at = 0;
  std::optional<Millis> appointment_at, completed_at;
  Millis created_at = 0, updated_at = 0;
};

struct EntryRow {
  std::int64_t id = 0;
  std::string status, note;
  Millis at = 0;
  std::string source_key, request_hash;
};

std::optional<Row> find(store::Tx& tx, const std::string& code);
std::vector<Row> by_applicant(store::Tx& tx, const std::string& applicant_index, int limit);
std::int64_t insert(store::Tx& tx, const Row& row);
void update(store::Tx& tx, const Row& row);

std::vector<EntryRow> timeline(store::Tx& tx, std::int64_t dossier_id);
std::optional<EntryRow> entry_by_key(store::Tx& tx, std::int64_t dossier_id,
                                     const std::string& source_key);
// The latest entry's time (0 when there is none).
Millis latest_at(store::Tx& tx, std::int64_t dossier_id);
// Adds an entry; nullopt when one with the same source key exists already.
std::optional<std::int64_t> add_entry(store::Tx& tx, std::int64_t dossier_id, const EntryRow& e,
                                      Millis now);
void set_entry_event(store::Tx& tx, std::int64_t entry_id, std::int64_t event_id);

}  // namespace cds::dossiers::store_ops
