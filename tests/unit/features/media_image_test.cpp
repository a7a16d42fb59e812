// process_image: what comes out is upright, bounded, metadata-free JPEG; what is refused is refused
// before it costs anything. Every test image is made here with libvips; no binary fixtures.
#include <gtest/gtest.h>
#include <vips/vips.h>

#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "media/image.hpp"

namespace cds::media {
namespace {

struct Unref {
  void operator()(VipsImage* p) const { g_object_unref(p); }
};
using VImage = std::unique_ptr<VipsImage, Unref>;

// An RGB (or RGBA) image whose pixels `fill(x, y, band)` gives.
template <class Fill>
VImage make_image(int w, int h, int bands, Fill fill) {
  std::vector<std::uint8_t> px(static_cast<std::size_t>(w) * h * bands);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      for (int b = 0; b < bands; ++b)
        px[(static_cast<std::size_t>(y) * w + x) * bands + b] = fill(x, y, b);
  VipsImage* img =
      vips_image_new_from_memory_copy(px.data(), px.size(), w, h, bands, VIPS_FORMAT_UCHAR);
  EXPECT_NE(img, nullptr);
  return VImage(img);
}

VImage noise_image(int w, int h, unsigned seed = 1) {
  std::mt19937 rng(seed);
  return make_image(w, h, 3, [&](int, int, int) { return static_cast<std::uint8_t>(rng()); });
}

// One grey level, made by libvips itself (fast for large sizes).
VImage grey_image(int w, int h, std::uint8_t v = 128) {
  VipsImage* black = nullptr;
  EXPECT_EQ(vips_black(&black, w, h, "bands", 3, nullptr), 0);
  VImage black_owned(black);
  VipsImage* grey = nullptr;
  EXPECT_EQ(vips_linear1(black, &grey, 1.0, static_cast<double>(v), "uchar", TRUE, nullptr), 0);
  VipsImage* srgb = nullptr;
  EXPECT_EQ(vips_copy(grey, &srgb, "interpretation", VIPS_INTERPRETATION_sRGB, nullptr), 0);
  g_object_unref(grey);
  return VImage(srgb);
}

// Smooth diagonal stripes: cheap to encode, yet not flat.
VImage stripes_image(int w, int h) {
  return make_image(w, h, 3, [](int x, int y, int b) {
    return static_cast<std::uint8_t>((x + y + 40 * b) % 256);
  });
}

std::string take(void* buf, std::size_t len) {
  std::string out(static_cast<const char*>(buf), len);
  g_free(buf);
  return out;
}

std::string to_jpeg(VipsImage* img, int quality = 90) {
  void* buf = nullptr;
  std::size_t len = 0;
  EXPECT_EQ(vips_jpegsave_buffer(img, &buf, &len, "Q", quality, "strip", TRUE, nullptr), 0);
  return take(buf, len);
}

std::string to_png(VipsImage* img) {
  void* buf = nullptr;
  std::size_t len = 0;
  EXPECT_EQ(vips_pngsave_buffer(img, &buf, &len, nullptr), 0);
  return take(buf, len);
}

VImage decode(const std::string& bytes) {
  VipsImage* img = vips_image_new_from_buffer(bytes.data(), bytes.size(), "", nullptr);
  EXPECT_NE(img, nullptr) << vips_error_buffer();
  return VImage(img);
}

// The mean of band 0 in a w×h box at (x, y).
double mean_at(VipsImage* img, int x, int y, int w, int h) {
  VipsImage* box = nullptr;
  EXPECT_EQ(vips_extract_area(img, &box, x, y, w, h, nullptr), 0);
  VipsImage* band = nullptr;
  EXPECT_EQ(vips_extract_band(box, &band, 0, nullptr), 0);
  double mean = -1;
  EXPECT_EQ(vips_avg(band, &mean, nullptr), 0);
  g_object_unref(band);
  g_object_unref(box);
  return mean;
}

// --- EXIF built by hand: a little-endian TIFF structure with Orientation and a GPS IFD. ---

void put16(std::string& s, std::uint16_t v) {
  s.push_back(static_cast<char>(v & 0xFF));
  s.push_back(static_cast<char>(v >> 8));
}
void put32(std::string& s, std::uint32_t v) {
  put16(s, static_cast<std::uint16_t>(v & 0xFFFF));
  put16(s, static_cast<std::uint16_t>(v >> 16));
}
void entry(std::string& s, std::uint16_t tag, std::uint16_t type, std::uint32_t count,
           std::uint32_t value) {
  put16(s, tag);
  put16(s, type);
  put32(s, count);
  put32(s, value);
}

// "Exif\0\0" + TIFF: IFD0 {Orientation, GPSInfo}, GPS IFD {lat ref, lat, lon ref, lon}: a spot
// in District 1 (10°46'30"N 106°42'0"E).
std::string exif_with_gps(std::uint16_t orientation) {
  std::string t("II*\0", 4);
  put32(t, 8);
  // IFD0 at 8: 2 entries -> 2 + 24 + 4 = 30 bytes; GPS IFD at 38: 4 entries -> 54 bytes; data
  // at 92.
  put16(t, 2);
  entry(t, 0x0112, 3, 1, orientation);  // SHORT, fits in the value field
  entry(t, 0x8825, 4, 1, 38);           // GPSInfo IFD pointer
  put32(t, 0);
  put16(t, 4);
  entry(t, 0x0001, 2, 2, 'N');  // GPSLatitudeRef "N\0"
  entry(t, 0x0002, 5, 3, 92);   // GPSLatitude, 3 RATIONALs at 92
  entry(t, 0x0003, 2, 2, 'E');  // GPSLongitudeRef "E\0"
  entry(t, 0x0004, 5, 3, 116);  // GPSLongitude at 116
  put32(t, 0);
  for (std::uint32_t v : {10u, 1u, 46u, 1u, 30u, 1u}) put32(t, v);
  for (std::uint32_t v : {106u, 1u, 42u, 1u, 0u, 1u}) put32(t, v);
  return std::string("Exif\0\0", 6) + t;
}

const std::string kXmp = std::string("http://ns.adobe.com/xap/1.0/\0", 29) +
                         "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF "
                         "xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><rdf:Description "
                         "xmlns:exif='http://ns.adobe.com/exif/1.0/' exif:GPSLatitude='10,46.5N' "
                         "exif:GPSLongitude='106,42.0E'/></rdf:RDF></x:xmpmeta>";

// Inserts an APPn segment right after SOI.
std::string with_segment(const std::string& jpeg, std::uint8_t marker, const std::string& payload) {
  std::string seg;
  seg.push_back('\xFF');
  seg.push_back(static_cast<char>(marker));
  const std::size_t len = payload.size() + 2;
  seg.push_back(static_cast<char>(len >> 8));
  seg.push_back(static_cast<char>(len & 0xFF));
  seg += payload;
  return jpeg.substr(0, 2) + seg + jpeg.substr(2);
}

// The markers of a JPEG's header segments, up to the start of the scan.
std::vector<std::uint8_t> jpeg_markers(const std::string& jpeg) {
  std::vector<std::uint8_t> markers;
  std::size_t i = 2;
  while (i + 4 <= jpeg.size() && static_cast<std::uint8_t>(jpeg[i]) == 0xFF) {
    const auto marker = static_cast<std::uint8_t>(jpeg[i + 1]);
    markers.push_back(marker);
    if (marker == 0xDA) break;  // start of scan
    const std::size_t len =
        (static_cast<std::uint8_t>(jpeg[i + 2]) << 8) | static_cast<std::uint8_t>(jpeg[i + 3]);
    i += 2 + len;
  }
  return markers;
}

// Rewrites the frame header's dimensions: a small file that claims to be huge.
std::string with_claimed_size(std::string jpeg, int width, int height) {
  for (std::size_t i = 2; i + 9 < jpeg.size(); ++i) {
    if (static_cast<std::uint8_t>(jpeg[i]) == 0xFF &&
        static_cast<std::uint8_t>(jpeg[i + 1]) == 0xC0) {
      jpeg[i + 5] = static_cast<char>(height >> 8);
      jpeg[i + 6] = static_cast<char>(height & 0xFF);
      jpeg[i + 7] = static_cast<char>(width >> 8);
      jpeg[i + 8] = static_cast<char>(width & 0xFF);
      return jpeg;
    }
  }
  ADD_FAILURE() << "no SOF0 marker";
  return jpeg;
}

std::uint32_t crc32(const std::string& data) {
  std::uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char c : data) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

void put32be(std::string& s, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) s.push_back(static_cast<char>((v >> shift) & 0xFF));
}

std::string png_chunk(const std::string& type, const std::string& data) {
  std::string c;
  put32be(c, static_cast<std::uint32_t>(data.size()));
  c += type + data;
  put32be(c, crc32(type + data));
  return c;
}

// A PNG of a few dozen bytes whose header declares width × height RGB pixels.
std::string png_claiming(std::uint32_t width, std::uint32_t height) {
  std::string ihdr;
  put32be(ihdr, width);
  put32be(ihdr, height);
  ihdr += std::string("\x08\x02\x00\x00\x00", 5);  // 8-bit RGB, deflate, no filter, no interlace
  return std::string("\x89PNG\r\n\x1A\n", 8) + png_chunk("IHDR", ihdr) +
         png_chunk("IDAT", std::string("\x78\x9C\x62\x00", 4)) + png_chunk("IEND", "");
}

class MediaImage : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { init_media(); }
};

