// The procedure catalogue: the portal's flattened tables taken apart, and search that folds
// Vietnamese, ranks an exact code first and a phrase in the name above scattered words, and
// counts facets for the current query.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "services/portal_format.hpp"
#include "services/procedure_index.hpp"
#include "text/fold.hpp"

namespace cds::services {
namespace {

TEST(PortalFormat, ChannelsWithTimeLimitFeeAndDescription) {
  auto c = parse_channels(
      "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp7 NgàyKhông có thông tinNộp trực tiếp tại "
      "trụ sởTrực tuyến3 Ngày làm việc7,000 Việt Nam Đồng(/lần)Trực tuyến: nộp qua cổngDịch vụ "
      "bưu chínhKhông có thông tin8,000 VNĐ");
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(c[0].kind, ChannelKind::kInPerson);
  EXPECT_EQ(c[0].time_limit, "7 Ngày");
  EXPECT_EQ(c[0].fee, "");
  EXPECT_EQ(c[0].description, "Nộp trực tiếp tại trụ sở");
  EXPECT_EQ(c[1].kind, ChannelKind::kOnline);
  EXPECT_EQ(c[1].time_limit, "3 Ngày làm việc");
  EXPECT_EQ(c[1].fee, "7,000 Việt Nam Đồng(/lần)");
  EXPECT_EQ(c[1].description, "Trực tuyến: nộp qua cổng");
  EXPECT_EQ(c[2].kind, ChannelKind::kPost);
  EXPECT_EQ(c[2].fee, "8,000 VNĐ");
}

TEST(PortalFormat, DocumentsWithGroupsFormsAndCounts) {
  auto d = parse_documents(
      "* Giấy tờ phải nộp:Tên giấy tờMẫu đơn, tờ khaiSố lượngTờ khai (mẫu 01)Mau 01.docx1 bản "
      "chính- Giấy chứng sinh1 bản chính,1 bản sao* Giấy tờ phải xuất trình:Tên giấy tờMẫu đơn, "
      "tờ khaiSố lượngThẻ căn cước1 bản chính");
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d[0].group, "Giấy tờ phải nộp");
  EXPECT_EQ(d[0].name, "Tờ khai (mẫu 01)");
  EXPECT_EQ(d[0].form, "Mau 01.docx");
  EXPECT_EQ(d[0].count, "1 bản chính");
  EXPECT_EQ(d[1].name, "Giấy chứng sinh");
  EXPECT_EQ(d[1].count, "1 bản chính,1 bản sao");
  EXPECT_EQ(d[2].group, "Giấy tờ phải xuất trình");
  EXPECT_EQ(d[2].name, "Thẻ căn cước");
}

TEST(PortalFormat, LegalBasisSplitsAtCodesThatEndARow) {
  auto b = parse_legal_basis(
      "Tên văn bản pháp lýMã văn bảnLuật số 43/2024/QH15 ngày 29/6/2024 về đất đai43/2024/"
      "QH15Nghị định hướng dẫn123/2015/NĐ-CPThông tư phí85/2019/TT-BTC");
  ASSERT_EQ(b.size(), 3u);
  EXPECT_EQ(b[0].code, "43/2024/QH15");
  EXPECT_EQ(b[0].name, "Luật số 43/2024/QH15 ngày 29/6/2024 về đất đai");
  EXPECT_EQ(b[1].code, "123/2015/NĐ-CP");
  EXPECT_EQ(b[1].name, "Nghị định hướng dẫn");
  EXPECT_EQ(b[2].code, "85/2019/TT-BTC");
}

TEST(PortalFormat, ProcedureNeedsACodeAndAName) {
  auto good = boost::json::parse(
      R"({"ma_thu_tuc":"1.001193","ten_thu_tuc":"Thủ tục đăng ký khai sinh","linh_vuc":"Hộ tịch",
          "cap_thuc_hien":"Cấp tỉnh, Cấp xã","co_quan_thuc_hien":"Không có thông tin",
          "co_quan_co_tham_quyen":"Ủy ban nhân dân cấp xã.",
          "ket_qua_xu_ly":"Giấy khai sinhMã: KQ.G15.000031Từ khóakhai sinh, trẻ emMô tả"})");
  auto p = from_portal(good.get_object());
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->code, "1.001193");
  EXPECT_EQ(p->levels, (std::vector<Level>{Level::kProvince, Level::kCommune}));
  EXPECT_EQ(p->performing_agency, "");
  EXPECT_EQ(p->agency(), "Ủy ban nhân dân cấp xã");
  EXPECT_EQ(p->result, "Giấy khai sinh");
  EXPECT_EQ(p->keywords, (std::vector<std::string>{"khai sinh", "trẻ em"}));
  EXPECT_FALSE(from_portal(boost::json::parse(R"({"ten_thu_tuc":"x"})").get_object()).ok());
  EXPECT_FALSE(
      from_portal(boost::json::parse(R"({"ma_thu_tuc":"1 2","ten_thu_tuc":"x"})").get_object())
          .ok());
  EXPECT_FALSE(from_portal(boost::json::parse(R"({"ma_thu_tuc":"1.2"})").get_object()).ok());
}

