// The rules of a report's life.
#include "reports/report_service.hpp"

#include <algorithm>
#include <cctype>

#include <boost/json/object.hpp>

#include "areas/city_outline.hpp"
#include "areas/wards.hpp"
#include "common/json_text.hpp"
#include "events/event_log.hpp"
#include "reports/report_store.hpp"
#include "text/fold.hpp"

namespace cds::reports {
namespace {

using auth::Role;

// States in which the public may see a public report.
bool publicly_visible(State s) {
  return s == State::kReceived || s == State::kAssigned || s == State::kInProgress ||
         s == State::kResolved || s == State::kClosed || s == State::kDuplicate;
}

bool is_operator(Role r) { return r == Role::kOperator || r == Role::kAdmin; }
bool sees_all_reports(Role r) { return is_operator(r) || r == Role::kLeader; }

// Normalizes free text: valid UTF-8, NFC, not blank, at most `max` characters.
Status clean_text(std::string& text, std::string_view field, std::size_t max, bool required) {
  std::string nfc;
  if (!text::to_nfc(text, nfc)) return Status::Invalid("invalid").field(std::string(field), "invalid_utf8");
  // Trim surrounding whitespace.
  const auto first = nfc.find_first_not_of(" \t\r\n");
  const auto last = nfc.find_last_not_of(" \t\r\n");
  text = first == std::string::npos ? std::string() : nfc.substr(first, last - first + 1);
  if (text.empty() && required)
    return Status::Invalid("invalid").field(std::string(field), "field_blank");
  if (text::code_points(text) > max)
    return Status::Invalid("invalid")
        .field(std::string(field), "field_too_long")
        .with("max", std::to_string(max));
  return Status::Ok();
}

Status clean_optional(std::optional<std::string>& text, std::string_view field, std::size_t max) {
  if (!text) return Status::Ok();
  Status st = clean_text(*text, field, max, false);
  if (!st.ok()) return st;
  if (text->empty()) text.reset();
  return Status::Ok();
}

bool valid_phone(std::string_view phone) {
  std::size_t digits = 0;
  for (std::size_t i = 0; i < phone.size(); ++i) {
    const unsigned char c = phone[i];
    if (std::isdigit(c)) {
      ++digits;
    } else if (!(c == '+' && i == 0) && c != ' ' && c != '.' && c != '-') {
      return false;
    }
  }
  return digits >= 8 && digits <= 15;
}

std::string event_payload(const Report& r, std::string_view action,
                          const std::optional<std::string>& body, bool is_public) {
  boost::json::object o;
  o["report_id"] = r.id;
  o["code"] = r.code;
  o["kind"] = kind_name(r.kind);
  o["action"] = action;
  o["status"] = state_name(r.state);
  if (r.unit) o["unit"] = *r.unit;
  if (r.author_id) o["author_id"] = *r.author_id;  // internal: for notifying the author
  o["public_report"] = r.is_public;
  if (body && is_public) o["message"] = *body;
  return json_text(o);
}

// Appends a timeline entry and its event; returns the entry as stored.
TimelineEntry record(store::Tx& tx, Report& r, const auth::Principal& who, std::string action,
                     std::optional<State> from, bool is_public, std::string body, Millis now,
                     std::optional<std::string> unit) {
  TimelineEntry e;
  e.at = now;
  e.action = action;
  e.from = from;
  e.to = r.state;
  // A step the system takes on its own (user id 0) has no actor; an anonymous author is never
  // recorded as the actor of a step staff can read.
  const bool system = who.user_id == 0;
  e.actor_role = system ? "system" : std::string(auth::role_name(who.role));
  e.actor_id = (system || (who.role == Role::kCitizen && r.anonymous))
                   ? std::nullopt
                   : std::optional<std::int64_t>(who.user_id);
  e.unit = std::move(unit);
  e.is_public = is_public;
  e.body = body;
  e.id = report_store::add_timeline(tx, e, r.id);
  events::append(tx, now,
                 events::Event{0, now, "report." + action, r.id, is_public,
                               event_payload(r, action, body.empty() ? std::nullopt
                                                                     : std::optional(body),
                                             is_public)});
  return e;
}

void load_names(const catalog::Snapshot& catalog, Names& names, const Report& r,
                const std::vector<TimelineEntry>& timeline) {
  if (const auto* c = catalog.category(r.category)) names.categories[r.category] = *c;
  auto add_unit = [&](const std::optional<std::string>& code) {
    if (!code || names.units.count(*code)) return;
    if (const auto* u = catalog.unit(*code)) names.units[*code] = *u;
  };
  add_unit(r.unit);
  for (const auto& e : timeline) add_unit(e.unit);
  if (r.ward && !names.wards.count(*r.ward)) {
    if (const auto* w = areas::find_ward(*r.ward))
      names.wards[*r.ward] = {std::string(w->name), std::string(w->name_en)};
  }
}

}  // namespace

Status ReportService::validate(const catalog::Snapshot& catalog, SubmitInput& in,
                               bool phone_intake) const {
  Status errors = Status::Invalid("invalid");
  auto merge = [&](const Status& st) {
    for (const auto& [f, k] : st.fields()) errors.field(f, k);
    for (const auto& [p, v] : st.params()) errors.with(p, v);
  };
  merge(clean_text(in.description, "description", kMaxDescription, true));
  merge(clean_optional(in.location.address, "address", kMaxAddress));
  const auto* category = catalog.category(in.category);
  if (in.category.empty()) {
    errors.field("category", "field_required");
  } else if (!category) {
    errors.field("category", "unknown_category");
  }
  const bool has_lat = in.location.lat.has_value(), has_lon = in.location.lon.has_value();
  if (has_lat != has_lon) {
    errors.field(has_lat ? "lon" : "lat", "field_required");
  } else if (has_lat && !areas::in_city(*in.location.lat, *in.location.lon)) {
    errors.field("lat", "outside_city").field("lon", "outside_city");
  }
  if (in.kind == Kind::kReport && !has_lat && !in.location.address)
    errors.field("location", "location_required");
  if (in.ward) {
    if (!areas::find_ward(*in.ward)) errors.field("ward", "unknown_ward");
  } else if (has_lat && has_lon && errors.fields().count("lat") == 0) {
    in.ward = std::string(areas::nearest_ward(*in.location.lat, *in.location.lon).code);
  }
  if (in.photos.size() > kMaxPhotos)
    errors.field("photos", "too_many_photos").with("max", std::to_string(kMaxPhotos));
  if (phone_intake) {
    merge(clean_optional(in.caller_name, "caller_name", 200));
    if (in.caller_phone && !valid_phone(*in.caller_phone))
      errors.field("caller_phone", "invalid_phone");
  }
  return errors.fields().empty() ? Status::Ok() : errors;
}

Result<Submitted> ReportService::submit(const auth::Principal& who, SubmitInput input,
                                        const std::optional<store::IdempotencyKey>& key) {
  const bool phone_intake = is_operator(who.role);
  if (who.role != Role::kCitizen && !phone_intake) return Status::Forbidden();
  if (phone_intake) {
    input.channel = "phone";
    if (input.anonymous) {
      // A caller who asks for anonymity leaves no name or number behind.
      input.caller_name.reset();
      input.caller_phone.reset();
    }
  } else {
    input.caller_name.reset();
    input.caller_phone.reset();
    if (input.channel != "web") input.channel = "app";
  }
  if (!input.photos.empty() && check_photos_) {
    Status st = check_photos_(input.photos, who.user_id);
    if (!st.ok()) return st;
  }
  auto snapshot = catalog_.snapshot();
  if (!snapshot.ok()) return snapshot.status();
  const catalog::Snapshot& cat = **snapshot;
  // Everything that needs no transaction happens before the write, off the writer thread.
  SubmitInput in = input;
  if (Status valid = validate(cat, in, phone_intake); !valid.ok()) return valid;
  const catalog::Category& category = *cat.category(in.category);
  const std::string folded = text::fold(in.description + " " + in.location.address.value_or(""));
  std::optional<std::string> unit = cat.route(in.category, in.ward.value_or(""));
  std::int64_t report_id = 0;
  bool replayed = false;
  Report created;
  TimelineEntry submitted;
  Status st = db_.write([&](store::Tx& tx) -> Status {
    const Millis now = clock_.now();
    replayed = false;
    if (key) {
      if (auto stored = store::claim(tx, *key, now)) {
        if (!stored->same_request) return Status::Invalid("idempotency_key_reused");
        report_id = std::stoll(stored->body);
        replayed = true;
        return Status::Ok();
      }
    }
    Report r;
    r.code = report_store::next_code(tx, in.kind, now);
    r.kind = in.kind;
    r.category = in.category;
    r.description = in.description;
    r.location = in.location;
    r.ward = in.ward;
    r.anonymous = in.anonymous;
    r.is_public = in.is_public;
    r.channel = in.channel;
    r.author_id = phone_intake ? std::nullopt : std::optional<std::int64_t>(who.user_id);
    r.caller_name = in.caller_name;
    r.caller_phone = in.caller_phone;
    r.state = State::kReceived;
    r.unit = unit;
    r.created_at = r.updated_at = now;
    r.due_at = cat.calendar.deadline(now, category.deadline_days);
    r.id = report_store::insert(tx, r, folded);
    submitted = record(tx, r, who, "submitted", std::nullopt, true, "", now, std::nullopt);
    if (!in.photos.empty()) report_store::add_photos(tx, r.id, in.photos, std::nullopt);
    if (key) store::finish(tx, *key, 201, std::to_string(r.id));
    report_id = r.id;
    created = std::move(r);
    return Status::Ok();
  });
  if (!st.ok()) return st;
  const Audience audience = phone_intake ? Audience::kStaff : Audience::kAuthor;
  if (!replayed) {
    // What was just committed is known in full: answer from it without reading it back.
    ReportView v;
    v.audience = audience;
    v.timeline.push_back(std::move(submitted));
    for (const auto& id : in.photos) v.photos.push_back(Photo{id, std::nullopt});
    load_names(cat, v.names, created, v.timeline);
    v.sensitive = category.sensitive;
    if (audience == Audience::kStaff) v.staff_names[who.user_id] = who.username;
    v.report = std::move(created);
    return Submitted{std::move(v), false};
  }
  auto view = db_.read_value<ReportView>([&](store::Tx& tx) -> Result<ReportView> {
    auto r = report_store::get(tx, report_id);
    if (!r) return Status::Internal("report vanished after commit");
    return view_of(tx, cat, std::move(*r), audience, who, true);
  });
  if (!view.ok()) return view.status();
  return Submitted{std::move(view).value(), true};
}

bool ReportService::staff_may_see(const auth::Principal& who, const Report& r) const {
  if (sees_all_reports(who.role)) return true;
  if (who.role != Role::kUnitStaff) return false;
  const bool handed_to_unit = r.state == State::kAssigned || r.state == State::kInProgress ||
                              r.state == State::kResolved || r.state == State::kClosed;
  return handed_to_unit && r.unit && *r.unit == who.unit_code;
}

ReportView ReportService::view_of(store::Tx& tx, const catalog::Snapshot& catalog, Report report,
                                  Audience audience, const std::optional<auth::Principal>& who,
                                  bool with_timeline) {
  ReportView v;
  v.audience = audience;
  if (with_timeline) {
    v.timeline = report_store::timeline(tx, report.id, audience == Audience::kStaff);
    v.photos = report_store::photos(tx, report.id);
  }
  if (who && who->role == Role::kCitizen) {
    v.following = report_store::is_following(tx, report.id, who->user_id);
    if (report.kind == Kind::kIdea)
      v.supported = report_store::has_supported(tx, report.id, who->user_id);
  }
  if (report.merged_into) {
    if (auto s = report_store::get(tx, *report.merged_into)) v.merged_into_code = s->code;
  }
  load_names(catalog, v.names, report, v.timeline);
  auto cat = v.names.categories.find(report.category);
  v.sensitive = cat != v.names.categories.end() && cat->second.sensitive;
  if (audience == Audience::kStaff) {
    // Identity is infrastructure every feature may read; an anonymous author stays unread.
    if (!report.anonymous && report.author_id) {
      if (auto u = tx.one("SELECT display_name FROM users WHERE id = $1", {*report.author_id}))
        v.author_name = u->str(0);
    }
    for (const auto& e : v.timeline) {
      if (!e.actor_id || e.actor_role == "citizen" || v.staff_names.count(*e.actor_id)) continue;
      if (auto u = tx.one("SELECT username FROM users WHERE id = $1", {*e.actor_id}))
        v.staff_names[*e.actor_id] = u->str(0);
    }
  }
  v.report = std::move(report);
  return v;
}

Result<ReportView> ReportService::get(const std::optional<auth::Principal>& who, std::int64_t id) {
  auto snapshot = catalog_.snapshot();
  if (!snapshot.ok()) return snapshot.status();
  const catalog::Snapshot& cat = **snapshot;
  return db_.read_value<ReportView>([&](store::Tx& tx) -> Result<ReportView> {
    auto r = report_store::get(tx, id);
    if (!r) return Status::NotFound("report_not_found");
    if (who && who->role == Role::kCitizen && r->author_id == who->user_id)
      return view_of(tx, cat, std::move(*r), Audience::kAuthor, who, true);
    if (r->is_public && publicly_visible(r->state))
      return view_of(tx, cat, std::move(*r), Audience::kPublic, who, true);
    return Status::NotFound("report_not_found");
  });
}

namespace {
report_store::Query query_from(const ListFilter& f, Millis now) {
  report_store::Query q;
  q.states = f.states;
  q.category = f.category;
  q.ward = f.ward;
  q.unit = f.unit;
  q.kind = f.kind;
  q.overdue_only = f.overdue_only;
  q.now = now;
  if (f.text && !text::is_blank(*f.text)) q.folded_text = text::fold(*f.text);
  q.before_id = f.before_id;
  q.limit = std::clamp(f.limit, 1, 100) + 1;  // one more tells whether a next page exists
  return q;
}
}  // namespace

Result<Page> ReportService::list_mine(const auth::Principal& who, const ListFilter& filter) {
  auto snapshot = catalog_.snapshot();
  if (!snapshot.ok()) return snapshot.status();
  const catalog::Snapshot& cat = **snapshot;
  auto q = query_from(filter, clock_.now());
  q.author_id = who.user_id;
  return db_.read_value<Page>([&](store::Tx& tx) -> Result<Page> {
    Page page;
    auto rows = report_store::list(tx, q);
    const std::size_t limit = static_cast<std::size_t>(q.limit - 1);
    if (rows.size() > limit) {
      rows.resize(limit);
      page.next_before_id = rows.back().id;
    }
    for (auto& r : rows) page.items.push_back(view_of(tx, cat, std::move(r), Audience::kAuthor, who, false));
    return page;
  });
}

Result<Page> ReportService::list_following(const auth::Principal& who, const ListFilter& filter) {
  auto snapshot = catalog_.snapshot();
  if (!snapshot.ok()) return snapshot.status();
  const catalog::Snapshot& cat = **snapshot;
  auto q = query_from(filter, clock_.now());
  q.follower_id = who.user_id;
  q.public_only = true;
  return db_.read_value<Page>([&](store::Tx& tx) -> Result<Page> {
    Page page;
    auto rows = report_store::list(tx, q);
    const std::size_t limit = static_cast<std::size_t>(q.limit - 1);
    if (rows.size() > limit) {
      rows.resize(limit);
      page.next_before_id = rows.back().id;
    }
    for (auto& r : rows) page.items.push_back(view_of(tx, cat, std::move(r), Audience::kPublic, who, false));
    return page;
  });
}

Result<Page> ReportService::list_public(const ListFilter& filter) {
  auto snapshot = catalog_.snapshot();
  if (!snapshot.ok()) return snapshot.status();
  const catalog::Snapshot& cat = **snapshot;
  auto q = query_from(filter, clock_.now());
  q.public_only = true;
  return db_.read_value<Page>([&](store::Tx& tx) -> Result<Page> {
    Page page;
    auto rows = report_store::list(tx, q);
    const std::size_t limit = static_cast<std::size_t>(q.limit - 1);
    if (rows.size() > limit) {
      rows.resize(limit);
      page.next_before_id = rows.back().id;
    }
    for (auto& r : rows)
      page.items.push_back(view_of(tx, cat, std::move(r), Audience::kPublic, std::nullopt, false));
    return page;
  });
}

Result<Page> ReportService::staff_list(const auth::Principal& who, const ListFilter& filter) {
  if (!sees_all_reports(who.role) && who.role != Role::kUnitStaff) return Status::Forbidden();
  auto snapshot = catalog_.snapshot();
  if (!snapshot.ok()) return snapshot.status();
  const catalog::Snapshot& cat = **snapshot;
  auto q = query_from(filter, clock_.now());
  if (who.role == Role::kUnitStaff) q.visible_to_unit = who.unit_code;
  return db_.read_value<Page>([&](store::Tx& tx) -> Result<Page> {
    Page page;
    auto rows = report_store::list(tx, q);
    const std::size_t limit = static_cast<std::size_t>(q.limit - 1);
    if (rows.size() > limit) {
      rows.resize(limit);
      page.next_before_id = rows.back().id;
    }
    for (auto& r : rows) page.items.push_back(view_of(tx, cat, std::move(r), Audience::kStaff, who, false));
    return page;
  });
}

Result<ReportView> ReportService::staff_get(const auth::Principal& who, std::int64_t id) {
  if (!sees_all_reports(who.role) && who.role != Role::kUnitStaff) return Status::Forbidden();
  auto snapshot = catalog_.snapshot();
  if (!snapshot.ok()) return snapshot.status();
  const catalog::Snapshot& cat = **snapshot;
  return db_.read_value<ReportView>([&](store::Tx& tx) -> Result<ReportView> {
    auto r = report_store::get(tx, id);
    if (!r || !staff_may_see(who, *r)) return Status::NotFound("report_not_found");
    return view_of(tx, cat, std::move(*r), Audience::kStaff, who, true);
  });
}

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
    return Status::Invalid("invalid").field("photos", "too_many_photos").with("max", std::to_string(kMaxPhotos));
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
    return view_of(tx, cat, std::move(*r), audience, who, true);
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
      if (Status st = need_text(text_field(action)); !st.ok())
        return st;
      r.state = *next;
      if (action == Action::kResolve) r.resolved_at = now;
      report_store::update(tx, r);
      const TimelineEntry step =
          record(tx, r, who, action == Action::kResolve ? "resolved" : "progress", from, true,
                 body, now, r.unit);
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
      r.due_at = catalog.calendar.deadline(
          now, category ? category->deadline_days : 5);
      report_store::update(tx, r);
      auth::Principal system{0, "system", Role::kOperator, "", ""};
      record(tx, r, system, r.unit ? "assigned" : "returned", State::kReopened, true, "", now,
             r.unit);
      return Status::Ok();
    }
  }
  return Status::Internal("unhandled action");
}

