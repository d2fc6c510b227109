// The store contract on SQLite, plus what is SQLite's own: files, reopening, migrations.
#include "store/sqlite/sqlite_store.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "core/ids.h"
#include "privacy/audit.h"
#include "store/sqlite/migrations.h"
#include "store/testing/store_contract_test.h"

namespace haven::store {
namespace {

namespace fs = std::filesystem;
using testing::StoreContractParam;
using testing::StoreContractTest;
using testing::StorePorts;

// A directory under the system temp dir, removed with everything in it when destroyed.
class TempDir {
 public:
  TempDir() : path_(fs::temp_directory_path() / ("haven-store-test-" + core::NewId())) {
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  [[nodiscard]] std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

// A migrated store on a fresh temporary file; the file goes when the store does.
struct TempSqliteStore {
  TempDir dir;
  std::unique_ptr<SqliteStore> store;
};

StorePorts MakeFreshSqliteStore() {
  auto owner = std::make_shared<TempSqliteStore>();
  auto opened = SqliteStore::Open(owner->dir.File("haven.db"));
  if (!opened) {
    ADD_FAILURE() << opened.error().message;
    return {};
  }
  owner->store = std::move(*opened);
  if (auto migrated = owner->store->Migrate(); !migrated) {
    ADD_FAILURE() << migrated.error().message;
    return {};
  }
  StorePorts ports = testing::PortsOf(std::shared_ptr<SqliteStore>(owner, owner->store.get()));
  return ports;
}

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreContractTest,
                         ::testing::Values(StoreContractParam{"Sqlite", MakeFreshSqliteStore}),
                         testing::StoreContractParamName);

std::unique_ptr<SqliteStore> OpenOrDie(const std::string& path) {
  auto store = SqliteStore::Open(path);
  EXPECT_TRUE(store.has_value()) << store.error().message;
  return store ? std::move(*store) : nullptr;
}

std::vector<int> AllVersions() {
  std::vector<int> versions;
  for (const Migration& migration : EmbeddedSqliteMigrations()) {
    versions.push_back(migration.version);
  }
  return versions;
}

TEST(SqliteStore, FreshDatabaseMigratesToTheLatestVersion) {
  TempDir dir;
  auto store = OpenOrDie(dir.File("haven.db"));
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->SchemaVersion(), 0);
  auto applied = store->Migrate();
  ASSERT_TRUE(applied.has_value()) << applied.error().message;
  EXPECT_EQ(*applied, AllVersions());
  EXPECT_EQ(store->SchemaVersion(), LatestVersion(EmbeddedSqliteMigrations()));
}

TEST(SqliteStore, MigratingTwiceAppliesNothingTheSecondTime) {
  TempDir dir;
  auto store = OpenOrDie(dir.File("haven.db"));
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->Migrate().has_value());
  auto again = store->Migrate();
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_TRUE(again->empty());
  store.reset();
  auto reopened = OpenOrDie(dir.File("haven.db"));
  ASSERT_NE(reopened, nullptr);
  EXPECT_TRUE(reopened->Migrate()->empty());
}

TEST(SqliteStore, OpenCreatesTheParentDirectory) {
  TempDir dir;
  const std::string path = dir.File("nested/deeper/haven.db");
  auto store = OpenOrDie(path);
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->Migrate().has_value());
  EXPECT_TRUE(fs::exists(path));
}

TEST(SqliteStore, WritesSurviveClosingAndReopening) {
  TempDir dir;
  const std::string path = dir.File("haven.db");
  const core::Timestamp at = core::FromUnixMillis(1'700'000'000'000);
  const account::User user{core::NewId(),         "keep@example.org", "Kim", "es-MX",
                           account::Role::kAdmin, "$argon2id$h",      at};
  {
    auto store = OpenOrDie(path);
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store->Migrate().has_value());
    ASSERT_TRUE(store->CreateUser(user, core::Bytes{1, 0, 2}).has_value());
    ASSERT_TRUE(store->CreateSession({"token", user.id, at, at}).has_value());
    dialogue::Turn turn;
    turn.conversation = {"c1", user.id, at, at, "{}"};
    turn.messages.push_back(
        {"m1", "c1", user.id, dialogue::Author::kUser, "text", core::Bytes{0, 9}, "{}", at});
    ASSERT_TRUE(store->AppendTurn(turn).has_value());
    privacy::AuditEvent event;
    event.at = at;
    event.action = "auth.signup";
    ASSERT_TRUE(store->AppendAudit(event).has_value());
  }
  auto store = OpenOrDie(path);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->SchemaVersion(), LatestVersion(EmbeddedSqliteMigrations()));
  auto found = store->FindUserByEmail("keep@example.org");
  ASSERT_TRUE(found.has_value()) << found.error().message;
  EXPECT_EQ(found->role, account::Role::kAdmin);
  EXPECT_EQ(found->locale, "es-MX");
  EXPECT_EQ(*store->GetWrappedKey(user.id), (core::Bytes{1, 0, 2}));
  EXPECT_EQ(store->FindSession("token")->user_id, user.id);
  auto messages = store->ListMessages("c1", 10);
  ASSERT_TRUE(messages.has_value());
  ASSERT_EQ(messages->size(), 1u);
  EXPECT_EQ((*messages)[0].ciphertext, (core::Bytes{0, 9}));
  EXPECT_EQ(store->ReadAudit(0, 10)->size(), 1u);
}

