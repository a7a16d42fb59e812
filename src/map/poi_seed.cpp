// A few real public places for the demo (`seed --demo`): names and approximate locations of
// well-known hospitals, schools and the City People's Committee, written here from common
// knowledge; the layers are migration 0013's.
#include "map/poi_seed.hpp"

#include <string_view>

#include "map/pois.hpp"

namespace cds::map {
namespace {

struct PlaceFact {
  std::string_view layer, name, address;
  double lat, lon;
};

// One place per line reads better than what the formatter would pack.
// clang-format off
constexpr PlaceFact kPlaces[] = {
  {"admin_centre", "Ủy ban nhân dân Thành phố Hồ Chí Minh", "86 Lê Thánh Tôn", 10.7765, 106.7010},
  {"health", "Bệnh viện Chợ Rẫy", "201B Nguyễn Chí Thanh", 10.7579, 106.6595},
  {"health", "Bệnh viện Nhi Đồng 1", "341 Sư Vạn Hạnh", 10.7686, 106.6701},
  {"health", "Bệnh viện Nhi Đồng 2", "14 Lý Tự Trọng", 10.7817, 106.7025},
  {"health", "Bệnh viện Từ Dũ", "284 Cống Quỳnh", 10.7688, 106.6857},
  {"health", "Bệnh viện Thống Nhất", "1 Lý Thường Kiệt", 10.7915, 106.6532},
  {"health", "Bệnh viện Nhân dân Gia Định", "1 Nơ Trang Long", 10.8036, 106.6946},
  {"school", "Trường THPT chuyên Lê Hồng Phong", "235 Nguyễn Văn Cừ", 10.7627, 106.6822},
  {"school", "Trường THPT Lê Quý Đôn", "110 Nguyễn Thị Minh Khai", 10.7788, 106.6927},
};
// clang-format on

}  // namespace

Status seed_demo_pois(store::Database& db, Millis now) {
  for (std::string_view layer : {"admin_centre", "health", "school"}) {
    std::vector<Poi> pois;
    for (const PlaceFact& f : kPlaces) {
      if (f.layer != layer) continue;
      Poi p;
      p.ref = "demo:" + std::string(f.name);
      p.name = f.name;
      p.address = f.address;
      p.lat = f.lat;
      p.lon = f.lon;
      pois.push_back(std::move(p));
    }
    auto done = import_pois(db, std::string(layer), pois, now);
    if (!done.ok()) return done.status();
  }
  return Status::Ok();
}

}  // namespace cds::map
