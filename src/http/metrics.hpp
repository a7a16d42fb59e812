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
  // A producer of more Prometheus text, called at every scrape.
  void add_collector(std::function<std::string()> collector);
  // The whole exposition, text format 0.0.4.
  std::string render() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cds::http
