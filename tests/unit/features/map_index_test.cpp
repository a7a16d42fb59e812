#include <gtest/gtest.h>

#include <memory>

#include "map/pois.hpp"
#include "map/report_index.hpp"
#include "map/tiles.hpp"

namespace cds::map {
namespace {

MapEntry entry(std::int64_t id, double lat, double lon, std::uint16_t category = 0,
               std::uint8_t state = 0, Millis created = 1000) {
  MapEntry e;
  e.id = id;
  e.lat = lat;
  e.lon = lon;
  e.category = category;
  e.state = state;
  e.created_at = created;
  set_code(e, "PA-2611-" + std::to_string(id));
  const TilePoint p = to_tile_point(lat, lon);
  e.key = morton(p.x, p.y);
  return e;
}

// Two categories; the overlay as given.
ReportIndex index_of(std::vector<MapEntry> entries, std::vector<MapEntry> removed = {},
                     std::vector<MapEntry> added = {}) {
  std::vector<std::vector<MapEntry>> by(2);
  for (auto& e : entries) by[e.category].push_back(e);
  std::vector<std::shared_ptr<const SortedBase>> bases;
  for (auto& b : by) bases.push_back(std::make_shared<const SortedBase>(std::move(b)));
  return ReportIndex(std::move(bases), std::move(removed), std::move(added), {"a", "b"}, {""});
}

const Viewport kCity{106.3, 10.3, 107.1, 11.6, 10};

std::int64_t total(const ClusterAnswer& a) {
  std::int64_t n = 0;
  for (const auto& c : a.clusters) n += c.aggregate.total();
  return n;
}

TEST(MapTiles, KeysNestTilesAtEveryZoom) {
  const TilePoint p = to_tile_point(10.7725, 106.698);
  const std::uint64_t key = morton(p.x, p.y);
  for (int z = 0; z <= kKeyZoom; ++z) {
    const Tile t = tile_of(p, z);
    EXPECT_LE(t.first_key(), key) << z;
    EXPECT_LT(key, t.end_key()) << z;
    EXPECT_LE(t.west(), 106.698);
    EXPECT_GE(t.east(), 106.698);
    EXPECT_LE(t.south(), 10.7725);
    EXPECT_GE(t.north(), 10.7725);
  }
}

TEST(MapIndex, ClustersCountEveryEntryOnceAndSplitWhenZoomedIn) {
  auto ix = index_of({entry(1, 10.7725, 106.698), entry(2, 10.7726, 106.6981),
                      entry(3, 10.80, 106.75, 1, 3), entry(4, 11.3, 106.4, 0, 4)});
  auto low = ix.clusters(kCity, {});
  EXPECT_EQ(low.total, 4);
  EXPECT_EQ(total(low), 4);
  EXPECT_EQ(low.cell_zoom, 12);
  // The two at Bến Thành share a cell; its centre is their mean.
  bool found = false;
  for (const auto& c : low.clusters) {
    if (c.aggregate.total() != 2) continue;
    found = true;
    EXPECT_NEAR(c.aggregate.sum_lat / 2, 10.77255, 1e-9);
    EXPECT_EQ(c.aggregate.counts[0], 2u);
  }
  EXPECT_TRUE(found);
  const Viewport street{106.6975, 10.772, 106.6985, 10.773, 18};
  auto high = ix.points(street, {}, 100);
  ASSERT_EQ(high.points.size(), 2u);
  EXPECT_FALSE(high.truncated);
  EXPECT_EQ(ix.points(street, {}, 1).points.size(), 1u);
  EXPECT_TRUE(ix.points(street, {}, 1).truncated);
}

TEST(MapIndex, FiltersByCategoryStateAndTime) {
  auto ix = index_of({entry(1, 10.7725, 106.698, 0, 0, 100), entry(2, 10.7726, 106.6981, 1, 1, 200),
                      entry(3, 10.80, 106.75, 1, 3, 300)});
  Filter b;
  b.categories = {false, true};
  EXPECT_EQ(ix.clusters(kCity, b).total, 2);
  Filter assigned;
  assigned.states = 1u << 1;
  EXPECT_EQ(ix.clusters(kCity, assigned).total, 1);
  Filter recent;
  recent.since = 150;
  recent.until = 300;
  EXPECT_EQ(ix.clusters(kCity, recent).total, 1);
  Filter none;
  none.categories = {false};
  EXPECT_EQ(ix.clusters(kCity, none).total, 0);
}

TEST(MapIndex, TheOverlayReplacesAndRemovesBaseEntries) {
  const MapEntry old_place = entry(1, 10.7725, 106.698);
  MapEntry moved = entry(1, 11.3, 106.4);
  moved.approximate = true;
  auto ix = index_of({old_place, entry(2, 10.80, 106.75)}, {old_place, entry(2, 10.80, 106.75)},
                     {moved, entry(5, 10.90, 106.60, 1)});
  auto low = ix.clusters(kCity, {});
  EXPECT_EQ(low.total, 2);
  EXPECT_EQ(ix.size(), 2u);
  // Nothing is left at the old place, at any zoom.
  const Viewport street{106.6975, 10.772, 106.6985, 10.773, 18};
  EXPECT_TRUE(ix.points(street, {}, 100).points.empty());
  for (const auto& c : ix.clusters(Viewport{106.69, 10.76, 106.71, 10.78, 13}, {}).clusters)
    EXPECT_EQ(c.aggregate.total(), 0u);
}

TEST(MapPoiFile, ReadsGeoJsonAndCsv) {
  auto geo = parse_poi_file(
      R"({"type":"FeatureCollection","features":[{"type":"Feature","id":7,"geometry":)"
      R"({"type":"Point","coordinates":[106.7,10.78]},"properties":{"ten":"Trạm","x":"1"}}]})");
  ASSERT_TRUE(geo.ok());
  ASSERT_EQ(geo->size(), 1u);
  EXPECT_EQ((*geo)[0].name, "Trạm");
  EXPECT_EQ((*geo)[0].ref, "7");
  EXPECT_DOUBLE_EQ((*geo)[0].lat, 10.78);
  EXPECT_EQ((*geo)[0].properties.at("x"), "1");
  auto csv = parse_poi_file("Name,Lat,Lon,Address\n\"A, B\",10.1,106.2,\"1 \"\"X\"\"\"\n");
  ASSERT_TRUE(csv.ok());
  EXPECT_EQ((*csv)[0].name, "A, B");
  EXPECT_EQ((*csv)[0].address, "1 \"X\"");
  auto bad = parse_poi_file("name,lat,lon\nA,100,106\n");
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().key(), "poi_location_invalid");
  EXPECT_EQ(bad.status().params().at("where"), "line 2");
  EXPECT_FALSE(parse_poi_file("   ").ok());
  EXPECT_FALSE(valid_layer_code("Bad Code"));
  EXPECT_TRUE(valid_layer_code("flood_point"));
}

}  // namespace
}  // namespace cds::map
