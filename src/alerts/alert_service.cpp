#include "alerts/alert_service.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "alerts/alert_store.hpp"
#include "alerts/area.hpp"
#include "areas/wards.hpp"
#include "common/json_text.hpp"
#include "events/event_log.hpp"
#include "notify/notifications.hpp"

namespace cds::alerts {
namespace {

namespace json = boost::json;

constexpr Millis kMaxLifetime = 7LL * 24 * 3600 * 1000;  // an alert longer than a week is news
constexpr int kInstructionInEvent = 600;                 // bytes of instruction the event carries

bool may_send(auth::Role role) {
  return role == auth::Role::kAlertOfficer || role == auth::Role::kAdmin;
}

std::string ward_names(const std::vector<std::string>& wards, bool english) {
  std::string out;
  for (const auto& code : wards) {
    const areas::WardFact* w = areas::find_ward(code);
    if (w == nullptr) continue;
    if (!out.empty()) out += ", ";
    out += english ? w->name_en : w->name;
  }
  return out;
}

// The app's page a message leads to: a cancellation leads to the alert it ended.
std::string alert_url(const Alert& a, const Alert* referenced) {
  const bool cancel = a.msg_type == "Cancel" && referenced != nullptr;
  return "/app/alerts/" + std::to_string(cancel ? referenced->id : a.id);
}

// What the delivery workers need, and no more: the streams' banner, the inbox's text, the wards.
std::string event_payload(const Alert& a, const Alert* referenced) {
  json::array wards;
  for (const auto& w : a.targeted_wards) wards.emplace_back(w);
  json::object headline, instruction, event;
  for (const Language& lang : kLanguages) {
    headline[lang.app] = a.text(lang.app).headline;
    event[lang.app] = a.text(lang.app).event;
    std::string text = a.text(lang.app).instruction;
    if (text.size() > kInstructionInEvent) {
      std::size_t cut = kInstructionInEvent;
      while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
      text = text.substr(0, cut) + "…";
    }
    instruction[lang.app] = text;
  }
  json::object o{{"alert_id", a.id},
                 {"msg_type", a.msg_type},
                 {"status", a.status},
                 {"category", a.category},
                 {"severity", a.severity},
                 {"urgency", a.urgency},
                 {"event", event},
                 {"headline", headline},
                 {"instruction", instruction},
                 {"expires", format_rfc3339(a.expires)},
                 {"city", a.area.city},
                 {"wards", wards},
                 {"url", alert_url(a, referenced)}};
  o["references"] = a.references ? json::value(*a.references) : json::value(nullptr);
  return json_text(o);
}

Status not_found(std::int64_t id) {
  return Status::NotFound("alert_not_found").with("id", std::to_string(id));
}

}  // namespace

Status check_content(const Alert& a, Millis now) {
  Status errors(Code::kInvalid, "invalid");
  bool bad = false;
  auto error = [&](std::string field, std::string key) {
    errors.field(std::move(field), std::move(key));
    bad = true;
  };
  if (a.expires <= now) error("expires", "alert_expires_past");
  if (a.expires > now + kMaxLifetime) error("expires", "alert_expires_too_far");
  if (a.onset && *a.onset >= a.expires) error("onset", "alert_onset_after_expiry");
  const bool shape = a.area.polygon.size() >= 4 || a.area.circle;
  if (!a.area.city && a.area.wards.empty() && !shape) error("area", "alert_area_missing");
  if (a.area.city && (!a.area.wards.empty() || shape)) error("area", "alert_area_city_alone");
  return bad ? errors : Status::Ok();
}

Result<Alert> AlertService::draft(const auth::Principal& who, Alert input) {
  if (!may_send(who.role)) return Status::Forbidden();
  const Millis now = clock_.now();
  if (Status st = check_content(input, now); !st.ok()) return st;
  // The wards' shapes, taken before the transaction (reading them may query the store).
  const auto wards = locator_ ? locator_->index() : nullptr;
  return db_.write_value<Alert>([&](store::Tx& tx) -> Result<Alert> {
    Alert a = std::move(input);
    a.msg_type = "Alert";
    if (a.references) {
      auto original = store_ops::load(tx, *a.references);
      if (!original || !original->active(now))
        return Status::Invalid("alert_reference_not_active")
            .field("references", "alert_reference_not_active");
      a.msg_type = "Update";
    }
    a.state = "draft";
    a.drafted_by = a.edited_by = who.user_id;
    a.drafted_at = now;
    a.targeted_wards = covered_wards(a.area, wards.get());
    for (const Language& lang : kLanguages) {
      InfoText& t = lang.app == "en" ? a.en : a.vi;
      if (t.area_desc.empty())
        t.area_desc = a.area.city
                          ? (lang.app == "en" ? "Ho Chi Minh City" : "Thành phố Hồ Chí Minh")
                          : ward_names(a.targeted_wards, lang.app == "en");
    }
    a.id = store_ops::insert(tx, a);
    return a;
  });
}

Result<Alert> AlertService::edit(const auth::Principal& who, std::int64_t id, Alert input) {
  if (!may_send(who.role)) return Status::Forbidden();
  const Millis now = clock_.now();
  if (Status st = check_content(input, now); !st.ok()) return st;
  // The wards' shapes, taken before the transaction (reading them may query the store).
  const auto wards = locator_ ? locator_->index() : nullptr;
  return db_.write_value<Alert>([&](store::Tx& tx) -> Result<Alert> {
    auto current = store_ops::load(tx, id);
    if (!current) return not_found(id);
    if (current->state != "draft") return Status::Conflict("alert_not_draft");
    Alert a = std::move(input);
    // What the message is stays: an edit changes its content, not its kind or its subject.
    a.id = id;
    a.msg_type = current->msg_type;
    a.references = current->references;
    a.state = "draft";
    a.drafted_by = current->drafted_by;
    a.drafted_at = current->drafted_at;
    a.edited_by = who.user_id;
    a.targeted_wards = covered_wards(a.area, wards.get());
    for (const Language& lang : kLanguages) {
      InfoText& t = lang.app == "en" ? a.en : a.vi;
      if (t.area_desc.empty())
        t.area_desc = a.area.city
                          ? (lang.app == "en" ? "Ho Chi Minh City" : "Thành phố Hồ Chí Minh")
                          : ward_names(a.targeted_wards, lang.app == "en");
    }
    store_ops::update(tx, a);
    return a;
  });
}

Result<Alert> AlertService::approve(const auth::Principal& who, std::int64_t id) {
  if (!may_send(who.role)) return Status::Forbidden();
  return db_.write_value<Alert>([&](store::Tx& tx) -> Result<Alert> {
    const Millis now = clock_.now();
    auto a = store_ops::load(tx, id);
    if (!a) return not_found(id);
    if (a->state != "draft") return Status::Conflict("alert_not_draft");
    // The two-person rule: nobody sends what they wrote, administrators included.
    if (a->drafted_by == who.user_id || a->edited_by == who.user_id)
      return Status::Conflict("alert_same_officer");
    if (a->expires <= now) return Status::Conflict("alert_expired");
    std::optional<Alert> referenced;
    if (a->references) {
      referenced = store_ops::load(tx, *a->references);
      if (!referenced || !referenced->active(now))
        return Status::Conflict("alert_reference_not_active");
    }
    a->state = "sent";
    a->approved_by = who.user_id;
    a->sent_at = now;
    if (a->delivered()) {
      a->event_id = events::append(
          tx, now,
          events::Event{0, now, std::string(event_type_of(a->msg_type)), std::nullopt, true,
                        event_payload(*a, referenced ? &*referenced : nullptr), std::nullopt});
    }
    store_ops::update(tx, *a);
    if (referenced) {
      if (a->msg_type == "Cancel") {
        referenced->cancelled_by = a->id;
      } else {
        referenced->superseded_by = a->id;
      }
      store_ops::update(tx, *referenced);
    }
    return *a;
  });
}

Result<AlertService::CancelOutcome> AlertService::cancel(const auth::Principal& who,
                                                         std::int64_t id, std::string note) {
  if (!may_send(who.role)) return Status::Forbidden();
  return db_.write_value<CancelOutcome>([&](store::Tx& tx) -> Result<CancelOutcome> {
    const Millis now = clock_.now();
    auto a = store_ops::load(tx, id);
    if (!a) return not_found(id);
    if (a->state == "draft") {
      // Never sent: nobody was told, so one person may drop it.
      a->state = "discarded";
      a->edited_by = who.user_id;
      store_ops::update(tx, *a);
      return CancelOutcome{*a, false};
    }
    if (!a->active(now)) return Status::Conflict("alert_not_active");
    Alert c = *a;
    c.id = 0;
    c.msg_type = "Cancel";
    c.references = a->id;
    c.state = "draft";
    c.note = std::move(note);
    c.drafted_by = c.edited_by = who.user_id;
    c.drafted_at = now;
    c.approved_by.reset();
    c.sent_at.reset();
    c.event_id.reset();
    c.superseded_by.reset();
    c.cancelled_by.reset();
    c.id = store_ops::insert(tx, c);
    return CancelOutcome{c, true};
  });
}

Result<Alert> AlertService::get(std::int64_t id) const {
  return db_.read_value<Alert>([&](store::Tx& tx) -> Result<Alert> {
    auto a = store_ops::load(tx, id);
    if (!a) return not_found(id);
    return *a;
  });
}

Result<std::vector<Alert>> AlertService::list(std::string_view state) const {
  return db_.read_value<std::vector<Alert>>(
      [&](store::Tx& tx) -> Result<std::vector<Alert>> { return store_ops::list(tx, state, 200); });
}

Result<std::vector<Alert>> AlertService::active(std::string_view ward) const {
  const Millis now = clock_.now();
  return db_.read_value<std::vector<Alert>>([&](store::Tx& tx) -> Result<std::vector<Alert>> {
    return store_ops::active(tx, now, ward);
  });
}

Result<std::vector<Alert>> AlertService::sent(int limit) const {
  return db_.read_value<std::vector<Alert>>(
      [&](store::Tx& tx) -> Result<std::vector<Alert>> { return store_ops::sent(tx, limit); });
}

Result<Figures> AlertService::figures(const Alert& a) const {
  return db_.read_value<Figures>([&](store::Tx& tx) -> Result<Figures> {
    Figures f;
    if (a.event_id) {
      const notify::DeliveryFigures d = notify::delivery_figures(tx, *a.event_id);
      f.targeted = d.told;
      f.live = d.live;
      f.pushed = d.pushed;
    }
    f.opened = store_ops::opens(tx, a.id);
    return f;
  });
}

std::string AlertService::staff_name(std::int64_t user_id) const {
  std::string name;
  db_.read([&](store::Tx& tx) {
    if (auto r = tx.one("SELECT display_name, username FROM users WHERE id = $1", {user_id}))
      name = r->str(0).empty() ? r->str(1) : r->str(0);
    return Status::Ok();
  });
  return name;
}

void erase_user(store::Tx& tx, std::int64_t user_id) {
  tx.exec("DELETE FROM alert_opens WHERE opener = $1", {"u" + std::to_string(user_id)});
}

Status AlertService::opened(std::int64_t id, const std::string& opener) {
  const Millis now = clock_.now();
  bool found = false;
  Status st = db_.write([&](store::Tx& tx) {
    found = store_ops::record_open(tx, id, opener, now);
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return found ? Status::Ok() : not_found(id);
}

}  // namespace cds::alerts
