#include "store/sqlite/database.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>

#include "core/ids.h"

namespace haven::store {
namespace {

namespace fs = std::filesystem;
using core::ErrorCode;

class DatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("haven-db-test-" + core::NewId());
    auto opened = Database::Open((dir_ / "test.db").string());
    ASSERT_TRUE(opened.has_value()) << opened.error().message;
    database_ = std::move(*opened);
    ASSERT_TRUE(Run("CREATE TABLE parent (id TEXT PRIMARY KEY, name TEXT UNIQUE);"
                    "CREATE TABLE child (id TEXT PRIMARY KEY,"
                    " parent_id TEXT NOT NULL REFERENCES parent (id) ON DELETE CASCADE,"
                    " data BLOB, note TEXT)")
                    .has_value());
  }
  void TearDown() override {
    database_.reset();
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  core::Status Run(const std::string& sql) {
    return database_->WithConnection([&](Connection& c) { return c.Execute(sql); });
  }
  // The single text value of a one-row, one-column query.
  std::string Scalar(const std::string& sql) {
    return database_->WithConnection([&](Connection& c) -> std::string {
      auto statement = c.Prepare(sql);
      if (!statement) return "error: " + statement.error().message;
      auto row = statement->Step();
      if (!row || !*row) return "no row";
      return statement->ColumnIsNull(0) ? "NULL" : statement->ColumnText(0);
    });
  }

  fs::path dir_;
  std::unique_ptr<Database> database_;
};

TEST_F(DatabaseTest, ConnectionIsDurableWithForeignKeysOn) {
  EXPECT_EQ(Scalar("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(Scalar("PRAGMA synchronous"), "2");  // FULL
  EXPECT_EQ(Scalar("PRAGMA foreign_keys"), "1");
  EXPECT_EQ(Scalar("PRAGMA busy_timeout"), "5000");
}

TEST_F(DatabaseTest, UniqueViolationIsConflict) {
  ASSERT_TRUE(Run("INSERT INTO parent VALUES ('p1', 'a')").has_value());
  auto duplicate_key = Run("INSERT INTO parent VALUES ('p1', 'b')");
  ASSERT_FALSE(duplicate_key.has_value());
  EXPECT_EQ(duplicate_key.error().code, ErrorCode::kConflict);
  auto duplicate_name = Run("INSERT INTO parent VALUES ('p2', 'a')");
  ASSERT_FALSE(duplicate_name.has_value());
  EXPECT_EQ(duplicate_name.error().code, ErrorCode::kConflict);
  EXPECT_NE(duplicate_name.error().message.find("parent.name"), std::string::npos);
}

TEST_F(DatabaseTest, ForeignKeyViolationIsNotFoundAndCascadesWork) {
  auto orphan = Run("INSERT INTO child VALUES ('c1', 'missing', NULL, NULL)");
  ASSERT_FALSE(orphan.has_value());
  EXPECT_EQ(orphan.error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(Run("INSERT INTO parent VALUES ('p1', 'a'); INSERT INTO child VALUES "
                  "('c1', 'p1', NULL, NULL); DELETE FROM parent;")
                  .has_value());
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM child"), "0");
}

TEST_F(DatabaseTest, BusyAndLockedAreUnavailableOtherErrorsInternal) {
  EXPECT_EQ(SqliteError(nullptr, SQLITE_BUSY, "x").code, ErrorCode::kUnavailable);
  EXPECT_EQ(SqliteError(nullptr, SQLITE_BUSY_SNAPSHOT, "x").code, ErrorCode::kUnavailable);
  EXPECT_EQ(SqliteError(nullptr, SQLITE_LOCKED, "x").code, ErrorCode::kUnavailable);
  EXPECT_EQ(SqliteError(nullptr, SQLITE_CONSTRAINT_CHECK, "x").code, ErrorCode::kInternal);
  auto syntax = Run("SELEKT 1");
  ASSERT_FALSE(syntax.has_value());
  EXPECT_EQ(syntax.error().code, ErrorCode::kInternal);
  EXPECT_NE(syntax.error().message.find("syntax error"), std::string::npos);
}

TEST_F(DatabaseTest, FailedTransactionBodyRollsBack) {
  auto result = database_->InTransaction([](Connection& c) -> core::Status {
    if (auto inserted = c.Execute("INSERT INTO parent VALUES ('p1', 'a')"); !inserted) {
      return inserted;
    }
    return core::Fail(ErrorCode::kInvalidArgument, "changed my mind");
  });
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().message, "changed my mind");
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM parent"), "0");
  auto committed = database_->InTransaction(
      [](Connection& c) { return c.Execute("INSERT INTO parent VALUES ('p1', 'a')"); });
  EXPECT_TRUE(committed.has_value());
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM parent"), "1");
}

TEST_F(DatabaseTest, EmptyTextAndBlobStayEmptyNotNull) {
  ASSERT_TRUE(Run("INSERT INTO parent VALUES ('p1', 'a')").has_value());
  auto inserted = database_->WithConnection([](Connection& c) -> core::Status {
    auto statement = c.Prepare("INSERT INTO child VALUES (?, ?, ?, ?)");
    if (!statement) return std::unexpected(statement.error());
    statement->Bind(1, std::string_view("c1"))
        .Bind(2, std::string_view("p1"))
        .Bind(3, core::Bytes{})
        .Bind(4, std::string_view());
    return statement->Run();
  });
  ASSERT_TRUE(inserted.has_value()) << inserted.error().message;
  EXPECT_EQ(Scalar("SELECT typeof(data) || ',' || typeof(note) FROM child"), "blob,text");
}

TEST_F(DatabaseTest, SameStatementCanBePreparedWhileInUse) {
  ASSERT_TRUE(Run("INSERT INTO parent VALUES ('p1', 'a'), ('p2', 'b')").has_value());
  auto count = database_->WithConnection([](Connection& c) -> core::Result<int> {
    const std::string_view sql = "SELECT id FROM parent ORDER BY id";
    auto outer = c.Prepare(sql);
    if (!outer) return std::unexpected(outer.error());
    int rows = 0;
    while (*outer->Step()) {
      auto inner = c.Prepare(sql);  // the cached one is busy: gets a private statement
      if (!inner) return std::unexpected(inner.error());
      while (*inner->Step()) ++rows;
    }
    return rows;
  });
  ASSERT_TRUE(count.has_value()) << count.error().message;
  EXPECT_EQ(*count, 4);
}

TEST(Database, EmptyPathIsInvalid) {
  auto opened = Database::Open("");
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().code, ErrorCode::kInvalidArgument);
}

TEST(Database, InMemoryDatabaseOpens) {
  auto opened = Database::Open(":memory:");
  ASSERT_TRUE(opened.has_value()) << opened.error().message;
  auto created = (*opened)->WithConnection(
      [](Connection& c) { return c.Execute("CREATE TABLE t (x INTEGER)"); });
  EXPECT_TRUE(created.has_value());
}

}  // namespace
}  // namespace haven::store
