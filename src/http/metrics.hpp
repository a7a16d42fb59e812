// Prometheus text metrics: requests and latency per route, open connections, and whatever other
// parts register as extra text (the store's commit batch sizes).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace cds::http {

class Metrics {
 public:
  Metrics();
  ~Metrics();
  // Called once per answered request. `route` is the route's pattern ("unmatched" when none).
  void observe_request(std::string_view method, std::string_view route, int status, double seconds);
  void connection_opened();
  void connection_closed();
  std::int64_t open_connections() const;
  // A request refused by a rate limit: scope "ip" or "user", the route class.
  void rate_limited(std::string_view scope, std::string_view route_class);
  // A request refused by admission control: "queue_full", "queue_stale" or "queue_expired".
  void overload_refused(std::string_view reason);
  // Requests waiting for a worker, and requests a worker is running (each +1 or -1).
  void worker_queue_changed(int delta);
  void workers_busy_changed(int delta);
  // A producer of more Prometheus text, called at every scrape.
  void add_collector(std::function<std::string()> collector);
  // The whole exposition, text format 0.0.4.
  std::string render() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cds::http