TEST_F(MediaImage, StripsExifGpsAndXmpAndAppliesOrientation) {
  // Stored 300×200 with a white block top-left; orientation 6 means "turn 90° clockwise to view",
  // which puts that block top-right in a 200×300 picture.
  VImage stored = make_image(
      300, 200, 3, [](int x, int y, int) -> std::uint8_t { return x < 60 && y < 40 ? 255 : 0; });
  std::string input = with_segment(to_jpeg(stored.get()), 0xE1, exif_with_gps(6));
  input = with_segment(input, 0xE1, kXmp);

  // The input really carries what must go: libvips reads the GPS tags and the orientation.
  VImage in = decode(input);
  ASSERT_NE(vips_image_get_typeof(in.get(), "exif-ifd3-GPSLatitude"), 0u);
  ASSERT_NE(vips_image_get_typeof(in.get(), VIPS_META_XMP_NAME), 0u);
  EXPECT_EQ(vips_image_get_orientation(in.get()), 6);

  Result<ProcessedImage> out = process_image(input);
  ASSERT_TRUE(out.ok()) << out.status().key();
  EXPECT_EQ(out->width, 200);
  EXPECT_EQ(out->height, 300);

  for (const std::string* bytes : {&out->jpeg, &out->thumbnail}) {
    EXPECT_EQ(bytes->find("Exif"), std::string::npos);
    EXPECT_EQ(bytes->find(std::string("II*\0", 4)), std::string::npos);
    EXPECT_EQ(bytes->find(std::string("MM\0*", 4)), std::string::npos);
    EXPECT_EQ(bytes->find("ns.adobe.com"), std::string::npos);
    EXPECT_EQ(bytes->find("GPS"), std::string::npos);
    for (std::uint8_t marker : jpeg_markers(*bytes)) {
      EXPECT_FALSE(marker >= 0xE1 && marker <= 0xEF) << "APP" << (marker - 0xE0) << " segment kept";
      EXPECT_NE(marker, 0xFE) << "comment kept";
    }
    VImage decoded = decode(*bytes);
    EXPECT_EQ(vips_image_get_typeof(decoded.get(), VIPS_META_EXIF_NAME), 0u);
    EXPECT_EQ(vips_image_get_typeof(decoded.get(), VIPS_META_XMP_NAME), 0u);
    EXPECT_EQ(vips_image_get_typeof(decoded.get(), VIPS_META_IPTC_NAME), 0u);
    EXPECT_EQ(vips_image_get_typeof(decoded.get(), VIPS_META_ICC_NAME), 0u);
    EXPECT_EQ(vips_image_get_typeof(decoded.get(), "exif-ifd3-GPSLatitude"), 0u);
    EXPECT_EQ(vips_image_get_orientation(decoded.get()), 1);
  }

  VImage result = decode(out->jpeg);
  EXPECT_EQ(vips_image_get_width(result.get()), 200);
  EXPECT_EQ(vips_image_get_height(result.get()), 300);
  EXPECT_GT(mean_at(result.get(), 170, 5, 20, 20), 200);  // the block, now top-right
  EXPECT_LT(mean_at(result.get(), 5, 5, 20, 20), 50);     // top-left is dark
}