Procedure make(std::string code, std::string name, std::string field, std::string agency,
               std::vector<std::string> keywords = {}) {
  Procedure p;
  p.code = std::move(code);
  p.name = std::move(name);
  p.field = std::move(field);
  p.performing_agency = std::move(agency);
  p.levels = {Level::kCommune};
  p.keywords = std::move(keywords);
  return p;
}

ProcedureIndex sample_index() {
  std::vector<Procedure> all;
  all.push_back(make("1.001193", "Thủ tục đăng ký khai sinh", "Hộ tịch", "UBND xã"));
  all.push_back(make("1.004884", "Thủ tục đăng ký lại khai sinh", "Hộ tịch", "UBND xã"));
  all.push_back(
      make("2.000001", "Cấp bản sao giấy tờ", "Chứng thực", "UBND xã", {"đăng ký khai sinh"}));
  all.push_back(make("1.000894", "Thủ tục đăng ký kết hôn", "Hộ tịch", "UBND xã"));
  all.push_back(make("1.004222", "Đăng ký thường trú", "Cư trú", "Công an xã"));
  all.back().levels = {Level::kProvince, Level::kCommune};
  return ProcedureIndex(std::move(all), 1);
}

std::vector<std::string> codes(const SearchResult& r) {
  std::vector<std::string> out;
  for (const Procedure* p : r.items) out.push_back(p->code);
  return out;
}

TEST(ProcedureIndex, FoldedQueriesFindTheSameProcedures) {
  ProcedureIndex index = sample_index();
  const std::vector<std::string> expected = {"1.001193", "1.004884", "2.000001"};
  for (const char* q : {"đăng ký khai sinh", "dang ky khai sinh", "ĐĂNG KÝ KHAI SINH",
                        "Dang Ky Khai Sinh", "  dang   ky khai   sinh "}) {
    SearchQuery query;
    query.text = q;
    EXPECT_EQ(codes(index.search(query)), expected) << q;
  }
}

TEST(ProcedureIndex, RanksCodeThenPhraseThenWordsThenTheRest) {
  ProcedureIndex index = sample_index();
  SearchQuery q;
  q.text = "1.004884";
  EXPECT_EQ(codes(index.search(q)).front(), "1.004884");
  q.text = "khai sinh dang ky";  // every word, no phrase: below the phrase in order
  auto r = codes(index.search(q));
  EXPECT_EQ(r, (std::vector<std::string>{"1.001193", "1.004884", "2.000001"}));
  q.text = "ký khai";  // a phrase in 1.001193's name only; scattered in 1.004884's
  r = codes(index.search(q));
  ASSERT_GE(r.size(), 2u);
  EXPECT_EQ(r[0], "1.001193");
  EXPECT_EQ(r[1], "1.004884");
}

TEST(ProcedureIndex, FiltersFacetsAndPages) {
  ProcedureIndex index = sample_index();
  SearchQuery q;
  q.text = "dang ky";
  q.field = "Hộ tịch";
  SearchResult r = index.search(q);
  EXPECT_EQ(r.total, 3u);
  // The field facet ignores the field filter: it says what choosing another field would give.
  ASSERT_FALSE(r.fields.empty());
  EXPECT_EQ(r.fields[0].value, "Hộ tịch");
  EXPECT_EQ(r.fields[0].count, 3u);
  EXPECT_EQ(r.fields.size(), 3u);
  q.field.reset();
  q.level = Level::kProvince;
  EXPECT_EQ(codes(index.search(q)), (std::vector<std::string>{"1.004222"}));
  q.level.reset();
  q.offset = 1;
  q.limit = 2;
  r = index.search(q);
  EXPECT_EQ(r.total, 5u);
  EXPECT_EQ(r.items.size(), 2u);
  q.field = "Không có";
  q.offset = 0;
  EXPECT_EQ(index.search(q).total, 0u);
}

}  // namespace
}  // namespace cds::services

namespace cds::services {
namespace {

TEST(QuickFold, KeysAgreeWithTheFullTransliteration) {
  for (const char* s : {"Đăng ký khai sinh", "ĐĂNG KÝ THƯỜNG TRÚ", "Chứng thực bản sao – giấy tờ",
                        "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân", "hoà hòa Hoà",
                        "Ủy ban Nhân dân xã, phường", "Straße Ølen", "Đường Nguyễn Huệ 1.001193",
                        "Khai báo tạm trú cho người nước ngoài"}) {
    EXPECT_EQ(ProcedureIndex::key(s), ProcedureIndex::key(s)) << s;
    // Compare with keys made from text::fold's output (already ASCII: the fast path).
    EXPECT_EQ(ProcedureIndex::key(s), ProcedureIndex::key(cds::text::fold(s))) << s;
  }
}

}  // namespace
}  // namespace cds::services
