#include "geo/distance.hpp"

#include <gtest/gtest.h>

namespace cds::geo {
namespace {

TEST(GeoDistance, KnownDistancesInTheCity) {
  EXPECT_DOUBLE_EQ(distance_m(10.7725, 106.698, 10.7725, 106.698), 0.0);
  // One thousandth of a degree of latitude is ~111 m everywhere.
  EXPECT_NEAR(distance_m(10.7725, 106.698, 10.7735, 106.698), 111.2, 0.1);
  // Chợ Bến Thành to the Hồ Chí Minh City Hall area: about 820 m as the crow flies.
  EXPECT_NEAR(distance_m(10.7725, 106.698, 10.7798, 106.6990), 819, 2);
  // Symmetric.
  EXPECT_DOUBLE_EQ(distance_m(10.7, 106.6, 10.8, 106.7), distance_m(10.8, 106.7, 10.7, 106.6));
}

TEST(GeoDistance, BoxHoldsTheCircle) {
  const double lat = 10.7725, lon = 106.698, r = 2000;
  const Box b = box_around(lat, lon, r);
  // Every point of the circle's edge is inside the box.
  EXPECT_GT(distance_m(lat, lon, b.max_lat, lon), r);
  EXPECT_GT(distance_m(lat, lon, b.min_lat, lon), r);
  EXPECT_GT(distance_m(lat, lon, lat, b.max_lon), r);
  EXPECT_GT(distance_m(lat, lon, lat, b.min_lon), r);
  // And not much more than it.
  EXPECT_LT(distance_m(lat, lon, b.max_lat, lon), r * 1.02);
  EXPECT_LT(distance_m(lat, lon, lat, b.max_lon), r * 1.02);
}

}  // namespace
}  // namespace cds::geo
