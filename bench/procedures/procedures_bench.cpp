// Search latency of the procedure catalogue's in-memory index (docs/PERFORMANCE.md): the portal's
// sample multiplied to a few thousand procedures with varied codes, a set of queries such as
// citizens type them, each searched many times; prints the percentiles per query and overall.
//
//   build/bin/bench_procedures ../shared/data/procedures/tthc_cap_xa_sample.jsonl [copies] [rounds]
#include <boost/json/parse.hpp>

#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "services/portal_format.hpp"
#include "services/procedure_index.hpp"

namespace {

using cds::services::Level;
using cds::services::Procedure;
using cds::services::ProcedureIndex;
using cds::services::SearchQuery;
using Clock = std::chrono::steady_clock;

struct Case {
  const char* label;
  SearchQuery query;
};

SearchQuery text(const char* q) {
  SearchQuery s;
  s.text = q;
  return s;
}

// CPU time of this thread: the search's own cost, without the time the scheduler gave to other
// processes (the machine is shared; wall-clock percentiles include that too).
double thread_cpu_us() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  const std::size_t i = std::min(v.size() - 1, static_cast<std::size_t>(p * (v.size() - 1) + 0.5));
  return v[i];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s SAMPLE.jsonl [copies=10] [rounds=300]\n", argv[0]);
    return 2;
  }
  const int copies = argc > 2 ? std::stoi(argv[2]) : 10;
  const int rounds = argc > 3 ? std::stoi(argv[3]) : 300;
  std::vector<Procedure> sample;
  std::ifstream in(argv[1]);
  for (std::string line; std::getline(in, line);) {
    boost::system::error_code ec;
    auto v = boost::json::parse(line, ec);
    if (ec || !v.is_object()) continue;
    auto p = cds::services::from_portal(v.get_object());
    if (p.ok()) sample.push_back(std::move(p).value());
  }
  if (sample.empty()) {
    std::fprintf(stderr, "no procedure read from %s\n", argv[1]);
    return 1;
  }
  // Copies get codes of their own ("1.001193" → "1.001193-3") and a word in their name, so that
  // the index holds distinct procedures of realistic length.
  std::vector<Procedure> all;
  for (int c = 0; c < copies; ++c)
    for (const Procedure& p : sample) {
      Procedure copy = p;
      if (c > 0) {
        copy.code += "-" + std::to_string(c);
        copy.name += " (bản " + std::to_string(c) + ")";
      }
      all.push_back(std::move(copy));
    }
  const auto build_start = Clock::now();
  ProcedureIndex index(std::move(all), 1);
  const double build_ms =
      std::chrono::duration<double, std::milli>(Clock::now() - build_start).count();

  std::vector<Case> cases = {
      {"đăng ký khai sinh", text("đăng ký khai sinh")},
      {"dang ky khai sinh", text("dang ky khai sinh")},
      {"ĐĂNG KÝ KẾT HÔN", text("ĐĂNG KÝ KẾT HÔN")},
      {"thuong tru", text("thuong tru")},
      {"chứng thực bản sao", text("chứng thực bản sao")},
      {"code 1.001193", text("1.001193")},
      {"đất đai tranh chấp", text("đất đai tranh chấp")},
      {"căn cước", text("căn cước")},
      {"bảo hiểm y tế trẻ em", text("bảo hiểm y tế trẻ em")},
      {"hộ kinh doanh", text("hộ kinh doanh")},
      {"(empty, first page)", text("")},
      {"no match", text("zzqx không có")},
  };
  SearchQuery civil = text("dang ky");
  civil.field = "Hộ tịch";
  cases.push_back({"dang ky + field", civil});
  SearchQuery commune = text("giay phep");
  commune.level = Level::kCommune;
  cases.push_back({"giay phep + level", commune});
  SearchQuery paged = text("thu tuc");
  paged.offset = 100;
  cases.push_back({"thu tuc, page 6", paged});

  std::printf("procedures: %zu (sample %zu x %d)  index built in %.1f ms  rounds: %d\n",
              index.size(), sample.size(), copies, build_ms, rounds);
  std::printf("%-24s %8s %8s %8s %8s %7s\n", "query", "p50 us", "p90 us", "p99 us", "max us",
              "total");
  std::vector<double> everything, everything_cpu;
  std::size_t sink = 0;
  for (int warm = 0; warm < 20; ++warm)
    for (const Case& c : cases) sink += index.search(c.query).total;
  std::vector<std::vector<double>> per(cases.size());
  for (int r = 0; r < rounds; ++r)
    for (std::size_t i = 0; i < cases.size(); ++i) {
      const double cpu0 = thread_cpu_us();
      const auto t0 = Clock::now();
      auto result = index.search(cases[i].query);
      const double us = std::chrono::duration<double, std::micro>(Clock::now() - t0).count();
      everything_cpu.push_back(thread_cpu_us() - cpu0);
      sink += result.items.size();
      per[i].push_back(us);
      everything.push_back(us);
    }
  for (std::size_t i = 0; i < cases.size(); ++i)
    std::printf("%-24s %8.0f %8.0f %8.0f %8.0f %7zu\n", cases[i].label, percentile(per[i], 0.5),
                percentile(per[i], 0.9), percentile(per[i], 0.99),
                *std::max_element(per[i].begin(), per[i].end()),
                index.search(cases[i].query).total);
  std::printf("%-24s %8.0f %8.0f %8.0f %8.0f\n", "ALL (wall clock)", percentile(everything, 0.5),
              percentile(everything, 0.9), percentile(everything, 0.99),
              *std::max_element(everything.begin(), everything.end()));
  std::printf("%-24s %8.0f %8.0f %8.0f %8.0f\n", "ALL (thread CPU time)",
              percentile(everything_cpu, 0.5), percentile(everything_cpu, 0.9),
              percentile(everything_cpu, 0.99),
              *std::max_element(everything_cpu.begin(), everything_cpu.end()));
  return sink == 0 ? 1 : 0;
}
