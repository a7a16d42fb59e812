// Where photos live: content-addressed JPEG files under the data directory, and a `media` row per
// upload naming its file by SHA-256. Files are durable before their row exists, so a row never
// points at a missing file (a file without a row, left by a crash, is harmless).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.hpp"
#include "common/status.hpp"
#include "media/image.hpp"
#include "media/media.hpp"
#include "store/database.hpp"
#include "store/idempotency.hpp"

namespace cds::media {

// Thread-safe: any thread may call any method at once.
class MediaStore {
 public:
  // Files go under `<data_dir>/media/`.
  MediaStore(store::Database& db, std::filesystem::path data_dir);

  // Writes `<dir>/media/<sha[0:2]>/<sha>.thumb.jpg` then `<sha>.jpg` atomically and durably (the
  // same content uploaded again reuses them), then inserts a row with a new random id. With an
  // idempotency key, a retry of the same upload returns the first row instead (a different request
  // with the same key: 422 idempotency_key_reused).
  Result<MediaInfo> save(std::int64_t owner_id, const ProcessedImage& image, Millis now,
                         const std::optional<store::IdempotencyKey>& key = std::nullopt);

  // NotFound("media_not_found") for an unknown or malformed id.
  Result<MediaInfo> find(std::string_view id);
  // Inside a transaction the caller runs; nullopt for an unknown or malformed id.
  static std::optional<MediaInfo> find(store::Tx& tx, std::string_view id);

  // The stored JPEG or its thumbnail. Internal when the file is missing (it never should be).
  Result<std::string> read(const MediaInfo& info, bool thumbnail) const;

  std::filesystem::path path_of(std::string_view sha256, bool thumbnail) const;

 private:
  store::Database& db_;
  std::filesystem::path media_dir_;
};

// A new media id: 128 bits from the system's CSPRNG, as 32 lower-case hex digits.
std::string new_media_id();

}  // namespace cds::media
