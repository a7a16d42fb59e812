// bench_openloop: an open-loop HTTP/1.1 load generator. Request i is due at t0 + i / rate and goes
// out then on an idle keep-alive connection, or on a new one (at most --max-connections open),
// whether or not the earlier requests were answered; with no connection to be had it is counted
// as "not sent (client limit)", which must stay about 0 for the run to offer the rate it says.
// Latency runs from the scheduled time, so a slow answer also delays nothing else's clock.
//
//   bench_openloop --url http://127.0.0.1:18290/api/v1/reports?q=x --rate 3000 --seconds 15
//       --max-connections 15000 [--threads 1] [--grace 5]
//
// Rates (answered_rps, ok_rps, ...) count the answers that arrived within the --seconds window;
// percentiles are of every answer, including those that arrived during the grace. Requests not
// answered when the grace ends count as timeouts. Prints a report, then one `key=value` line.
#include <netdb.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "../ipv4_address.hpp"
#include "open_loop_generator.hpp"

namespace {

using cds::bench::Clock;
using cds::bench::OpenLoopGenerator;
using cds::bench::Schedule;
using cds::bench::Tally;

struct Options {
  std::string host;
  int port = 80;
  std::string target = "/";  // path and query
  double rate = 0;
  double seconds = 0;
  std::size_t max_connections = 0;
  int threads = 1;
  double grace = 5;
};

[[noreturn]] void usage(const std::string& why) {
  std::fprintf(stderr,
               "bench_openloop: %s\n"
               "usage: bench_openloop --url http://HOST:PORT/PATH --rate R --seconds S\n"
               "  --max-connections C [--threads T] [--grace SECONDS]\n",
               why.c_str());
  std::exit(2);
}

// http://host[:port][/path]; nothing for any other form.
bool parse_url(std::string_view url, Options& o) {
  constexpr std::string_view kScheme = "http://";
  if (!url.starts_with(kScheme)) return false;
  url.remove_prefix(kScheme.size());
  const std::size_t slash = url.find('/');
  std::string_view authority = url.substr(0, slash);
  o.target = slash == std::string_view::npos ? "/" : std::string(url.substr(slash));
  const std::size_t colon = authority.rfind(':');
  if (colon != std::string_view::npos) {
    o.port = std::atoi(std::string(authority.substr(colon + 1)).c_str());
    authority = authority.substr(0, colon);
  }
  o.host = std::string(authority);
  return !o.host.empty() && o.port > 0 && o.port < 65536;
}

Options parse_options(int argc, char** argv) {
  Options o;
  bool have_url = false;
  for (int i = 1; i < argc; i += 2) {
    const std::string_view name = argv[i];
    if (i + 1 >= argc) usage("missing the value of " + std::string(name));
    const char* value = argv[i + 1];
    if (name == "--url") {
      if (!parse_url(value, o)) usage("not an http:// URL: " + std::string(value));
      have_url = true;
    } else if (name == "--rate") {
      o.rate = std::atof(value);
    } else if (name == "--seconds") {
      o.seconds = std::atof(value);
    } else if (name == "--max-connections") {
      o.max_connections = static_cast<std::size_t>(std::atol(value));
    } else if (name == "--threads") {
      o.threads = std::atoi(value);
    } else if (name == "--grace") {
      o.grace = std::atof(value);
    } else {
      usage("unknown option " + std::string(name));
    }
  }
  if (!have_url) usage("--url is required");
  if (!(o.rate > 0) || !(o.seconds > 0)) usage("--rate and --seconds must be positive");
  if (o.threads < 1 || o.max_connections < static_cast<std::size_t>(o.threads)) {
    usage("--max-connections must be at least --threads, and --threads at least 1");
  }
  if (o.grace < 0) usage("--grace must not be negative");
  return o;
}

// Raises the descriptor limit to the hard limit; returns the descriptors this process may open.
rlim_t raise_descriptor_limit() {
  rlimit limit{};
  getrlimit(RLIMIT_NOFILE, &limit);
  limit.rlim_cur = limit.rlim_max;
  setrlimit(RLIMIT_NOFILE, &limit);
  getrlimit(RLIMIT_NOFILE, &limit);
  return limit.rlim_cur;
}

// The nearest-rank percentile (p in [0, 1]) of sorted microseconds, in milliseconds.
double percentile_ms(const std::vector<std::uint32_t>& sorted, double p) {
  if (sorted.empty()) return 0;
  const auto rank = static_cast<std::size_t>(std::ceil(p * double(sorted.size())));
  return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1] / 1000.0;
}

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

