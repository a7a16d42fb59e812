// Photos as the rest of the product sees them: upload (check, re-encode, store), look up, check
// that photos a user wants to attach are theirs, read the bytes.
#pragma once

#include <cstdint>
#include <optional>
#include <semaphore>
#include <string>
#include <string_view>
#include <vector>

#include "auth/principal.hpp"
#include "common/clock.hpp"
#include "common/status.hpp"
#include "media/image.hpp"
#include "media/media.hpp"
#include "media/media_store.hpp"
#include "store/database.hpp"

namespace cds::media {

// Thread-safe: any thread may call any method at once. `db` and `clock` must outlive it.
class MediaService {
 public:
  // Files go under `<data_dir>/media/`.
  MediaService(store::Database& db, const Clock& clock, std::string data_dir,
               ImageLimits limits = {});

  // Re-encodes the image (see process_image for the refusals), stores it and records it as
  // `uploader`'s. CPU-heavy: call it from a worker thread, never from the I/O loop.
  // `idempotency_key` (the client's Idempotency-Key, already validated): a retry of the same image
  // with the same key returns the first upload's photo; another image with it is 422
  // idempotency_key_reused.
  Result<MediaInfo> upload(const auth::Principal& uploader, std::string_view bytes,
                           const std::optional<std::string>& idempotency_key = std::nullopt);

  // 404 media_not_found for an unknown or malformed id. Visibility is the caller's business.
  Result<MediaInfo> get(std::string_view id);

  // Whether every id names a photo that `owner_id` uploaded, before they are attached to something
  // of theirs. 422 naming the first offending id: media_not_found (unknown or malformed),
  // media_not_owned (someone else's), media_duplicate (listed twice).
  Status check_owned(const std::vector<std::string>& ids, std::int64_t owner_id);
  // The same inside the caller's transaction (a feature attaching photos in its own write).
  static Status check_owned(store::Tx& tx, const std::vector<std::string>& ids,
                            std::int64_t owner_id);

  // The stored JPEG, or its thumbnail.
  Result<std::string> read_file(const MediaInfo& info, bool thumbnail);

  const ImageLimits& limits() const { return limits_; }

 private:
  MediaStore store_;
  store::Database& db_;
  const Clock& clock_;
  ImageLimits limits_;
  // At most one image decode per core at once: a decode may hold a hundred megabytes, and more
  // decodes than cores would only add memory, not speed.
  std::counting_semaphore<1024> decode_slots_;
};

}  // namespace cds::media
