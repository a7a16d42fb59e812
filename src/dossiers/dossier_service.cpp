#include "dossiers/dossier_service.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <algorithm>

#include "citizens/citizen_service.hpp"
#include "common/hash.hpp"
#include "common/json_text.hpp"
#include "dossiers/dossier_store.hpp"
#include "events/event_log.hpp"

namespace cds::dossiers {
namespace {

namespace json = boost::json;

constexpr int kMineLimit = 100;            // a person's dossiers; more is not one person's
constexpr std::size_t kNoteInEvent = 280;  // bytes of the agency's note the notification shows

Status not_found() {
  return Status::NotFound("dossier_not_found");
}

std::string truncated(std::string text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
  return text + "…";
}

// Both strings are hex digests of the same length; the time taken says nothing of where they
// differ.
bool same_digest(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

// Appends the event that tells the linked citizens (notify/dossier_notices.cpp reads it). The
// payload names the citizens, never the applicant.
std::int64_t append_status_event(store::Tx& tx, const store_ops::Row& d, const std::string& note,
                                 Millis now) {
  json::array citizens;
  if (d.applicant_index)
    for (std::int64_t id :
         citizens::CitizenService::citizens_with_national_id(tx, *d.applicant_index))
      citizens.emplace_back(id);
  json::object payload{{"dossier_code", d.code},
                       {"status", d.status},
                       {"procedure_name", d.procedure_name},
                       {"note", truncated(note, kNoteInEvent)},
                       {"url", "/app/dossiers/" + d.code},
                       {"citizen_ids", std::move(citizens)}};
  return events::append(tx, now,
                        events::Event{0, now, "dossier.status", std::nullopt, true,
                                      json_text(payload), std::nullopt});
}

// Adds a timeline entry and, when it is the newest, makes it the dossier's status and tells the
// citizen. Returns false when the source key was used already.
bool add_change(store::Tx& tx, store_ops::Row& d, const store_ops::EntryRow& entry, Millis now,
                std::optional<Millis> appointment_at) {
  const Millis latest = store_ops::latest_at(tx, d.id);
  auto entry_id = store_ops::add_entry(tx, d.id, entry, now);
  if (!entry_id) return false;
  if (entry.at < latest) return true;  // late news of an earlier step: history only
  d.status = entry.status;
  if (appointment_at) d.appointment_at = appointment_at;
  d.completed_at = is_final(d.status) ? std::optional<Millis>(entry.at) : std::nullopt;
  d.updated_at = now;
  store_ops::update(tx, d);
  store_ops::set_entry_event(tx, *entry_id, append_status_event(tx, d, entry.note, now));
  return true;
}

}  // namespace

Status check_upsert(const Upsert& in, bool creating) {
  Status errors(Code::kInvalid, "invalid");
  bool bad = false;
  auto error = [&](std::string field, std::string key) {
    errors.field(std::move(field), std::move(key));
    bad = true;
  };
  if (in.procedure_code.empty() || in.procedure_code.size() > 40)
    error("procedure.code", "field_invalid");
  if (in.procedure_name.empty() || in.procedure_name.size() > 500)
    error("procedure.name", "field_invalid");
  if (in.agency.size() > 300) error("agency", "field_too_long");
  if (in.applicant_name.empty() || in.applicant_name.size() > 200)
    error("applicant.name", "field_invalid");
  if (in.applicant_id && !normalize_id_number(*in.applicant_id))
    error("applicant.id_number", "dossier_id_number_invalid");
  if (!valid_status(in.status)) error("status", "dossier_status_invalid");
  if (in.note && in.note->size() > 2000) error("note", "field_too_long");
  if (in.appointment_at && *in.appointment_at < in.submitted_at)
    error("appointment_at", "dossier_time_before_submitted");
  if (in.completed_at && *in.completed_at < in.submitted_at)
    error("completed_at", "dossier_time_before_submitted");
  if (in.lookup_secret && !normalize_secret(*in.lookup_secret))
    error("lookup_secret", "dossier_secret_invalid");
  if (creating && !in.lookup_secret) error("lookup_secret", "field_required");
  return bad ? errors : Status::Ok();
}

std::string DossierService::secret_hash(const std::string& code, const std::string& secret) const {
  return vault_.blind_index("dossier_secret\n" + code + "\n" + secret);
}

Result<Dossier> DossierService::opened(store::Tx& tx, const store_ops::Row& row) const {
  Dossier d;
  d.id = row.id;
  d.code = row.code;
  d.procedure_code = row.procedure_code;
  d.procedure_name = row.procedure_name;
  d.agency = row.agency;
  auto name = vault_.open(row.applicant_name);
  if (!name.ok()) return name.status();
  d.applicant_name = std::move(*name);
  auto id = vault_.open_optional(row.applicant_id);
  if (!id.ok()) return id.status();
  d.applicant_id = std::move(*id);
  d.status = row.status;
  d.submitted_at = row.submitted_at;
  d.appointment_at = row.appointment_at;
  d.completed_at = row.completed_at;
  d.updated_at = row.updated_at;
  for (auto& e : store_ops::timeline(tx, row.id))
    d.timeline.push_back({std::move(e.status), std::move(e.note), e.at});
  return d;
}

Result<DossierService::Saved> DossierService::upsert(const std::string& code, Upsert in) {
  const Millis now = clock_.now();
  std::optional<std::string> applicant_id;
  if (in.applicant_id) applicant_id = normalize_id_number(*in.applicant_id);
  std::optional<std::string> secret;
  if (in.lookup_secret) secret = normalize_secret(*in.lookup_secret);
  return db_.write_value<Saved>([&](store::Tx& tx) -> Result<Saved> {
    auto current = store_ops::find(tx, code);
    const bool created = !current;
    if (created && !secret)
      return Status::Invalid("invalid").field("lookup_secret", "field_required");
    store_ops::Row d = current.value_or(store_ops::Row{});
    // Sealed values are written again only when their content changes.
    bool same_applicant = false;
    if (current) {
      auto name = vault_.open(current->applicant_name);
      if (!name.ok()) return name.status();
      auto id = vault_.open_optional(current->applicant_id);
      if (!id.ok()) return id.status();
      same_applicant = *name == in.applicant_name && *id == applicant_id;
    }
    d.code = code;
    d.procedure_code = in.procedure_code;
    d.procedure_name = in.procedure_name;
    d.agency = in.agency;
    if (!same_applicant) {
      d.applicant_name = vault_.seal(in.applicant_name);
      d.applicant_id = vault_.seal_optional(applicant_id);
      d.applicant_index = applicant_id
                              ? std::optional(citizens::national_id_index(vault_, *applicant_id))
                              : std::nullopt;
    }
    if (secret) d.secret_hash = secret_hash(code, *secret);
    d.submitted_at = in.submitted_at;
    d.appointment_at = in.appointment_at;
    if (created) {
      // Received first, at the submission time; the status it comes with, if another, follows.
      d.status = "received";
      d.created_at = d.updated_at = now;
      d.id = store_ops::insert(tx, d);
      const store_ops::EntryRow received{0,
                                         "received",
                                         in.status == "received" ? in.note.value_or("") : "",
                                         in.submitted_at,
                                         "put:received",
                                         ""};
      if (in.status == "received") {
        add_change(tx, d, received, now, std::nullopt);
      } else {
        store_ops::add_entry(tx, d.id, received, now);  // history: the citizen hears of the next
      }
    }
    if (in.status != d.status) {
      // A new status from a PUT is always the newest step, so that the same PUT again finds it.
      const Millis at = std::max({is_final(in.status) ? in.completed_at.value_or(now) : now,
                                  d.submitted_at, store_ops::latest_at(tx, d.id)});
      add_change(tx, d,
                 store_ops::EntryRow{0, in.status, in.note.value_or(""), at,
                                     "put:" + std::to_string(now) + ":" + in.status, ""},
                 now, std::nullopt);
    }
    if (is_final(d.status) && in.completed_at) d.completed_at = in.completed_at;
    if (!is_final(d.status)) d.completed_at.reset();
    d.updated_at = now;
    store_ops::update(tx, d);
    auto view = opened(tx, d);
    if (!view.ok()) return view.status();
    return Saved{std::move(*view), created};
  });
}

Result<DossierService::Saved> DossierService::record(const std::string& code, StatusChange change) {
  const Millis now = clock_.now();
  const Millis at = change.at.value_or(now);
  // What the change says, so that a retry under the same key is recognised as the same.
  const std::string fingerprint = sha256_hex(
      change.status + "\n" + change.note + "\n" + (change.at ? std::to_string(*change.at) : "") +
      "\n" + (change.appointment_at ? std::to_string(*change.appointment_at) : ""));
  return db_.write_value<Saved>([&](store::Tx& tx) -> Result<Saved> {
    auto d = store_ops::find(tx, code);
    if (!d) return not_found();
    const std::string key = "src:" + change.source_key;
    bool created = true;
    if (auto earlier = store_ops::entry_by_key(tx, d->id, key)) {
      if (earlier->request_hash != fingerprint) return Status::Conflict("dossier_event_key_reused");
      created = false;
    } else {
      if (at < d->submitted_at)
        return Status::Invalid("invalid").field("at", "dossier_time_before_submitted");
      add_change(tx, *d, store_ops::EntryRow{0, change.status, change.note, at, key, fingerprint},
                 now, change.appointment_at);
    }
    auto view = opened(tx, *d);
    if (!view.ok()) return view.status();
    return Saved{std::move(*view), created};
  });
}

Result<Dossier> DossierService::lookup(const std::string& code, std::string_view secret) const {
  const auto normalized = normalize_secret(secret);
  // The hash is made whatever the input, so that a wrong code costs the same time as a wrong
  // secret.
  const std::string expected = secret_hash(code, normalized.value_or(std::string(secret)));
  return db_.read_value<Dossier>([&](store::Tx& tx) -> Result<Dossier> {
    auto d = store_ops::find(tx, code);
    if (!d || !normalized || !same_digest(d->secret_hash, expected)) return not_found();
    return opened(tx, *d);
  });
}

Result<std::vector<Dossier>> DossierService::mine(std::int64_t user_id) const {
  return db_.read_value<std::vector<Dossier>>([&](store::Tx& tx) -> Result<std::vector<Dossier>> {
    std::vector<Dossier> out;
    const auto index = citizens::CitizenService::national_id_index_of(tx, user_id);
    if (!index) return out;
    for (const auto& row : store_ops::by_applicant(tx, *index, kMineLimit)) {
      auto d = opened(tx, row);
      if (!d.ok()) return d.status();
      out.push_back(std::move(*d));
    }
    return out;
  });
}

Result<Dossier> DossierService::mine_one(std::int64_t user_id, const std::string& code) const {
  return db_.read_value<Dossier>([&](store::Tx& tx) -> Result<Dossier> {
    const auto index = citizens::CitizenService::national_id_index_of(tx, user_id);
    auto d = store_ops::find(tx, code);
    if (!index || !d || d->applicant_index != index) return not_found();
    return opened(tx, *d);
  });
}

}  // namespace cds::dossiers
