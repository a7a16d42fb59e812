// The rules of dossier tracking: the public-service system's connector creates and updates
// dossiers and adds status changes, each idempotent; anyone holding a dossier's code and the
// secret printed on its receipt may follow it; a citizen whose e-ID carries the applicant's ID
// number sees theirs in full. A status change appends a `dossier.status` event in the same
// transaction, so that the delivery workers (notify/) tell the linked citizen.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/status.hpp"
#include "common/vault.hpp"
#include "dossiers/dossier.hpp"
#include "dossiers/dossier_store.hpp"
#include "store/database.hpp"

namespace cds::dossiers {

class DossierService {
 public:
  DossierService(store::Database& db, const Clock& clock, const Vault& vault)
      : db_(db), clock_(clock), vault_(vault) {}

  struct Saved {
    Dossier dossier;
    bool created = false;  // a new dossier (PUT) or a new timeline entry (events)
  };
  // Creates the dossier `code` or replaces its content. A new status adds a timeline entry and
  // tells the applicant; sending the same content again changes nothing. Input must be checked
  // (check_upsert) and the code normalized.
  Result<Saved> upsert(const std::string& code, Upsert input);
  // Adds a status change once per source key: a retry with the same content returns the entry
  // already made (created = false), a different change under the same key is 409
  // dossier_event_key_reused. A change older than the latest entry joins the timeline without
  // changing the status or telling anyone.
  Result<Saved> record(const std::string& code, StatusChange change);

  // The dossier when `secret` is the one on its receipt; otherwise 404 dossier_not_found, the
  // same answer as for a code that does not exist.
  Result<Dossier> lookup(const std::string& code, std::string_view secret) const;
  // The dossiers of the citizen whose e-ID carries the applicant's ID number, newest first.
  Result<std::vector<Dossier>> mine(std::int64_t user_id) const;
  Result<Dossier> mine_one(std::int64_t user_id, const std::string& code) const;

  Millis now() const { return clock_.now(); }

 private:
  Result<Dossier> opened(store::Tx& tx, const store_ops::Row& row) const;
  std::string secret_hash(const std::string& code, const std::string& secret) const;

  store::Database& db_;
  const Clock& clock_;
  const Vault& vault_;
};

// Field errors of an upsert (names as in the JSON body); `creating` requires the lookup secret.
Status check_upsert(const Upsert& input, bool creating);

}  // namespace cds::dossiers
