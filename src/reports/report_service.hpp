// The rules of a report's life: intake, who may see what, every transition of the lifecycle,
// deadlines, follows and supports. Each change is one transaction that also appends its event.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "areas/locator.hpp"
#include "auth/principal.hpp"
#include "catalog/catalog.hpp"
#include "common/clock.hpp"
#include "common/status.hpp"
#include "common/vault.hpp"
#include "reports/lifecycle.hpp"
#include "reports/report.hpp"
#include "reports/report_store.hpp"
#include "store/database.hpp"
#include "store/idempotency.hpp"

namespace cds::reports {

inline constexpr std::size_t kMaxDescription = 4000;  // characters
inline constexpr std::size_t kMaxAddress = 300;
inline constexpr std::size_t kMaxText = 4000;  // staff messages, reasons, comments
inline constexpr std::size_t kMaxPhotos = 5;

struct SubmitInput {
  Kind kind = Kind::kReport;
  std::string category;
  std::string description;
  Location location;
  std::optional<std::string> ward;  // derived from the location when absent
  bool anonymous = false;
  bool is_public = true;
  std::vector<std::string> photos;  // media ids uploaded by the submitter
  std::string channel = "app";
  std::optional<std::string> caller_name;   // phone intake
  std::optional<std::string> caller_phone;  // phone intake
};

// Input of a staff or author action; which fields matter depends on the action.
struct ActionInput {
  std::optional<std::string> unit;      // assign
  std::optional<std::string> text;      // progress message, note, reason, result, comment
  std::optional<std::string> category;  // reclassify
  std::optional<std::string> into;      // merge: the surviving report's id or code
  std::optional<int> score;             // rate
  std::vector<std::string> photos;      // progress / resolve proof
};

// Who is looking, which decides what a view may contain.
enum class Audience { kAuthor, kPublic, kStaff };

// Names of the catalogue entries a view refers to, resolved in the same read.
struct Names {
  std::map<std::string, catalog::Category> categories;
  std::map<std::string, catalog::Unit> units;
  std::map<std::string, std::pair<std::string, std::string>> wards;  // code → (name, name_en)
};

struct ReportView {
  Report report;
  Audience audience = Audience::kPublic;
  std::vector<TimelineEntry> timeline;  // internal notes only for staff
  std::vector<Photo> photos;
  bool following = false;
  bool supported = false;
  std::optional<std::string> merged_into_code;
  std::optional<std::string> author_name;           // staff view of a non-anonymous report only
  std::map<std::int64_t, std::string> staff_names;  // actor id → username, staff view only
  bool sensitive = false;                           // category hides the location from the public
  std::optional<double> distance_m;                 // from the point of a `near` list
  Names names;
};

struct Page {
  std::vector<ReportView> items;  // without timelines
  std::optional<std::int64_t> next_before_id;
};

// "Near a point": open public reports within a radius, nearest first (GET /api/v1/reports?near=).
inline constexpr int kDefaultNearRadiusM = 300;
inline constexpr int kMaxNearRadiusM = 2000;
struct NearFilter {
  double lat = 0;
  double lon = 0;
  int radius_m = kDefaultNearRadiusM;
};

struct ListFilter {
  std::optional<NearFilter> near;  // public list only; no paging (the nearest `limit`)
  std::vector<State> states;
  std::optional<std::string> category;
  std::optional<std::string> ward;
  std::optional<std::string> unit;
  std::optional<Kind> kind;
  bool overdue_only = false;
  std::optional<std::string> text;
  std::int64_t before_id = 0;
  int limit = 20;
};

struct Submitted {
  ReportView view;
  bool replayed = false;  // an Idempotency-Key retry: nothing new was created
};

class ReportService {
 public:
  // Checks that media ids exist and belong to the user (the media feature answers).
  using PhotoCheck = std::function<Status(const std::vector<std::string>&, std::int64_t owner)>;

  // Callers' names and phones are sealed with `vault` before they are stored.
  ReportService(store::Database& db, const catalog::Catalog& catalog, const Clock& clock,
                const Vault& vault, PhotoCheck check_photos,
                const areas::Locator* locator = nullptr)
      : db_(db),
        catalog_(catalog),
        clock_(clock),
        vault_(vault),
        check_photos_(std::move(check_photos)),
        locator_(locator) {}

  // A citizen's report or idea (channel app/web), or an operator's phone intake (channel phone).
  Result<Submitted> submit(const auth::Principal& who, SubmitInput input,
                           const std::optional<store::IdempotencyKey>& key);

  // A citizen's or a passer-by's view: the author sees everything of their own report; others
  // see public reports (and ones they follow) without the author.
  Result<ReportView> get(const std::optional<auth::Principal>& who, std::int64_t id);
  Result<Page> list_mine(const auth::Principal& who, const ListFilter& filter);
  Result<Page> list_following(const auth::Principal& who, const ListFilter& filter);
  // Public reports; with `filter.near`, only open, not sensitive ones within its radius, nearest
  // first, each with its distance (and, for a citizen `who`, whether they follow it; their own
  // in the author view).
  Result<Page> list_public(const ListFilter& filter,
                           const std::optional<auth::Principal>& who = std::nullopt);
  Result<ReportView> author_action(const auth::Principal& who, std::int64_t id, Action action,
                                   const ActionInput& input);
  Status set_following(const auth::Principal& who, std::int64_t id, bool follow);
  Result<ReportView> support(const auth::Principal& who, std::int64_t id);

  // Staff: operators, admins and leaders see all; unit staff their unit's.
  Result<Page> staff_list(const auth::Principal& who, const ListFilter& filter);
  Result<ReportView> staff_get(const auth::Principal& who, std::int64_t id);
  Result<ReportView> staff_action(const auth::Principal& who, std::int64_t id, Action action,
                                  const ActionInput& input);

  // For account deletion, inside the caller's transaction: the person's reports stay as anonymous
  // ones nobody can trace, their follows go. Returns how many reports and ideas stay.
  static std::int64_t forget_author(store::Tx& tx, std::int64_t user_id) {
    return report_store::forget_author(tx, user_id);
  }

  // Whether a media id belongs to a report anyone may see (for the media feature).
  bool media_is_public(const std::string& media_id);

 private:
  using SnapshotPtr = std::shared_ptr<const catalog::Snapshot>;
  Status validate(const catalog::Snapshot& catalog, SubmitInput& input, bool phone_intake) const;
  Result<ReportView> transition(const auth::Principal& who, std::int64_t id, Action action,
                                const ActionInput& input, Audience audience);
  Status apply(store::Tx& tx, const catalog::Snapshot& catalog, const auth::Principal& who,
               Report& report, Action action, const ActionInput& input, Millis now);
  ReportView view_of(store::Tx& tx, const catalog::Snapshot& catalog, Report report,
                     Audience audience, const std::optional<auth::Principal>& who,
                     bool with_timeline);
  bool staff_may_see(const auth::Principal& who, const Report& report) const;
  // One page of `query` (its limit is the page size) as views for `audience`.
  Result<Page> page_of(report_store::Query query, Audience audience,
                       const std::optional<auth::Principal>& who);
  Result<Page> nearby(report_store::Query query, const NearFilter& near,
                      const std::optional<auth::Principal>& who);

  store::Database& db_;
  const catalog::Catalog& catalog_;
  const Clock& clock_;
  const Vault& vault_;
  PhotoCheck check_photos_;
  const areas::Locator* locator_;  // not owned; null: the compiled-in fallback (tests)
};

}  // namespace cds::reports
