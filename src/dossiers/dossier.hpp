// An administrative dossier (hồ sơ thủ tục hành chính) as the public-service system reports it,
// and the rules for its code, its lookup secret and the masking of its applicant
// (docs/DOSSIERS.md).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"

namespace cds::dossiers {

// The statuses a dossier goes through, as the API spells them.
inline constexpr std::array<std::string_view, 6> kStatuses{
    "received", "processing", "more_documents_required", "ready_to_return", "returned", "rejected"};
bool valid_status(std::string_view status);
// Returned and rejected end a dossier: their time is its completion time.
bool is_final(std::string_view status);

// One entry of the timeline.
struct TimelineEntry {
  std::string status;
  std::string note;
  Millis at = 0;
};

struct Dossier {
  std::int64_t id = 0;
  std::string code;
  std::string procedure_code, procedure_name;
  std::string agency;
  std::string applicant_name;               // opened (plain) in memory
  std::optional<std::string> applicant_id;  // opened
  std::string status;
  Millis submitted_at = 0;
  std::optional<Millis> appointment_at;
  std::optional<Millis> completed_at;
  Millis updated_at = 0;
  std::vector<TimelineEntry> timeline;  // oldest first
};

// What the connector sends to create or replace a dossier (PUT).
struct Upsert {
  std::string procedure_code, procedure_name, agency;
  std::string applicant_name;
  std::optional<std::string> applicant_id;
  std::string status;
  std::optional<std::string> note;  // for the timeline entry, when the status changes
  Millis submitted_at = 0;
  std::optional<Millis> appointment_at;
  std::optional<Millis> completed_at;
  std::optional<std::string> lookup_secret;  // required when the dossier is new
};

// A status change from the source system (POST .../events).
struct StatusChange {
  std::string source_key;  // the source's event id or the client's Idempotency-Key
  std::string status;
  std::string note;
  std::optional<Millis> at;  // default: now
  std::optional<Millis> appointment_at;
};

// Codes as agencies print them: letters, digits, '.', '-' and '_', 4 to 40 characters,
// kept in upper case ("38.98.H29-210519-0013").
std::optional<std::string> normalize_code(std::string_view code);
// The secret printed on the receipt: 6 to 32 letters or digits, compared in upper case.
std::optional<std::string> normalize_secret(std::string_view secret);
// An ID number: 9 or 12 digits (old CMND or CCCD), spaces ignored.
std::optional<std::string> normalize_id_number(std::string_view id);

// "Nguyễn Văn An" → "Nguyễn V*** A*": the family name, then initials only.
std::string mask_name(std::string_view full_name);
// "079085012345" → "*********345".
std::string mask_id(std::string_view id_number);

}  // namespace cds::dossiers
