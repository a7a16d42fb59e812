// The command line of bench_fanout.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

namespace cds::bench {

struct FanoutOptions {
  std::string host = "127.0.0.1";
  int port = 0;
  std::string path = "/";
  std::vector<std::string> headers;  // extra request headers of each subscription ("K: V")
  int n = 1000;
  int batch = 500;                 // connections opened before waiting for them to be ready
  std::string ready_marker;        // empty: the 200 headers show the subscription is live
  std::string marker;              // text that only the published frame carries
  std::vector<pid_t> server_pids;  // the server's processes, whose memory is summed
  std::string publish_url;         // http://host:port/path, POSTed
  std::string publish_body;
  std::vector<std::string> publish_headers;
  std::string publish_command;    // run with sh -c instead of the POST
  double batch_timeout_s = 30;    // for one batch to become ready
  double settle_s = 1;            // after all are ready, before memory and the publish
  double receive_timeout_s = 30;  // after the publish
  int reconnects = 3;  // per subscription that fails before the publish, as EventSource would
  std::string label;   // the "target" field of the report
};

// Parses argv; prints the usage and exits with status 2 on a bad command line.
FanoutOptions parse_fanout_options(int argc, char** argv);

struct Url {
  std::string host;
  int port = 80;
  std::string target;  // path and query
};

// http://host[:port][/path]; nothing for any other form.
std::optional<Url> parse_url(const std::string& url);

}  // namespace cds::bench
