// Content-addressed photo files and their `media` rows.
#include "media/media_store.hpp"

#include <openssl/rand.h>
#include <sys/stat.h>

#include <algorithm>
#include <stdexcept>

#include "common/hash.hpp"
#include "media/durable_file.hpp"

namespace cds::media {
namespace {

std::string to_hex(const unsigned char* data, std::size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    out.push_back(kDigits[data[i] >> 4]);
    out.push_back(kDigits[data[i] & 0xF]);
  }
  return out;
}

bool is_lower_hex(std::string_view s, std::size_t size) {
  return s.size() == size && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

// Whether `path` is a regular file of exactly `size` bytes.
bool has_file(const std::filesystem::path& path, std::size_t size) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
         static_cast<std::size_t>(st.st_size) == size;
}

MediaInfo from_row(const store::Row& row) {
  MediaInfo m;
  m.id = row.str(0);
  m.owner_id = row.i64(1);
  m.sha256 = row.str(2);
  m.width = static_cast<int>(row.i64(3));
  m.height = static_cast<int>(row.i64(4));
  m.bytes = row.i64(5);
  m.created_at = row.i64(6);
  return m;
}

}  // namespace

bool is_media_id(std::string_view id) {
  return is_lower_hex(id, 32);
}

std::string new_media_id() {
  unsigned char random[16];
  if (RAND_bytes(random, sizeof random) != 1) {
    // The CSPRNG cannot be seeded: nothing safe can be done without it.
    throw std::runtime_error("RAND_bytes failed");
  }
  return to_hex(random, sizeof random);
}

MediaStore::MediaStore(store::Database& db, std::filesystem::path data_dir)
    : db_(db), media_dir_(std::move(data_dir) / "media") {}

std::filesystem::path MediaStore::path_of(std::string_view sha256, bool thumbnail) const {
  std::string name(sha256);
  name += thumbnail ? ".thumb.jpg" : ".jpg";
  return media_dir_ / std::string(sha256.substr(0, 2)) / name;
}

Result<MediaInfo> MediaStore::save(std::int64_t owner_id, const ProcessedImage& image, Millis now,
                                   const std::optional<store::IdempotencyKey>& key) {
  MediaInfo info;
  info.id = new_media_id();
  info.owner_id = owner_id;
  info.sha256 = sha256_hex(image.jpeg);
  info.width = image.width;
  info.height = image.height;
  info.bytes = static_cast<std::int64_t>(image.jpeg.size());
  info.created_at = now;

  // The thumbnail first: where the main file exists, its thumbnail does too. Both are a function
  // of the stored JPEG's content, so an existing file of the right size is this very file (it was
  // renamed into place whole).
  const std::filesystem::path main_path = path_of(info.sha256, false);
  const std::filesystem::path thumb_path = path_of(info.sha256, true);
  if (!has_file(main_path, image.jpeg.size())) {
    if (Status s = make_durable_dirs(main_path.parent_path()); !s.ok()) return s;
    if (!has_file(thumb_path, image.thumbnail.size())) {
      if (Status s = write_file_atomically(thumb_path, image.thumbnail); !s.ok()) return s;
    }
    if (Status s = write_file_atomically(main_path, image.jpeg); !s.ok()) return s;
  }

  return db_.write_value<MediaInfo>([&](store::Tx& tx) -> Result<MediaInfo> {
    if (key) {
      if (auto earlier = store::claim(tx, *key, now)) {
        if (!earlier->same_request) return Status::Invalid("idempotency_key_reused");
        auto first = find(tx, earlier->body);
        if (!first) return Status::Internal("idempotency key names missing media " + earlier->body);
        return std::move(*first);
      }
    }
    tx.exec(
        "INSERT INTO media (id, sha256, owner_id, mime, width, height, bytes, created_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        {info.id, info.sha256, info.owner_id, std::string(kMediaMime),
         static_cast<std::int64_t>(info.width), static_cast<std::int64_t>(info.height), info.bytes,
         info.created_at});
    if (key) store::finish(tx, *key, 201, info.id);
    return info;
  });
}

std::optional<MediaInfo> MediaStore::find(store::Tx& tx, std::string_view id) {
  if (!is_media_id(id)) return std::nullopt;
  auto row = tx.one(
      "SELECT id, owner_id, sha256, width, height, bytes, created_at FROM media WHERE id = $1",
      {std::string(id)});
  if (!row) return std::nullopt;
  return from_row(*row);
}

Result<MediaInfo> MediaStore::find(std::string_view id) {
  return db_.read_value<MediaInfo>([&](store::Tx& tx) -> Result<MediaInfo> {
    auto found = find(tx, id);
    if (!found)
      return Status::NotFound("media_not_found").with("id", std::string(id.substr(0, 64)));
    return std::move(*found);
  });
}

Result<std::string> MediaStore::read(const MediaInfo& info, bool thumbnail) const {
  // The hash comes from our own row; checked anyway since it becomes a path.
  if (!is_lower_hex(info.sha256, 64)) return Status::Internal("bad sha256 for media " + info.id);
  const std::filesystem::path path = path_of(info.sha256, thumbnail);
  Result<std::string> bytes = read_whole_file(path);
  if (!bytes.ok() && bytes.status().code() == Code::kNotFound) {
    return Status::Internal("media file missing: " + path.string());
  }
  return bytes;
}

}  // namespace cds::media
