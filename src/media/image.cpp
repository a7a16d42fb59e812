// Uploaded images through libvips: sniff, read the header, refuse what is too big, then decode
// (shrinking on load where the format allows), make sRGB, flatten, shrink, rotate upright, drop
// every metadata field, and encode the JPEG and its thumbnail.
#include "media/image.hpp"

#include <vips/vips.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <utility>
#include <vector>

namespace cds::media {
namespace {

// Owns one reference to a VipsImage.
class Image {
 public:
  Image() = default;
  explicit Image(VipsImage* image) : image_(image) {}
  Image(const Image&) = delete;
  Image& operator=(const Image&) = delete;
  Image(Image&& other) noexcept : image_(std::exchange(other.image_, nullptr)) {}
  Image& operator=(Image&& other) noexcept {
    if (this != &other) {
      reset();
      image_ = std::exchange(other.image_, nullptr);
    }
    return *this;
  }
  ~Image() { reset(); }

  VipsImage* get() const { return image_; }
  // For a vips call's output argument; drops what was held.
  VipsImage** out() {
    reset();
    return &image_;
  }
  int width() const { return vips_image_get_width(image_); }
  int height() const { return vips_image_get_height(image_); }

 private:
  void reset() {
    if (image_ != nullptr) g_object_unref(image_);
    image_ = nullptr;
  }
  VipsImage* image_ = nullptr;
};

// Owns a buffer that libvips allocated with g_malloc.
struct GFree {
  void operator()(void* p) const { g_free(p); }
};

// The messages libvips queued for this failure (shared by all threads, so possibly mixed with
// another thread's; for logs only), and clears them.
std::string take_vips_error() {
  char* text = vips_error_buffer_copy();
  std::string out = text != nullptr ? text : "";
  g_free(text);
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

// What libvips said is about the file, not about us; the client reads the catalogue message.
Status corrupt() {
  take_vips_error();
  return Status::Invalid("image_corrupt");
}

bool heif_available() {
  static const bool available = vips_type_find("VipsOperation", "heifload_buffer") != 0;
  return available;
}

// Loads lazily: only the header is read here; pixels are decoded when a later step asks for them,
// so the caller may check the dimensions first. `shrink` (JPEG: 1, 2, 4 or 8) and `scale` (WebP)
// make the decoder produce a smaller image directly. Returns 0 on success, as libvips does.
int load(ImageFormat format, std::string_view bytes, VipsImage** out, int shrink = 1,
         double scale = 1.0) {
  // The loaders only read the buffer; their signatures predate const.
  void* buf = const_cast<char*>(bytes.data());
  const std::size_t len = bytes.size();
  switch (format) {
    case ImageFormat::kJpeg:
      return vips_jpegload_buffer(buf, len, out, "access", VIPS_ACCESS_SEQUENTIAL, "fail_on",
                                  VIPS_FAIL_ON_ERROR, "shrink", shrink, nullptr);
    case ImageFormat::kPng:
      return vips_pngload_buffer(buf, len, out, "access", VIPS_ACCESS_SEQUENTIAL, "fail_on",
                                 VIPS_FAIL_ON_ERROR, nullptr);
    case ImageFormat::kWebp:
      return vips_webpload_buffer(buf, len, out, "access", VIPS_ACCESS_SEQUENTIAL, "fail_on",
                                  VIPS_FAIL_ON_ERROR, "scale", scale, nullptr);
    case ImageFormat::kHeif:
      return vips_heifload_buffer(buf, len, out, "access", VIPS_ACCESS_SEQUENTIAL, "fail_on",
                                  VIPS_FAIL_ON_ERROR, nullptr);
    case ImageFormat::kUnknown:
      break;
  }
  vips_error("congdanso", "unsupported format");
  return -1;
}

// To 8-bit sRGB, keeping any alpha band: through the embedded ICC profile when there is one (CMYK,
// wide-gamut phone photos), else by the interpretation libvips inferred.
int to_srgb(VipsImage* in, VipsImage** out) {
  if (vips_image_get_typeof(in, VIPS_META_ICC_NAME) != 0) {
    if (vips_icc_transform(in, out, "srgb", "embedded", TRUE, "depth", 8, nullptr) == 0) return 0;
    // A broken profile: fall back to the plain conversion.
    take_vips_error();
  }
  return vips_colourspace(in, out, VIPS_INTERPRETATION_sRGB, nullptr);
}

// Alpha onto white, since JPEG has none.
int flatten_white(VipsImage* in, VipsImage** out) {
  VipsArrayDouble* white = vips_array_double_newv(3, 255.0, 255.0, 255.0);
  int rc = vips_flatten(in, out, "background", white, nullptr);
  vips_area_unref(VIPS_AREA(white));
  return rc;
}

// Shrinks so that the longest side is at most `side` (never enlarges). Rounding in the resampler
// may leave one pixel too many; that pixel is cropped.
int fit_within(VipsImage* in, VipsImage** out, int side) {
  const int w = vips_image_get_width(in), h = vips_image_get_height(in);
  const int longest = std::max(w, h);
  if (longest <= side) return vips_copy(in, out, nullptr);
  Image resized;
  if (vips_resize(in, resized.out(), static_cast<double>(side) / longest, nullptr) != 0) return -1;
  const int rw = std::min(resized.width(), side), rh = std::min(resized.height(), side);
  if (rw == resized.width() && rh == resized.height()) {
    *out = resized.get();
    g_object_ref(*out);
    return 0;
  }
  return vips_crop(resized.get(), out, 0, 0, rw, rh, nullptr);
}

// A copy of `in` whose metadata table is empty: no EXIF (GPS, camera serial, times), XMP, IPTC,
// ICC profile, orientation or comments. jpegsave's `strip` drops them too; this makes sure nothing
// depends on that alone.
int without_metadata(VipsImage* in, VipsImage** out) {
  if (vips_copy(in, out, nullptr) != 0) return -1;
  std::vector<std::string> names;
  vips_image_map(
      *out,
      [](VipsImage*, const char* name, GValue*, void* a) -> void* {
        static_cast<std::vector<std::string>*>(a)->emplace_back(name);
        return nullptr;
      },
      &names);
  // Built-in header fields (width, format, ...) are listed too; removing them does nothing.
  for (const std::string& name : names) vips_image_remove(*out, name.c_str());
  return 0;
}

Result<std::string> encode_jpeg(VipsImage* in, int quality) {
  void* buf = nullptr;
  std::size_t len = 0;
  if (vips_jpegsave_buffer(in, &buf, &len, "Q", quality, "strip", TRUE, "optimize_coding", TRUE,
                           "interlace", FALSE, nullptr) != 0) {
    return corrupt();
  }
  std::unique_ptr<void, GFree> owned(buf);
  return std::string(static_cast<const char*>(buf), len);
}

std::string format_limit(std::size_t bytes) {
  if (bytes % (1024 * 1024) == 0) return std::to_string(bytes / (1024 * 1024)) + " MiB";
  if (bytes % 1024 == 0) return std::to_string(bytes / 1024) + " KiB";
  return std::to_string(bytes) + " B";
}

}  // namespace

ImageFormat sniff_format(std::string_view b) {
  auto at = [&](std::size_t pos, std::string_view magic) {
    return b.size() >= pos + magic.size() && b.substr(pos, magic.size()) == magic;
  };
  if (at(0, "\xFF\xD8\xFF")) return ImageFormat::kJpeg;
  if (at(0, "\x89PNG\r\n\x1A\n")) return ImageFormat::kPng;
  if (at(0, "RIFF") && at(8, "WEBP")) return ImageFormat::kWebp;
  if (at(4, "ftyp") && b.size() >= 12) {
    // ISO-BMFF major brands of HEIF still images (HEVC or AV1 coded).
    static constexpr std::array<std::string_view, 10> kBrands = {
        "heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1", "avif", "avis"};
    const std::string_view brand = b.substr(8, 4);
    if (std::find(kBrands.begin(), kBrands.end(), brand) != kBrands.end()) {
      return ImageFormat::kHeif;
    }
  }
  return ImageFormat::kUnknown;
}

void init_media() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (VIPS_INIT("congdanso") != 0) {
      throw std::runtime_error("libvips failed to start: " + take_vips_error());
    }
    // Every upload is new: caching operations would only hold memory (and key buffers by address).
    vips_cache_set_max(0);
    // Loaders that libvips itself calls unsafe for untrusted input (ImageMagick, PDF, ...) are
    // never reached by process_image, which picks its loader; block them in case that changes.
    vips_block_untrusted_set(TRUE);
    // libvips reports a bad upload both as an error (which becomes the Status) and as a warning
    // printed on stderr; the warning would only add unstructured noise to the JSON logs.
    g_log_set_handler(
        "VIPS", static_cast<GLogLevelFlags>(G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE),
        [](const gchar*, GLogLevelFlags, const gchar*, gpointer) {}, nullptr);
  });
}

