// The store's own contract: what every feature may rely on from either engine.
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <latch>
#include <limits>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "harness.hpp"
#include "store/migrations.hpp"

namespace cds::contract {
namespace {

using store::DbError;
using store::Row;
using store::Rows;
using store::Tx;
using store::Value;

std::string describe(const Status& st) {
  return st.key() + " " + st.internal_detail();
}

// A scratch table with a column of each type.
void make_values_table(store::Database& db, const std::string& id_column) {
  Status st = db.write([&](Tx& tx) {
    tx.execute_script("CREATE TABLE t_values (id " + id_column +
                      ", i BIGINT, f DOUBLE PRECISION, s TEXT, n TEXT);"
                      "CREATE INDEX t_values_i ON t_values (i)");
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << describe(st);
}

std::int64_t count_rows(store::Database& db, const std::string& table) {
  Result<std::int64_t> n = db.read_value<std::int64_t>([&](Tx& tx) -> Result<std::int64_t> {
    return tx.one("SELECT count(*) FROM " + table)->i64(0);
  });
  EXPECT_TRUE(n.ok()) << describe(n.status());
  return n.ok() ? *n : -1;
}

Status insert_value(store::Database& db, std::int64_t i, const std::string& s) {
  return db.write([&](Tx& tx) {
    tx.exec("INSERT INTO t_values (i, s) VALUES ($1, $2)", {i, s});
    return Status::Ok();
  });
}

// Runs `threads` threads, all released at once, each calling `body(thread_index)`.
template <class F>
void run_together(int threads, F body) {
  std::latch start(threads);
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      start.arrive_and_wait();
      body(t);
    });
  }
  for (std::thread& th : pool) th.join();
}

}  // namespace

CDS_INSTANTIATE_ENGINES(StoreContract);

TEST_P(StoreContract, MigrateAppliesEveryMigrationOnce) {
  const auto& all = is_sqlite() ? store::sqlite_migrations() : store::postgres_migrations();
  ASSERT_FALSE(all.empty());
  EXPECT_EQ(migrations_applied, static_cast<int>(all.size()));

  Result<int> again = store::migrate(*db);
  ASSERT_TRUE(again.ok()) << describe(again.status());
  EXPECT_EQ(*again, 0);

  reopen();
  again = store::migrate(*db);
  ASSERT_TRUE(again.ok()) << describe(again.status());
  EXPECT_EQ(*again, 0);

  Status st = db->read([&](Tx& tx) {
    Rows rows =
        tx.query("SELECT version, name, applied_at FROM schema_migrations ORDER BY version");
    EXPECT_EQ(rows.size(), all.size());
    for (size_t i = 0; i < rows.size() && i < all.size(); ++i) {
      EXPECT_EQ(rows[i].i64(0), all[i].version);
      EXPECT_EQ(rows[i].str(1), std::string(all[i].name));
      EXPECT_GT(rows[i].i64(2), 1'700'000'000'000);  // milliseconds, not seconds
    }
    EXPECT_EQ(tx.one("SELECT count(*) FROM reports")->i64(0), 0);  // the foundation is there
    return Status::Ok();
  });
  EXPECT_TRUE(st.ok()) << describe(st);
}

