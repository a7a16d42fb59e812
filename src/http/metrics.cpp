// Request counters and latency histograms per route, connection gauges, and the Prometheus text
// exposition (format 0.0.4) of them and of registered collectors.
#include "http/metrics.hpp"

#include <array>
#include <charconv>

namespace cds::http {
namespace {

// Upper bounds of the latency buckets, in seconds: 0.5 ms (a cached read) to 10 s (a stuck store).
constexpr std::array<double, 14> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                             0.1,    0.25,  0.5,    1,     2.5,  5,     10};
// The same bounds as `le` labels, written out (shortest formatting would give "5e-04").
constexpr std::array<std::string_view, kBuckets.size()> kBucketLabels = {
    "0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05",
    "0.1",    "0.25",  "0.5",    "1",     "2.5",  "5",     "10"};

struct Histogram {
  std::array<std::uint64_t, kBuckets.size()> counts{};  // not cumulative; summed at render
  std::uint64_t count = 0;
  double sum = 0;
};

struct RouteStats {
  // (method, status) → requests answered.
  std::map<std::pair<std::string, int>, std::uint64_t, std::less<>> requests;
  Histogram latency;
};

void append_number(std::string& out, double v) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  if (ec == std::errc{})
    out.append(buf, end);
  else
    out += "NaN";
}

void append_number(std::string& out, std::uint64_t v) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, ec == std::errc{} ? end : buf);
}

// A label value: backslash, double quote and line feed escaped, as the text format requires.
void append_label(std::string& out, std::string_view v) {
  out += '"';
  for (char c : v) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '"')
      out += "\\\"";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  out += '"';
}

}  // namespace

struct Metrics::Impl {
  mutable std::mutex mutex;
  // Keyed by route pattern (bounded: one per route plus "unmatched"), never by raw path.
  std::map<std::string, RouteStats, std::less<>> routes;  // guarded by mutex
  std::vector<std::function<std::string()>> collectors;   // guarded by mutex
  std::atomic<std::int64_t> open_connections{0};
  std::atomic<std::uint64_t> connections_total{0};
  // (scope, class) → refusals; ("", reason) → overload refusals. Both bounded by the config.
  std::map<std::pair<std::string, std::string>, std::uint64_t, std::less<>> rate_limited;
  std::map<std::string, std::uint64_t, std::less<>> overload_refused;  // guarded by mutex
  std::atomic<std::int64_t> worker_queue{0};
  std::atomic<std::int64_t> workers_busy{0};
};

Metrics::Metrics() : impl_(std::make_unique<Impl>()) {}
Metrics::~Metrics() = default;

void Metrics::observe_request(std::string_view method, std::string_view route, int status,
                              double seconds) {
  size_t bucket = 0;
  while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;
  std::lock_guard lock(impl_->mutex);
  auto it = impl_->routes.find(route);
  if (it == impl_->routes.end()) it = impl_->routes.emplace(std::string(route), RouteStats{}).first;
  RouteStats& stats = it->second;
  auto key = std::pair<std::string, int>(method, status);
  ++stats.requests[std::move(key)];
  Histogram& h = stats.latency;
  if (bucket < kBuckets.size()) ++h.counts[bucket];
  ++h.count;
  h.sum += seconds;
}

void Metrics::connection_opened() {
  impl_->open_connections.fetch_add(1, std::memory_order_relaxed);
  impl_->connections_total.fetch_add(1, std::memory_order_relaxed);
}

void Metrics::connection_closed() {
  impl_->open_connections.fetch_sub(1, std::memory_order_relaxed);
}

std::int64_t Metrics::open_connections() const {
  return impl_->open_connections.load(std::memory_order_relaxed);
}

void Metrics::rate_limited(std::string_view scope, std::string_view route_class) {
  std::lock_guard lock(impl_->mutex);
  ++impl_->rate_limited[std::pair<std::string, std::string>(scope, route_class)];
}

void Metrics::overload_refused(std::string_view reason) {
  std::lock_guard lock(impl_->mutex);
  auto it = impl_->overload_refused.find(reason);
  if (it == impl_->overload_refused.end())
    it = impl_->overload_refused.emplace(std::string(reason), 0).first;
  ++it->second;
}

void Metrics::worker_queue_changed(int delta) {
  impl_->worker_queue.fetch_add(delta, std::memory_order_relaxed);
}

