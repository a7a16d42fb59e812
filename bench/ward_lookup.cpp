// Point → ward lookups per second and their latency percentiles (docs/PERFORMANCE.md):
// the R-tree over the imported boundaries (areas::WardIndex) against the compiled-in
// nearest-centroid scan it replaces, over random points in the city.
//
//   build/bin/bench_ward_lookup [BOUNDARIES.geojson] [POINTS]
//
// Points are uniform in the city's bounding box, kept only when they fall inside a ward's own box,
// so most are in the city (the misses exercise the edge tolerance and the refusal path).
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "areas/ward_index.hpp"
#include "areas/wards.hpp"

namespace {

using Clock = std::chrono::steady_clock;

struct Point {
  double lat, lon;
};

template <class F>
void measure(const char* name, const std::vector<Point>& points, F&& lookup) {
  std::vector<double> ns;
  ns.reserve(points.size());
  std::size_t found = 0;
  const auto start = Clock::now();
  for (const Point& p : points) {
    const auto t0 = Clock::now();
    found += lookup(p) ? 1 : 0;
    ns.push_back(std::chrono::duration<double, std::nano>(Clock::now() - t0).count());
  }
  const double total_s = std::chrono::duration<double>(Clock::now() - start).count();
  std::sort(ns.begin(), ns.end());
  auto pct = [&](double q) { return ns[static_cast<std::size_t>(q * (ns.size() - 1))] / 1000.0; };
  std::printf(
      "%-18s %10.0f lookups/s  p50 %7.2f us  p99 %7.2f us  max %8.2f us  (%zu of %zu placed)\n",
      name, static_cast<double>(points.size()) / total_s, pct(0.5), pct(0.99), ns.back() / 1000.0,
      found, points.size());
}

}  // namespace

int main(int argc, char** argv) {
  const std::string path =
      argc > 1 ? argv[1] : "../shared/data/hcmc/hcmc_2025_ward_boundaries.geojson";
  const std::size_t count = argc > 2 ? std::stoul(argv[2]) : 200000;
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", path.c_str());
    return 1;
  }
  std::stringstream text;
  text << in.rdbuf();
  const auto doc = boost::json::parse(text.str());
  std::vector<cds::areas::Boundary> boundaries;
  for (const auto& f : doc.at("features").as_array()) {
    boundaries.push_back({std::string(f.at("properties").at("code").as_string()),
                          boost::json::serialize(f.at("geometry"))});
  }
  const auto t0 = Clock::now();
  auto index = cds::areas::WardIndex::build(boundaries, "bench");
  if (!index.ok()) return 1;
  const double build_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  std::printf("index of %zu wards built in %.0f ms (parse, R-tree, 4 simplified bands)\n",
              (*index)->size(), build_ms);

  // Random points over the wards' own extents (the city's box is mostly sea to the south-east).
  const auto bounds = cds::areas::city_bounds();
  std::mt19937_64 rng(20251);
  std::uniform_real_distribution<double> lat(bounds.min_lat, bounds.max_lat);
  std::uniform_real_distribution<double> lon(bounds.min_lon, bounds.max_lon);
  std::vector<Point> points;
  points.reserve(count);
  while (points.size() < count) {
    const Point p{lat(rng), lon(rng)};
    if (!(*index)->features_in(p.lat, p.lon, p.lat, p.lon, 0).empty()) points.push_back(p);
  }
  measure("r-tree + polygon", points,
          [&](const Point& p) { return (*index)->locate(p.lat, p.lon).has_value(); });
  measure("nearest centroid", points,
          [&](const Point& p) { return !cds::areas::nearest_ward(p.lat, p.lon).code.empty(); });
  return 0;
}