TEST_F(MediaImage, BoundsTheLongestSideAndMakesAThumbnail) {
  VImage wide = stripes_image(3000, 1000);
  Result<ProcessedImage> out = process_image(to_jpeg(wide.get()));
  ASSERT_TRUE(out.ok()) << out.status().key();
  EXPECT_EQ(out->width, 2048);
  EXPECT_NEAR(out->height, 683, 1);
  VImage main = decode(out->jpeg);
  EXPECT_EQ(vips_image_get_width(main.get()), out->width);
  EXPECT_EQ(vips_image_get_height(main.get()), out->height);
  EXPECT_EQ(vips_image_get_bands(main.get()), 3);
  VImage thumb = decode(out->thumbnail);
  EXPECT_EQ(vips_image_get_width(thumb.get()), 320);
  EXPECT_LE(vips_image_get_height(thumb.get()), 320);
  EXPECT_LT(out->thumbnail.size(), out->jpeg.size());
}

TEST_F(MediaImage, ShrinksOnLoadAndStillBoundsOddSizes) {
  // Large enough for the decoder to shrink by 2; the tall odd size checks rounding.
  for (auto [w, h] : {std::pair{5000, 3001}, std::pair{1001, 4097}, std::pair{2049, 2049}}) {
    VImage img = grey_image(w, h);
    Result<ProcessedImage> out = process_image(to_jpeg(img.get()));
    ASSERT_TRUE(out.ok()) << out.status().key();
    EXPECT_EQ(std::max(out->width, out->height), 2048) << w << "x" << h;
    EXPECT_GT(std::min(out->width, out->height), 0);
    VImage thumb = decode(out->thumbnail);
    EXPECT_EQ(std::max(vips_image_get_width(thumb.get()), vips_image_get_height(thumb.get())), 320);
  }
}

