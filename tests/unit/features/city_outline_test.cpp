#include "areas/city_outline.hpp"

#include <gtest/gtest.h>

#include "areas/wards.hpp"

namespace cds::areas {
namespace {

TEST(CityOutline, PlacesInTheCity) {
  EXPECT_TRUE(in_city(10.7725, 106.698));   // Chợ Bến Thành
  EXPECT_TRUE(in_city(10.7798, 106.6990));  // Nhà thờ Đức Bà
  EXPECT_TRUE(in_city(10.970, 106.658));    // Thủ Dầu Một (former Bình Dương)
  EXPECT_TRUE(in_city(10.346, 107.084));    // Vũng Tàu (former Bà Rịa–Vũng Tàu)
  EXPECT_TRUE(in_city(8.680, 106.610));     // Côn Đảo
  EXPECT_TRUE(in_city(10.410, 106.950));    // Cần Giờ
}

TEST(CityOutline, PlacesOutside) {
  EXPECT_FALSE(in_city(10.9447, 106.8243));  // Biên Hòa, Đồng Nai
  EXPECT_FALSE(in_city(10.535, 106.413));    // Tân An, Tây Ninh (former Long An)
  EXPECT_FALSE(in_city(21.03, 105.85));      // Hà Nội
  EXPECT_FALSE(in_city(0, 0));
}

TEST(CityOutline, EveryWardCentroidIsInside) {
  for (const auto& w : city_wards()) {
    EXPECT_TRUE(in_city(w.centroid_lat, w.centroid_lon)) << w.code << " " << w.name;
  }
}

TEST(CityOutline, RingsAreClosed) {
  const auto points = city_outline_points();
  for (const Ring& r : city_outline_rings()) {
    ASSERT_GE(r.count, 4u);
    EXPECT_EQ(points[r.first].lat, points[r.first + r.count - 1].lat);
    EXPECT_EQ(points[r.first].lon, points[r.first + r.count - 1].lon);
  }
}

}  // namespace
}  // namespace cds::areas
