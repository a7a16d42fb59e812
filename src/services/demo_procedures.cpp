// The facts (codes, names, fields, agencies, time limits, fees) are the national portal's; the
// steps and documents are summarized in our own words for the demo.
#include "services/demo_procedures.hpp"

#include <vector>

#include "services/procedure_catalogue.hpp"

namespace cds::services {
namespace {

constexpr const char* kWardCommittee = "Ủy ban nhân dân cấp xã";
constexpr const char* kWardPolice = "Công an cấp xã";
constexpr const char* kServiceCentre =
    "Trung tâm Phục vụ hành chính công (bộ phận một cửa) của phường, xã";

Channel in_person(std::string time_limit, std::string fee, std::string description = "") {
  return Channel{ChannelKind::kInPerson, std::move(time_limit), std::move(fee),
                 std::move(description)};
}
Channel online(std::string time_limit, std::string fee, std::string description = "") {
  return Channel{ChannelKind::kOnline, std::move(time_limit), std::move(fee),
                 std::move(description)};
}
Channel post(std::string time_limit, std::string fee) {
  return Channel{ChannelKind::kPost, std::move(time_limit), std::move(fee), ""};
}

Procedure base(std::string code, std::string name, std::string field, std::string agency) {
  Procedure p;
  p.code = std::move(code);
  p.name = std::move(name);
  p.field = std::move(field);
  p.levels = {Level::kCommune};
  p.competent_agency = agency;
  p.performing_agency = std::move(agency);
  p.submit_at = kServiceCentre;
  p.audience = "Công dân Việt Nam";
  return p;
}

std::vector<Procedure> demo_set() {
  std::vector<Procedure> out;
  {
    Procedure p = base("1.001193", "Đăng ký khai sinh", "Hộ tịch", kWardCommittee);
    p.channels = {in_person("1 Ngày làm việc", "Miễn phí", "Miễn lệ phí khi đăng ký đúng hạn."),
                  online("1 Ngày làm việc", "Miễn phí"), post("1 Ngày làm việc", "Miễn phí")};
    p.steps = {"Nộp tờ khai và giấy tờ tại bộ phận một cửa hoặc trên Cổng dịch vụ công, VNeID.",
               "Cán bộ tư pháp – hộ tịch kiểm tra hồ sơ; hồ sơ đủ thì ghi vào Sổ hộ tịch.",
               "Nhận Giấy khai sinh (bản chính) và bản sao nếu có yêu cầu."};
    p.documents = {{"Tờ khai đăng ký khai sinh", "Mẫu tờ khai theo quy định", "1 bản chính", ""},
                   {"Giấy chứng sinh (hoặc văn bản xác nhận việc sinh)", "", "1 bản chính", ""},
                   {"Văn bản ủy quyền, nếu nhờ người khác đi đăng ký", "", "1 bản chính", ""}};
    p.legal_basis = {{"Luật Hộ tịch", "60/2014/QH13"},
                     {"Nghị định quy định chi tiết Luật Hộ tịch", "123/2015/NĐ-CP"}};
    p.conditions = "Cha, mẹ hoặc người thân đăng ký trong 60 ngày kể từ ngày sinh.";
    p.result = "Giấy khai sinh";
    p.keywords = {"khai sinh", "giấy khai sinh", "trẻ em mới sinh"};
    out.push_back(std::move(p));
  }
  {
    Procedure p = base("1.000894", "Đăng ký kết hôn", "Hộ tịch", kWardCommittee);
    p.channels = {in_person("1 Ngày làm việc", "Miễn phí"), online("1 Ngày làm việc", "Miễn phí")};
    p.steps = {"Hai bên nộp tờ khai đăng ký kết hôn và xuất trình giấy tờ tùy thân.",
               "Cán bộ hộ tịch kiểm tra điều kiện kết hôn.",
               "Hai bên cùng có mặt, ký Giấy chứng nhận kết hôn và Sổ hộ tịch."};
    p.documents = {{"Tờ khai đăng ký kết hôn", "Mẫu tờ khai theo quy định", "1 bản chính", ""},
                   {"Giấy xác nhận tình trạng hôn nhân (nếu đăng ký ở nơi khác nơi cư trú)", "",
                    "1 bản chính", ""}};
    p.legal_basis = {{"Luật Hôn nhân và gia đình", "52/2014/QH13"},
                     {"Luật Hộ tịch", "60/2014/QH13"}};
    p.conditions =
        "Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi; tự nguyện; không thuộc trường hợp cấm "
        "kết hôn.";
    p.result = "Giấy chứng nhận kết hôn";
    p.keywords = {"kết hôn", "hôn nhân", "giấy đăng ký kết hôn"};
    out.push_back(std::move(p));
  }
  {
    Procedure p = base("1.000656", "Đăng ký khai tử", "Hộ tịch", kWardCommittee);
    p.channels = {in_person("1 Ngày làm việc", "Miễn phí", "Miễn lệ phí khi đăng ký đúng hạn."),
                  online("1 Ngày làm việc", "Miễn phí")};
    p.steps = {"Người thân nộp tờ khai và giấy báo tử.",
               "Cán bộ hộ tịch ghi vào Sổ hộ tịch, cấp trích lục khai tử."};
    p.documents = {{"Tờ khai đăng ký khai tử", "Mẫu tờ khai theo quy định", "1 bản chính", ""},
                   {"Giấy báo tử hoặc giấy tờ thay giấy báo tử", "", "1 bản chính", ""}};
    p.legal_basis = {{"Luật Hộ tịch", "60/2014/QH13"}};
    p.conditions = "Đăng ký trong 15 ngày kể từ ngày người thân mất.";
    p.result = "Trích lục khai tử";
    p.keywords = {"khai tử", "báo tử"};
    out.push_back(std::move(p));
  }
  {
    Procedure p =
        base("1.004873", "Cấp Giấy xác nhận tình trạng hôn nhân", "Hộ tịch", kWardCommittee);
    p.channels = {in_person("3 Ngày làm việc", "Theo mức của Hội đồng nhân dân Thành phố"),
                  online("3 Ngày làm việc", "Theo mức của Hội đồng nhân dân Thành phố")};
    p.steps = {"Nộp tờ khai cấp Giấy xác nhận tình trạng hôn nhân.",
               "Cán bộ hộ tịch kiểm tra, xác minh nếu cần.", "Nhận Giấy xác nhận."};
    p.documents = {{"Tờ khai cấp Giấy xác nhận tình trạng hôn nhân", "Mẫu tờ khai theo quy định",
                    "1 bản chính", ""}};
    p.legal_basis = {{"Luật Hộ tịch", "60/2014/QH13"}};
    p.result = "Giấy xác nhận tình trạng hôn nhân";
    p.keywords = {"độc thân", "xác nhận độc thân", "tình trạng hôn nhân"};
    out.push_back(std::move(p));
  }
  {
    Procedure p = base("1.004222", "Đăng ký thường trú", "Đăng ký, quản lý cư trú", kWardPolice);
    p.submit_at = "Công an phường, xã nơi đăng ký thường trú";
    p.channels = {in_person("7 Ngày làm việc", "20.000 đồng/lần đăng ký"),
                  online("7 Ngày làm việc", "10.000 đồng/lần đăng ký")};
    p.steps = {"Nộp tờ khai thay đổi thông tin cư trú và giấy tờ chứng minh chỗ ở hợp pháp.",
               "Công an cấp xã kiểm tra và cập nhật Cơ sở dữ liệu về cư trú.",
               "Nhận thông báo kết quả đăng ký thường trú."};
    p.documents = {{"Tờ khai thay đổi thông tin cư trú", "Mẫu CT01", "1 bản chính", ""},
                   {"Giấy tờ chứng minh chỗ ở hợp pháp", "", "1 bản sao", ""}};
    p.legal_basis = {{"Luật Cư trú", "68/2020/QH14"}};
    p.result = "Thông tin thường trú được cập nhật trong Cơ sở dữ liệu về cư trú";
    p.keywords = {"hộ khẩu", "nhập hộ khẩu", "cư trú"};
    out.push_back(std::move(p));
  }
  {
    Procedure p = base("1.004194", "Đăng ký tạm trú", "Đăng ký, quản lý cư trú", kWardPolice);
    p.submit_at = "Công an phường, xã nơi dự kiến tạm trú";
    p.channels = {in_person("3 Ngày làm việc", "15.000 đồng/lần đăng ký"),
                  online("3 Ngày làm việc", "7.000 đồng/lần đăng ký")};
    p.steps = {"Nộp tờ khai thay đổi thông tin cư trú và giấy tờ chứng minh chỗ ở.",
               "Công an cấp xã kiểm tra và cập nhật thông tin tạm trú."};
    p.documents = {{"Tờ khai thay đổi thông tin cư trú", "Mẫu CT01", "1 bản chính", ""},
                   {"Giấy tờ chứng minh chỗ ở hợp pháp", "", "1 bản sao", ""}};
    p.legal_basis = {{"Luật Cư trú", "68/2020/QH14"}};
    p.result = "Thông tin tạm trú được cập nhật trong Cơ sở dữ liệu về cư trú";
    p.keywords = {"tạm trú", "thuê trọ", "cư trú"};
    out.push_back(std::move(p));
  }
  {
    Procedure p = base("2.000815", "Chứng thực bản sao từ bản chính giấy tờ, văn bản", "Chứng thực",
                       kWardCommittee);
    p.channels = {in_person("Trong ngày",
                            "2.000 đồng/trang; từ trang thứ ba 1.000 đồng/trang, tối đa "
                            "200.000 đồng/bản")};
    p.steps = {"Xuất trình bản chính và bản chụp cần chứng thực.",
               "Cán bộ đối chiếu, ghi lời chứng, ký và đóng dấu.",
               "Nhận bản sao có chứng thực trong ngày (tiếp nhận sau 15 giờ thì trả ngày làm việc "
               "tiếp theo)."};
    p.documents = {{"Bản chính giấy tờ, văn bản", "", "1 bản chính", ""},
                   {"Bản chụp cần chứng thực", "", "1 bản sao", ""}};
    p.legal_basis = {{"Nghị định về cấp bản sao từ sổ gốc, chứng thực bản sao", "23/2015/NĐ-CP"}};
    p.result = "Bản sao có chứng thực";
    p.keywords = {"công chứng", "sao y", "bản sao"};
    out.push_back(std::move(p));
  }
  {
    Procedure p = base("2.000884", "Chứng thực chữ ký trong các giấy tờ, văn bản", "Chứng thực",
                       kWardCommittee);
    p.channels = {in_person("Trong ngày", "10.000 đồng/trường hợp")};
    p.steps = {"Mang giấy tờ cần chứng thực chữ ký và giấy tờ tùy thân.",
               "Ký trước mặt người thực hiện chứng thực.", "Nhận giấy tờ đã chứng thực chữ ký."};
    p.documents = {{"Giấy tờ, văn bản sẽ ký", "", "1 bản chính", ""}};
    p.legal_basis = {{"Nghị định về cấp bản sao từ sổ gốc, chứng thực bản sao", "23/2015/NĐ-CP"}};
    p.result = "Giấy tờ, văn bản có chứng thực chữ ký";
    p.keywords = {"chữ ký", "chứng thực chữ ký"};
    out.push_back(std::move(p));
  }
  {
    Procedure p = base("2.000635", "Cấp bản sao trích lục hộ tịch, bản sao Giấy khai sinh",
                       "Hộ tịch", kWardCommittee);
    p.channels = {in_person("Trong ngày", "8.000 đồng/bản"),
                  online("Trong ngày", "8.000 đồng/bản")};
    p.steps = {"Nộp tờ khai cấp bản sao trích lục hộ tịch.",
               "Nhận bản sao trích lục hoặc bản sao Giấy khai sinh."};
    p.documents = {
        {"Tờ khai cấp bản sao trích lục hộ tịch", "Mẫu tờ khai theo quy định", "1 bản chính", ""}};
    p.legal_basis = {{"Luật Hộ tịch", "60/2014/QH13"}};
    p.result = "Bản sao trích lục hộ tịch hoặc bản sao Giấy khai sinh";
    p.keywords = {"trích lục", "bản sao khai sinh"};
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace

Status seed_demo_procedures(store::Database& db, const Clock& clock) {
  const std::vector<Procedure> set = demo_set();
  auto written = write_procedures(db, clock, set, "demo", false);
  return written.ok() ? Status::Ok() : written.status();
}

}  // namespace cds::services
