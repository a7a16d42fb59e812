// CPU time of the server under test, read from /proc: the sum over its processes and their
// threads. Unlike elapsed time it hardly depends on what else the machine is running.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace cds::bench {

// Nanoseconds that the threads of `pids` have spent on a CPU so far (the first field of each
// /proc/PID/task/TID/schedstat); threads that have ended are not counted.
inline std::int64_t read_cpu_ns(const std::vector<pid_t>& pids) {
  std::int64_t total = 0;
  for (pid_t pid : pids) {
    std::error_code error;
    const std::filesystem::path tasks = "/proc/" + std::to_string(pid) + "/task";
    for (const auto& task : std::filesystem::directory_iterator(tasks, error)) {
      std::ifstream in(task.path() / "schedstat");
      std::int64_t on_cpu_ns = 0;
      if (in >> on_cpu_ns) total += on_cpu_ns;
    }
  }
  return total;
}

}  // namespace cds::bench