void Metrics::workers_busy_changed(int delta) {
  impl_->workers_busy.fetch_add(delta, std::memory_order_relaxed);
}

void Metrics::add_collector(std::function<std::string()> collector) {
  std::lock_guard lock(impl_->mutex);
  impl_->collectors.push_back(std::move(collector));
}

std::string Metrics::render() const {
  std::string out;
  out.reserve(4096);
  std::vector<std::function<std::string()>> collectors;
  {
    std::lock_guard lock(impl_->mutex);
    out += "# HELP cds_http_requests_total HTTP requests answered, by method, route and status.\n";
    out += "# TYPE cds_http_requests_total counter\n";
    for (const auto& [route, stats] : impl_->routes) {
      for (const auto& [key, count] : stats.requests) {
        out += "cds_http_requests_total{method=";
        append_label(out, key.first);
        out += ",route=";
        append_label(out, route);
        out += ",status=\"";
        append_number(out, static_cast<std::uint64_t>(key.second));
        out += "\"} ";
        append_number(out, count);
        out += '\n';
      }
    }
    out +=
        "# HELP cds_http_request_duration_seconds Time from a request's first byte to its "
        "response, by route.\n";
    out += "# TYPE cds_http_request_duration_seconds histogram\n";
    for (const auto& [route, stats] : impl_->routes) {
      const Histogram& h = stats.latency;
      std::uint64_t cumulative = 0;
      for (size_t i = 0; i <= kBuckets.size(); ++i) {
        out += "cds_http_request_duration_seconds_bucket{route=";
        append_label(out, route);
        out += ",le=\"";
        if (i < kBuckets.size()) {
          cumulative += h.counts[i];
          out += kBucketLabels[i];
        } else {
          cumulative = h.count;
          out += "+Inf";
        }
        out += "\"} ";
        append_number(out, cumulative);
        out += '\n';
      }
      out += "cds_http_request_duration_seconds_sum{route=";
      append_label(out, route);
      out += "} ";
      append_number(out, h.sum);
      out += "\ncds_http_request_duration_seconds_count{route=";
      append_label(out, route);
      out += "} ";
      append_number(out, h.count);
      out += '\n';
    }
    out += "# HELP cds_http_rate_limited_total Requests refused with 429, by scope and class.\n";
    out += "# TYPE cds_http_rate_limited_total counter\n";
    for (const auto& [key, count] : impl_->rate_limited) {
      out += "cds_http_rate_limited_total{scope=";
      append_label(out, key.first);
      out += ",class=";
      append_label(out, key.second);
      out += "} ";
      append_number(out, count);
      out += '\n';
    }
    out +=
        "# HELP cds_http_overload_refused_total Requests refused with 503 by admission control.\n";
    out += "# TYPE cds_http_overload_refused_total counter\n";
    for (const auto& [reason, count] : impl_->overload_refused) {
      out += "cds_http_overload_refused_total{reason=";
      append_label(out, reason);
      out += "} ";
      append_number(out, count);
      out += '\n';
    }
    collectors = impl_->collectors;
  }
  out += "# HELP cds_http_worker_queue Requests waiting for a worker now.\n";
  out += "# TYPE cds_http_worker_queue gauge\n";
  out += "cds_http_worker_queue ";
  out += std::to_string(impl_->worker_queue.load(std::memory_order_relaxed));
  out += "\n# HELP cds_http_workers_busy Workers running a handler now.\n";
  out += "# TYPE cds_http_workers_busy gauge\n";
  out += "cds_http_workers_busy ";
  out += std::to_string(impl_->workers_busy.load(std::memory_order_relaxed));
  out += '\n';
  out += "# HELP cds_http_open_connections Client connections open now.\n";
  out += "# TYPE cds_http_open_connections gauge\n";
  out += "cds_http_open_connections ";
  out += std::to_string(open_connections());
  out += "\n# HELP cds_http_connections_total Client connections accepted.\n";
  out += "# TYPE cds_http_connections_total counter\n";
  out += "cds_http_connections_total ";
  append_number(out, impl_->connections_total.load(std::memory_order_relaxed));
  out += '\n';
  // Collectors run outside the lock: they may be slow or observe requests themselves.
  for (const auto& collector : collectors) {
    std::string text = collector();
    if (text.empty()) continue;
    out += text;
    if (out.back() != '\n') out += '\n';
  }
  return out;
}

}  // namespace cds::http
