// The map index under a million reports (docs/PERFORMANCE.md, "Map"): loads N synthetic public
// reports into a fresh SQLite database, builds the index the server uses (map::MapReports), then
// times typical views: the city, a district, streets, with and without filters, panning a little
// between calls. Prints one line per scenario with p50 and p99 in microseconds.
//
//   bench_map [--reports N] [--queries Q] [--dir DIR]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "app/application.hpp"
#include "app/config.hpp"
#include "areas/wards.hpp"
#include "catalog/catalog.hpp"
#include "map/map_reports.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"

namespace {

using namespace cds;
using Steady = std::chrono::steady_clock;

double micros(Steady::duration d) {
  return std::chrono::duration<double, std::micro>(d).count();
}

long rss_mib() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6) / 1024;
  return 0;
}

const char* kCategories[] = {"dien_luc",
                             "cap_thoat_nuoc",
                             "vien_thong",
                             "giao_thong",
                             "cay_xanh",
                             "trat_tu_do_thi",
                             "ve_sinh_moi_truong",
                             "tieng_on",
                             "xe_buyt",
                             "an_ninh_trat_tu",
                             "dich_vu_hanh_chinh_cong",
                             "y_te",
                             "khac"};
const char* kStates[] = {"received", "assigned", "in_progress", "resolved", "closed"};

// Reports crowd where people live: most in the old centre, the rest spread over the city.
void load(store::Database& db, std::int64_t n, std::mt19937_64& rng) {
  std::normal_distribution<double> centre_lat(10.78, 0.05), centre_lon(106.68, 0.06);
  std::uniform_real_distribution<double> any_lat(10.4, 11.4), any_lon(106.4, 107.0);
  std::uniform_int_distribution<int> category(0, std::size(kCategories) - 1);
  std::uniform_int_distribution<int> state(0, 4), percent(0, 99);
  const Millis start = 1'767'200'000'000;  // January 2026
  std::uniform_int_distribution<Millis> created(start, start + 330LL * 86'400'000);
  constexpr std::int64_t kBatch = 50'000;
  for (std::int64_t done = 0; done < n; done += kBatch) {
    Status st = db.write([&](store::Tx& tx) {
      for (std::int64_t i = done; i < std::min(n, done + kBatch); ++i) {
        const bool central = percent(rng) < 80;
        const double lat = central ? centre_lat(rng) : any_lat(rng);
        const double lon = central ? centre_lon(rng) : any_lon(rng);
        const Millis at = created(rng);
        char code[40];
        std::snprintf(code, sizeof code, "PA-BENCH-%07lld", static_cast<long long>(i));
        tx.query(
            "INSERT INTO reports (code, kind, category_code, description, lat, lon, ward_code, "
            "anonymous, public, channel, status, created_at, updated_at, due_at, search_key) "
            "VALUES ($1, 'report', $2, 'bench', $3, $4, $5, $6, 1, 'app', $7, $8, $8, $8, '')",
            {std::string(code), std::string(kCategories[category(rng)]), lat, lon,
             std::string(areas::nearest_ward(lat, lon).code),
             std::int64_t{percent(rng) < 10 ? 1 : 0}, std::string(kStates[state(rng)]), at});
      }
      return Status::Ok();
    });
    if (!st.ok()) {
      std::fprintf(stderr, "load failed: %s\n", st.internal_detail().c_str());
      std::exit(1);
    }
  }
}

struct Scenario {
  const char* name;
  double lat, lon;   // centre of the view
  double width_deg;  // longitude span; height follows a 4:3 phone-ish screen turned sideways
  int zoom;
  map::Filter filter;
};

}  // namespace