Result<ProcessedImage> process_image(std::string_view bytes, const ImageLimits& limits) {
  init_media();
  if (bytes.empty()) return Status::Invalid("image_empty");
  if (bytes.size() > limits.max_bytes) {
    return Status(Code::kTooLarge, "image_too_large").with("limit", format_limit(limits.max_bytes));
  }
  const ImageFormat format = sniff_format(bytes);
  if (format == ImageFormat::kUnknown || (format == ImageFormat::kHeif && !heif_available())) {
    return Status(Code::kUnsupportedMedia, "image_unsupported_format")
        .with("expected", heif_available() ? "JPEG, PNG, WebP, HEIF" : "JPEG, PNG, WebP");
  }

  // The header only: nothing has been decoded yet.
  Image image;
  if (load(format, bytes, image.out()) != 0) return corrupt();
  const int width = image.width(), height = image.height();
  if (width <= 0 || height <= 0 || width > limits.max_side_in || height > limits.max_side_in ||
      static_cast<std::int64_t>(width) * height > limits.max_pixels) {
    return Status::Invalid("image_dimensions_too_large")
        .with("width", std::to_string(width))
        .with("height", std::to_string(height))
        .with("max_megapixels", std::to_string(limits.max_pixels / 1'000'000))
        .with("max_side", std::to_string(limits.max_side_in));
  }

  // Decode no more pixels than needed: JPEG can shrink by 2, 4 or 8 in the decoder, WebP by any
  // factor. The result is still at least max_side_out on its longest side.
  const int longest = std::max(width, height);
  if (format == ImageFormat::kJpeg) {
    int shrink = 1;
    while (shrink < 8 && longest / (shrink * 2) >= limits.max_side_out) shrink *= 2;
    if (shrink > 1 && load(format, bytes, image.out(), shrink) != 0) return corrupt();
  } else if (format == ImageFormat::kWebp && longest > limits.max_side_out) {
    const double scale = static_cast<double>(limits.max_side_out) / longest;
    if (load(format, bytes, image.out(), 1, scale) != 0) return corrupt();
  }

  // Streaming steps: each pulls lines from the one before, so the full-size image is never held.
  Image step;
  if (to_srgb(image.get(), step.out()) != 0) return corrupt();
  image = std::move(step);
  if (vips_image_hasalpha(image.get())) {
    if (flatten_white(image.get(), step.out()) != 0) return corrupt();
    image = std::move(step);
  }
  if (vips_image_get_bands(image.get()) > 3) {
    if (vips_extract_band(image.get(), step.out(), 0, "n", 3, nullptr) != 0) return corrupt();
    image = std::move(step);
  }
  if (vips_image_get_format(image.get()) != VIPS_FORMAT_UCHAR) {
    if (vips_cast(image.get(), step.out(), VIPS_FORMAT_UCHAR, nullptr) != 0) return corrupt();
    image = std::move(step);
  }
  if (fit_within(image.get(), step.out(), limits.max_side_out) != 0) return corrupt();
  image = std::move(step);

  // Decode now, into memory (at most max_side_out² pixels): a truncated or corrupt file fails
  // here. Rotation needs random access, hence after this.
  Image decoded(vips_image_copy_memory(image.get()));
  if (decoded.get() == nullptr) return corrupt();
  image = Image();
  if (vips_autorot(decoded.get(), step.out(), nullptr) != 0) return corrupt();
  Image upright = std::move(step);
  if (without_metadata(upright.get(), step.out()) != 0) return corrupt();
  Image clean = std::move(step);

  ProcessedImage out;
  out.width = clean.width();
  out.height = clean.height();
  Result<std::string> jpeg = encode_jpeg(clean.get(), limits.jpeg_quality);
  if (!jpeg.ok()) return jpeg.status();
  out.jpeg = std::move(jpeg).value();

  Image thumbnail;
  if (fit_within(clean.get(), thumbnail.out(), limits.thumbnail_side) != 0) return corrupt();
  Result<std::string> thumb = encode_jpeg(thumbnail.get(), limits.jpeg_quality);
  if (!thumb.ok()) return thumb.status();
  out.thumbnail = std::move(thumb).value();
  return out;
}

}  // namespace cds::media
