#include "store/sqlite/migrations.h"

#include <algorithm>
#include <string>

namespace haven::store {
namespace {

constexpr std::string_view kCreateMigrationsTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " applied_at BIGINT NOT NULL)";

core::Result<int> VersionOn(Connection& connection) {
  auto exists = connection.Prepare(
      "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'");
  if (!exists) return std::unexpected(exists.error());
  auto row = exists->Step();
  if (!row) return std::unexpected(row.error());
  if (!*row || exists->ColumnInt64(0) == 0) return 0;
  auto max = connection.Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  if (!max) return std::unexpected(max.error());
  row = max->Step();
  if (!row) return std::unexpected(row.error());
  return *row ? static_cast<int>(max->ColumnInt64(0)) : 0;
}

// Applies one migration if the database (re-read inside the transaction, in case another
// process got there first) does not have it yet. True when it was applied.
core::Result<bool> ApplyOne(Database& database, const Migration& migration, core::Timestamp now) {
  return database.InTransaction([&](Connection& connection) -> core::Result<bool> {
    auto version = VersionOn(connection);
    if (!version) return std::unexpected(version.error());
    if (*version >= migration.version) return false;
    if (auto applied = connection.Execute(migration.sql); !applied) {
      return core::Fail(applied.error().code, "migration " + std::string(migration.name) +
                                                  " failed: " + applied.error().message);
    }
    auto record = connection.Prepare(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)");
    if (!record) return std::unexpected(record.error());
    record->Bind(1, static_cast<std::int64_t>(migration.version))
        .Bind(2, migration.name)
        .Bind(3, core::ToUnixMillis(now));
    if (auto done = record->Run(); !done) return std::unexpected(done.error());
    return true;
  });
}

}  // namespace

int LatestVersion(std::span<const Migration> migrations) {
  int latest = 0;
  for (const Migration& migration : migrations) latest = std::max(latest, migration.version);
  return latest;
}

core::Result<int> ReadSchemaVersion(Database& database) {
  return database.WithConnection([](Connection& connection) { return VersionOn(connection); });
}

core::Status CheckNotNewer(Database& database, std::span<const Migration> migrations) {
  auto version = ReadSchemaVersion(database);
  if (!version) return std::unexpected(version.error());
  const int latest = LatestVersion(migrations);
  if (*version > latest) {
    return core::Fail(core::ErrorCode::kInternal,
                      "the database " + database.path() + " has schema version " +
                          std::to_string(*version) + " but this Haven build knows only up to " +
                          std::to_string(latest) +
                          "; run the newer Haven that migrated it (downgrades are not supported)");
  }
  return {};
}

core::Result<std::vector<int>> ApplyMigrations(Database& database,
                                               std::span<const Migration> migrations,
                                               core::Timestamp now) {
  auto created = database.WithConnection(
      [](Connection& connection) { return connection.Execute(kCreateMigrationsTable); });
  if (!created) return std::unexpected(created.error());
  if (auto fresh_enough = CheckNotNewer(database, migrations); !fresh_enough) {
    return std::unexpected(fresh_enough.error());
  }
  std::vector<const Migration*> ordered;
  for (const Migration& migration : migrations) ordered.push_back(&migration);
  std::ranges::sort(ordered, {}, &Migration::version);
  std::vector<int> applied;
  for (const Migration* migration : ordered) {
    auto done = ApplyOne(database, *migration, now);
    if (!done) return std::unexpected(done.error());
    if (*done) applied.push_back(migration->version);
  }
  return applied;
}

}  // namespace haven::store
