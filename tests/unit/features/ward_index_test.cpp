// Point → ward over ward boundaries: synthetic shapes (always), the city's real boundaries from
// ../shared/data when they are there (skipped otherwise).
#include "areas/ward_index.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "alerts/area.hpp"

namespace cds::areas {
namespace {

// A square [lon0, lon0 + size] × [lat0, lat0 + size], optionally with a square hole in its middle.
std::string square(double lat0, double lon0, double size, bool hole = false) {
  auto ring = [](double la, double lo, double s) {
    std::ostringstream o;
    o.precision(10);
    o << "[[" << lo << "," << la << "],[" << lo + s << "," << la << "],[" << lo + s << "," << la + s
      << "],[" << lo << "," << la + s << "],[" << lo << "," << la << "]]";
    return o.str();
  };
  std::string out = R"({"type":"Polygon","coordinates":[)" + ring(lat0, lon0, size);
  if (hole) out += "," + ring(lat0 + size / 4, lon0 + size / 4, size / 2);
  return out + "]}";
}

std::unique_ptr<WardIndex> two_squares() {
  // 26743 (Bến Thành) west of 26740 (Sài Gòn), sharing the edge lon = 106.70; 26740 has a hole.
  std::vector<Boundary> b{{"26743", square(10.76, 106.69, 0.01)},
                          {"26740", square(10.76, 106.70, 0.01, true)}};
  auto built = WardIndex::build(b, "test");
  EXPECT_TRUE(built.ok());
  return std::move(*built);
}

TEST(WardIndex, PointsInsideAndOnEdges) {
  auto index = two_squares();
  ASSERT_EQ(index->size(), 2u);
  EXPECT_EQ(index->locate(10.765, 106.695)->ward->code, "26743");
  EXPECT_EQ(index->locate(10.761, 106.709)->ward->code, "26740");
  // On the shared edge: the lower code, whichever way it is approached.
  EXPECT_EQ(index->locate(10.765, 106.70)->ward->code, "26740");
  EXPECT_EQ(index->locate(10.765, 106.70)->outside_by_m, 0);
}

TEST(WardIndex, HolesAreOutside) {
  auto index = two_squares();
  // The middle of 26740's hole is ~280 m from its inner edge: inside the tolerance, so it is
  // placed in 26740, as just outside it.
  auto p = index->locate(10.765, 106.705);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->ward->code, "26740");
  EXPECT_GT(p->outside_by_m, 200);
}

TEST(WardIndex, ToleranceAtTheOuterEdge) {
  auto index = two_squares();
  // 0.002° of latitude south of the squares is ~220 m: still the ward above.
  auto near = index->locate(10.758, 106.695);
  ASSERT_TRUE(near);
  EXPECT_EQ(near->ward->code, "26743");
  EXPECT_NEAR(near->outside_by_m, 222, 3);
  // ~550 m away: outside.
  EXPECT_FALSE(index->locate(10.755, 106.695));
  EXPECT_FALSE(index->locate(21.03, 105.85));
}

TEST(WardIndex, UnknownCodesAreSkippedAndShapesAreFeatures) {
  std::vector<Boundary> b{{"99999", square(10, 106, 0.01)}, {"26743", square(10.76, 106.69, 0.01)}};
  auto built = WardIndex::build(b, "fp");
  ASSERT_TRUE(built.ok());
  EXPECT_EQ((*built)->size(), 1u);
  const std::string* f = (*built)->feature("26743", 0);
  ASSERT_NE(f, nullptr);
  auto v = boost::json::parse(*f);
  EXPECT_EQ(v.at("type"), "Feature");
  EXPECT_EQ(v.at("properties").at("name"), "Phường Bến Thành");
  EXPECT_EQ(v.at("geometry").at("type"), "MultiPolygon");
  EXPECT_EQ((*built)->feature("26740", 0), nullptr);
  EXPECT_EQ((*built)->features_in(10.0, 106.0, 10.5, 106.5, 2).size(), 0u);
  EXPECT_EQ((*built)->features_in(10.7, 106.6, 10.8, 106.8, 2).size(), 1u);
}

TEST(WardIndex, ZoomBands) {
  EXPECT_EQ(shape_band(0), 0);
  EXPECT_EQ(shape_band(9), 0);
  EXPECT_EQ(shape_band(10), 1);
  EXPECT_EQ(shape_band(13), 2);
  EXPECT_EQ(shape_band(18), 3);
  EXPECT_GT(band_tolerance_deg(0), band_tolerance_deg(3));
}

TEST(WardIndex, AlertAreasMeetRealShapes) {
  auto index = two_squares();
  alerts::Area area;
  // A small triangle inside 26743 only, whose centroid-based answer would also pick 26740's
  // centre if it were larger; real shapes say 26743.
  area.polygon = {{10.762, 106.691}, {10.762, 106.693}, {10.764, 106.692}, {10.762, 106.691}};
  EXPECT_EQ(alerts::covered_wards(area, index.get()), std::vector<std::string>{"26743"});
  // A circle across the shared edge reaches both.
  alerts::Area circle;
  circle.circle = alerts::Circle{10.765, 106.70, 0.3};
  EXPECT_EQ(alerts::covered_wards(circle, index.get()),
            (std::vector<std::string>{"26740", "26743"}));
  // Entirely inside 26740's hole (radius 100 m around its middle): nothing.
  alerts::Area in_hole;
  in_hole.circle = alerts::Circle{10.765, 106.705, 0.1};
  EXPECT_TRUE(alerts::covered_wards(in_hole, index.get()).empty());
}

// The real boundaries: ../shared/data beside the checkout (found from the test binary upwards).
std::filesystem::path shared_file(const char* name) {
  std::error_code ec;
  auto dir = std::filesystem::read_symlink("/proc/self/exe", ec).parent_path();
  for (; !dir.empty() && dir != dir.root_path(); dir = dir.parent_path()) {
    auto candidate = dir / "shared" / "data" / "hcmc" / name;
    if (std::filesystem::exists(candidate)) return candidate;
  }
  return {};
}

class RealBoundaries : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const auto path = shared_file("hcmc_2025_ward_boundaries.geojson");
    if (path.empty()) return;
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    auto doc = boost::json::parse(text.str());
    std::vector<Boundary> b;
    for (const auto& f : doc.at("features").as_array()) {
      b.push_back(Boundary{std::string(f.at("properties").at("code").as_string()),
                           boost::json::serialize(f.at("geometry"))});
    }
    auto built = WardIndex::build(b, "real");
    if (built.ok()) index_ = std::move(*built).release();
  }
  static void TearDownTestSuite() {
    delete index_;
    index_ = nullptr;
  }
  void SetUp() override {
    if (!index_) GTEST_SKIP() << "../shared/data/hcmc/hcmc_2025_ward_boundaries.geojson is absent";
  }
  static std::string ward_at(double lat, double lon) {
    auto p = index_->locate(lat, lon);
    return p ? std::string(p->ward->code) : "outside";
  }
  static inline WardIndex* index_ = nullptr;
};