TEST_F(MediaImage, NeverEnlargesASmallImage) {
  VImage small = grey_image(100, 80);
  Result<ProcessedImage> out = process_image(to_jpeg(small.get()));
  ASSERT_TRUE(out.ok()) << out.status().key();
  EXPECT_EQ(out->width, 100);
  EXPECT_EQ(out->height, 80);
  VImage thumb = decode(out->thumbnail);
  EXPECT_EQ(vips_image_get_width(thumb.get()), 100);
}

TEST_F(MediaImage, AcceptsPngAndFlattensTransparencyOnWhite) {
  // RGBA: left half fully transparent, right half opaque black.
  VImage rgba = make_image(400, 300, 4, [](int x, int, int b) -> std::uint8_t {
    if (b == 3) return x < 200 ? 0 : 255;
    return 0;
  });
  Result<ProcessedImage> out = process_image(to_png(rgba.get()));
  ASSERT_TRUE(out.ok()) << out.status().key();
  EXPECT_EQ(out->width, 400);
  EXPECT_EQ(out->height, 300);
  VImage result = decode(out->jpeg);
  EXPECT_EQ(vips_image_get_bands(result.get()), 3);
  EXPECT_GT(mean_at(result.get(), 10, 10, 50, 50), 240);
  EXPECT_LT(mean_at(result.get(), 300, 10, 50, 50), 15);
}

TEST_F(MediaImage, AcceptsSixteenBitAndGreyscalePng) {
  VImage rgb = grey_image(64, 48, 200);
  VipsImage* wide = nullptr;
  ASSERT_EQ(vips_cast(rgb.get(), &wide, VIPS_FORMAT_USHORT, nullptr), 0);
  VImage wide_owned(wide);
  VipsImage* scaled = nullptr;
  ASSERT_EQ(vips_linear1(wide, &scaled, 257.0, 0.0, "uchar", FALSE, nullptr), 0);
  VImage scaled_owned(scaled);
  VipsImage* as16 = nullptr;
  ASSERT_EQ(vips_cast(scaled, &as16, VIPS_FORMAT_USHORT, nullptr), 0);
  VImage as16_owned(as16);
  VipsImage* tagged = nullptr;
  ASSERT_EQ(vips_copy(as16, &tagged, "interpretation", VIPS_INTERPRETATION_RGB16, nullptr), 0);
  VImage tagged_owned(tagged);
  Result<ProcessedImage> out = process_image(to_png(tagged));
  ASSERT_TRUE(out.ok()) << out.status().key();
  EXPECT_NEAR(mean_at(decode(out->jpeg).get(), 0, 0, 64, 48), 200, 3);

  VImage grey = make_image(50, 40, 1, [](int, int, int) -> std::uint8_t { return 90; });
  Result<ProcessedImage> grey_out = process_image(to_png(grey.get()));
  ASSERT_TRUE(grey_out.ok()) << grey_out.status().key();
  EXPECT_NEAR(mean_at(decode(grey_out->jpeg).get(), 0, 0, 50, 40), 90, 3);
}

