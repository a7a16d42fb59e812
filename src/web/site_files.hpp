// The built web front end (web/dist) held in memory: every file read once at start-up with its
// content type, its validators and the gzip and brotli variants the build made beside it.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace cds::web {

// One encoding of a file, as sent.
struct Representation {
  std::string body;
  std::string etag;  // strong, of these bytes: "\"<16 hex digits of SHA-256>\""
};

struct StaticFile {
  std::string content_type;
  Representation identity;
  std::optional<Representation> gzip;    // from the sibling "NAME.gz", when the build made one
  std::optional<Representation> brotli;  // from the sibling "NAME.br"
  // The name carries a content hash ("index-3f9a1c2b.js"): the bytes behind it never change.
  bool hashed_name = false;

  bool has_variants() const { return gzip.has_value() || brotli.has_value(); }
};

// Files larger than this are not loaded (a web build's largest file is a few hundred KB).
inline constexpr std::size_t kMaxFileBytes = 5 * 1024 * 1024;
// Beyond these the folder is not a web build (a wrong web_dir); nothing is loaded.
inline constexpr std::size_t kMaxTotalBytes = 64 * 1024 * 1024;
inline constexpr std::size_t kMaxFiles = 5000;

// Immutable once loaded: any thread may read it concurrently.
class SiteFiles {
 public:
  // Reads every regular file under `dir`, recursively. Symbolic links (to files or folders) and
  // files larger than kMaxFileBytes are skipped and named in skipped(). "X.gz" and "X.br" become
  // variants of X when X exists, and are files of their own otherwise. A folder that does not
  // exist gives an empty set; one that cannot be read completely, or holds more than kMaxFiles
  // files or kMaxTotalBytes, gives an empty set and error().
  static SiteFiles load(const std::string& dir);

  // The file at `relative` ("app/index.html", "assets/index-3f9a1c2b.js": '/'-separated, as
  // under `dir`), or null. Only loaded names are ever found: "..", "./" and absolute names are
  // never keys.
  const StaticFile* find(std::string_view relative) const;

  std::size_t file_count() const { return files_.size(); }
  std::size_t total_bytes() const { return total_bytes_; }
  // "NAME (symbolic link)", "NAME (larger than 5 MB)".
  const std::vector<std::string>& skipped() const { return skipped_; }
  // Why nothing was loaded from a folder that exists; empty when it loaded.
  const std::string& error() const { return error_; }

 private:
  struct NameHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  std::unordered_map<std::string, StaticFile, NameHash, std::equal_to<>> files_;
  std::size_t total_bytes_ = 0;
  std::vector<std::string> skipped_;
  std::string error_;
};

// The Content-Type for a file name, by its extension; application/octet-stream when unknown.
std::string_view content_type_for(std::string_view name);
// Whether a file name carries a content hash as a bundler writes it, "[name]-[hash].ext" (also
// "[name]-[hash].js.map"): at least 8 characters of [A-Za-z0-9_-] after a '-', with a digit or an
// upper-case letter after a lower-case one ("3f9a1c2b", "D2-q4_l5", "BpHxKaQz"); "Settings" is a
// word. A hash that fails the test only costs a revalidation (no-cache), never a stale file.
bool has_content_hash(std::string_view name);

}  // namespace cds::web
