// MediaService over a temporary SQLite database and data directory: files land under their hash
// before their row, duplicates share files, ownership checks name the offending id.
#include <gtest/gtest.h>
#include <vips/vips.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/hash.hpp"
#include "media/media_service.hpp"
#include "store/database.hpp"

namespace cds::media {
namespace {

namespace fs = std::filesystem;

// A JPEG of w×h pixels of one grey level (different levels give different files).
std::string grey_jpeg(int w, int h, int level) {
  init_media();
  VipsImage* black = nullptr;
  EXPECT_EQ(vips_black(&black, w, h, "bands", 3, nullptr), 0);
  VipsImage* grey = nullptr;
  EXPECT_EQ(vips_linear1(black, &grey, 1.0, static_cast<double>(level), "uchar", TRUE, nullptr), 0);
  g_object_unref(black);
  void* buf = nullptr;
  std::size_t len = 0;
  EXPECT_EQ(vips_jpegsave_buffer(grey, &buf, &len, nullptr), 0);
  g_object_unref(grey);
  std::string out(static_cast<const char*>(buf), len);
  g_free(buf);
  return out;
}

auth::Principal user(std::int64_t id, auth::Role role = auth::Role::kCitizen) {
  auth::Principal p;
  p.user_id = id;
  p.username = "user" + std::to_string(id);
  p.role = role;
  return p;
}

class MediaServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "cds-media-XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    db_ = store::open_database("sqlite:" + (dir_ / "test.db").string());
    Result<int> migrated = store::migrate(*db_);
    ASSERT_TRUE(migrated.ok()) << migrated.status().internal_detail();
    Status st = db_->write([](store::Tx& tx) {
      for (std::int64_t id : {1, 2, 3}) {
        tx.exec("INSERT INTO users (id, username, role, created_at) VALUES ($1, $2, $3, 0)",
                {id, "user" + std::to_string(id), std::string(id == 3 ? "operator" : "citizen")});
      }
      return Status::Ok();
    });
    ASSERT_TRUE(st.ok()) << st.internal_detail();
    service_ = std::make_unique<MediaService>(*db_, clock_, (dir_ / "data").string());
  }
  void TearDown() override {
    service_.reset();
    db_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  std::int64_t count_rows() {
    std::int64_t n = -1;
    Status st = db_->read([&](store::Tx& tx) {
      n = tx.one("SELECT COUNT(*) FROM media")->i64(0);
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok());
    return n;
  }

  // Every regular file under the media directory, temp files included.
  std::vector<fs::path> media_files() {
    std::vector<fs::path> files;
    if (!fs::exists(dir_ / "data" / "media")) return files;
    for (const auto& e : fs::recursive_directory_iterator(dir_ / "data" / "media")) {
      if (e.is_regular_file()) files.push_back(e.path());
    }
    return files;
  }

  fs::path dir_;
  ManualClock clock_{1'780'000'000'000};
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<MediaService> service_;
};

TEST_F(MediaServiceTest, UploadWritesTheFilesUnderTheirHashThenTheRow) {
  Result<MediaInfo> info = service_->upload(user(1), grey_jpeg(640, 480, 100));
  ASSERT_TRUE(info.ok()) << info.status().key() << " " << info.status().internal_detail();
  EXPECT_TRUE(is_media_id(info->id)) << info->id;
  EXPECT_EQ(info->owner_id, 1);
  EXPECT_EQ(info->width, 640);
  EXPECT_EQ(info->height, 480);
  EXPECT_EQ(info->created_at, clock_.now());

  const fs::path main =
      dir_ / "data" / "media" / info->sha256.substr(0, 2) / (info->sha256 + ".jpg");
  const fs::path thumb =
      dir_ / "data" / "media" / info->sha256.substr(0, 2) / (info->sha256 + ".thumb.jpg");
  ASSERT_TRUE(fs::exists(main));
  ASSERT_TRUE(fs::exists(thumb));
  EXPECT_EQ(static_cast<std::int64_t>(fs::file_size(main)), info->bytes);

  Result<std::string> bytes = service_->read_file(*info, false);
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(sha256_hex(*bytes), info->sha256);
  Result<std::string> thumbnail = service_->read_file(*info, true);
  ASSERT_TRUE(thumbnail.ok());
  EXPECT_LT(thumbnail->size(), bytes->size());

  // The row, as stored.
  Status st = db_->read([&](store::Tx& tx) {
    auto row = tx.one(
        "SELECT owner_id, sha256, mime, width, height, bytes FROM media WHERE id = $1", {info->id});
    EXPECT_TRUE(row);
    if (!row) return Status::Ok();
    EXPECT_EQ(row->i64(0), 1);
    EXPECT_EQ(row->str(1), info->sha256);
    EXPECT_EQ(row->str(2), "image/jpeg");
    EXPECT_EQ(row->i64(3), 640);
    EXPECT_EQ(row->i64(4), 480);
    EXPECT_EQ(row->i64(5), info->bytes);
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok());

  Result<MediaInfo> again = service_->get(info->id);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->sha256, info->sha256);
  EXPECT_EQ(again->owner_id, 1);
  EXPECT_EQ(again->bytes, info->bytes);
  // Nothing left behind but the two files.
  EXPECT_EQ(media_files().size(), 2u);
}

TEST_F(MediaServiceTest, DuplicateContentSharesOneFile) {
  const std::string jpeg = grey_jpeg(300, 200, 50);
  Result<MediaInfo> a = service_->upload(user(1), jpeg);
  Result<MediaInfo> b = service_->upload(user(2), jpeg);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a->id, b->id);
  EXPECT_EQ(a->sha256, b->sha256);
  EXPECT_EQ(count_rows(), 2);
  EXPECT_EQ(media_files().size(), 2u);  // one image + one thumbnail

  Result<MediaInfo> other = service_->upload(user(1), grey_jpeg(300, 200, 200));
  ASSERT_TRUE(other.ok());
  EXPECT_NE(other->sha256, a->sha256);
  EXPECT_EQ(media_files().size(), 4u);
}

TEST_F(MediaServiceTest, RefusedUploadsLeaveNothing) {
  Result<MediaInfo> text = service_->upload(user(1), "not an image, just text named .jpg");
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.status().code(), Code::kUnsupportedMedia);
  const std::string jpeg = grey_jpeg(400, 300, 77);
  Result<MediaInfo> cut = service_->upload(user(1), jpeg.substr(0, jpeg.size() / 2));
  ASSERT_FALSE(cut.ok());
  EXPECT_EQ(cut.status().key(), "image_corrupt");
  EXPECT_EQ(count_rows(), 0);
  EXPECT_TRUE(media_files().empty());
}