TEST(SqliteStore, RefusesADatabaseMigratedByANewerBinary) {
  TempDir dir;
  const std::string path = dir.File("haven.db");
  const int newer = LatestVersion(EmbeddedSqliteMigrations()) + 1;
  {
    auto store = OpenOrDie(path);
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store->Migrate().has_value());
    auto database = Database::Open(path);
    ASSERT_TRUE(database.has_value());
    auto bumped = (*database)->WithConnection([&](Connection& connection) {
      return connection.Execute("INSERT INTO schema_migrations VALUES (" + std::to_string(newer) +
                                ", '9999_future.sql', 0)");
    });
    ASSERT_TRUE(bumped.has_value()) << bumped.error().message;
  }
  auto reopened = SqliteStore::Open(path);
  ASSERT_FALSE(reopened.has_value());
  EXPECT_NE(reopened.error().message.find("schema version " + std::to_string(newer)),
            std::string::npos)
      << reopened.error().message;
}

TEST(SqliteStore, FailedMigrationIsRolledBackAndLaterOnesAreNotApplied) {
  TempDir dir;
  auto database = Database::Open(dir.File("haven.db"));
  ASSERT_TRUE(database.has_value());
  const Migration migrations[] = {
      {1, "0001_a.sql", "CREATE TABLE a (x INTEGER);"},
      {2, "0002_b.sql", "CREATE TABLE b (x INTEGER); INSERT INTO nowhere VALUES (1);"},
      {3, "0003_c.sql", "CREATE TABLE c (x INTEGER);"},
  };
  auto applied = ApplyMigrations(**database, migrations, core::FromUnixMillis(0));
  ASSERT_FALSE(applied.has_value());
  EXPECT_NE(applied.error().message.find("0002_b.sql"), std::string::npos);
  EXPECT_EQ(*ReadSchemaVersion(**database), 1);
  auto tables = (*database)->WithConnection([](Connection& connection) -> core::Result<int> {
    auto statement = connection.Prepare(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('b', 'c')");
    if (!statement) return std::unexpected(statement.error());
    if (auto row = statement->Step(); !row || !*row) return -1;
    return static_cast<int>(statement->ColumnInt64(0));
  });
  EXPECT_EQ(tables.value_or(-1), 0);
}

TEST(SqliteStore, EveryMigrationFileIsEmbedded) {
  const char* source_dir = std::getenv("HAVEN_SOURCE_DIR");
  const fs::path dir =
      fs::path(source_dir != nullptr ? source_dir : ".") / "src/store/migrations/sqlite";
  ASSERT_TRUE(fs::is_directory(dir)) << dir;
  std::set<std::string> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".sql") files.insert(entry.path().filename().string());
  }
  std::set<std::string> embedded;
  for (const Migration& migration : EmbeddedSqliteMigrations()) {
    embedded.insert(std::string(migration.name));
  }
  EXPECT_EQ(embedded, files) << "list every migration in src/store/CMakeLists.txt";
}

TEST(SqliteStore, TwoConnectionsToOneFileKeepOneAuditChain) {
  // Two stores on one file stand for two server processes: BEGIN IMMEDIATE, not the
  // in-process mutex, is what keeps their appends from forking the chain.
  TempDir dir;
  const std::string path = dir.File("haven.db");
  auto first = OpenOrDie(path);
  auto second = OpenOrDie(path);
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  ASSERT_TRUE(first->Migrate().has_value());
  constexpr int kPerThread = 20;
  std::atomic<int> failures = 0;
  std::vector<std::thread> threads;
  for (SqliteStore* store : {first.get(), second.get(), first.get(), second.get()}) {
    threads.emplace_back([store, &failures] {
      for (int i = 0; i < kPerThread; ++i) {
        privacy::AuditEvent event;
        event.action = "test.append";
        if (!store->AppendAudit(event)) ++failures;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures, 0);
  auto verified = privacy::VerifyAuditChain(*second);
  ASSERT_TRUE(verified.has_value()) << verified.error().message;
  EXPECT_TRUE(verified->intact) << verified->problem;
  EXPECT_EQ(verified->rows_checked, 4 * kPerThread);
}

TEST(SqliteStore, InMemoryStoreMigratesAndWorks) {
  auto store = OpenOrDie(":memory:");
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->Migrate().has_value());
  const account::User user{core::NewId(), "mem@example.org",      "", "en", account::Role::kUser,
                           "h",           core::FromUnixMillis(0)};
  ASSERT_TRUE(store->CreateUser(user, core::Bytes{1}).has_value());
  EXPECT_TRUE(store->FindUserById(user.id).has_value());
}

TEST(SqliteStore, OpeningAFileThatIsNotADatabaseFailsNamingThePath) {
  TempDir dir;
  const std::string path = dir.File("junk.db");
  std::ofstream(path) << "this is not an SQLite database, it is just some text padding it out";
  auto store = SqliteStore::Open(path);
  ASSERT_FALSE(store.has_value());
  EXPECT_NE(store.error().message.find("junk.db"), std::string::npos) << store.error().message;
}

}  // namespace
}  // namespace haven::store