void report(const Options& o, const Schedule& schedule, Tally& t) {
  std::sort(t.latency_us.begin(), t.latency_us.end());
  std::sort(t.ok_latency_us.begin(), t.ok_latency_us.end());
  const double s = o.seconds;
  const std::uint64_t window_answers = t.window_ok + t.window_r429 + t.window_r503 + t.window_other;
  const double p50 = percentile_ms(t.latency_us, 0.50);
  const double p99 = percentile_ms(t.latency_us, 0.99);
  const double max = percentile_ms(t.latency_us, 1.0);
  const double ok_p50 = percentile_ms(t.ok_latency_us, 0.50);
  const double ok_p99 = percentile_ms(t.ok_latency_us, 0.99);

  std::printf("bench_openloop: GET http://%s:%d%s at %.1f requests/s for %.1f s (%" PRIu64
              " requests), at most %zu connections, %d thread(s)\n",
              o.host.c_str(), o.port, o.target.c_str(), o.rate, s, schedule.total,
              o.max_connections, o.threads);
  std::printf("  sent %" PRIu64 ", not sent (client limit) %" PRIu64 "%s\n", t.sent, t.not_sent,
              t.not_sent > t.scheduled / 1000 ? "  -- the run did not offer its rate" : "");
  std::printf(
      "  answers within the %.1f s: %.1f/s (2xx %.1f/s, 503 %.1f/s, 429 %.1f/s, other %.1f/s)\n", s,
      double(window_answers) / s, double(t.window_ok) / s, double(t.window_r503) / s,
      double(t.window_r429) / s, double(t.window_other) / s);
  std::printf("  answers in all: %" PRIu64 " (2xx %" PRIu64 ", 503 %" PRIu64 ", 429 %" PRIu64
              ", other %" PRIu64 ")\n",
              t.answers(), t.ok, t.r503, t.r429, t.other);
  std::printf(
      "  latency from the scheduled time, every answer: p50 %.1f ms, p99 %.1f ms, max %.1f ms;"
      " 2xx: p50 %.1f ms, p99 %.1f ms\n",
      p50, p99, max, ok_p50, ok_p99);
  std::printf("  errors %" PRIu64 ": connect %" PRIu64 ", closed before the answer %" PRIu64
              ", bad response %" PRIu64 ", unanswered after the %.1f s grace %" PRIu64 "\n",
              t.errors(), t.connect_errors, t.closed_early, t.bad_responses, o.grace, t.timeouts);
  std::printf("  connections opened %" PRIu64 ", at most %" PRIu64
              " open at once; this process used %.2f s of CPU\n",
              t.connections_opened, t.most_open, cpu_seconds());
  std::printf("offered_rps=%.1f sent=%" PRIu64 " not_sent=%" PRIu64
              " answered_rps=%.1f ok_rps=%.1f r503_rps=%.1f r429_rps=%.1f other_rps=%.1f"
              " p50_ms=%.1f p99_ms=%.1f max_ms=%.1f ok_p50_ms=%.1f ok_p99_ms=%.1f errors=%" PRIu64
              " timeouts=%" PRIu64 " connections_opened=%" PRIu64 " most_open=%" PRIu64
              " client_cpu_s=%.2f\n",
              double(schedule.total) / s, t.sent, t.not_sent, double(window_answers) / s,
              double(t.window_ok) / s, double(t.window_r503) / s, double(t.window_r429) / s,
              double(t.window_other) / s, p50, p99, max, ok_p50, ok_p99, t.errors(), t.timeouts,
              t.connections_opened, t.most_open, cpu_seconds());
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse_options(argc, argv);
  const auto server = cds::bench::resolve_ipv4(o.host, o.port);
  if (!server) usage("cannot resolve " + o.host);
  const rlim_t descriptors = raise_descriptor_limit();
  if (o.max_connections + 64 > descriptors) {
    std::fprintf(stderr,
                 "bench_openloop: --max-connections %zu needs more descriptors than the %llu this "
                 "process may open\n",
                 o.max_connections, static_cast<unsigned long long>(descriptors));
    return 2;
  }
  const std::string request = "GET " + o.target + " HTTP/1.1\r\nHost: " + o.host + ":" +
                              std::to_string(o.port) + "\r\nUser-Agent: bench_openloop\r\n\r\n";

  Schedule schedule;
  schedule.rate = o.rate;
  schedule.total = static_cast<std::uint64_t>(std::llround(o.rate * o.seconds));
  schedule.window =
      std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.seconds));
  schedule.grace =
      std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.grace));
  schedule.stride = static_cast<std::uint64_t>(o.threads);
  // A moment ahead, so that every thread is waiting when the first request is due.
  schedule.t0 = Clock::now() + std::chrono::milliseconds(20);

  std::vector<std::unique_ptr<OpenLoopGenerator>> generators;
  for (int i = 0; i < o.threads; ++i) {
    Schedule share = schedule;
    share.first = static_cast<std::uint64_t>(i);
    const std::size_t connections =
        o.max_connections / static_cast<std::size_t>(o.threads) +
        (static_cast<std::size_t>(i) < o.max_connections % static_cast<std::size_t>(o.threads));
    generators.push_back(std::make_unique<OpenLoopGenerator>(*server, request, share, connections));
  }
  std::vector<int> failed(generators.size(), 0);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < generators.size(); ++i) {
    threads.emplace_back([&, i] { failed[i] = generators[i]->run() ? 0 : 1; });
  }
  for (std::thread& thread : threads) thread.join();
  if (std::find(failed.begin(), failed.end(), 1) != failed.end()) {
    std::fprintf(stderr, "bench_openloop: epoll failed: %s\n", std::strerror(errno));
    return 1;
  }
  Tally total;
  for (const auto& generator : generators) total.merge(generator->tally());
  report(o, schedule, total);
  return 0;
}
