// Reads a web build into memory once, at start-up; see site_files.hpp for what is kept.
#include "web/site_files.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <system_error>
#include <utility>

#include "common/hash.hpp"

namespace cds::web {
namespace fs = std::filesystem;
namespace {

// Vite's and Rollup's default hash length.
constexpr std::size_t kMinHashLength = 8;

Representation represent(std::string bytes) {
  Representation r;
  r.etag = "\"" + sha256_hex(bytes).substr(0, 16) + "\"";
  r.body = std::move(bytes);
  return r;
}

bool read_whole(const fs::path& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

std::string_view base_name(std::string_view name) {
  const size_t slash = name.rfind('/');
  return slash == std::string_view::npos ? name : name.substr(slash + 1);
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != b[i]) return false;
  }
  return true;
}

struct TypeByExtension {
  std::string_view extension;  // lower case
  std::string_view content_type;
};

constexpr TypeByExtension kTypes[] = {
    {"html", "text/html; charset=utf-8"},
    {"js", "text/javascript; charset=utf-8"},
    {"mjs", "text/javascript; charset=utf-8"},
    {"css", "text/css; charset=utf-8"},
    {"json", "application/json"},
    {"map", "application/json"},
    {"webmanifest", "application/manifest+json"},
    {"svg", "image/svg+xml"},
    {"png", "image/png"},
    {"webp", "image/webp"},
    {"jpg", "image/jpeg"},
    {"jpeg", "image/jpeg"},
    {"ico", "image/x-icon"},
    {"woff2", "font/woff2"},
    {"woff", "font/woff"},
    {"txt", "text/plain; charset=utf-8"},
};

// A variant the build made beside its original ("X.gz" next to "X"): kept with X, not on its own.
bool is_variant(const std::string& name, const std::map<std::string, std::string>& all) {
  if (!name.ends_with(".gz") && !name.ends_with(".br")) return false;
  return all.contains(name.substr(0, name.size() - 3));
}

// Characters a bundler's hash is written in (hex, base36, base64url), with a digit or an
// upper-case letter after a lower-case one, which words rarely have.
bool looks_like_hash(std::string_view token) {
  bool digit = false, hump = false;
  char previous = 0;
  for (char c : token) {
    const bool lower = c >= 'a' && c <= 'z', upper = c >= 'A' && c <= 'Z';
    const bool number = c >= '0' && c <= '9';
    if (!lower && !upper && !number && c != '_' && c != '-') return false;
    digit = digit || number;
    hump = hump || (upper && previous >= 'a' && previous <= 'z');
    previous = c;
  }
  return digit || hump;
}

}  // namespace

std::string_view content_type_for(std::string_view name) {
  const std::string_view base = base_name(name);
  const size_t dot = base.rfind('.');
  if (dot == std::string_view::npos) return "application/octet-stream";
  const std::string_view extension = base.substr(dot + 1);
  for (const TypeByExtension& t : kTypes) {
    if (iequals(extension, t.extension)) return t.content_type;
  }
  return "application/octet-stream";
}

bool has_content_hash(std::string_view name) {
  std::string_view stem = base_name(name);
  if (stem.ends_with(".map")) stem.remove_suffix(4);
  if (const size_t dot = stem.rfind('.'); dot != std::string_view::npos) stem = stem.substr(0, dot);
  // "[name]-[hash]": at least 8 characters after the last '-' ...
  const size_t dash = stem.rfind('-');
  if (dash == std::string_view::npos) return false;
  if (stem.size() - dash - 1 >= kMinHashLength && looks_like_hash(stem.substr(dash + 1))) {
    return true;
  }
  // ... or the last 8 after a '-', since a base64url hash may hold a '-' of its own.
  return stem.size() > kMinHashLength && stem[stem.size() - kMinHashLength - 1] == '-' &&
         looks_like_hash(stem.substr(stem.size() - kMinHashLength));
}

SiteFiles SiteFiles::load(const std::string& dir) {
  SiteFiles site;
  const fs::path root(dir);
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return site;  // not built: an empty set, no error

  auto failed = [&dir](std::string why) {
    SiteFiles none;
    none.error_ = dir + ": " + std::move(why);
    return none;
  };
  std::map<std::string, std::string> raw;  // name under `dir` → bytes
  std::size_t total = 0;
  // directory_options::none: a symbolic link to a folder is listed, never entered.
  for (fs::recursive_directory_iterator it(root, fs::directory_options::none, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::directory_entry& entry = *it;
    const std::string name = entry.path().lexically_relative(root).generic_string();
    std::error_code entry_ec;
    const fs::file_status status = entry.symlink_status(entry_ec);
    if (entry_ec) return failed("cannot read " + name + ": " + entry_ec.message());
    if (fs::is_symlink(status)) {
      site.skipped_.push_back(name + " (symbolic link)");
      continue;
    }
    if (fs::is_directory(status)) continue;
    if (!fs::is_regular_file(status)) {
      site.skipped_.push_back(name + " (not a regular file)");
      continue;
    }
    const std::uintmax_t size = entry.file_size(entry_ec);
    if (entry_ec) return failed("cannot read " + name + ": " + entry_ec.message());
    if (size > kMaxFileBytes) {
      site.skipped_.push_back(name + " (larger than 5 MB)");
      continue;
    }
    if (raw.size() >= kMaxFiles || total + size > kMaxTotalBytes) {
      return failed("more than " + std::to_string(kMaxFiles) + " files or " +
                    std::to_string(kMaxTotalBytes >> 20) + " MB: not a web build");
    }
    std::string bytes;
    if (!read_whole(entry.path(), bytes)) return failed("cannot read " + name);
    if (bytes.size() > kMaxFileBytes) {  // it grew after file_size
      site.skipped_.push_back(name + " (larger than 5 MB)");
      continue;
    }
    total += bytes.size();
    raw.emplace(name, std::move(bytes));
  }
  if (ec) return failed("cannot list the folder: " + ec.message());

  for (auto& [name, bytes] : raw) {
    if (is_variant(name, raw)) continue;
    StaticFile file;
    file.content_type = std::string(content_type_for(name));
    file.hashed_name = has_content_hash(name);
    // Variants are copied, never moved: a variant is only ever read here, by its original.
    if (auto gz = raw.find(name + ".gz"); gz != raw.end()) file.gzip = represent(gz->second);
    if (auto br = raw.find(name + ".br"); br != raw.end()) file.brotli = represent(br->second);
    file.identity = represent(std::move(bytes));
    site.files_.emplace(name, std::move(file));
  }
  site.total_bytes_ = total;
  return site;
}

const StaticFile* SiteFiles::find(std::string_view relative) const {
  const auto it = files_.find(relative);
  return it == files_.end() ? nullptr : &it->second;
}

}  // namespace cds::web
