#include "news/news_seed.hpp"

#include <string_view>

#include "news/news_service.hpp"

namespace cds::news {
namespace {

struct DemoItem {
  Kind kind;
  bool pinned;
  int hours_ago;  // published this long before the seed
  std::string_view title, summary, body;
};

// Written for the demo; names of places are real, the events are not.
constexpr DemoItem kDemoNews[] = {
    {Kind::kAnnouncement, true, 2,
     "Tổng đài 1022 nhận phản ánh cả ngày lẫn đêm qua ứng dụng Công dân số",
     "Từ nay người dân gửi phản ánh, kiến nghị bất cứ lúc nào và theo dõi từng bước xử lý ngay "
     "trên điện thoại.",
     "## Gửi một lần, theo dõi đến khi xong\n\n"
     "Mỗi phản ánh có một **mã số** (ví dụ `PA-2611-000123`) để bạn đọc qua điện thoại khi cần. "
     "Trung tâm 1022 chuyển phản ánh đến đơn vị phụ trách trong vòng **5 phút** làm việc.\n\n"
     "- Đèn đường, cấp nước, thoát nước, cây xanh, trật tự đô thị\n"
     "- Thủ tục hành chính và dịch vụ công\n"
     "- Góp ý, hiến kế cho Thành phố\n\n"
     "Bạn có thể gửi **giấu tên**: cán bộ xử lý không thấy tên của bạn.\n\n"
     "> Trường hợp khẩn cấp đe dọa tính mạng, hãy gọi ngay 113, 114 hoặc 115."},
    {Kind::kGuide, false, 26, "Hướng dẫn gửi phản ánh kèm ảnh và vị trí",
     "Ba bước để phản ánh của bạn đến đúng đơn vị và được xử lý nhanh hơn.",
     "## Ba bước\n\n"
     "1. Mở mục **Phản ánh** và chọn lĩnh vực phù hợp.\n"
     "2. Chụp ảnh hiện trường; ảnh được xóa thông tin vị trí và thiết bị trước khi lưu.\n"
     "3. Chọn vị trí trên bản đồ hoặc nhập địa chỉ, rồi bấm **Gửi**.\n\n"
     "## Mẹo nhỏ\n\n"
     "| Nên | Không nên |\n"
     "|:---|:---|\n"
     "| Chụp rõ hiện trường | Chụp người khác khi chưa xin phép |\n"
     "| Ghi số nhà gần nhất | Gửi nhiều lần cùng một việc |\n\n"
     "Xem các phản ánh của bạn tại [Phản ánh của tôi](/app/)."},
    {Kind::kNews, false, 50,
     "Triều cường đạt đỉnh cuối tuần: người dân vùng trũng chủ động phòng ngập",
     "Đỉnh triều dự báo vượt báo động III; nhiều tuyến đường ven sông có thể ngập sâu vào chiều "
     "tối.",
     "Theo dự báo, đỉnh triều tại trạm Phú An có thể vượt **báo động III** vào chiều thứ Bảy và "
     "Chủ nhật.\n\n"
     "### Khuyến cáo\n\n"
     "- Kê cao tài sản, di chuyển xe lên nơi cao ráo trước giờ triều lên.\n"
     "- Hạn chế đi qua các tuyến đường ngập sâu, nhất là vào giờ tan tầm.\n"
     "- Thấy nắp cống hở hoặc cây đổ, hãy gửi phản ánh để đơn vị xử lý kịp thời.\n\n"
     "Cảnh báo nóng sẽ được gửi đến điện thoại của người dân ở các phường bị ảnh hưởng."},
    {Kind::kNews, false, 75, "Thêm 12 phường, xã kết nối tiếp nhận phản ánh trực tuyến",
     "Ủy ban nhân dân các phường, xã mới kết nối trả lời phản ánh của người dân trực tiếp trên "
     "hệ thống.",
     "Từ tháng này, thêm **12 phường, xã** nhận và trả lời phản ánh trực tiếp trên Công dân số, "
     "nâng tổng số đơn vị kết nối lên hơn một trăm.\n\n"
     "Người dân theo dõi được tiến độ, nhận thông báo ở mỗi bước và đánh giá kết quả xử lý. "
     "Phản ánh chưa được giải quyết thỏa đáng có thể được **mở lại** để đơn vị xem xét tiếp."},
};

}  // namespace

Status seed_demo_news(store::Database& db, const Clock& clock, const auth::Principal& editor) {
  auto existing = db.read_value<std::int64_t>([](store::Tx& tx) -> Result<std::int64_t> {
    return tx.one("SELECT COUNT(*) FROM news_items")->i64(0);
  });
  if (!existing.ok()) return existing.status();
  if (existing.value() > 0) return Status::Ok();
  NewsService service(db, clock);
  // Oldest first, so that ids follow publication order.
  for (auto it = std::rbegin(kDemoNews); it != std::rend(kDemoNews); ++it) {
    DraftInput in;
    in.kind = it->kind;
    in.title = it->title;
    in.summary = it->summary;
    in.body_md = it->body;
    in.pinned = it->pinned;
    auto created = service.create(editor, std::move(in));
    if (!created.ok()) return created.status();
    PublishInput publish;
    publish.publish_at = clock.now() - static_cast<Millis>(it->hours_ago) * 3600 * 1000;
    auto published = service.publish(editor, created->item.id, publish);
    if (!published.ok()) return published.status();
  }
  return Status::Ok();
}

}  // namespace cds::news
