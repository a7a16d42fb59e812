// Intake, views and lists of reports, follows and supports.
#include "reports/report_service.hpp"

#include <algorithm>
#include <cctype>

#include "areas/locator.hpp"
#include "areas/wards.hpp"
#include "audit/audit_log.hpp"
#include "events/event_log.hpp"
#include "geo/distance.hpp"
#include "reports/report_rules.hpp"
#include "reports/report_store.hpp"
#include "text/fold.hpp"

namespace cds::reports {

using auth::Role;

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
  std::optional<areas::Located> located;
  if (has_lat != has_lon) {
    errors.field(has_lat ? "lon" : "lat", "field_required");
  } else if (has_lat) {
    // The ward from the imported boundaries (or, without them, the nearest ward centre).
    located = areas::locate(locator_, *in.location.lat, *in.location.lon);
    if (!located) errors.field("lat", "outside_city").field("lon", "outside_city");
  }
  if (in.kind == Kind::kReport && !has_lat && !in.location.address)
    errors.field("location", "location_required");
  if (in.ward) {
    if (!areas::find_ward(*in.ward)) errors.field("ward", "unknown_ward");
  } else if (located) {
    in.ward = std::string(located->ward->code);
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
    const store::CreatedBefore earlier = store::created_before(tx, key, now);
    if (!earlier.status.ok()) return earlier.status;
    if (earlier.replayed) {
      report_id = earlier.id;
      replayed = true;
      return Status::Ok();
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
    r.caller_name = vault_.seal_optional(in.caller_name);
    r.caller_phone = vault_.seal_optional(in.caller_phone);
    r.state = State::kReceived;
    r.unit = unit;
    r.created_at = r.updated_at = now;
    r.due_at = cat.calendar.deadline(now, category.deadline_days);
    r.id = report_store::insert(tx, r, folded);
    submitted = record(tx, r, who, "submitted", std::nullopt, true, "", now, std::nullopt);
    if (!in.photos.empty()) report_store::add_photos(tx, r.id, in.photos, std::nullopt);
    store::remember_created(tx, key, r.id);
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
    strip_personal_data(v);
    return Submitted{std::move(v), false};
  }
  auto view = db_.read_value<ReportView>([&](store::Tx& tx) -> Result<ReportView> {
    auto r = report_store::get(tx, report_id);
    if (!r) return Status::Internal("report vanished after commit");
    ReportView v = view_of(tx, cat, std::move(*r), audience, who, true);
    strip_personal_data(v);
    return v;
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
      // A citizen's name from the e-ID is sealed; staff_get opens it once the read is audited.
      if (auto u = tx.one("SELECT COALESCE(p.full_name, u.display_name) FROM users u "
                          "LEFT JOIN citizen_profiles p ON p.user_id = u.id WHERE u.id = $1",
                          {*report.author_id}))
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
  q.limit = std::clamp(f.limit, 1, 100);
  return q;
}
}  // namespace

Result<Page> ReportService::page_of(report_store::Query query, Audience audience,
                                    const std::optional<auth::Principal>& who) {
  auto snapshot = catalog_.snapshot();
  if (!snapshot.ok()) return snapshot.status();
  const catalog::Snapshot& cat = **snapshot;
  const std::size_t limit = static_cast<std::size_t>(query.limit);
  query.limit += 1;  // one more row tells whether a next page exists
  return db_.read_value<Page>([&](store::Tx& tx) -> Result<Page> {
    Page page;
    auto rows = report_store::list(tx, query);
    if (rows.size() > limit) {
      rows.resize(limit);
      page.next_before_id = rows.back().id;
    }
    for (auto& r : rows) {
      page.items.push_back(view_of(tx, cat, std::move(r), audience, who, false));
      // Lists never carry personal data; the audited detail view does.
      strip_personal_data(page.items.back());
    }
    return page;
  });
}

Result<Page> ReportService::list_mine(const auth::Principal& who, const ListFilter& filter) {
  auto q = query_from(filter, clock_.now());
  q.author_id = who.user_id;
  return page_of(std::move(q), Audience::kAuthor, who);
}

Result<Page> ReportService::list_following(const auth::Principal& who, const ListFilter& filter) {
  auto q = query_from(filter, clock_.now());
  q.follower_id = who.user_id;
  q.public_only = true;  // following never opens what its author kept private
  return page_of(std::move(q), Audience::kPublic, who);
}

Result<Page> ReportService::list_public(const ListFilter& filter,
                                        const std::optional<auth::Principal>& who) {
  auto q = query_from(filter, clock_.now());
  q.public_only = true;
  if (filter.near) return nearby(std::move(q), *filter.near, who);
  return page_of(std::move(q), Audience::kPublic, std::nullopt);
}

Result<Page> ReportService::nearby(report_store::Query query, const NearFilter& near,
                                   const std::optional<auth::Principal>& who) {
  const double radius = std::clamp(near.radius_m, 1, kMaxNearRadiusM);
  const geo::Box box = geo::box_around(near.lat, near.lon, radius);
  query.around = report_store::Around{.lat = near.lat,
                                      .lon = near.lon,
                                      .lon_scale = geo::longitude_scale(near.lat),
                                      .min_lat = box.min_lat,
                                      .max_lat = box.max_lat,
                                      .min_lon = box.min_lon,
                                      .max_lon = box.max_lon};
  query.before_id = 0;
  auto snapshot = catalog_.snapshot();
  if (!snapshot.ok()) return snapshot.status();
  const catalog::Snapshot& cat = **snapshot;
  return db_.read_value<Page>([&](store::Tx& tx) -> Result<Page> {
    // The SQL order is the nearest `limit` in the box; the exact distance drops the box's corners
    // and settles the order.
    std::vector<std::pair<double, Report>> found;
    for (auto& r : report_store::list(tx, query)) {
      if (!r.location.lat || !r.location.lon) continue;
      const double d = geo::distance_m(near.lat, near.lon, *r.location.lat, *r.location.lon);
      if (d <= radius) found.emplace_back(d, std::move(r));
    }
    std::stable_sort(found.begin(), found.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    Page page;  // never a next page: the nearest are the answer
    const bool citizen = who && who->role == Role::kCitizen;
    for (auto& [d, r] : found) {
      const bool own = citizen && r.author_id == who->user_id;
      page.items.push_back(view_of(tx, cat, std::move(r),
                                   own ? Audience::kAuthor : Audience::kPublic,
                                   citizen ? who : std::nullopt, false));
      strip_personal_data(page.items.back());
      page.items.back().distance_m = d;
    }
    return page;
  });
}

Result<Page> ReportService::staff_list(const auth::Principal& who, const ListFilter& filter) {
  if (!sees_all_reports(who.role) && who.role != Role::kUnitStaff) return Status::Forbidden();
  auto q = query_from(filter, clock_.now());
  if (who.role == Role::kUnitStaff) q.visible_to_unit = who.unit_code;
  return page_of(std::move(q), Audience::kStaff, who);
}

Result<ReportView> ReportService::staff_get(const auth::Principal& who, std::int64_t id) {
  if (!sees_all_reports(who.role) && who.role != Role::kUnitStaff) return Status::Forbidden();
  auto snapshot = catalog_.snapshot();
  if (!snapshot.ok()) return snapshot.status();
  const catalog::Snapshot& cat = **snapshot;
  auto view = db_.read_value<ReportView>([&](store::Tx& tx) -> Result<ReportView> {
    auto r = report_store::get(tx, id);
    if (!r || !staff_may_see(who, *r)) return Status::NotFound("report_not_found");
    return view_of(tx, cat, std::move(*r), Audience::kStaff, who, true);
  });
  if (!view.ok()) return view;
  // Personal data leaves only through this detail view, and only once its read is on record:
  // if the audit entry cannot be written, the data is not shown.
  std::string data;
  if (view->author_name) data = "author";
  if (view->report.caller_name || view->report.caller_phone)
    data += data.empty() ? "caller" : ",caller";
  if (!data.empty()) {
    Status st = db_.write([&](store::Tx& tx) {
      audit::append(tx, clock_.now(), who.user_id, "read_personal_data", id, data,
                    "staff_report_detail");
      return Status::Ok();
    });
    if (!st.ok()) return st;
  }
  if (view->author_name && Vault::is_sealed(*view->author_name)) {
    auto name = vault_.open(*view->author_name);
    if (!name.ok()) return name.status();
    view->author_name = std::move(*name);
  }
  for (auto* field : {&view->report.caller_name, &view->report.caller_phone}) {
    auto plain = vault_.open_optional(*field);
    if (!plain.ok()) return plain.status();
    *field = std::move(*plain);
  }
  return view;
}

Status ReportService::set_following(const auth::Principal& who, std::int64_t id, bool follow) {
  if (who.role != Role::kCitizen) return Status::Forbidden();
  return db_.write([&](store::Tx& tx) -> Status {
    auto r = report_store::get_for_update(tx, id);
    if (!r) return Status::NotFound("report_not_found");
    if (r->author_id == who.user_id) return Status::Conflict("own_report");
    const bool visible = r->is_public && publicly_visible(r->state);
    if (follow) {
      if (!visible) return Status::NotFound("report_not_found");
      report_store::follow(tx, id, who.user_id, clock_.now());
    } else if (!report_store::unfollow(tx, id, who.user_id) && !visible) {
      // Unfollowing what one cannot see and does not follow must not tell that it exists.
      return Status::NotFound("report_not_found");
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
      events::append(
          tx, clock_.now(),
          events::Event{0, 0, "report.supported", r->id, true,
                        event_payload(*r, "supported", std::nullopt, true, who.user_id), r->unit});
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
