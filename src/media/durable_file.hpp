// Files that survive a power cut once written: temp file, fsync, rename, fsync of the directory.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "common/status.hpp"

namespace cds::media {

// Creates `dir` and any missing parents, making each new directory entry durable (its parent is
// fsynced). Internal status on failure.
Status make_durable_dirs(const std::filesystem::path& dir);

// Writes `bytes` to `path` so that a reader sees either nothing or the whole file, never a part:
// a unique temp file in the same directory, fsync, rename over `path`, fsync of the directory.
// The directory must exist. Internal status on failure (the temp file is removed).
Status write_file_atomically(const std::filesystem::path& path, std::string_view bytes);

// The whole file, NotFound when it does not exist, Internal on other errors.
Result<std::string> read_whole_file(const std::filesystem::path& path);

}  // namespace cds::media
