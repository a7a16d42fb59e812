// Categories, city-level units and holidays. Deadlines follow the city's rules for the 1022
// system (5 working days for infrastructure); an administrator may change them afterwards.
#include "catalog/catalog_data.hpp"

namespace cds::catalog {

std::span<const CategoryFact> category_facts() {
  static const CategoryFact kCategories[] = {
      {"dien_luc", "Điện lực", "Electricity", 5, false, "bolt", "evn-hcmc"},
      {"cap_thoat_nuoc", "Cấp thoát nước", "Water supply and drainage", 5, false, "droplet",
       "sawaco"},
      {"vien_thong", "Viễn thông", "Telecommunications", 5, false, "antenna", "so-khcn"},
      {"giao_thong", "Giao thông", "Traffic and roads", 5, false, "road", "so-xay-dung"},
      {"cay_xanh", "Cây xanh", "Trees and parks", 5, false, "tree", "cong-vien-cay-xanh"},
      {"trat_tu_do_thi", "Trật tự đô thị", "Urban order", 5, false, "building", "@ward"},
      {"ve_sinh_moi_truong", "Vệ sinh môi trường", "Sanitation and environment", 5, false, "leaf",
       "@ward"},
      {"tieng_on", "Tiếng ồn", "Noise", 5, false, "volume", "@ward"},
      {"xe_buyt", "Xe buýt", "Buses", 5, false, "bus", "qlgtcc"},
      {"an_ninh_trat_tu", "An ninh trật tự", "Public security and order", 3, true, "shield",
       "cong-an-tp"},
      {"dich_vu_hanh_chinh_cong", "Dịch vụ hành chính công", "Public administrative services", 5,
       false, "stamp", "@ward"},
      {"y_te", "Y tế", "Health", 5, true, "health", "so-y-te"},
      {"gui_lanh_dao", "Gửi lãnh đạo Thành phố", "To the city's leaders", 10, false, "message",
       "vp-ubnd-tp"},
      {"khac", "Khác", "Other", 5, false, "dots", "trung-tam-1022"},
  };
  return kCategories;
}

std::span<const UnitFact> city_unit_facts() {
  static const UnitFact kUnits[] = {
      {"trung-tam-1022", "Trung tâm Dịch vụ 1022", "1022 Service Centre", "center"},
      {"vp-ubnd-tp", "Văn phòng Ủy ban nhân dân Thành phố", "Office of the City People's Committee",
       "leaders_office"},
      {"so-xay-dung", "Sở Xây dựng", "Department of Construction", "department"},
      {"so-nnmt", "Sở Nông nghiệp và Môi trường", "Department of Agriculture and Environment",
       "department"},
      {"so-khcn", "Sở Khoa học và Công nghệ", "Department of Science and Technology", "department"},
      {"so-y-te", "Sở Y tế", "Department of Health", "department"},
      {"cong-an-tp", "Công an Thành phố", "City Police", "department"},
      {"evn-hcmc", "Tổng công ty Điện lực TP.HCM (EVNHCMC)", "Ho Chi Minh City Power Corporation",
       "utility"},
      {"sawaco", "Tổng công ty Cấp nước Sài Gòn (SAWACO)", "Saigon Water Corporation", "utility"},
      {"thoat-nuoc-do-thi", "Công ty Thoát nước Đô thị TP.HCM", "Urban Drainage Company",
       "utility"},
      {"cong-vien-cay-xanh", "Công ty Công viên Cây xanh TP.HCM", "Parks and Trees Company",
       "utility"},
      {"moi-truong-do-thi", "Công ty Môi trường Đô thị TP.HCM (CITENCO)",
       "Urban Environment Company", "utility"},
      {"qlgtcc", "Trung tâm Quản lý Giao thông công cộng", "Public Transport Management Centre",
       "center"},
  };
  return kUnits;
}

std::span<const HolidayFact> holiday_facts() {
  // Public holidays on working days in 2026 (Labour Code art. 112 and the government's 2026
  // schedule). The list is data: an administrator adds next year's.
  static const HolidayFact kHolidays[] = {
      {"2026-01-01", "Tết Dương lịch"},
      {"2026-02-16", "Tết Nguyên đán"},
      {"2026-02-17", "Tết Nguyên đán"},
      {"2026-02-18", "Tết Nguyên đán"},
      {"2026-02-19", "Tết Nguyên đán"},
      {"2026-02-20", "Tết Nguyên đán"},
      {"2026-04-27", "Giỗ Tổ Hùng Vương (nghỉ bù)"},
      {"2026-04-30", "Ngày Giải phóng miền Nam"},
      {"2026-05-01", "Ngày Quốc tế Lao động"},
      {"2026-09-01", "Quốc khánh"},
      {"2026-09-02", "Quốc khánh"},
  };
  return kHolidays;
}

}  // namespace cds::catalog
