// What the product knows about a stored photo.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/clock.hpp"

namespace cds::media {

// Every stored photo is a re-encoded JPEG, whatever was uploaded.
inline constexpr std::string_view kMediaMime = "image/jpeg";

struct MediaInfo {
  std::string id;  // 32 lower-case hex digits: 128 random bits, unguessable
  std::int64_t owner_id = 0;
  std::string sha256;  // hex SHA-256 of the stored JPEG: its content address on disk
  int width = 0;
  int height = 0;
  std::int64_t bytes = 0;  // size of the stored JPEG
  Millis created_at = 0;
};

// Whether `id` has the shape of a media id (checked before it reaches SQL or a path).
bool is_media_id(std::string_view id);

}  // namespace cds::media
