#include "app/demo_seed.hpp"

#include <string_view>

#include "areas/locator.hpp"
#include "catalog/catalog.hpp"
#include "citizens/citizen_service.hpp"
#include "dossiers/dossier_seed.hpp"
#include "map/poi_seed.hpp"
#include "news/news_seed.hpp"
#include "reports/report_service.hpp"
#include "services/demo_procedures.hpp"
#include "users/user_service.hpp"

namespace cds::app {
namespace {

struct DemoUser {
  std::string_view username, role, unit, name;
};

// Names are invented; units are real ones from the catalogue.
constexpr DemoUser kDemoUsers[] = {
    {"citizen1", "citizen", "", "Nguyễn Văn An"},
    {"citizen2", "citizen", "", "Trần Thị Bình"},
    {"citizen3", "citizen", "", "Lê Hoàng Cường"},
    {"operator1", "operator", "", "Phạm Minh Đức"},
    {"evn1", "unit_staff", "evn-hcmc", "Võ Thị Hạnh"},
    {"saigon1", "unit_staff", "ubnd-26740", "Đặng Quốc Phong"},
    {"benthanh1", "unit_staff", "ubnd-26743", "Huỳnh Thu Trang"},
    {"cayxanh1", "unit_staff", "cong-vien-cay-xanh", "Bùi Văn Khoa"},
    {"leader1", "leader", "", "Ngô Thanh Long"},
    {"alert1", "alert_officer", "", "Trịnh Mai Linh"},
    {"alert2", "alert_officer", "", "Châu Ngọc Diệp"},
    {"editor1", "editor", "", "Đỗ Gia Huy"},
    {"admin1", "admin", "", "Lý Minh Quân"},
    {"sawaco1", "unit_staff", "sawaco", "Mai Xuân Thảo"},
};

// Every demo staff account signs in with this password, then enrols an authenticator app.
constexpr std::string_view kDemoStaffPassword = "congdanso-demo";

}  // namespace

Status seed_demo(store::Database& db, const Clock& clock, const Vault& vault) {
  users::UserService users(db, clock, &vault);
  std::int64_t ids[std::size(kDemoUsers)] = {};
  for (std::size_t i = 0; i < std::size(kDemoUsers); ++i) {
    const auto& u = kDemoUsers[i];
    users::NewUser nu;
    nu.username = u.username;
    nu.role = *auth::parse_role(u.role);
    nu.unit_code = u.unit;
    nu.display_name = u.name;
    if (auth::is_staff(nu.role)) nu.password = std::string(kDemoStaffPassword);
    auto id = users.ensure(nu);
    if (!id.ok()) return id.status();
    ids[i] = id.value();
  }
  if (Status st = services::seed_demo_procedures(db, clock); !st.ok()) return st;
  // News first: its own check keeps it idempotent, apart from the reports'.
  for (std::size_t i = 0; i < std::size(kDemoUsers); ++i) {
    if (std::string_view(kDemoUsers[i].role) != "editor") continue;
    const auth::Principal editor{ids[i], std::string(kDemoUsers[i].username), auth::Role::kEditor,
                                 "", std::string(kDemoUsers[i].name)};
    if (Status st = news::seed_demo_news(db, clock, editor); !st.ok()) return st;
    break;
  }
  if (Status st = dossiers::seed_demo_dossiers(db, clock, vault); !st.ok()) return st;
  if (Status st = map::seed_demo_pois(db, clock.now()); !st.ok()) return st;
  auto existing = db.read_value<std::int64_t>([](store::Tx& tx) -> Result<std::int64_t> {
    return tx.one("SELECT COUNT(*) FROM reports")->i64(0);
  });
  if (!existing.ok()) return existing.status();
  if (existing.value() > 0) return Status::Ok();

  auto principal = [&](std::size_t i) {
    const auto& u = kDemoUsers[i];
    return auth::Principal{ids[i], std::string(u.username), *auth::parse_role(u.role),
                           std::string(u.unit), std::string(u.name)};
  };
  catalog::Catalog catalog(db);
  // The demo citizens agreed to the terms when their accounts were made.
  citizens::CitizenService citizens(db, clock, vault);
  for (std::size_t i = 0; i < std::size(kDemoUsers); ++i) {
    if (std::string_view(kDemoUsers[i].role) != "citizen") continue;
    if (Status st = citizens.set_consent(ids[i], citizens::Purpose::kTerms, true, "demo"); !st.ok())
      return st;
  }
  // Demo reports land in their real wards when the boundaries were imported first (make run).
  areas::Locator locator(db);
  if (Status st = locator.refresh(); !st.ok()) return st;
  reports::ReportService service(db, catalog, clock, vault, nullptr, &locator);
  auto submit = [&](std::size_t who, reports::SubmitInput in) -> Result<std::int64_t> {
    auto done = service.submit(principal(who), std::move(in), std::nullopt);
    if (!done.ok()) return done.status();
    return done->view.report.id;
  };
  auto act = [&](std::size_t who, std::int64_t id, reports::Action a,
                 reports::ActionInput in = {}) -> Status {
    auto r = service.staff_action(principal(who), id, a, in);
    return r.ok() ? Status::Ok() : r.status();
  };

  reports::SubmitInput light;
  light.category = "dien_luc";
  light.description = "Đèn đường trước số 42 Nguyễn Huệ không sáng ba đêm nay.";
  light.location = {10.7743, 106.7038, std::string("42 Nguyễn Huệ, Phường Sài Gòn")};
  auto r1 = submit(0, light);
  if (!r1.ok()) return r1.status();
  if (Status st = act(3, *r1, reports::Action::kAssign); !st.ok()) return st;
  if (Status st = act(4, *r1, reports::Action::kAccept); !st.ok()) return st;
  reports::ActionInput progress;
  progress.text = "Đội kỹ thuật đã kiểm tra, sẽ thay bóng đèn trong ngày mai.";
  if (Status st = act(4, *r1, reports::Action::kProgress, progress); !st.ok()) return st;

  reports::SubmitInput flood;
  flood.category = "cap_thoat_nuoc";
  flood.description = "Đường ngập sâu sau mưa, nắp cống bị tắc rác.";
  flood.location = {10.7712, 106.6931, std::string("Đường Lê Lai, Phường Bến Thành")};
  flood.anonymous = true;
  if (auto r = submit(1, flood); !r.ok()) return r.status();

  reports::SubmitInput tree;
  tree.category = "cay_xanh";
  tree.description = "Cây xanh bị gãy cành, nguy hiểm cho người đi đường.";
  tree.location = {10.7797, 106.6990, std::string("Công viên Tao Đàn")};
  auto r3 = submit(0, tree);
  if (!r3.ok()) return r3.status();
  if (Status st = act(3, *r3, reports::Action::kAssign); !st.ok()) return st;
  if (Status st = act(7, *r3, reports::Action::kAccept); !st.ok()) return st;
  reports::ActionInput result;
  result.text = "Đã cắt tỉa cành gãy và dọn dẹp hiện trường.";
  if (Status st = act(7, *r3, reports::Action::kResolve, result); !st.ok()) return st;

  reports::SubmitInput idea;
  idea.kind = reports::Kind::kIdea;
  idea.category = "xe_buyt";
  idea.description = "Đề xuất thêm tuyến xe buýt nối Phường Bến Thành với sân bay Tân Sơn Nhất.";
  if (auto r = submit(2, idea); !r.ok()) return r.status();

  reports::SubmitInput sidewalk;
  sidewalk.category = "trat_tu_do_thi";
  sidewalk.description = "Quán ăn lấn chiếm toàn bộ vỉa hè, người đi bộ phải xuống lòng đường.";
  sidewalk.location = {10.7725, 106.6980, std::string("Chợ Bến Thành")};
  auto r5 = submit(1, sidewalk);
  if (!r5.ok()) return r5.status();
  if (Status st = act(3, *r5, reports::Action::kAssign); !st.ok()) return st;

  // One report received two weeks ago and still open, so that the queue, the unit's list and the
  // dashboard show what an overdue report looks like.
  ManualClock two_weeks_ago(clock.now() - 14 * kDayMs);
  reports::ReportService past(db, catalog, two_weeks_ago, vault, nullptr);
  reports::SubmitInput leak;
  leak.category = "cap_thoat_nuoc";
  leak.description = "Ống nước bể trên vỉa hè, nước chảy tràn ra đường nhiều ngày.";
  leak.location = {10.7769, 106.7009, std::string("Đường Lê Thánh Tôn, Phường Sài Gòn")};
  auto r6 = past.submit(principal(2), std::move(leak), std::nullopt);
  if (!r6.ok()) return r6.status();
  auto assigned = past.staff_action(principal(3), r6->view.report.id, reports::Action::kAssign,
                                    {.unit = std::string("sawaco")});
  return assigned.ok() ? Status::Ok() : assigned.status();
}

}  // namespace cds::app
