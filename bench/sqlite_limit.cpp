// The durability limit of this machine: raw SQLite inserts of report-sized rows with the same
// settings the server uses (WAL, synchronous=FULL), one row per transaction and many per
// transaction. The server's intake figure is read against these.
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

namespace {

double rows_per_second(const std::string& path, int rows, int per_transaction) {
  std::filesystem::remove(path);
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_exec(db,
               "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
               "CREATE TABLE r (id INTEGER PRIMARY KEY, code TEXT UNIQUE, description TEXT, "
               "lat REAL, lon REAL, created_at INTEGER)",
               nullptr, nullptr, nullptr);
  sqlite3_stmt* insert = nullptr;
  sqlite3_prepare_v2(
      db, "INSERT INTO r (code, description, lat, lon, created_at) VALUES (?1, ?2, ?3, ?4, ?5)", -1,
      &insert, nullptr);
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < rows; i += per_transaction) {
    sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    for (int j = i; j < i + per_transaction && j < rows; ++j) {
      const std::string code = "PA-2611-" + std::to_string(j);
      const std::string text = "Đèn đường hỏng số " + std::to_string(j);
      sqlite3_bind_text(insert, 1, code.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(insert, 2, text.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_double(insert, 3, 10.7725);
      sqlite3_bind_double(insert, 4, 106.698);
      sqlite3_bind_int64(insert, 5, j);
      sqlite3_step(insert);
      sqlite3_reset(insert);
    }
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  sqlite3_finalize(insert);
  sqlite3_close(db);
  return rows / seconds;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string dir = argc > 1 ? argv[1] : "/tmp";
  const std::string path = dir + "/cds-sqlite-limit.db";
  std::printf("%-34s %12s\n", "raw SQLite, synchronous=FULL", "rows/s");
  for (int per : {1, 16, 64, 256}) {
    const int rows = per == 1 ? 3000 : 50000;
    std::printf("%-34s %12.0f\n", (std::to_string(per) + " row(s) per transaction").c_str(),
                rows_per_second(path, rows, per));
  }
  std::filesystem::remove(path);
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");
  return 0;
}
