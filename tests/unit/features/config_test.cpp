#include "app/config.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace cds::app {
namespace {

TEST(Config, FileThenEnvironment) {
  const auto path = std::filesystem::temp_directory_path() / "cds_config_test.toml";
  std::ofstream(path) << "db = \"postgresql://x@127.0.0.1/db\"\nlisten = \"0.0.0.0:9000\"\n"
                         "[server]\nworker_threads = 16\n";
  Config c;
  ASSERT_TRUE(load_toml(path.string(), c).ok());
  EXPECT_EQ(c.db_url, "postgresql://x@127.0.0.1/db");
  EXPECT_EQ(c.host, "0.0.0.0");
  EXPECT_EQ(c.port, 9000);
  EXPECT_EQ(c.worker_threads, 16);
  ::setenv("CDS_DB", "sqlite:/tmp/env.db", 1);
  ::setenv("CDS_LISTEN", "127.0.0.1:7000", 1);
  ASSERT_TRUE(load_env(c).ok());
  ::unsetenv("CDS_DB");
  ::unsetenv("CDS_LISTEN");
  EXPECT_EQ(c.db_url, "sqlite:/tmp/env.db");
  EXPECT_EQ(c.port, 7000);
  std::filesystem::remove(path);
}

TEST(Config, WebDirFromFileThenEnvironment) {
  Config c;
  EXPECT_EQ(c.web_dir, "web/dist");
  const auto path = std::filesystem::temp_directory_path() / "cds_config_web.toml";
  std::ofstream(path) << "web_dir = \"/srv/congdanso/web\"\n";
  ASSERT_TRUE(load_toml(path.string(), c).ok());
  EXPECT_EQ(c.web_dir, "/srv/congdanso/web");
  ::setenv("CDS_WEB_DIR", "/opt/web", 1);
  ASSERT_TRUE(load_env(c).ok());
  ::unsetenv("CDS_WEB_DIR");
  EXPECT_EQ(c.web_dir, "/opt/web");
  std::filesystem::remove(path);
}

TEST(Config, ReadTimeoutFromFileThenEnvironment) {
  Config c;
  EXPECT_EQ(c.read_timeout_ms, 15000);
  const auto path = std::filesystem::temp_directory_path() / "cds_config_read_timeout.toml";
  std::ofstream(path) << "[server]\nread_timeout_ms = 5000\n";
  ASSERT_TRUE(load_toml(path.string(), c).ok());
  EXPECT_EQ(c.read_timeout_ms, 5000);
  ::setenv("CDS_READ_TIMEOUT_MS", "1500", 1);
  ASSERT_TRUE(load_env(c).ok());
  EXPECT_EQ(c.read_timeout_ms, 1500);
  ::setenv("CDS_READ_TIMEOUT_MS", "5", 1);  // below 100 ms nothing could arrive
  EXPECT_FALSE(load_env(c).ok());
  ::unsetenv("CDS_READ_TIMEOUT_MS");
  std::ofstream(path) << "[server]\nread_timeout_ms = 0\n";
  EXPECT_FALSE(load_toml(path.string(), c).ok());
  std::filesystem::remove(path);
}

TEST(Config, RefusesNonsense) {
  Config c;
  EXPECT_FALSE(set_listen("no-port", c).ok());
  EXPECT_FALSE(set_listen("host:99999", c).ok());
  const auto path = std::filesystem::temp_directory_path() / "cds_config_bad.toml";
  std::ofstream(path) << "db = \n";
  EXPECT_FALSE(load_toml(path.string(), c).ok());
  std::ofstream(path) << "[server]\nworker_threads = 0\n";
  EXPECT_FALSE(load_toml(path.string(), c).ok());
  std::filesystem::remove(path);
  ::setenv("CDS_WORKER_THREADS", "lots", 1);
  EXPECT_FALSE(load_env(c).ok());
  ::unsetenv("CDS_WORKER_THREADS");
}

TEST(Config, MapTilesFromFileThenEnvironment) {
  Config c;
  EXPECT_EQ(c.map_tiles_url, "");  // no tiles by default: the maps work without them
  const auto path = std::filesystem::temp_directory_path() / "cds_config_map.toml";
  std::ofstream(path) << "map_tiles_url = \"https://tiles.example.vn/{z}/{x}/{y}.png\"\n"
                         "map_attribution = \"© OpenStreetMap\"\n";
  ASSERT_TRUE(load_toml(path.string(), c).ok());
  EXPECT_EQ(c.map_tiles_url, "https://tiles.example.vn/{z}/{x}/{y}.png");
  EXPECT_EQ(c.map_attribution, "© OpenStreetMap");
  ::setenv("CDS_MAP_TILES_URL", "/tiles/{z}/{x}/{y}.png", 1);
  ASSERT_TRUE(load_env(c).ok());
  EXPECT_EQ(c.map_tiles_url, "/tiles/{z}/{x}/{y}.png");
  // Plain http from elsewhere (blocked by the apps' CSP) and a template without {z}: refused.
  ::setenv("CDS_MAP_TILES_URL", "http://tiles.example.vn/{z}/{x}/{y}.png", 1);
  EXPECT_FALSE(load_env(c).ok());
  ::setenv("CDS_MAP_TILES_URL", "https://tiles.example.vn/{x}/{y}.png", 1);
  EXPECT_FALSE(load_env(c).ok());
  ::unsetenv("CDS_MAP_TILES_URL");
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace cds::app
