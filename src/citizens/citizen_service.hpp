// Citizens known from the national e-ID: their profile (personal data, sealed at rest), their
// consent per purpose (Law 91/2025/QH15 art. 9-12), and the location they chose to share.
#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "areas/locator.hpp"
#include "auth/principal.hpp"
#include "common/clock.hpp"
#include "common/status.hpp"
#include "common/vault.hpp"
#include "oidc/relying_party.hpp"
#include "store/database.hpp"

namespace cds::citizens {

// What a person may consent to, each on its own: using the service at all (terms of use), using
// their location beyond the report they send (alerts for where they are), and notifications.
enum class Purpose { kTerms, kLocation, kNotifications };
std::string_view purpose_name(Purpose p);
std::optional<Purpose> parse_purpose(std::string_view name);
// The version of the policy text a consent given now agrees to (docs/PRIVACY.md).
inline constexpr std::string_view kPolicyVersion = "2026-11-01";

struct Consent {
  Purpose purpose = Purpose::kTerms;
  bool granted = false;
  std::string policy_version;
  Millis at = 0;
  std::string source;  // app | sign_in | demo
};

struct Profile {
  std::int64_t user_id = 0;
  std::optional<std::string> full_name, birth_date, phone, email, national_id;
  std::optional<std::string> home_ward;
  std::optional<std::string> last_location;  // "lat,lon"
  std::optional<std::string> last_location_ward;
  std::optional<Millis> last_location_at;
  Millis created_at = 0;
  Millis last_sign_in_at = 0;
};

class CitizenService {
 public:
  CitizenService(store::Database& db, const Clock& clock, const Vault& vault,
                 const areas::Locator* locator = nullptr)
      : db_(db), clock_(clock), vault_(vault), locator_(locator) {}

  // Inside the sign-in transaction: the citizen this e-ID identity belongs to, created on the
  // first sign-in; the profile is refreshed from the e-ID each time. 403 account_disabled when
  // the account was disabled. `accepted_terms` records consent to the terms of use.
  Result<auth::Principal> sign_in(store::Tx& tx, const oidc::Identity& identity,
                                  bool accepted_terms) const;

  // The profile with its personal data opened; nullopt for a citizen who never used the e-ID.
  Result<std::optional<Profile>> profile(std::int64_t user_id) const;
  // The current answer per purpose (purposes never answered are absent) and the full history.
  Result<std::vector<Consent>> consents(std::int64_t user_id) const;
  Result<std::vector<Consent>> consent_history(std::int64_t user_id) const;
  // Records an answer. Withdrawing consent to location also forgets the shared location.
  Status set_consent(std::int64_t user_id, Purpose purpose, bool granted,
                     std::string_view source) const;
  bool has_consent(store::Tx& tx, std::int64_t user_id, Purpose purpose) const;
  // 403 consent_required unless the latest answer for `purpose` is yes.
  Status require_consent(std::int64_t user_id, Purpose purpose) const;

  // 403 consent_required (purpose terms) unless the citizen may send reports and ideas: their
  // latest answer to the terms is yes; or, for an account the city made on their behalf (not
  // through the e-ID; they agreed on paper), they never withdrew.
  Status require_terms(std::int64_t user_id) const;

  // The place a citizen shares for alerts (needs consent to location), and forgetting it.
  Status share_location(std::int64_t user_id, double lat, double lon,
                        std::optional<std::string> ward) const;
  Status forget_location(std::int64_t user_id) const;
  // The ward a citizen says they live in (hot alerts for it); nullopt clears it.
  Status set_home_ward(std::int64_t user_id, const std::optional<std::string>& ward) const;

  // Inside the account deletion: profile, consents and location erased.
  void erase(store::Tx& tx, std::int64_t user_id) const;

  // Identity linking (dossiers/): the citizens whose e-ID carries the national ID number with this
  // keyed hash (national_id_index). Profiles signed in before the index existed get it from
  // index_national_ids().
  static std::vector<std::int64_t> citizens_with_national_id(store::Tx& tx,
                                                             const std::string& index);
  // The keyed hash of this citizen's national ID; nullopt when their e-ID released none.
  static std::optional<std::string> national_id_index_of(store::Tx& tx, std::int64_t user_id);
  // Fills the keyed hash of the national ID for profiles that have none yet; returns how many.
  Result<std::int64_t> index_national_ids() const;

 private:
  store::Database& db_;
  const Clock& clock_;
  const Vault& vault_;
  const areas::Locator* locator_;  // not owned; null: the compiled-in fallback (tests)
};

// The keyed hash that links records holding a national ID number (spaces ignored) to a citizen.
std::string national_id_index(const Vault& vault, std::string_view national_id);

boost::json::object profile_json(const Profile& p);
boost::json::object consent_json(const Consent& c);

}  // namespace cds::citizens
