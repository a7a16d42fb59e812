#include "common/vault.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace cds {
namespace {

class VaultFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("cds-vault-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "keys").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string read_file() const {
    std::ifstream in(path_);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  std::filesystem::path dir_;
  std::string path_;
};

TEST(Vault, SealsAndOpens) {
  Vault v = Vault::ephemeral();
  const std::string phone = "+84901234561";
  const std::string sealed = v.seal(std::string_view(phone));
  EXPECT_TRUE(sealed.starts_with("pd1$" + v.current_kid() + "$"));
  EXPECT_EQ(sealed.find(phone), std::string::npos);
  auto opened = v.open(std::string_view(sealed));
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(*opened, phone);
  // A fresh nonce every time: equal values do not look equal at rest.
  EXPECT_NE(v.seal(std::string_view(phone)), sealed);
  EXPECT_TRUE(v.is_current(sealed));
}

TEST(Vault, OptionalValuesStayAbsent) {
  Vault v = Vault::ephemeral();
  EXPECT_FALSE(v.seal_optional(std::nullopt));
  auto opened = v.open_optional(std::nullopt);
  ASSERT_TRUE(opened.ok());
  EXPECT_FALSE(*opened);
  auto round = v.open_optional(v.seal_optional(std::string("Nguyễn Văn An")));
  ASSERT_TRUE(round.ok());
  EXPECT_EQ(**round, "Nguyễn Văn An");
}

TEST(Vault, RefusesAlteredForeignAndPlainValues) {
  Vault v = Vault::ephemeral();
  std::string sealed = v.seal(std::string_view("079085012345"));
  std::string altered = sealed;
  altered[altered.size() - 3] = altered[altered.size() - 3] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(v.open(std::string_view(altered)).ok());
  EXPECT_FALSE(Vault::ephemeral().open(std::string_view(sealed)).ok());  // another deployment
  EXPECT_FALSE(v.open(std::string_view("079085012345")).ok());           // never sealed
  EXPECT_FALSE(v.open(std::string_view("pd1$nokey$AAAA")).ok());
  EXPECT_FALSE(v.open(std::string_view("pd1$")).ok());
}

TEST(Vault, BlindIndexIsStableAndKeyed) {
  Vault a = Vault::ephemeral();
  Vault b = Vault::ephemeral();
  EXPECT_EQ(a.blind_index("issuer\nsub-1"), a.blind_index("issuer\nsub-1"));
  EXPECT_NE(a.blind_index("issuer\nsub-1"), a.blind_index("issuer\nsub-2"));
  EXPECT_NE(a.blind_index("issuer\nsub-1"), b.blind_index("issuer\nsub-1"));
  EXPECT_EQ(a.blind_index("x").size(), 64u);
}

TEST_F(VaultFile, IsCreatedOnceWithOwnerOnlyAccess) {
  auto created = Vault::create_if_missing(path_);
  ASSERT_TRUE(created.ok());
  EXPECT_TRUE(*created);
  struct stat st {};
  ASSERT_EQ(::stat(path_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  const std::string first = read_file();
  auto again = Vault::create_if_missing(path_);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(*again);
  EXPECT_EQ(read_file(), first);  // never replaced: that would lose every sealed value
}

TEST_F(VaultFile, RotationKeepsOldKeysAndSealsWithTheNewOne) {
  ASSERT_TRUE(Vault::create_if_missing(path_).ok());
  auto v = Vault::load(path_);
  ASSERT_TRUE(v.ok());
  const std::string old_kid = v->current_kid();
  const std::string old_value = v->seal(std::string_view("0909876543"));
  const std::string index = v->blind_index("sub");
  ASSERT_TRUE(v->add_key_and_save(path_).ok());
  EXPECT_NE(v->current_kid(), old_kid);

  auto reloaded = Vault::load(path_);
  ASSERT_TRUE(reloaded.ok());
  EXPECT_EQ(reloaded->current_kid(), v->current_kid());
  auto opened = reloaded->open(std::string_view(old_value));
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(*opened, "0909876543");
  EXPECT_FALSE(reloaded->is_current(old_value));
  EXPECT_TRUE(reloaded->is_current(reloaded->seal(std::string_view("x"))));
  EXPECT_EQ(reloaded->blind_index("sub"), index);  // lookups survive rotation
}

TEST_F(VaultFile, SigningKeyIsKept) {
  ASSERT_TRUE(Vault::create_if_missing(path_).ok());
  auto v = Vault::load(path_);
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->signing_pem().empty());
  const std::string pem = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";
  ASSERT_TRUE(v->set_signing_pem_and_save(path_, pem).ok());
  auto reloaded = Vault::load(path_);
  ASSERT_TRUE(reloaded.ok());
  EXPECT_EQ(reloaded->signing_pem(), pem);
}

TEST_F(VaultFile, MissingOrMalformedFilesAreClearErrors) {
  auto missing = Vault::load(path_);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().key(), "invalid_config");
  for (const char* text : {"index AAAA\nkey k1 AAAA\n", "key k1 c2VjcmV0\n", "bogus line\n", ""}) {
    std::ofstream(path_) << text;
    EXPECT_FALSE(Vault::load(path_).ok()) << text;
  }
}

}  // namespace
}  // namespace cds
