// Every transition of a report's life: who may take it, from which state, and what it changes.
#include "reports/report_service.hpp"

#include <algorithm>
#include <cctype>

#include "reports/report_rules.hpp"
#include "reports/report_store.hpp"

namespace cds::reports {

using auth::Role;

Result<ReportView> ReportService::staff_action(const auth::Principal& who, std::int64_t id,
                                               Action action, const ActionInput& input) {
  if (actor_of(action) == Actor::kAuthor) return Status::NotFound("route_not_found");
  return transition(who, id, action, input, Audience::kStaff);
}

Result<ReportView> ReportService::author_action(const auth::Principal& who, std::int64_t id,
                                                Action action, const ActionInput& input) {
  if (actor_of(action) != Actor::kAuthor) return Status::NotFound("route_not_found");
  return transition(who, id, action, input, Audience::kAuthor);
}

Result<ReportView> ReportService::transition(const auth::Principal& who, std::int64_t id,
                                             Action action, const ActionInput& input,
                                             Audience audience) {
  if (!role_may_act_as(who.role, actor_of(action))) return Status::Forbidden();
  ActionInput in = input;
  if (in.photos.size() > kMaxPhotos)
    return Status::Invalid("invalid")
        .field("photos", "too_many_photos")
        .with("max", std::to_string(kMaxPhotos));
  if (!in.photos.empty()) {
    if (action != Action::kProgress && action != Action::kResolve)
      return Status::Invalid("invalid").field("photos", "field_unknown");
    if (check_photos_) {
      Status st = check_photos_(in.photos, who.user_id);
      if (!st.ok()) return st;
    }
  }
  Status st = clean_optional(in.text, text_field(action), kMaxText);
  if (!st.ok()) return st;
  auto snapshot = catalog_.snapshot();
  if (!snapshot.ok()) return snapshot.status();
  const catalog::Snapshot& cat = **snapshot;
  st = db_.write([&](store::Tx& tx) -> Status {
    auto r = report_store::get_for_update(tx, id);
    if (!r) return Status::NotFound("report_not_found");
    if (audience == Audience::kAuthor) {
      if (r->author_id != who.user_id) {
        const bool visible = r->is_public && publicly_visible(r->state);
        return visible ? Status::Forbidden() : Status::NotFound("report_not_found");
      }
    } else if (!staff_may_see(who, *r)) {
      return Status::NotFound("report_not_found");
    }
    return apply(tx, cat, who, *r, action, in, clock_.now());
  });
  if (!st.ok()) return st;
  return db_.read_value<ReportView>([&](store::Tx& tx) -> Result<ReportView> {
    auto r = report_store::get(tx, id);
    if (!r) return Status::NotFound("report_not_found");
    // A unit that handed a report back no longer sees it; answer with what it may still read.
    if (audience == Audience::kStaff && !staff_may_see(who, *r)) {
      ReportView v;
      v.report.id = r->id;
      v.report.code = r->code;
      v.report.kind = r->kind;
      v.report.category = r->category;
      v.report.state = r->state;
      v.report.created_at = r->created_at;
      v.report.updated_at = r->updated_at;
      v.report.due_at = r->due_at;
      v.report.anonymous = true;
      v.audience = Audience::kStaff;
      return v;
    }
    ReportView v = view_of(tx, cat, std::move(*r), audience, who, true);
    strip_personal_data(v);  // the audited detail view is where staff read it
    return v;
  });
}

Status ReportService::apply(store::Tx& tx, const catalog::Snapshot& catalog,
                            const auth::Principal& who, Report& r, Action action,
                            const ActionInput& in, Millis now) {
  const State from = r.state;
  auto next = next_state(from, action);
  if (!next) {
    return Status::Conflict("transition_not_allowed")
        .with("action", std::string(action_name(action)))
        .with("status", std::string(state_name(from)));
  }
  auto need_text = [&](std::string_view field) -> Status {
    if (!in.text) return Status::Invalid("invalid").field(std::string(field), "field_required");
    return Status::Ok();
  };
  const std::string body = in.text.value_or("");
  r.updated_at = now;
  switch (action) {
    case Action::kAssign: {
      std::optional<std::string> unit = in.unit;
      if (!unit && from == State::kReceived) unit = r.unit;  // the routing rule's proposal
      if (!unit) return Status::Invalid("invalid").field("unit", "field_required");
      if (!catalog.unit(*unit))
        return Status::Invalid("invalid").field("unit", "unknown_unit").with("unit", *unit);
      if (from == State::kAssigned && r.unit == unit)
        return Status::Conflict("already_assigned").with("unit", *unit);
      r.state = *next;
      r.unit = unit;
      r.assigned_at = now;
      report_store::update(tx, r);
      record(tx, r, who, from == State::kAssigned ? "transferred" : "assigned", from, true, body,
             now, r.unit);
      return Status::Ok();
    }
    case Action::kAccept:
      r.state = *next;
      report_store::update(tx, r);
      record(tx, r, who, "accepted", from, true, body, now, r.unit);
      return Status::Ok();
    case Action::kProgress:
    case Action::kResolve: {
      if (Status st = need_text(text_field(action)); !st.ok()) return st;
      r.state = *next;
      if (action == Action::kResolve) r.resolved_at = now;
      report_store::update(tx, r);
      const TimelineEntry step =
          record(tx, r, who, action == Action::kResolve ? "resolved" : "progress", from, true, body,
                 now, r.unit);
      if (!in.photos.empty()) report_store::add_photos(tx, r.id, in.photos, step.id);
      return Status::Ok();
    }
    case Action::kNote: {
      if (Status st = need_text(text_field(action)); !st.ok()) return st;
      const std::optional<std::string> unit =
          who.role == Role::kUnitStaff ? std::optional<std::string>(who.unit_code) : std::nullopt;
      record(tx, r, who, "note", from, false, body, now, unit);
      report_store::update(tx, r);
      return Status::Ok();
    }
    case Action::kHandBack: {
      if (Status st = need_text(text_field(action)); !st.ok()) return st;
      const std::optional<std::string> unit = r.unit;
      r.state = *next;
      r.unit.reset();
      r.assigned_at.reset();
      report_store::update(tx, r);
      // The citizen learns that the report goes back for routing; the unit's reason is internal.
      record(tx, r, who, "handed_back", from, true, "", now, unit);
      record(tx, r, who, "note", r.state, false, body, now, unit);
      return Status::Ok();
    }
    case Action::kReject: {
      if (Status st = need_text(text_field(action)); !st.ok()) return st;
      r.state = *next;
      r.closed_at = now;
      report_store::update(tx, r);
      record(tx, r, who, "rejected", from, true, body, now, std::nullopt);
      return Status::Ok();
    }
    case Action::kMerge: {
      if (!in.into) return Status::Invalid("invalid").field("into", "field_required");
      std::optional<Report> survivor;
      if (!in.into->empty() && std::all_of(in.into->begin(), in.into->end(),
                                           [](unsigned char c) { return std::isdigit(c); }))
        survivor = report_store::get(tx, std::stoll(in.into->substr(0, 18)));
      else
        survivor = report_store::get_by_code(tx, *in.into);
      if (!survivor) return Status::Invalid("invalid").field("into", "report_not_found");
      if (survivor->id == r.id) return Status::Invalid("invalid").field("into", "merge_into_self");
      if (survivor->state == State::kRejected || survivor->state == State::kDuplicate ||
          survivor->state == State::kWithdrawn)
        return Status::Conflict("merge_target_closed").with("code", survivor->code);
      r.state = *next;
      r.merged_into = survivor->id;
      r.closed_at = now;
      report_store::update(tx, r);
      // Whoever followed the duplicate, its author first, now follows the survivor, when the
      // survivor is public: following never opens a report its author kept private.
      if (survivor->is_public) {
        std::vector<std::int64_t> carried = report_store::followers(tx, r.id);
        if (r.author_id) carried.push_back(*r.author_id);
        for (std::int64_t user : carried) {
          if (user != survivor->author_id) report_store::follow(tx, survivor->id, user, now);
        }
      }
      record(tx, r, who, "merged", from, true, survivor->code, now, std::nullopt);
      record(tx, *survivor, who, "note", survivor->state, false,
             "Đã gộp phản ánh " + r.code + " vào phản ánh này.", now, std::nullopt);
      return Status::Ok();
    }
    case Action::kReclassify: {
      if (!in.category) return Status::Invalid("invalid").field("category", "field_required");
      const auto* category = catalog.category(*in.category);
      if (!category) return Status::Invalid("invalid").field("category", "unknown_category");
      if (*in.category == r.category)
        return Status::Conflict("same_category").with("category", r.category);
      r.category = *in.category;
      if (from == State::kReceived) {
        r.unit = catalog.route(r.category, r.ward.value_or(""));
        r.due_at = catalog.calendar.deadline(r.created_at, category->deadline_days);
      }
      report_store::update(tx, r);
      record(tx, r, who, "reclassified", from, true, "", now, std::nullopt);
      return Status::Ok();
    }
    case Action::kWithdraw:
      r.state = *next;
      r.closed_at = now;
      report_store::update(tx, r);
      record(tx, r, who, "withdrawn", from, true, body, now, std::nullopt);
      return Status::Ok();
    case Action::kRate: {
      if (!in.score) return Status::Invalid("invalid").field("score", "field_required");
      if (*in.score < 1 || *in.score > 5)
        return Status::Invalid("invalid").field("score", "field_out_of_range");
      r.state = *next;
      r.rating = in.score;
      r.rating_comment = in.text;
      r.closed_at = now;
      report_store::update(tx, r);
      record(tx, r, who, "rated", from, true, body, now, std::nullopt);
      return Status::Ok();
    }
    case Action::kReopen: {
      if (Status st = need_text(text_field(action)); !st.ok()) return st;
      const auto* category = catalog.category(r.category);
      r.state = State::kReopened;
      r.reopen_count += 1;
      r.resolved_at.reset();
      r.closed_at.reset();
      r.rating.reset();
      r.rating_comment.reset();
      record(tx, r, who, "reopened", from, true, body, now, std::nullopt);
      // Back to the unit that resolved it, with a new deadline; without one, back to routing.
      r.state = r.unit ? State::kAssigned : State::kReceived;
      r.assigned_at = r.unit ? std::optional<Millis>(now) : std::nullopt;
      r.due_at = catalog.calendar.deadline(now, category ? category->deadline_days : 5);
      report_store::update(tx, r);
      auth::Principal system{0, "system", Role::kOperator, "", ""};
      record(tx, r, system, r.unit ? "assigned" : "returned", State::kReopened, true, "", now,
             r.unit);
      return Status::Ok();
    }
  }
  return Status::Internal("unhandled action");
}

}  // namespace cds::reports
