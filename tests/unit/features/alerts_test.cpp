#include <gtest/gtest.h>

#include "alerts/alert.hpp"
#include "alerts/area.hpp"
#include "alerts/cap.hpp"

namespace cds::alerts {
namespace {

constexpr Millis kSent = 1795915200000;  // 2026-11-29T08:20:00+07:00

Alert sample() {
  Alert a;
  a.id = 12;
  a.state = "sent";
  a.category = "Met";
  a.urgency = "Immediate";
  a.severity = "Severe";
  a.certainty = "Likely";
  a.vi = {"Triều cường", "Nước lên <1,7 m> & mưa", "Mô tả", "Tránh đường ngập", "Phường Sài Gòn"};
  a.en = {"King tide", "Water \"up\" to 1.7 m", "", "", "Sai Gon Ward"};
  a.sent_at = kSent + 456;  // a fraction of a second CAP cannot carry
  a.expires = kSent + 6 * 3600 * 1000;
  a.area.wards = {"26740"};
  a.targeted_wards = {"26740"};
  return a;
}

const Publisher kPublisher{"https://congdanso.example.vn", "alerts@congdanso.example.vn"};

TEST(CapTime, HasTheCityOffsetAndNoFraction) {
  EXPECT_EQ(cap_time(kSent + 999), "2026-11-29T08:20:00+07:00");
  EXPECT_EQ(cap_time(kSent), "2026-11-29T08:20:00+07:00");
}

TEST(CapDocument, EscapesTextAndFollowsTheStricterRules) {
  const std::string doc = cap_document(sample(), nullptr, kPublisher);
  EXPECT_NE(doc.find("<identifier>vn.hcm.congdanso.alert.12</identifier>"), std::string::npos);
  EXPECT_NE(doc.find("<sent>2026-11-29T08:20:00+07:00</sent>"), std::string::npos);
  EXPECT_NE(doc.find("<headline>Nước lên &lt;1,7 m&gt; &amp; mưa</headline>"), std::string::npos);
  EXPECT_NE(doc.find("Water &quot;up&quot; to 1.7 m"), std::string::npos);
  EXPECT_EQ(doc.find("Z<"), std::string::npos);
  // Empty optional texts are left out rather than sent empty.
  const auto en = doc.find("<language>en-US</language>");
  ASSERT_NE(en, std::string::npos);
  EXPECT_EQ(doc.find("<description>", en), std::string::npos);
  EXPECT_NE(doc.find("<valueName>VN-DVHC</valueName>"), std::string::npos);
  EXPECT_NE(doc.find("<web>https://congdanso.example.vn/app/alerts/12</web>"), std::string::npos);
}

TEST(CapDocument, ShapesAndReferences) {
  Alert a = sample();
  a.area.polygon = {{10.77, 106.69}, {10.78, 106.69}, {10.775, 106.70}, {10.77, 106.69}};
  a.area.circle = Circle{10.7798, 106.699, 1.5};
  Alert original = sample();
  original.id = 11;
  original.sent_at = kSent - 60'000;
  a.msg_type = "Update";
  a.references = 11;
  const std::string doc = cap_document(a, &original, kPublisher);
  EXPECT_NE(doc.find("<polygon>10.770000,106.690000 10.780000,106.690000 10.775000,106.700000 "
                     "10.770000,106.690000</polygon>"),
            std::string::npos);
  EXPECT_NE(doc.find("<circle>10.779800,106.699000 1.500</circle>"), std::string::npos);
  EXPECT_NE(doc.find("<references>alerts@congdanso.example.vn,vn.hcm.congdanso.alert.11,"
                     "2026-11-29T08:19:00+07:00</references>"),
            std::string::npos);
  // CAP's order: references come before the first info.
  EXPECT_LT(doc.find("<references>"), doc.find("<info>"));
}

TEST(AlertsAtom, EachEntryLinksItsCapDocument) {
  Alert test = sample();
  test.status = "Test";
  const std::string feed = alerts_atom({sample(), test}, kPublisher, kSent);
  EXPECT_NE(feed.find("<link rel=\"alternate\" type=\"application/cap+xml\" "
                      "href=\"https://congdanso.example.vn/alerts/12.cap\"/>"),
            std::string::npos);
  EXPECT_NE(feed.find("<title>[Test] Nước lên &lt;1,7 m&gt; &amp; mưa</title>"), std::string::npos);
  EXPECT_NE(feed.find("<updated>2026-11-29T08:20:00+07:00</updated>"), std::string::npos);
}

TEST(CoveredWards, ShapesReachTheWardsUnderThem) {
  Area triangle;
  // Around Bến Thành market.
  triangle.polygon = {{10.765, 106.690}, {10.776, 106.690}, {10.770, 106.700}, {10.765, 106.690}};
  auto wards = covered_wards(triangle);
  EXPECT_NE(std::find(wards.begin(), wards.end(), "26743"), wards.end());
  EXPECT_EQ(std::find(wards.begin(), wards.end(), "27004"), wards.end());
  Area circle;
  circle.circle = Circle{10.7798, 106.699, 0.2};  // smaller than any ward: its nearest one
  EXPECT_EQ(covered_wards(circle).size(), 1u);
  Area big;
  big.circle = Circle{10.7798, 106.699, 5};
  EXPECT_GT(covered_wards(big).size(), 5u);
  Area city;
  city.city = true;
  EXPECT_TRUE(covered_wards(city).empty());
  Area chosen;
  chosen.wards = {"26743", "26740", "26743"};
  EXPECT_EQ(covered_wards(chosen), (std::vector<std::string>{"26740", "26743"}));
}

TEST(Inside, EvenOddRule) {
  const std::vector<std::array<double, 2>> square = {{0, 0}, {0, 2}, {2, 2}, {2, 0}, {0, 0}};
  EXPECT_TRUE(inside(square, 1, 1));
  EXPECT_FALSE(inside(square, 3, 1));
  EXPECT_FALSE(inside(square, 1, -0.5));
}

}  // namespace
}  // namespace cds::alerts
