// Citizen profiles from the e-ID, consent, shared location.
#include "citizens/citizen_service.hpp"

#include <boost/json/array.hpp>

#include "areas/wards.hpp"
#include "auth/authenticator.hpp"
#include "common/clock.hpp"

namespace cds::citizens {
namespace {

namespace json = boost::json;

constexpr std::string_view kPurposes[] = {"terms", "location", "notifications"};

Consent consent_from(const store::Row& r) {
  return Consent{*parse_purpose(r.str(0)), r.boolean(1), r.str(2), r.i64(3), r.str(4)};
}

void append_consent(store::Tx& tx, std::int64_t user_id, Purpose purpose, bool granted,
                    std::string_view source, Millis now) {
  tx.exec(
      "INSERT INTO consents (user_id, purpose, granted, policy_version, at, source) "
      "VALUES ($1, $2, $3, $4, $5, $6)",
      {user_id, std::string(purpose_name(purpose)), std::int64_t{granted ? 1 : 0},
       std::string(kPolicyVersion), now, std::string(source)});
}

// Subject identifiers are scoped to their issuer (OpenID Connect Core §2).
std::string subject_key(const oidc::Identity& identity) {
  return identity.issuer + "\n" + identity.subject;
}

}  // namespace

std::string_view purpose_name(Purpose p) {
  return kPurposes[static_cast<int>(p)];
}

std::optional<Purpose> parse_purpose(std::string_view name) {
  for (int i = 0; i < 3; ++i) {
    if (kPurposes[i] == name) return static_cast<Purpose>(i);
  }
  return std::nullopt;
}

Result<auth::Principal> CitizenService::sign_in(store::Tx& tx, const oidc::Identity& identity,
                                                bool accepted_terms) const {
  const Millis now = clock_.now();
  const std::string index = vault_.blind_index(subject_key(identity));
  std::int64_t user_id = 0;
  auto found = tx.one(
      "SELECT u.id, u.username, u.disabled FROM citizen_profiles p JOIN users u ON u.id = "
      "p.user_id WHERE p.subject_index = $1",
      {index});
  std::string username;
  if (found) {
    if (found->boolean(2)) return Status(Code::kForbidden, "account_disabled");
    user_id = found->i64(0);
    username = found->str(1);
  } else {
    // The username is random: it must say nothing about the person.
    username = "vneid-" + auth::new_token().substr(0, 16);
    auto row = tx.one(
        "INSERT INTO users (username, role, display_name, created_at) "
        "VALUES ($1, 'citizen', '', $2) RETURNING id",
        {username, now});
    user_id = row->i64(0);
    tx.exec(
        "INSERT INTO citizen_profiles (user_id, subject_index, created_at, updated_at, "
        "last_sign_in_at) VALUES ($1, $2, $3, $3, $3)",
        {user_id, index, now});
  }
  // The e-ID is the source of truth for these fields: refreshed on every sign-in.
  tx.exec(
      "UPDATE citizen_profiles SET full_name = $2, birth_date = $3, phone = $4, email = $5, "
      "national_id = $6, updated_at = $7, last_sign_in_at = $7, national_id_index = $8 "
      "WHERE user_id = $1",
      {user_id, store::opt(vault_.seal_optional(identity.name)),
       store::opt(vault_.seal_optional(identity.birth_date)),
       store::opt(vault_.seal_optional(identity.phone)),
       store::opt(vault_.seal_optional(identity.email)),
       store::opt(vault_.seal_optional(identity.national_id)), now,
       identity.national_id ? store::Value{national_id_index(vault_, *identity.national_id)}
                            : store::Value{nullptr}});
  if (accepted_terms && !has_consent(tx, user_id, Purpose::kTerms))
    append_consent(tx, user_id, Purpose::kTerms, true, "sign_in", now);
  return auth::Principal{user_id, username, auth::Role::kCitizen, "", "", ""};
}

Result<std::optional<Profile>> CitizenService::profile(std::int64_t user_id) const {
  return db_.read_value<std::optional<Profile>>(
      [&](store::Tx& tx) -> Result<std::optional<Profile>> {
        auto r = tx.one(
            "SELECT full_name, birth_date, phone, email, national_id, home_ward, last_location, "
            "last_location_ward, last_location_at, created_at, last_sign_in_at "
            "FROM citizen_profiles WHERE user_id = $1",
            {user_id});
        if (!r) return std::optional<Profile>{};
        Profile p;
        p.user_id = user_id;
        std::optional<std::string>* sealed[] = {&p.full_name, &p.birth_date, &p.phone, &p.email,
                                                &p.national_id};
        for (std::size_t i = 0; i < std::size(sealed); ++i) {
          auto plain = vault_.open_optional(r->opt_str(i));
          if (!plain.ok()) return plain.status();
          *sealed[i] = std::move(*plain);
        }
        p.home_ward = r->opt_str(5);
        auto location = vault_.open_optional(r->opt_str(6));
        if (!location.ok()) return location.status();
        p.last_location = std::move(*location);
        p.last_location_ward = r->opt_str(7);
        p.last_location_at = r->opt_i64(8);
        p.created_at = r->i64(9);
        p.last_sign_in_at = r->i64(10);
        return std::optional<Profile>(std::move(p));
      });
}

Result<std::vector<Consent>> CitizenService::consent_history(std::int64_t user_id) const {
  return db_.read_value<std::vector<Consent>>([&](store::Tx& tx) -> Result<std::vector<Consent>> {
    std::vector<Consent> out;
    for (const auto& r : tx.query("SELECT purpose, granted, policy_version, at, source FROM "
                                  "consents WHERE user_id = $1 ORDER BY id",
                                  {user_id}))
      out.push_back(consent_from(r));
    return out;
  });
}

Result<std::vector<Consent>> CitizenService::consents(std::int64_t user_id) const {
  auto history = consent_history(user_id);
  if (!history.ok()) return history;
  std::vector<Consent> latest;
  for (const Consent& c : *history) {
    auto same = std::find_if(latest.begin(), latest.end(),
                             [&](const Consent& l) { return l.purpose == c.purpose; });
    if (same == latest.end())
      latest.push_back(c);
    else
      *same = c;
  }
  return latest;
}

bool CitizenService::has_consent(store::Tx& tx, std::int64_t user_id, Purpose purpose) const {
  auto r = tx.one(
      "SELECT granted FROM consents WHERE user_id = $1 AND purpose = $2 ORDER BY id DESC LIMIT 1",
      {user_id, std::string(purpose_name(purpose))});
  return r && r->boolean(0);
}

Status CitizenService::require_consent(std::int64_t user_id, Purpose purpose) const {
  bool granted = false;
  Status st = db_.read([&](store::Tx& tx) {
    granted = has_consent(tx, user_id, purpose);
    return Status::Ok();
  });
  if (!st.ok()) return st;
  if (!granted)
    return Status(Code::kForbidden, "consent_required")
        .with("purpose", std::string(purpose_name(purpose)));
  return Status::Ok();
}

Status CitizenService::require_terms(std::int64_t user_id) const {
  bool allowed = false;
  Status st = db_.read([&](store::Tx& tx) {
    auto answer = tx.one(
        "SELECT granted FROM consents WHERE user_id = $1 AND purpose = 'terms' "
        "ORDER BY id DESC LIMIT 1",
        {user_id});
    if (answer) {
      allowed = answer->boolean(0);
    } else {
      allowed = !tx.one(
          "SELECT 1 FROM citizen_profiles WHERE user_id = $1 AND subject_index NOT LIKE 'local:%'",
          {user_id});
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  if (!allowed) return Status(Code::kForbidden, "consent_required").with("purpose", "terms");
  return Status::Ok();
}

Status CitizenService::set_consent(std::int64_t user_id, Purpose purpose, bool granted,
                                   std::string_view source) const {
  const Millis now = clock_.now();
  return db_.write([&](store::Tx& tx) {
    append_consent(tx, user_id, purpose, granted, source, now);
    // Withdrawal stops the processing at once: the location kept for alerts goes with it.
    if (purpose == Purpose::kLocation && !granted) {
      tx.exec(
          "UPDATE citizen_profiles SET last_location = NULL, last_location_ward = NULL, "
          "last_location_at = NULL WHERE user_id = $1",
          {user_id});
    }
    // Without consent to notifications no phone of theirs is pushed to: its subscriptions go.
    if (purpose == Purpose::kNotifications && !granted) {
      tx.exec(
          "DELETE FROM push_deliveries WHERE subscription_id IN (SELECT id FROM "
          "push_subscriptions WHERE user_id = $1)",
          {user_id});
      tx.exec("DELETE FROM push_subscriptions WHERE user_id = $1", {user_id});
    }
    return Status::Ok();
  });
}

Status CitizenService::share_location(std::int64_t user_id, double lat, double lon,
                                      std::optional<std::string> ward) const {
  const Millis now = clock_.now();
  // Alerts find people by ward: a place shared without one is placed by the server (its ward's
  // boundary; just outside the city, the nearest ward centre).
  std::optional<std::string> placed;
  if (!ward) {
    auto found = areas::locate(locator_, lat, lon);
    placed = std::string(found ? found->ward->code : areas::nearest_ward(lat, lon).code);
  }
  return db_.write([&](store::Tx& tx) -> Status {
    if (!has_consent(tx, user_id, Purpose::kLocation))
      return Status(Code::kForbidden, "consent_required").with("purpose", "location");
    if (ward && !tx.one("SELECT 1 FROM areas WHERE code = $1", {*ward}))
      return Status::Invalid("invalid").field("ward", "unknown_ward");
    if (!ward) ward = placed;
    char text[64];
    std::snprintf(text, sizeof text, "%.6f,%.6f", lat, lon);
    // A citizen with a staff-made account has no profile row yet: make one.
    tx.exec(
        "INSERT INTO citizen_profiles (user_id, subject_index, created_at, updated_at, "
        "last_sign_in_at) VALUES ($1, $2, $3, $3, $3) ON CONFLICT (user_id) DO NOTHING",
        {user_id, "local:" + std::to_string(user_id), now});
    tx.exec(
        "UPDATE citizen_profiles SET last_location = $2, last_location_ward = $3, "
        "last_location_at = $4, updated_at = $4 WHERE user_id = $1",
        {user_id, vault_.seal(std::string_view(text)), store::opt(ward), now});
    return Status::Ok();
  });
}

Status CitizenService::set_home_ward(std::int64_t user_id,
                                     const std::optional<std::string>& ward) const {
  const Millis now = clock_.now();
  return db_.write([&](store::Tx& tx) -> Status {
    if (ward && !tx.one("SELECT 1 FROM areas WHERE code = $1", {*ward}))
      return Status::Invalid("invalid").field("ward", "unknown_ward");
    tx.exec(
        "INSERT INTO citizen_profiles (user_id, subject_index, created_at, updated_at, "
        "last_sign_in_at) VALUES ($1, $2, $3, $3, $3) ON CONFLICT (user_id) DO NOTHING",
        {user_id, "local:" + std::to_string(user_id), now});
    tx.exec("UPDATE citizen_profiles SET home_ward = $2, updated_at = $3 WHERE user_id = $1",
            {user_id, store::opt(ward), now});
    return Status::Ok();
  });
}

Status CitizenService::forget_location(std::int64_t user_id) const {
  return db_.write([&](store::Tx& tx) {
    tx.exec(
        "UPDATE citizen_profiles SET last_location = NULL, last_location_ward = NULL, "
        "last_location_at = NULL WHERE user_id = $1",
        {user_id});
    return Status::Ok();
  });
}

void CitizenService::erase(store::Tx& tx, std::int64_t user_id) const {
  tx.exec("DELETE FROM citizen_profiles WHERE user_id = $1", {user_id});
  tx.exec("DELETE FROM consents WHERE user_id = $1", {user_id});
}

std::string national_id_index(const Vault& vault, std::string_view national_id) {
  std::string digits;
  for (char c : national_id)
    if (c != ' ') digits += c;
  return vault.blind_index("national_id\n" + digits);
}

std::vector<std::int64_t> CitizenService::citizens_with_national_id(store::Tx& tx,
                                                                    const std::string& index) {
  std::vector<std::int64_t> out;
  for (const auto& r : tx.query(
           "SELECT p.user_id FROM citizen_profiles p JOIN users u ON u.id = p.user_id WHERE "
           "p.national_id_index = $1 AND u.role = 'citizen' AND u.disabled = 0 ORDER BY p.user_id",
           {index}))
    out.push_back(r.i64(0));
  return out;
}

std::optional<std::string> CitizenService::national_id_index_of(store::Tx& tx,
                                                                std::int64_t user_id) {
  auto r = tx.one("SELECT national_id_index FROM citizen_profiles WHERE user_id = $1", {user_id});
  return r ? r->opt_str(0) : std::nullopt;
}

Result<std::int64_t> CitizenService::index_national_ids() const {
  return db_.write_value<std::int64_t>([&](store::Tx& tx) -> Result<std::int64_t> {
    std::int64_t done = 0;
    for (const auto& r : tx.query("SELECT user_id, national_id FROM citizen_profiles WHERE "
                                  "national_id IS NOT NULL AND national_id_index IS NULL")) {
      auto plain = vault_.open(r.str(1));
      if (!plain.ok()) return plain.status();
      tx.exec("UPDATE citizen_profiles SET national_id_index = $2 WHERE user_id = $1",
              {r.i64(0), national_id_index(vault_, *plain)});
      ++done;
    }
    return done;
  });
}

json::object profile_json(const Profile& p) {
  auto opt = [](const std::optional<std::string>& v) {
    return v ? json::value(*v) : json::value(nullptr);
  };
  json::object o;
  o["full_name"] = opt(p.full_name);
  o["birth_date"] = opt(p.birth_date);
  o["phone"] = opt(p.phone);
  o["email"] = opt(p.email);
  o["national_id"] = opt(p.national_id);
  o["home_ward"] = opt(p.home_ward);
  json::object location;
  if (p.last_location) {
    location["coordinates"] = *p.last_location;
    location["ward"] = opt(p.last_location_ward);
    location["at"] = format_rfc3339(p.last_location_at.value_or(0));
  }
  o["shared_location"] = p.last_location ? json::value(std::move(location)) : json::value(nullptr);
  o["first_sign_in_at"] = format_rfc3339(p.created_at);
  o["last_sign_in_at"] = format_rfc3339(p.last_sign_in_at);
  return o;
}

json::object consent_json(const Consent& c) {
  return json::object{{"purpose", purpose_name(c.purpose)},
                      {"granted", c.granted},
                      {"policy_version", c.policy_version},
                      {"at", format_rfc3339(c.at)},
                      {"source", c.source}};
}

}  // namespace cds::citizens