TEST_F(MediaImage, AcceptsWebp) {
  VImage img = stripes_image(2600, 1300);
  void* buf = nullptr;
  std::size_t len = 0;
  ASSERT_EQ(vips_webpsave_buffer(img.get(), &buf, &len, "Q", 60, nullptr), 0);
  const std::string webp = take(buf, len);
  EXPECT_EQ(sniff_format(webp), ImageFormat::kWebp);
  Result<ProcessedImage> out = process_image(webp);
  ASSERT_TRUE(out.ok()) << out.status().key();
  EXPECT_EQ(std::max(out->width, out->height), 2048);
  EXPECT_EQ(out->jpeg.substr(0, 3), "\xFF\xD8\xFF");
}

TEST_F(MediaImage, AcceptsHeifWhenThisLibvipsCanWriteIt) {
  VImage img = noise_image(320, 240, 3);
  void* buf = nullptr;
  std::size_t len = 0;
  if (vips_heifsave_buffer(img.get(), &buf, &len, "compression", VIPS_FOREIGN_HEIF_COMPRESSION_AV1,
                           nullptr) != 0) {
    vips_error_clear();
    GTEST_SKIP() << "no HEIF/AVIF encoder in this libvips";
  }
  const std::string heif = take(buf, len);
  EXPECT_EQ(sniff_format(heif), ImageFormat::kHeif);
  Result<ProcessedImage> out = process_image(heif);
  ASSERT_TRUE(out.ok()) << out.status().key();
  EXPECT_EQ(out->width, 320);
  EXPECT_EQ(out->height, 240);
}

TEST_F(MediaImage, RefusesWhatIsNotAnImage) {
  for (const std::string& bytes :
       {std::string("This is a text file that someone named photo.jpg\n"),
        std::string("GIF89a\x01\x00\x01\x00\x00\x00\x00;", 14),
        std::string("<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'/>"),
        std::string("%PDF-1.4\n")}) {
    Result<ProcessedImage> out = process_image(bytes);
    ASSERT_FALSE(out.ok());
    EXPECT_EQ(out.status().code(), Code::kUnsupportedMedia);
    EXPECT_EQ(out.status().key(), "image_unsupported_format");
    EXPECT_TRUE(out.status().params().count("expected"));
  }
}

TEST_F(MediaImage, RefusesEmptyAndOversizedInput) {
  Result<ProcessedImage> empty = process_image("");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().code(), Code::kInvalid);
  EXPECT_EQ(empty.status().key(), "image_empty");

  std::string big(10 * 1024 * 1024 + 1, '\0');
  big.replace(0, 3, "\xFF\xD8\xFF");
  Result<ProcessedImage> too_big = process_image(big);
  ASSERT_FALSE(too_big.ok());
  EXPECT_EQ(too_big.status().code(), Code::kTooLarge);
  EXPECT_EQ(too_big.status().key(), "image_too_large");
  EXPECT_EQ(too_big.status().params().at("limit"), "10 MiB");
}

TEST_F(MediaImage, RefusesTruncatedAndCorruptImages) {
  VImage img = noise_image(800, 600, 11);
  const std::string jpeg = to_jpeg(img.get());
  ASSERT_TRUE(process_image(jpeg).ok());
  Result<ProcessedImage> cut = process_image(jpeg.substr(0, jpeg.size() * 6 / 10));
  ASSERT_FALSE(cut.ok());
  EXPECT_EQ(cut.status().code(), Code::kInvalid);
  EXPECT_EQ(cut.status().key(), "image_corrupt");

  const std::string png = to_png(img.get());
  ASSERT_TRUE(process_image(png).ok());
  Result<ProcessedImage> cut_png = process_image(png.substr(0, png.size() / 2));
  ASSERT_FALSE(cut_png.ok());
  EXPECT_EQ(cut_png.status().key(), "image_corrupt");

  Result<ProcessedImage> garbage = process_image(std::string("\xFF\xD8\xFF\xE0 garbage garbage"));
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.status().key(), "image_corrupt");
}

