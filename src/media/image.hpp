// Checking, decoding and re-encoding the photos people upload: whatever comes in (JPEG, PNG, WebP,
// HEIF), what leaves is a plain sRGB JPEG and its thumbnail, upright and with no metadata at all.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.hpp"

namespace cds::media {

struct ImageLimits {
  // Largest upload accepted (413 above it).
  std::size_t max_bytes = 10 * 1024 * 1024;
  // Largest image accepted, read from the header before any pixel is decoded (a small file may
  // declare 50000×50000 pixels: a decompression bomb).
  std::int64_t max_pixels = 40'000'000;
  int max_side_in = 12000;
  // What is kept: the longest side of the stored image and of its thumbnail, never enlarged.
  int max_side_out = 2048;
  int thumbnail_side = 320;
  int jpeg_quality = 82;
};

struct ProcessedImage {
  std::string jpeg;       // the image to store: JPEG, sRGB, no metadata
  std::string thumbnail;  // JPEG, longest side at most ImageLimits::thumbnail_side
  int width = 0;          // of `jpeg`, after autorotation
  int height = 0;
};

enum class ImageFormat { kUnknown, kJpeg, kPng, kWebp, kHeif };

// The format that the leading bytes announce (magic numbers only; nothing is decoded).
ImageFormat sniff_format(std::string_view bytes);

// Starts libvips once per process (further calls do nothing) and sets it up for untrusted input:
// no operation cache, loaders marked untrusted blocked. Throws std::runtime_error when libvips
// cannot start. process_image() calls it too; the composition root calls it at start-up so that a
// broken installation stops the server before it takes requests.
void init_media();

// Checks and re-encodes an uploaded image. Refuses: empty input (422 image_empty), more than
// max_bytes (413 image_too_large), anything but JPEG/PNG/WebP/HEIF (415 image_unsupported_format),
// too many pixels or too long a side (422 image_dimensions_too_large, before decoding), a truncated
// or corrupt file (422 image_corrupt). Thread-safe; any thread may call it at any time.
Result<ProcessedImage> process_image(std::string_view bytes, const ImageLimits& limits = {});

}  // namespace cds::media
