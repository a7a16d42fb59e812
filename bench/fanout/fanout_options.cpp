// The command line of bench_fanout: one table of options, each with what it sets.
#include "fanout_options.hpp"

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <stdexcept>
#include <string_view>

namespace cds::bench {
namespace {

[[noreturn]] void usage(const std::string& why) {
  std::fprintf(stderr,
               "bench_fanout: %s\n"
               "usage: bench_fanout --port P --path PATH --n N --marker TEXT\n"
               "  (--publish-url URL [--publish-body B] [--publish-header 'K: V']... |\n"
               "   --publish-command CMD)\n"
               "  [--host 127.0.0.1] [--header 'K: V']... [--batch 500] [--ready-marker TEXT]\n"
               "  [--server-pid PID]... [--batch-timeout-s 30] [--settle-s 1]\n"
               "  [--receive-timeout-s 30] [--reconnects 3] [--label NAME]\n",
               why.c_str());
  std::exit(2);
}

}  // namespace

FanoutOptions parse_fanout_options(int argc, char** argv) {
  FanoutOptions o;
  using Set = std::function<void(const std::string&)>;
  const std::map<std::string_view, Set> options = {
      {"--host", [&](const std::string& v) { o.host = v; }},
      {"--port", [&](const std::string& v) { o.port = std::stoi(v); }},
      {"--path", [&](const std::string& v) { o.path = v; }},
      {"--header", [&](const std::string& v) { o.headers.push_back(v); }},
      {"--n", [&](const std::string& v) { o.n = std::stoi(v); }},
      {"--batch", [&](const std::string& v) { o.batch = std::stoi(v); }},
      {"--ready-marker", [&](const std::string& v) { o.ready_marker = v; }},
      {"--marker", [&](const std::string& v) { o.marker = v; }},
      {"--server-pid", [&](const std::string& v) { o.server_pids.push_back(std::stoi(v)); }},
      {"--publish-url", [&](const std::string& v) { o.publish_url = v; }},
      {"--publish-body", [&](const std::string& v) { o.publish_body = v; }},
      {"--publish-header", [&](const std::string& v) { o.publish_headers.push_back(v); }},
      {"--publish-command", [&](const std::string& v) { o.publish_command = v; }},
      {"--batch-timeout-s", [&](const std::string& v) { o.batch_timeout_s = std::stod(v); }},
      {"--settle-s", [&](const std::string& v) { o.settle_s = std::stod(v); }},
      {"--receive-timeout-s", [&](const std::string& v) { o.receive_timeout_s = std::stod(v); }},
      {"--reconnects", [&](const std::string& v) { o.reconnects = std::stoi(v); }},
      {"--label", [&](const std::string& v) { o.label = v; }},
  };
  for (int i = 1; i < argc; ++i) {
    const std::string key = argv[i];
    const auto option = options.find(key);
    if (option == options.end()) usage("unknown option " + key);
    if (i + 1 >= argc) usage("missing value for " + key);
    try {
      option->second(argv[++i]);
    } catch (const std::logic_error&) {  // std::stoi and std::stod: not a number
      usage("bad value for " + key);
    }
  }
  if (o.port <= 0 || o.n <= 0 || o.batch <= 0) usage("--port, --n and --batch must be positive");
  if (o.marker.empty()) usage("--marker is required");
  if (o.publish_url.empty() == o.publish_command.empty())
    usage("exactly one of --publish-url and --publish-command");
  if (!o.publish_url.empty() && !parse_url(o.publish_url))
    usage("--publish-url: http://host:port/path");
  return o;
}

std::optional<Url> parse_url(const std::string& url) {
  constexpr std::string_view kScheme = "http://";
  if (url.compare(0, kScheme.size(), kScheme) != 0) return {};
  Url out;
  const std::size_t host_start = kScheme.size();
  const std::size_t slash = url.find('/', host_start);
  const std::string authority = url.substr(host_start, slash - host_start);
  out.target = slash == std::string::npos ? "/" : url.substr(slash);
  const std::size_t colon = authority.find(':');
  out.host = authority.substr(0, colon);
  if (out.host.empty()) return {};
  if (colon != std::string::npos) {
    try {
      out.port = std::stoi(authority.substr(colon + 1));
    } catch (const std::logic_error&) {
      return {};
    }
  }
  return out;
}

}  // namespace cds::bench