TEST_F(MediaImage, RefusesDecompressionBombsFromTheHeader) {
  // A few dozen bytes declaring 50000×50000 (2.5 gigapixels): decoding would need 7.5 GB.
  const std::string bomb = png_claiming(50000, 50000);
  EXPECT_LT(bomb.size(), 100u);
  Result<ProcessedImage> out = process_image(bomb);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), Code::kInvalid);
  EXPECT_EQ(out.status().key(), "image_dimensions_too_large");
  EXPECT_EQ(out.status().params().at("width"), "50000");

  // A real, fully decodable image over the pixel limit (42 megapixels) that compresses to little.
  VipsImage* black = nullptr;
  ASSERT_EQ(vips_black(&black, 7000, 6000, nullptr), 0);
  VImage black_owned(black);
  const std::string solid = to_png(black);
  EXPECT_LT(solid.size(), 1024u * 1024u);
  Result<ProcessedImage> solid_out = process_image(solid);
  ASSERT_FALSE(solid_out.ok());
  EXPECT_EQ(solid_out.status().key(), "image_dimensions_too_large");

  // A JPEG header claiming 60000×60000, and one with a side over the limit but few pixels.
  VImage small = grey_image(64, 64);
  const std::string jpeg = to_jpeg(small.get());
  Result<ProcessedImage> huge = process_image(with_claimed_size(jpeg, 60000, 60000));
  ASSERT_FALSE(huge.ok());
  EXPECT_EQ(huge.status().key(), "image_dimensions_too_large");
  Result<ProcessedImage> long_side = process_image(with_claimed_size(jpeg, 13000, 64));
  ASSERT_FALSE(long_side.ok());
  EXPECT_EQ(long_side.status().key(), "image_dimensions_too_large");
}

TEST_F(MediaImage, HonoursCustomLimits) {
  ImageLimits limits;
  limits.max_pixels = 9'000;  // 120×80 is 9,600
  limits.max_side_out = 50;
  limits.thumbnail_side = 20;
  VImage img = grey_image(120, 80);
  EXPECT_EQ(process_image(to_jpeg(img.get()), limits).status().key(), "image_dimensions_too_large");
  limits.max_pixels = 1'000'000;
  Result<ProcessedImage> out = process_image(to_jpeg(img.get()), limits);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->width, 50);
  EXPECT_EQ(std::max(vips_image_get_width(decode(out->thumbnail).get()),
                     vips_image_get_height(decode(out->thumbnail).get())),
            20);
}

TEST_F(MediaImage, WorksFromManyThreadsAndReleasesItsMemory) {
  VImage img = noise_image(800, 600, 5);
  const std::string jpeg = to_jpeg(img.get());
  ASSERT_TRUE(process_image(jpeg).ok());  // warm up libvips' own one-time allocations
  // Pixel memory libvips holds now: the test image itself, and per-thread buffers it may drop.
  const std::size_t before = vips_tracked_get_mem();
  std::vector<std::thread> threads;
  std::vector<int> ok(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 3; ++i) ok[t] += process_image(jpeg).ok() ? 1 : 0;
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok, std::vector<int>(4, 3));
  // Each leaked decode would hold at least 800×600×3 bytes, twelve of them 17 MB. libvips may keep
  // some per-thread buffers of the threads it used (seen: 0.8 MB under a parallel test run), so
  // less than one image's worth of growth is not a leak.
  const std::size_t one_image = 800 * 600 * 3;
  EXPECT_LT(vips_tracked_get_mem(), before + one_image);
}

