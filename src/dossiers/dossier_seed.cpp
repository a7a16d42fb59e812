#include "dossiers/dossier_seed.hpp"

#include <string_view>
#include <vector>

#include "dossiers/dossier_service.hpp"

namespace cds::dossiers {
namespace {

struct DemoStep {
  std::string_view status, note;
  int days_after_submission;
};

struct DemoDossier {
  std::string_view code, secret;
  std::string_view procedure_code, procedure_name, agency;
  std::string_view applicant_name, applicant_id;  // invented, but An's is the stand-in's
  int submitted_days_ago;
  int appointment_days_after_submission;
  std::vector<DemoStep> steps;
};

// Procedure codes and names are the national catalogue's; people and numbers are made up.
const DemoDossier kDemo[] = {
    {"38.98.H29-261120-0001",
     "KS2611",
     "1.001193",
     "Thủ tục đăng ký khai sinh",
     "UBND Phường Bến Thành",
     "Nguyễn Văn An",
     "079085012345",
     3,
     5,
     {{"processing", "Công chức tư pháp – hộ tịch đang kiểm tra hồ sơ.", 1}}},
    {"38.98.H29-261118-0002",
     "HN2611",
     "1.004873",
     "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân",
     "UBND Phường Sài Gòn",
     "Lê Thị Mai",
     "079190000111",
     5,
     3,
     {{"processing", "", 1}, {"ready_to_return", "Mời bà đến Bộ phận Một cửa nhận kết quả.", 3}}},
    {"38.98.H29-261105-0003",
     "TT2611",
     "1.004222",
     "Đăng ký thường trú",
     "Công an Phường Bến Thành",
     "Phạm Văn Tâm",
     "079080000222",
     12,
     7,
     {{"processing", "", 1},
      {"more_documents_required", "Cần bổ sung giấy tờ chứng minh chỗ ở hợp pháp.", 4}}},
};

}  // namespace

Status seed_demo_dossiers(store::Database& db, const Clock& clock, const Vault& vault) {
  DossierService service(db, clock, vault);
  const Millis now = clock.now();
  for (const DemoDossier& demo : kDemo) {
    const std::string code(demo.code);
    if (service.lookup(code, demo.secret).ok()) continue;
    const Millis submitted = now - demo.submitted_days_ago * kDayMs;
    Upsert in;
    in.procedure_code = demo.procedure_code;
    in.procedure_name = demo.procedure_name;
    in.agency = demo.agency;
    in.applicant_name = demo.applicant_name;
    in.applicant_id = std::string(demo.applicant_id);
    in.status = "received";
    in.submitted_at = submitted;
    in.appointment_at = submitted + demo.appointment_days_after_submission * kDayMs;
    in.lookup_secret = std::string(demo.secret);
    if (auto saved = service.upsert(code, std::move(in)); !saved.ok()) return saved.status();
    int n = 0;
    for (const DemoStep& step : demo.steps) {
      StatusChange change;
      change.source_key = "demo-" + std::to_string(++n);
      change.status = step.status;
      change.note = step.note;
      change.at = submitted + step.days_after_submission * kDayMs;
      if (auto done = service.record(code, std::move(change)); !done.ok()) return done.status();
    }
  }
  return Status::Ok();
}

}  // namespace cds::dossiers
