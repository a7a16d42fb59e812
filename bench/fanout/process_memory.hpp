// Memory of the server under test, read from /proc: the sum over its processes, in KiB.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace cds::bench {

struct ProcessMemory {
  std::int64_t rss_kib = 0;  // sum of VmRSS (shared pages count once per process that maps them)
  std::int64_t pss_kib = 0;  // sum of Pss (shared pages split between the processes that map them)
  bool complete = true;      // false when a process had gone or a file could not be read
  std::vector<std::string> names;        // "comm/pid" of each process, in the order given
  std::vector<std::int64_t> rss_by_pid;  // each process's VmRSS, in the same order
};

namespace detail {

// The value of the first line of `path` that starts with `key` ("VmRSS:"), in KiB, or -1.
inline std::int64_t read_kib(const std::string& path, std::string_view key) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.compare(0, key.size(), key) == 0) return std::stoll(line.substr(key.size()));
  }
  return -1;
}

}  // namespace detail

inline ProcessMemory read_process_memory(const std::vector<pid_t>& pids) {
  ProcessMemory total;
  for (pid_t pid : pids) {
    const std::string dir = "/proc/" + std::to_string(pid);
    const std::int64_t rss = detail::read_kib(dir + "/status", "VmRSS:");
    const std::int64_t pss = detail::read_kib(dir + "/smaps_rollup", "Pss:");
    if (rss < 0 || pss < 0) total.complete = false;
    std::string name;
    std::getline(std::ifstream(dir + "/comm"), name);
    total.names.push_back(name + "/" + std::to_string(pid));
    total.rss_by_pid.push_back(rss);
    if (rss > 0) total.rss_kib += rss;
    if (pss > 0) total.pss_kib += pss;
  }
  return total;
}

}  // namespace cds::bench