TEST_F(MediaImage, ConvertsCmykAndTaggedColourToPlainSrgb) {
  // CMYK JPEG (as print workflows make them): left half no ink, right half full black ink.
  VImage ink = make_image(
      200, 100, 4, [](int x, int, int b) -> std::uint8_t { return b == 3 && x >= 100 ? 255 : 0; });
  VipsImage* cmyk = nullptr;
  ASSERT_EQ(vips_copy(ink.get(), &cmyk, "interpretation", VIPS_INTERPRETATION_CMYK, nullptr), 0);
  VImage cmyk_owned(cmyk);
  Result<ProcessedImage> out = process_image(to_jpeg(cmyk));
  ASSERT_TRUE(out.ok()) << out.status().key();
  VImage result = decode(out->jpeg);
  EXPECT_EQ(vips_image_get_bands(result.get()), 3);
  EXPECT_GT(mean_at(result.get(), 10, 10, 50, 50), 200);
  EXPECT_LT(mean_at(result.get(), 140, 10, 50, 50), 80);

  // A JPEG tagged with a wide-gamut profile: converted, and the profile dropped.
  VImage red =
      make_image(64, 64, 3, [](int, int, int b) -> std::uint8_t { return b == 0 ? 255 : 0; });
  void* buf = nullptr;
  std::size_t len = 0;
  if (vips_jpegsave_buffer(red.get(), &buf, &len, "profile", "p3", nullptr) != 0) {
    vips_error_clear();
    GTEST_SKIP() << "this libvips has no built-in p3 profile";
  }
  const std::string tagged = take(buf, len);
  ASSERT_NE(vips_image_get_typeof(decode(tagged).get(), VIPS_META_ICC_NAME), 0u);
  Result<ProcessedImage> converted = process_image(tagged);
  ASSERT_TRUE(converted.ok()) << converted.status().key();
  VImage plain = decode(converted->jpeg);
  EXPECT_EQ(vips_image_get_typeof(plain.get(), VIPS_META_ICC_NAME), 0u);
  EXPECT_GT(mean_at(plain.get(), 0, 0, 64, 64), 200);  // still red
  VipsImage* green = nullptr;
  ASSERT_EQ(vips_extract_band(plain.get(), &green, 1, nullptr), 0);
  EXPECT_LT(mean_at(green, 0, 0, 64, 64), 60);
  g_object_unref(green);
}

TEST_F(MediaImage, FlattensSixteenBitTransparency) {
  VImage rgba = make_image(100, 50, 4, [](int x, int, int b) -> std::uint8_t {
    return b == 3 ? (x < 50 ? 0 : 255) : 0;
  });
  VipsImage* wide = nullptr;
  ASSERT_EQ(vips_linear1(rgba.get(), &wide, 257.0, 0.0, nullptr), 0);
  VImage wide_owned(wide);
  VipsImage* as16 = nullptr;
  ASSERT_EQ(vips_cast(wide, &as16, VIPS_FORMAT_USHORT, nullptr), 0);
  VImage as16_owned(as16);
  VipsImage* tagged = nullptr;
  ASSERT_EQ(vips_copy(as16, &tagged, "interpretation", VIPS_INTERPRETATION_RGB16, nullptr), 0);
  VImage tagged_owned(tagged);
  Result<ProcessedImage> out = process_image(to_png(tagged));
  ASSERT_TRUE(out.ok()) << out.status().key();
  VImage result = decode(out->jpeg);
  EXPECT_GT(mean_at(result.get(), 5, 5, 30, 30), 240);
  EXPECT_LT(mean_at(result.get(), 65, 5, 30, 30), 15);
}

TEST_F(MediaImage, SniffsByMagicNumbers) {
  EXPECT_EQ(sniff_format("\xFF\xD8\xFF\xDB"), ImageFormat::kJpeg);
  EXPECT_EQ(sniff_format(std::string("\x89PNG\r\n\x1A\n", 8)), ImageFormat::kPng);
  EXPECT_EQ(sniff_format("RIFF\x10\x00\x00\x00WEBPVP8 "), ImageFormat::kUnknown);  // embedded NUL
  EXPECT_EQ(sniff_format(std::string("RIFF\x10\x00\x00\x00WEBPVP8 ", 16)), ImageFormat::kWebp);
  EXPECT_EQ(sniff_format(std::string("\0\0\0\x18"
                                     "ftypheic",
                                     12)),
            ImageFormat::kHeif);
  EXPECT_EQ(sniff_format(std::string("\0\0\0\x18"
                                     "ftypmp42",
                                     12)),
            ImageFormat::kUnknown);
  EXPECT_EQ(sniff_format("\xFF\xD8"), ImageFormat::kUnknown);
  EXPECT_EQ(sniff_format(""), ImageFormat::kUnknown);
}

}  // namespace
}  // namespace cds::media
