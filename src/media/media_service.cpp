// Photo uploads and look-ups over the image pipeline and the media store.
#include "media/media_service.hpp"

#include <algorithm>
#include <thread>
#include <utility>

#include "common/hash.hpp"

namespace cds::media {

MediaService::MediaService(store::Database& db, const Clock& clock, std::string data_dir,
                           ImageLimits limits)
    : store_(db, std::move(data_dir)),
      db_(db),
      clock_(clock),
      limits_(limits),
      decode_slots_(std::clamp<std::ptrdiff_t>(std::thread::hardware_concurrency(), 1, 1024)) {}

Result<MediaInfo> MediaService::upload(const auth::Principal& uploader, std::string_view bytes,
                                       const std::optional<std::string>& idempotency_key) {
  Result<ProcessedImage> image = [&] {
    decode_slots_.acquire();
    struct Release {
      std::counting_semaphore<1024>& slots;
      ~Release() { slots.release(); }
    } release{decode_slots_};
    return process_image(bytes, limits_);
  }();
  if (!image.ok()) return image.status();
  std::optional<store::IdempotencyKey> key;
  if (idempotency_key) {
    // Same user, same route, same image: the same request, whatever multipart framing carried it.
    key = store::IdempotencyKey{uploader.user_id, *idempotency_key,
                                sha256_hex("POST /api/v1/media\n" + sha256_hex(bytes))};
  }
  return store_.save(uploader.user_id, *image, clock_.now(), key);
}

Result<MediaInfo> MediaService::get(std::string_view id) {
  return store_.find(id);
}

Status MediaService::check_owned(const std::vector<std::string>& ids, std::int64_t owner_id) {
  if (ids.empty()) return Status::Ok();
  return db_.read([&](store::Tx& tx) { return check_owned(tx, ids, owner_id); });
}

Status MediaService::check_owned(store::Tx& tx, const std::vector<std::string>& ids,
                                 std::int64_t owner_id) {
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const std::string shown = ids[i].substr(0, 64);
    for (std::size_t j = 0; j < i; ++j) {
      if (ids[j] == ids[i]) return Status::Invalid("media_duplicate").with("id", shown);
    }
    std::optional<MediaInfo> found = MediaStore::find(tx, ids[i]);
    if (!found) return Status::Invalid("media_not_found").with("id", shown);
    if (found->owner_id != owner_id) return Status::Invalid("media_not_owned").with("id", shown);
  }
  return Status::Ok();
}

Result<std::string> MediaService::read_file(const MediaInfo& info, bool thumbnail) {
  return store_.read(info, thumbnail);
}

}  // namespace cds::media
