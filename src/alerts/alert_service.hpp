// The rules of hot alerts: an alert officer drafts, another alert officer or an administrator
// approves, and only then is the message sent (the two-person rule, here and not only in the
// screens). Updates and cancellations are messages of their own and follow the same rule.
// Sending appends one event; the delivery workers (notify/) take it to streams, inboxes and push.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "alerts/alert.hpp"
#include "alerts/cap.hpp"
#include "areas/locator.hpp"
#include "auth/principal.hpp"
#include "common/clock.hpp"
#include "common/status.hpp"
#include "store/database.hpp"

namespace cds::alerts {

// How an alert reached people (docs/ALERTS.md): told in the inbox when sent, open streams it
// reached, pushes a push service accepted, people who opened its page.
struct Figures {
  std::int64_t targeted = 0;
  std::int64_t live = 0;
  std::int64_t pushed = 0;
  std::int64_t opened = 0;
};

class AlertService {
 public:
  AlertService(store::Database& db, const Clock& clock, Publisher publisher,
               const areas::Locator* locator = nullptr)
      : db_(db), clock_(clock), publisher_(std::move(publisher)), locator_(locator) {}

  // A new draft from `input`'s content (status, category, texts, times, area, references, note).
  // With references: an Update of that alert, which must be in force.
  Result<Alert> draft(const auth::Principal& who, Alert input);
  // Replaces a draft's content; `who` becomes its last editor (who may not approve it).
  Result<Alert> edit(const auth::Principal& who, std::int64_t id, Alert input);
  // Sends a draft. 409 alert_same_officer when `who` drafted or last edited it.
  Result<Alert> approve(const auth::Principal& who, std::int64_t id);
  // A sent alert in force: a Cancel draft about it (created = true). A draft: discarded.
  struct CancelOutcome {
    Alert alert;
    bool created = false;
  };
  Result<CancelOutcome> cancel(const auth::Principal& who, std::int64_t id, std::string note);

  Result<Alert> get(std::int64_t id) const;
  Result<std::vector<Alert>> list(std::string_view state) const;
  Result<std::vector<Alert>> active(std::string_view ward) const;
  Result<std::vector<Alert>> sent(int limit) const;
  Result<Figures> figures(const Alert& alert) const;
  // The display name of a staff member (alerts name who drafted and approved them).
  std::string staff_name(std::int64_t user_id) const;
  Status opened(std::int64_t id, const std::string& opener);

  const Publisher& publisher() const { return publisher_; }
  Millis now() const { return clock_.now(); }

 private:
  store::Database& db_;
  const Clock& clock_;
  const Publisher publisher_;
  const areas::Locator* locator_;  // not owned; null: wards by their centres (tests)
};

// Inside an account's deletion: forgets which alerts the person opened.
void erase_user(store::Tx& tx, std::int64_t user_id);

// Checks an alert's content (times against `now`); field errors name the JSON fields.
Status check_content(const Alert& a, Millis now);

}  // namespace cds::alerts