Status ReportService::set_following(const auth::Principal& who, std::int64_t id, bool follow) {
  if (who.role != Role::kCitizen) return Status::Forbidden();
  return db_.write([&](store::Tx& tx) -> Status {
    auto r = report_store::get_for_update(tx, id);
    if (!r) return Status::NotFound("report_not_found");
    if (r->author_id == who.user_id) return Status::Conflict("own_report");
    if (follow) {
      if (!r->is_public || !publicly_visible(r->state)) return Status::NotFound("report_not_found");
      report_store::follow(tx, id, who.user_id, clock_.now());
    } else {
      report_store::unfollow(tx, id, who.user_id);
    }
    return Status::Ok();
  });
}

Result<ReportView> ReportService::support(const auth::Principal& who, std::int64_t id) {
  if (who.role != Role::kCitizen) return Status::Forbidden();
  Status st = db_.write([&](store::Tx& tx) -> Status {
    auto r = report_store::get_for_update(tx, id);
    if (!r || !r->is_public || !publicly_visible(r->state))
      return Status::NotFound("report_not_found");
    if (r->kind != Kind::kIdea) return Status::Conflict("not_an_idea");
    if (r->author_id == who.user_id) return Status::Conflict("own_report");
    if (report_store::support(tx, id, who.user_id, clock_.now())) {
      r->support_count += 1;
      events::append(tx, clock_.now(),
                     events::Event{0, 0, "report.supported", r->id, true,
                                   event_payload(*r, "supported", std::nullopt, true)});
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return get(who, id);
}

bool ReportService::media_is_public(const std::string& media_id) {
  auto r = db_.read_value<bool>(
      [&](store::Tx& tx) -> Result<bool> { return report_store::media_is_public(tx, media_id); });
  return r.ok() && r.value();
}

}  // namespace cds::reports