TEST_P(StoreContract, RoundTripsEveryValueType) {
  make_values_table(*db, id_column());
  const std::string vietnamese = "Phường Sài Gòn — Đường Nguyễn Huệ: cây xanh đổ 🌳";
  const std::string tricky = "it's \"quoted\", back\\slash, $1, ?1, new\nline";
  struct Expected {
    std::int64_t i;
    double f;
    std::string s;
  };
  const std::vector<Expected> expected = {
      {std::numeric_limits<std::int64_t>::max(), 1.5, vietnamese},
      {std::numeric_limits<std::int64_t>::min(), -0.1, ""},
      {0, 1e300, tricky},
      {-42, 3.141592653589793, "ASCII"},
  };
  Status st = db->write([&](Tx& tx) {
    for (const Expected& e : expected) {
      tx.exec("INSERT INTO t_values (i, f, s, n) VALUES ($1, $2, $3, $4)",
              {e.i, e.f, e.s, nullptr});
    }
    tx.exec("INSERT INTO t_values (i, f, s, n) VALUES ($1, $2, $3, $4)",
            {nullptr, nullptr, nullptr, store::opt(std::optional<std::string>("set"))});
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << describe(st);

  st = db->read([&](Tx& tx) {
    Rows rows = tx.query("SELECT id, i, f, s, n FROM t_values ORDER BY id");
    EXPECT_EQ(rows.size(), expected.size() + 1);
    for (size_t r = 0; r < expected.size() && r < rows.size(); ++r) {
      EXPECT_TRUE(std::holds_alternative<std::int64_t>(rows[r].at(0)));
      EXPECT_EQ(rows[r].at(1), Value(expected[r].i));
      EXPECT_EQ(rows[r].at(2), Value(expected[r].f));
      EXPECT_EQ(rows[r].at(3), Value(expected[r].s));
      EXPECT_EQ(rows[r].at(4), Value(nullptr));
      EXPECT_TRUE(rows[r].is_null(4));
      EXPECT_EQ(rows[r].opt_str(4), std::nullopt);
    }
    const Row& nulls = rows.back();
    for (size_t c = 1; c <= 3; ++c) EXPECT_TRUE(nulls.is_null(c)) << "column " << c;
    EXPECT_EQ(nulls.str(4), "set");

    // Parameters compared with typed columns, and computed columns.
    auto found = tx.one("SELECT s, i + 1, f * 2 FROM t_values WHERE i = $1 AND f = $2",
                        {std::int64_t{-42}, 3.141592653589793});
    EXPECT_TRUE(found.has_value());
    if (found) {
      EXPECT_EQ(found->at(0), Value(std::string("ASCII")));
      EXPECT_EQ(found->at(1), Value(std::int64_t{-41}));
      EXPECT_EQ(found->at(2), Value(2 * 3.141592653589793));
    }
    auto by_text = tx.one("SELECT i FROM t_values WHERE s = $1", {vietnamese});
    EXPECT_TRUE(by_text && by_text->i64(0) == std::numeric_limits<std::int64_t>::max());
    EXPECT_EQ(tx.one("SELECT count(*) FROM t_values WHERE n IS NULL")->at(0),
              Value(std::int64_t{4}));
    return Status::Ok();
  });
  EXPECT_TRUE(st.ok()) << describe(st);
}

TEST_P(StoreContract, PlaceholdersBindByNumber) {
  make_values_table(*db, id_column());
  Status st = db->write([&](Tx& tx) {
    // $2 before $1, and $1 twice.
    Rows rows = tx.query("INSERT INTO t_values (i, s, n) VALUES ($2, $1, $1) RETURNING i, s, n",
                         {std::string("chữ"), std::int64_t{7}});
    EXPECT_EQ(rows.size(), 1u);
    if (!rows.empty()) {
      EXPECT_EQ(rows[0].i64(0), 7);
      EXPECT_EQ(rows[0].str(1), "chữ");
      EXPECT_EQ(rows[0].str(2), "chữ");
    }
    // $N inside string literals and comments is text, not a placeholder.
    auto found = tx.one(
        "SELECT count(*) FROM t_values /* $3 */ WHERE s = $2 AND i = $1 AND n = $2 "
        "AND s <> 'price $3' -- and $4",
        {std::int64_t{7}, std::string("chữ")});
    EXPECT_TRUE(found && found->i64(0) == 1);
    // A placeholder number above 9.
    std::vector<Value> many;
    for (std::int64_t k = 1; k <= 11; ++k) many.emplace_back(k);
    Rows eleven = tx.query(
        "SELECT count(*) FROM t_values WHERE i IN ($11, $10, $9, $8, $7, $6, $5, $4, $3, $2, $1)",
        many);
    EXPECT_EQ(eleven.at(0).i64(0), 1);
    return Status::Ok();
  });
  EXPECT_TRUE(st.ok()) << describe(st);
}

TEST_P(StoreContract, ReturningAndChanges) {
  make_values_table(*db, id_column());
  Status st = db->write([&](Tx& tx) {
    auto first = tx.one("INSERT INTO t_values (i, s) VALUES ($1, $2) RETURNING id, i", {1, "a"});
    auto second = tx.one("INSERT INTO t_values (i, s) VALUES ($1, $2) RETURNING id, i", {2, "b"});
    EXPECT_TRUE(first && second);
    if (!first || !second) return Status::Internal("no RETURNING rows");
    EXPECT_GT(first->i64(0), 0);
    EXPECT_GT(second->i64(0), first->i64(0));
    EXPECT_EQ(tx.changes(), 1);

    EXPECT_EQ(tx.exec("UPDATE t_values SET s = $1", {"c"}), 2);
    EXPECT_EQ(tx.exec("UPDATE t_values SET s = $1 WHERE i = $2", {"d", 99}), 0);
    Rows updated =
        tx.query("UPDATE t_values SET i = i * 10 WHERE id = $1 RETURNING i", {first->i64(0)});
    EXPECT_EQ(updated.size(), 1u);
    EXPECT_EQ(updated.at(0).i64(0), 10);
    Rows deleted = tx.query("DELETE FROM t_values RETURNING id");
    EXPECT_EQ(deleted.size(), 2u);
    EXPECT_EQ(tx.changes(), 2);
    tx.query("SELECT count(*) FROM t_values");
    EXPECT_EQ(tx.changes(), 2);  // a SELECT leaves the count of the last change
    return Status::Ok();
  });
  EXPECT_TRUE(st.ok()) << describe(st);
}

TEST_P(StoreContract, OnConflictDoNothingAndDoUpdate) {
  Status st = db->write([&](Tx& tx) {
    const char* kInsertOnce =
        "INSERT INTO counters (name, value) VALUES ($1, $2) "
        "ON CONFLICT (name) DO NOTHING RETURNING value";
    Rows first = tx.query(kInsertOnce, {"PA-2611", 1});
    EXPECT_EQ(first.size(), 1u);
    EXPECT_EQ(tx.changes(), 1);
    Rows second = tx.query(kInsertOnce, {"PA-2611", 5});
    EXPECT_TRUE(second.empty());
    EXPECT_EQ(tx.changes(), 0);

    const char* kNext =
        "INSERT INTO counters (name, value) VALUES ($1, 1) "
        "ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value";
    EXPECT_EQ(tx.one(kNext, {"PA-2611"})->i64(0), 2);
    EXPECT_EQ(tx.one(kNext, {"PA-2611"})->i64(0), 3);
    EXPECT_EQ(tx.one(kNext, {"PA-2612"})->i64(0), 1);
    auto excluded = tx.one(
        "INSERT INTO counters (name, value) VALUES ($1, $2) "
        "ON CONFLICT (name) DO UPDATE SET value = excluded.value RETURNING value",
        {"PA-2612", 40});
    EXPECT_EQ(excluded->i64(0), 40);
    return Status::Ok();
  });
  EXPECT_TRUE(st.ok()) << describe(st);
}

TEST_P(StoreContract, UniqueViolationIsReportedAndUndone) {
  make_values_table(*db, id_column());
  ASSERT_TRUE(db->write([](Tx& tx) {
                  tx.exec("INSERT INTO counters (name, value) VALUES ($1, $2)", {"dup", 1});
                  return Status::Ok();
                }).ok());

  std::optional<DbError::Kind> seen;
  Status st = db->write([&](Tx& tx) {
    tx.exec("INSERT INTO t_values (i, s) VALUES ($1, $2)", {1, "written before the violation"});
    try {
      tx.exec("INSERT INTO counters (name, value) VALUES ($1, $2)", {"dup", 2});
    } catch (const DbError& e) {
      seen = e.kind();
      throw;
    }
    return Status::Ok();
  });
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(seen, DbError::Kind::kUniqueViolation);
  EXPECT_EQ(count_rows(*db, "t_values"), 0);

  // Caught and ignored, the error still undoes the callback's writes: the Tx is spent.
  bool later_statement_threw = false;
  st = db->write([&](Tx& tx) {
    tx.exec("INSERT INTO t_values (i, s) VALUES ($1, $2)", {2, "also undone"});
    try {
      tx.exec("INSERT INTO counters (name, value) VALUES ($1, $2)", {"dup", 3});
    } catch (const DbError&) {
    }
    try {
      tx.exec("INSERT INTO t_values (i, s) VALUES ($1, $2)", {3, "refused"});
    } catch (const DbError&) {
      later_statement_threw = true;
    }
    return Status::Ok();
  });
  EXPECT_FALSE(st.ok());
  EXPECT_TRUE(later_statement_threw);
  EXPECT_EQ(count_rows(*db, "t_values"), 0);

  // A primary key is a unique key too.
  seen.reset();
  st = db->write([&](Tx& tx) {
    tx.exec("INSERT INTO holidays (day, name) VALUES ($1, $2)", {"2026-09-02", "Quốc khánh"});
    try {
      tx.exec("INSERT INTO holidays (day, name) VALUES ($1, $2)", {"2026-09-02", "again"});
    } catch (const DbError& e) {
      seen = e.kind();
    }
    return Status::Ok();
  });
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(seen, DbError::Kind::kUniqueViolation);
  EXPECT_EQ(count_rows(*db, "holidays"), 0);

  Status read = db->read([](Tx& tx) {
    EXPECT_EQ(tx.one("SELECT value FROM counters WHERE name = $1", {"dup"})->i64(0), 1);
    return Status::Ok();
  });
  EXPECT_TRUE(read.ok()) << describe(read);
}

TEST_P(StoreContract, FailedCallbacksAreUndoneWhileOthersCommit) {
  make_values_table(*db, id_column());
  constexpr int kThreads = 16;
  constexpr int kPerThread = 30;
  const store::StoreStats before = db->stats();
  std::vector<Status> outcomes(kThreads * kPerThread);
  run_together(kThreads, [&](int t) {
    for (int j = 0; j < kPerThread; ++j) {
      const int k = t * kPerThread + j;
      outcomes[k] = db->write([&](Tx& tx) -> Status {
        tx.exec("INSERT INTO t_values (i, s) VALUES ($1, $2)", {k, "written"});
        if (k % 6 == 2) return Status::Conflict("conflict");  // every third fails: half return
        if (k % 6 == 5) throw std::runtime_error("callback failed");  // non-ok, half throw
        return Status::Ok();
      });
    }
  });

  std::set<std::int64_t> expected;
  for (int k = 0; k < kThreads * kPerThread; ++k) {
    if (k % 3 == 2) {
      EXPECT_FALSE(outcomes[k].ok()) << k;
      EXPECT_EQ(outcomes[k].code(), k % 6 == 2 ? Code::kConflict : Code::kInternal) << k;
    } else {
      EXPECT_TRUE(outcomes[k].ok()) << k << " " << describe(outcomes[k]);
      expected.insert(k);
    }
  }
  std::set<std::int64_t> landed;
  Status st = db->read([&](Tx& tx) {
    for (const Row& row : tx.query("SELECT i FROM t_values")) landed.insert(row.i64(0));
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << describe(st);
  EXPECT_EQ(landed, expected);

  const store::StoreStats after = db->stats();
  EXPECT_EQ(after.batched_writes - before.batched_writes, expected.size());
  if (is_sqlite()) {
    // Failed and successful callbacks shared transactions: fewer commits than callbacks, and
    // batches larger than one.
    EXPECT_LT(after.commits - before.commits, static_cast<std::uint64_t>(kThreads * kPerThread));
    std::uint64_t multi = 0;
    for (size_t b = 1; b < std::size(after.batch_buckets); ++b) {
      multi += after.batch_buckets[b] - before.batch_buckets[b];
    }
    EXPECT_GT(multi, 0u);
    EXPECT_EQ(after.failed_commits, before.failed_commits);
  }
}

TEST_P(StoreContract, ConcurrentWritersAllLand) {
  make_values_table(*db, id_column());
  constexpr int kThreads = 32;
  constexpr int kPerThread = 200;
  const store::StoreStats before = db->stats();
  std::atomic<int> failures{0};
  run_together(kThreads, [&](int t) {
    for (int j = 0; j < kPerThread; ++j) {
      if (!insert_value(*db, t * 1000 + j, "w").ok()) failures.fetch_add(1);
    }
  });
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(count_rows(*db, "t_values"), kThreads * kPerThread);
  EXPECT_EQ(count_rows(*db, "(SELECT DISTINCT i FROM t_values) AS d"), kThreads * kPerThread);

  const store::StoreStats after = db->stats();
  const std::uint64_t commits = after.commits - before.commits;
  const std::uint64_t callbacks = after.batched_writes - before.batched_writes;
  EXPECT_EQ(callbacks, static_cast<std::uint64_t>(kThreads * kPerThread));
  if (is_sqlite()) {
    EXPECT_GT(callbacks, commits) << "group commit put several writes in one transaction";
  } else {
    EXPECT_EQ(commits, callbacks);
  }
}

TEST_P(StoreContract, ReadSeesOneSnapshot) {
  make_values_table(*db, id_column());
  ASSERT_TRUE(insert_value(*db, 1, "first").ok());
  Status st = db->read([&](Tx& tx) {
    const std::int64_t before = tx.one("SELECT count(*) FROM t_values")->i64(0);
    Status w = insert_value(*db, 2, "committed during the read");  // another connection
    EXPECT_TRUE(w.ok()) << describe(w);
    EXPECT_EQ(tx.one("SELECT count(*) FROM t_values")->i64(0), before);
    return Status::Ok();
  });
  EXPECT_TRUE(st.ok()) << describe(st);
  EXPECT_EQ(count_rows(*db, "t_values"), 2);

  // Transfers between two rows keep their sum; a reader never sees half of one.
  std::int64_t a = 0;
  std::int64_t b = 0;
  ASSERT_TRUE(db->write([&](Tx& tx) {
                  a = tx.one("INSERT INTO t_values (i, s) VALUES (1000, 'a') RETURNING id")->i64(0);
                  b = tx.one("INSERT INTO t_values (i, s) VALUES (0, 'b') RETURNING id")->i64(0);
                  return Status::Ok();
                }).ok());
  std::atomic<bool> done{false};
  std::thread mover([&] {
    for (int k = 0; k < 150; ++k) {
      Status w = db->write([&](Tx& tx) {
        tx.exec("UPDATE t_values SET i = i - 1 WHERE id = $1", {a});
        tx.exec("UPDATE t_values SET i = i + 1 WHERE id = $1", {b});
        return Status::Ok();
      });
      EXPECT_TRUE(w.ok()) << describe(w);
    }
    done = true;
  });
  int reads = 0;
  while (!done || reads == 0) {
    Status r = db->read([&](Tx& tx) {
      const std::int64_t left = tx.one("SELECT i FROM t_values WHERE id = $1", {a})->i64(0);
      std::this_thread::yield();
      const std::int64_t right = tx.one("SELECT i FROM t_values WHERE id = $1", {b})->i64(0);
      EXPECT_EQ(left + right, 1000);
      return Status::Ok();
    });
    EXPECT_TRUE(r.ok()) << describe(r);
    ++reads;
  }
  mover.join();
  Status end = db->read([&](Tx& tx) {
    EXPECT_EQ(tx.one("SELECT i FROM t_values WHERE id = $1", {b})->i64(0), 150);
    return Status::Ok();
  });
  EXPECT_TRUE(end.ok()) << describe(end);
}

TEST_P(StoreContract, ReadCannotWrite) {
  make_values_table(*db, id_column());
  std::optional<DbError::Kind> seen;
  Status st = db->read([&](Tx& tx) {
    try {
      tx.exec("INSERT INTO t_values (i, s) VALUES ($1, $2)", {1, "no"});
    } catch (const DbError& e) {
      seen = e.kind();
      throw;
    }
    return Status::Ok();
  });
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(seen, DbError::Kind::kOther);
  EXPECT_EQ(count_rows(*db, "t_values"), 0);
}

TEST_P(StoreContract, StatementErrorsAreDbErrors) {
  auto kind_of = [&](const char* sql, std::vector<Value> params) -> std::optional<DbError::Kind> {
    std::optional<DbError::Kind> kind;
    Status st = db->read([&](Tx& tx) {
      try {
        tx.query(sql, params);
      } catch (const DbError& e) {
        kind = e.kind();
      }
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << describe(st);
    return kind;
  };
  EXPECT_EQ(kind_of("SELECT * FROM no_such_table", {}), DbError::Kind::kOther);
  EXPECT_EQ(kind_of("SELEKT 1", {}), DbError::Kind::kOther);
  EXPECT_EQ(kind_of("SELECT name FROM counters WHERE name = $1 AND value = $2", {Value("x")}),
            DbError::Kind::kOther);  // a parameter short

  Status st = db->read([](Tx&) -> Status { throw DbError(DbError::Kind::kUnavailable, "gone"); });
  EXPECT_EQ(st.code(), Code::kUnavailable);
  st = db->write([](Tx&) -> Status { throw DbError(DbError::Kind::kOther, "broken"); });
  EXPECT_EQ(st.code(), Code::kInternal);
}

TEST_P(StoreContract, ExecuteScriptRunsEveryStatement) {
  Status st = db->write([](Tx& tx) {
    tx.execute_script(
        "-- a comment first\n"
        "CREATE TABLE t_a (x BIGINT);\n"
        "CREATE TABLE t_b (y TEXT);\n"
        "INSERT INTO t_a (x) VALUES (1), (2);\n"
        "INSERT INTO t_b (y) VALUES ('một; hai');\n");
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << describe(st);
  EXPECT_EQ(count_rows(*db, "t_a"), 2);
  EXPECT_EQ(count_rows(*db, "t_b"), 1);
}

TEST_P(StoreContract, NestedWriteIsRefused) {
  make_values_table(*db, id_column());
  Status inner;
  Status outer = db->write([&](Tx& tx) {
    tx.exec("INSERT INTO t_values (i, s) VALUES ($1, $2)", {1, "outer"});
    inner = insert_value(*db, 2, "inner");
    return Status::Ok();
  });
  EXPECT_TRUE(outer.ok()) << describe(outer);
  EXPECT_EQ(inner.code(), Code::kInternal);
  EXPECT_EQ(count_rows(*db, "t_values"), 1);
}

TEST_P(StoreContract, WritesSurviveReopening) {
  make_values_table(*db, id_column());
  for (int k = 0; k < 20; ++k) ASSERT_TRUE(insert_value(*db, k, "durable").ok());
  reopen();
  EXPECT_EQ(count_rows(*db, "t_values"), 20);
  ASSERT_TRUE(insert_value(*db, 20, "after reopening").ok());
  reopen();
  EXPECT_EQ(count_rows(*db, "t_values"), 21);
}

TEST_P(StoreContract, StatsCountCommits) {
  make_values_table(*db, id_column());
  const store::StoreStats before = db->stats();
  for (int k = 0; k < 3; ++k) ASSERT_TRUE(insert_value(*db, k, "counted").ok());
  const store::StoreStats after = db->stats();
  EXPECT_EQ(after.commits - before.commits, 3u);  // one at a time: a batch each
  EXPECT_EQ(after.batched_writes - before.batched_writes, 3u);
  EXPECT_EQ(after.batch_buckets[0] - before.batch_buckets[0], 3u);
  EXPECT_EQ(after.failed_commits, 0u);
}

TEST_P(StoreContract, PingAnswers) {
  Status st = db->ping();
  EXPECT_TRUE(st.ok()) << describe(st);
}

TEST(OpenDatabase, RejectsAnUnknownScheme) {
  EXPECT_THROW(store::open_database("mysql://root:secret@localhost/x"), store::DbError);
  EXPECT_THROW(store::open_database("congdanso.db"), store::DbError);
  EXPECT_THROW(store::open_database("sqlite:"), store::DbError);
}

TEST(OpenDatabase, MakesTheSqliteFolder) {
  const auto dir = std::filesystem::temp_directory_path() / ("cds_t_" + random_suffix());
  {
    auto db = store::open_database("sqlite:" + (dir / "a" / "b" / "db.sqlite").string());
    EXPECT_TRUE(db->ping().ok());
  }
  EXPECT_TRUE(std::filesystem::exists(dir / "a" / "b" / "db.sqlite"));
  std::filesystem::remove_all(dir);
}

TEST(OpenDatabase, ThrowsWhenTheDatabaseCannotBeOpened) {
  const auto dir = std::filesystem::temp_directory_path() / ("cds_t_" + random_suffix());
  std::filesystem::create_directories(dir);
  { std::ofstream(dir / "file") << "not a folder"; }
  EXPECT_THROW(store::open_database("sqlite:" + (dir / "file" / "db.sqlite").string()),
               store::DbError);
  { std::ofstream(dir / "garbage.db") << std::string(4096, 'x'); }
  EXPECT_THROW(store::open_database("sqlite:" + (dir / "garbage.db").string()), store::DbError);
  std::filesystem::remove_all(dir);

  try {
    store::open_database("postgresql://cds@127.0.0.1:1/nowhere?connect_timeout=2");
    ADD_FAILURE() << "connected to port 1";
  } catch (const store::DbError& e) {
    EXPECT_EQ(e.kind(), store::DbError::Kind::kUnavailable);
  }
}

}  // namespace cds::contract