TEST_F(RealBoundaries, SanityPoints) {
  EXPECT_EQ(index_->size(), 168u);
  EXPECT_EQ(ward_at(10.7725, 106.6980), "26743");  // Chợ Bến Thành: Phường Bến Thành
  EXPECT_EQ(ward_at(10.7798, 106.6990), "26740");  // Nhà thờ Đức Bà: Phường Sài Gòn
  EXPECT_EQ(ward_at(10.3460, 107.0900), "26506");  // Bãi Sau: Phường Vũng Tàu
}

TEST_F(RealBoundaries, OutsideTheCityIsRefused) {
  EXPECT_EQ(ward_at(10.2000, 107.0000), "outside");  // the sea south of Vũng Tàu
  EXPECT_EQ(ward_at(10.9447, 106.8243), "outside");  // Biên Hòa, Đồng Nai
  EXPECT_EQ(ward_at(10.5350, 106.4130), "outside");  // Tân An (former Long An)
  EXPECT_EQ(ward_at(21.0300, 105.8500), "outside");  // Hà Nội
}

TEST_F(RealBoundaries, SimplerShapesAtLowZoom) {
  auto points = [](const std::string& feature) {
    return boost::json::parse(feature).at("properties").at("points").as_int64();
  };
  const auto* coarse = index_->feature("26743", shape_band(8));
  const auto* fine = index_->feature("26743", shape_band(16));
  ASSERT_TRUE(coarse && fine);
  EXPECT_LT(points(*coarse), points(*fine));
  EXPECT_LT(coarse->size(), fine->size());
}

}  // namespace
}  // namespace cds::areas
