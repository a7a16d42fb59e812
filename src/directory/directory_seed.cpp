#include "directory/directory_seed.hpp"

#include <string_view>

#include "directory/app_store.hpp"
#include "directory/directory_service.hpp"

namespace cds::directory {
namespace {

struct ReferenceApp {
  std::string_view code, name, name_en, description, description_en, category;
  std::string_view web_url, android_url, ios_url;
  bool vneid_sign_in;
};

// Written for this directory from public facts about each app (as of 2025). Links are the
// organisations' own sites; store links only where the listing is known, and no deep links: no
// publisher documents an app scheme. Since Decree 69/2024/NĐ-CP (from 1 July 2025) residents sign
// in to online public services with their VNeID account, which these portals and apps accept.
constexpr ReferenceApp kReferenceApps[] = {
    {"vneid", "VNeID", "VNeID",
     "Tài khoản định danh điện tử do Bộ Công an cấp: căn cước điện tử, giấy tờ tích hợp (bằng lái, "
     "thẻ bảo hiểm y tế), thông báo lưu trú và đăng nhập các dịch vụ công. Công dân số cũng đăng "
     "nhập bằng tài khoản này.",
     "The electronic identity account issued by the Ministry of Public Security: the electronic ID "
     "card, linked documents (driving licence, health insurance card), residence notices and "
     "sign-in to public services. Công dân số signs you in with it too.",
     "identity", "https://vneid.gov.vn", "https://play.google.com/store/apps/details?id=com.vnid",
     "https://apps.apple.com/vn/app/vneid/id1582750372", true},
    {"dichvucong_quocgia", "Cổng Dịch vụ công quốc gia", "National Public Service Portal",
     "Nộp hồ sơ thủ tục hành chính trực tuyến tới các bộ, ngành và địa phương, thanh toán phí, lệ "
     "phí và theo dõi kết quả ở một nơi.",
     "Submit administrative procedures online to ministries, sectors and provinces, pay their fees "
     "and follow the result in one place.",
     "public_services", "https://dichvucong.gov.vn", "", "", true},
    {"dichvucong_tphcm", "Cổng Dịch vụ công TP.HCM", "Ho Chi Minh City Public Service Portal",
     "Thủ tục hành chính của Thành phố, các sở, ngành và phường, xã: nộp hồ sơ trực tuyến và tra "
     "cứu tình trạng giải quyết.",
     "The procedures of the city, its departments, wards and communes: apply online and look up "
     "where your dossier stands.",
     "public_services", "https://dichvucong.hochiminhcity.gov.vn", "", "", true},
    {"dichvucong_bocongan", "Cổng Dịch vụ công Bộ Công an", "Ministry of Public Security Services",
     "Đăng ký thường trú, tạm trú, cấp hộ chiếu phổ thông, đăng ký xe và các thủ tục khác do công "
     "an giải quyết.",
     "Permanent and temporary residence registration, ordinary passports, vehicle registration and "
     "the other procedures handled by the police.",
     "public_services", "https://dichvucong.bocongan.gov.vn", "", "", true},
    {"vssid", "VssID – Bảo hiểm xã hội số", "VssID – Digital Social Insurance",
     "Ứng dụng của Bảo hiểm xã hội Việt Nam: quá trình đóng bảo hiểm xã hội, thẻ bảo hiểm y tế "
     "trên "
     "điện thoại, lịch sử khám chữa bệnh và các khoản hưởng.",
     "The app of Vietnam Social Security: your social insurance contributions, the health "
     "insurance card on your phone, your medical visits and the benefits paid to you.",
     "social_insurance", "https://baohiemxahoi.gov.vn",
     "https://play.google.com/store/apps/details?id=com.bhxhapp", "", true},
    {"etax_mobile", "eTax Mobile", "eTax Mobile",
     "Ứng dụng thuế điện tử của ngành thuế: tra cứu nghĩa vụ thuế, nộp thuế thu nhập cá nhân, lệ "
     "phí trước bạ và thuế đất, quyết toán thuế cho cá nhân.",
     "The tax authority's mobile app: look up what you owe, pay personal income tax, registration "
     "fees and land taxes, and file an individual's annual tax return.",
     "tax", "https://thuedientu.gdt.gov.vn", "", "", true},
    {"so_suc_khoe", "Sổ sức khỏe điện tử", "Electronic Health Book",
     "Sổ sức khỏe của Bộ Y tế: tiền sử bệnh, tiêm chủng, kết quả khám chữa bệnh và giấy chuyển "
     "viện; cũng xem được trong ứng dụng VNeID.",
     "The Ministry of Health's health book: medical history, vaccinations, visit results and "
     "referrals; also shown in the VNeID app.",
     "health", "https://moh.gov.vn", "", "", true},
    {"vnetraffic", "VNeTraffic", "VNeTraffic",
     "Ứng dụng của Cục Cảnh sát giao thông: tra cứu và nộp phạt vi phạm giao thông, nhận thông báo "
     "và gửi phản ánh, hình ảnh vi phạm trật tự an toàn giao thông.",
     "The Traffic Police Department's app: look up and pay traffic fines, receive notices and "
     "report traffic violations with photos.",
     "transport", "https://csgt.vn", "", "", true},
    {"tongdai_1022", "Tổng đài 1022 TP.HCM", "Ho Chi Minh City 1022 Hotline",
     "Trung tâm tiếp nhận phản ánh, kiến nghị và giải đáp thông tin của Thành phố: gọi 1022 hoặc "
     "gửi trên cổng thông tin, cả ngày lẫn đêm.",
     "The city's centre for reports, requests and questions: call 1022 or write on its portal, day "
     "and night.",
     "city", "https://1022.tphcm.gov.vn", "", "", false},
    {"cong_thong_tin_tphcm", "Cổng Thông tin điện tử TP.HCM", "Ho Chi Minh City Web Portal",
     "Tin tức, văn bản chỉ đạo, điều hành và thông tin chính thức của Ủy ban nhân dân Thành phố.",
     "News, directives and official information from the City People's Committee.", "city",
     "https://hochiminhcity.gov.vn", "", "", false},
};

}  // namespace

Result<int> seed_reference_apps(store::Database& db, const Clock& clock) {
  int added = 0;
  Status st = db.write([&](store::Tx& tx) -> Status {
    added = 0;
    const Millis now = clock.now();
    for (const ReferenceApp& r : kReferenceApps) {
      AppInput in;
      in.name = r.name;
      in.name_en = r.name_en;
      in.description = r.description;
      in.description_en = r.description_en;
      in.category = r.category;
      in.web_url = r.web_url;
      in.android_url = r.android_url;
      in.ios_url = r.ios_url;
      in.vneid_sign_in = r.vneid_sign_in;
      // The same rules as an administrator's app: a reference app that breaks them is a bug here.
      if (Status valid = check_app(in); !valid.ok())
        return Status::Internal("reference app " + std::string(r.code) + " is not valid");
      if (!app_store::claim_seed(tx, std::string(r.code))) continue;
      PublicApp a;
      a.code = std::string(r.code);
      a.name = in.name;
      a.name_en = in.name_en;
      a.description = in.description;
      a.description_en = in.description_en;
      a.category = in.category;
      a.web_url = in.web_url;
      a.android_url = in.android_url;
      a.ios_url = in.ios_url;
      a.vneid_sign_in = in.vneid_sign_in;
      a.created_at = a.updated_at = now;
      app_store::insert(tx, a);
      ++added;
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return added;
}

}  // namespace cds::directory