TEST_F(MediaServiceTest, CheckOwnedNamesTheOffendingId) {
  Result<MediaInfo> mine = service_->upload(user(1), grey_jpeg(100, 100, 10));
  Result<MediaInfo> mine2 = service_->upload(user(1), grey_jpeg(100, 100, 20));
  Result<MediaInfo> theirs = service_->upload(user(2), grey_jpeg(100, 100, 30));
  ASSERT_TRUE(mine.ok() && mine2.ok() && theirs.ok());

  EXPECT_TRUE(service_->check_owned({}, 1).ok());
  EXPECT_TRUE(service_->check_owned({mine->id, mine2->id}, 1).ok());

  Status not_owned = service_->check_owned({mine->id, theirs->id}, 1);
  EXPECT_EQ(not_owned.code(), Code::kInvalid);
  EXPECT_EQ(not_owned.key(), "media_not_owned");
  EXPECT_EQ(not_owned.params().at("id"), theirs->id);

  const std::string unknown(32, 'a');
  Status missing = service_->check_owned({mine->id, unknown}, 1);
  EXPECT_EQ(missing.code(), Code::kInvalid);
  EXPECT_EQ(missing.key(), "media_not_found");
  EXPECT_EQ(missing.params().at("id"), unknown);

  EXPECT_EQ(service_->check_owned({"../../etc/passwd"}, 1).key(), "media_not_found");
  EXPECT_EQ(service_->check_owned({mine->id, mine->id}, 1).key(), "media_duplicate");
  EXPECT_EQ(service_->check_owned({theirs->id}, 2).key(), "");
}

TEST_F(MediaServiceTest, GetRefusesUnknownAndMalformedIds) {
  for (std::string_view id : {std::string_view("0123456789abcdef0123456789abcdef"),
                              std::string_view("not-an-id"), std::string_view("")}) {
    Result<MediaInfo> r = service_->get(id);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), Code::kNotFound);
    EXPECT_EQ(r.status().key(), "media_not_found");
  }
}

TEST_F(MediaServiceTest, IdempotencyKeyReturnsTheFirstUpload) {
  const std::string jpeg = grey_jpeg(120, 90, 140);
  Result<MediaInfo> first = service_->upload(user(1), jpeg, "key-1");
  Result<MediaInfo> retry = service_->upload(user(1), jpeg, "key-1");
  ASSERT_TRUE(first.ok() && retry.ok()) << retry.status().key();
  EXPECT_EQ(first->id, retry->id);
  EXPECT_EQ(count_rows(), 1);

  Result<MediaInfo> other = service_->upload(user(1), grey_jpeg(120, 90, 30), "key-1");
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.status().key(), "idempotency_key_reused");
  // Another user's key space is their own.
  Result<MediaInfo> theirs = service_->upload(user(2), jpeg, "key-1");
  ASSERT_TRUE(theirs.ok());
  EXPECT_NE(theirs->id, first->id);
  EXPECT_EQ(count_rows(), 2);
}

TEST_F(MediaServiceTest, ReadFileReportsAMissingFileAsInternal) {
  Result<MediaInfo> info = service_->upload(user(1), grey_jpeg(64, 64, 99));
  ASSERT_TRUE(info.ok());
  fs::remove(dir_ / "data" / "media" / info->sha256.substr(0, 2) / (info->sha256 + ".jpg"));
  Result<std::string> bytes = service_->read_file(*info, false);
  ASSERT_FALSE(bytes.ok());
  EXPECT_EQ(bytes.status().code(), Code::kInternal);
}

}  // namespace
}  // namespace cds::media