int main(int argc, char** argv) {
  std::int64_t reports = 1'000'000;
  int queries = 2000;
  std::string dir = "/tmp/cds-bench-map";
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--reports") reports = std::atoll(argv[i + 1]);
    if (a == "--queries") queries = std::atoi(argv[i + 1]);
    if (a == "--dir") dir = argv[i + 1];
  }
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  app::Config config;
  config.db_url = "sqlite:" + dir + "/bench.sqlite";
  auto db = app::open_store(config);
  if (!store::migrate(*db).ok() || !catalog::seed_reference_data(*db).ok()) {
    std::fprintf(stderr, "cannot prepare the database\n");
    return 1;
  }
  std::mt19937_64 rng(20261129);
  auto t0 = Steady::now();
  load(*db, reports, rng);
  std::printf("loaded %lld reports in %.1f s\n", static_cast<long long>(reports),
              micros(Steady::now() - t0) / 1e6);

  map::MapReports index(*db);
  // The index as a request gets it: refreshed first when it is more than a second old.
  auto current = [&index] {
    auto r = index.index();
    if (!r.ok()) std::exit(1);
    return *r;
  };
  t0 = Steady::now();
  if (!index.refresh(true).ok()) return 1;
  std::printf("index built in %.2f s, %zu entries on the map, RSS %ld MiB\n",
              micros(Steady::now() - t0) / 1e6, current()->size(), rss_mib());

  map::Filter roads;
  roads.categories.assign(32, false);
  roads.categories[*current()->category_index("giao_thong")] = true;
  map::Filter open;
  open.states = 0b00111;  // received, assigned, in_progress
  map::Filter recent;
  recent.since = 1'767'200'000'000 + 300LL * 86'400'000;  // the last month
  const std::vector<Scenario> scenarios = {
      {"city z10", 10.78, 106.68, 1.4, 10, {}},
      {"city z11", 10.78, 106.68, 0.7, 11, {}},
      {"district z13", 10.78, 106.68, 0.18, 13, {}},
      {"ward z15", 10.78, 106.68, 0.045, 15, {}},
      {"street z16 points", 10.78, 106.68, 0.022, 16, {}},
      {"street z18 points", 10.78, 106.68, 0.0055, 18, {}},
      {"city z11 category", 10.78, 106.68, 0.7, 11, roads},
      {"city z11 open", 10.78, 106.68, 0.7, 11, open},
      {"city z11 last month", 10.78, 106.68, 0.7, 11, recent},
      {"district z13 category", 10.78, 106.68, 0.18, 13, roads},
  };
  std::uniform_real_distribution<double> pan(-0.5, 0.5);
  std::vector<double> all;
  for (const Scenario& s : scenarios) {
    std::vector<double> times;
    std::size_t shown = 0;
    for (int q = 0; q < queries; ++q) {
      // Pan by up to half a view each time, as a person dragging the map does.
      const double lon = s.lon + pan(rng) * s.width_deg,
                   lat = s.lat + pan(rng) * s.width_deg * 0.75;
      const map::Viewport view{lon - s.width_deg / 2, lat - s.width_deg * 0.375,
                               lon + s.width_deg / 2, lat + s.width_deg * 0.375, s.zoom};
      auto start = Steady::now();
      auto ix = index.index();
      if (s.zoom >= 16) {
        shown += (*ix)->points(view, s.filter, 1000).points.size();
      } else {
        shown += (*ix)->clusters(view, s.filter).clusters.size();
      }
      times.push_back(micros(Steady::now() - start));
    }
    std::sort(times.begin(), times.end());
    all.insert(all.end(), times.begin(), times.end());
    std::printf("%-24s p50 %8.1f us  p99 %8.1f us  max %8.1f us  (%zu items/answer)\n", s.name,
                times[times.size() / 2], times[times.size() * 99 / 100], times.back(),
                shown / queries);
  }
  std::sort(all.begin(), all.end());
  std::printf("%-24s p50 %8.1f us  p99 %8.1f us\n", "all views", all[all.size() / 2],
              all[all.size() * 99 / 100]);

  // An incremental refresh: 1,000 new reports with their events, then the overlay's cost.
  Status st = db->write([&](store::Tx& tx) {
    for (int i = 0; i < 1000; ++i) {
      const std::string code = "PA-NEW-" + std::to_string(i);
      auto id = tx.one(
                      "INSERT INTO reports (code, kind, category_code, description, lat, lon, "
                      "ward_code, anonymous, public, channel, status, created_at, updated_at, "
                      "due_at, search_key) VALUES ($1, 'report', 'dien_luc', 'bench', 10.78, "
                      "106.68, '26740', 0, 1, 'app', 'received', 1, 1, 1, '') RETURNING id",
                      {code})
                    ->i64(0);
      tx.query(
          "INSERT INTO events (at, type, report_id, public, payload) VALUES (1, "
          "'report.submitted', $1, 1, '{}')",
          {id});
    }
    return Status::Ok();
  });
  if (!st.ok()) return 1;
  t0 = Steady::now();
  if (!index.refresh(false).ok()) return 1;
  std::printf("incremental refresh of 1000 new reports: %.1f ms\n",
              micros(Steady::now() - t0) / 1e3);
  std::vector<double> after;
  for (int q = 0; q < queries; ++q) {
    const map::Viewport view{106.33, 10.515, 107.03, 11.045, 11};
    auto start = Steady::now();
    current()->clusters(view, {});
    after.push_back(micros(Steady::now() - start));
  }
  std::sort(after.begin(), after.end());
  std::printf("%-24s p50 %8.1f us  p99 %8.1f us\n", "city z11 with overlay",
              after[after.size() / 2], after[after.size() * 99 / 100]);
  std::filesystem::remove_all(dir);
  return 0;
}
