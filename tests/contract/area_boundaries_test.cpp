// Ward boundaries in the store on both engines: an import is checked whole and idempotent, and the
// locator sees a changed boundary once the version moves; without boundaries it falls back to the
// nearest ward centre.
#include <gtest/gtest.h>

#include <string>

#include "areas/boundary_import.hpp"
#include "areas/locator.hpp"
#include "harness.hpp"

namespace cds::contract {
namespace {

// A FeatureCollection of axis-aligned squares: (code, south-west corner, side in degrees).
std::string squares(std::initializer_list<std::tuple<const char*, double, double, double>> items) {
  std::string out = R"({"type":"FeatureCollection","features":[)";
  bool first = true;
  for (const auto& [code, lat, lon, side] : items) {
    char ring[400];
    std::snprintf(ring, sizeof ring,
                  "[[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f]]", lon, lat,
                  lon + side, lat, lon + side, lat + side, lon, lat + side, lon, lat);
    if (!first) out += ',';
    first = false;
    out += std::string(R"({"type":"Feature","properties":{"code":")") + code +
           R"("},"geometry":{"type":"Polygon","coordinates":[)" + ring + "]}}";
  }
  return out + "]}";
}

class AreaBoundariesContract : public StoreContract {
 protected:
  ManualClock clock_{1'000'000};
};

TEST_P(AreaBoundariesContract, FallbackUntilImportedThenRealShapes) {
  // Rechecked on every call, so that the test sees an import at once.
  areas::Locator locator(*db, std::chrono::milliseconds(0));
  auto before = locator.locate(10.7725, 106.698);
  ASSERT_TRUE(before);
  EXPECT_EQ(before->method, areas::Method::kNearestCentroid);
  EXPECT_EQ(before->ward->code, "26743");

  // Sài Gòn's square covers the market: the boundary wins over the nearest centre.
  const std::string first = squares({{"26740", 10.76, 106.69, 0.02}});
  auto report = areas::import_boundaries(*db, clock_, first, nullptr);
  ASSERT_TRUE(report.ok()) << report.status().key();
  EXPECT_TRUE(report->problems.empty());
  EXPECT_EQ(report->added, 1u);
  EXPECT_EQ(report->missing.size(), 167u);
  EXPECT_EQ(report->version, 1);
  auto after = locator.locate(10.7725, 106.698);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->method, areas::Method::kBoundary);
  EXPECT_EQ(after->ward->code, "26740");
  // Outside every imported shape (and beyond the tolerance): refused, even inside the city.
  EXPECT_FALSE(locator.locate(10.80, 106.66));

  // The same file again changes nothing, not even the version.
  report = areas::import_boundaries(*db, clock_, first, nullptr);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->unchanged, 1u);
  EXPECT_EQ(report->version, 1);

  // A changed boundary and a new one: the version moves and the locator rebuilds.
  report = areas::import_boundaries(
      *db, clock_, squares({{"26740", 10.775, 106.69, 0.02}, {"26743", 10.75, 106.69, 0.025}}),
      nullptr);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->changed, 1u);
  EXPECT_EQ(report->added, 1u);
  EXPECT_EQ(report->version, 2);
  EXPECT_EQ(locator.locate(10.7725, 106.698)->ward->code, "26743");
  EXPECT_EQ(locator.index()->size(), 2u);
}

TEST_P(AreaBoundariesContract, ABadFileWritesNothing) {
  auto report = areas::import_boundaries(
      *db, clock_, squares({{"26740", 10.76, 106.69, 0.02}, {"12345", 10.76, 106.69, 0.02}}),
      nullptr);
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->problems.size(), 1u);
  EXPECT_NE(report->problems[0].find("feature 2 (code 12345)"), std::string::npos);
  areas::Locator locator(*db, std::chrono::milliseconds(0));
  EXPECT_EQ(locator.index(), nullptr);
  EXPECT_FALSE(areas::import_boundaries(*db, clock_, "[]", nullptr).ok());
}

CDS_INSTANTIATE_ENGINES(AreaBoundariesContract);

}  // namespace
}  // namespace cds::contract
