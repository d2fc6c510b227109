#include "store/sqlite/sqlite_store.h"

#include "store/sqlite/migrations.h"

namespace haven::store {

core::Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path) {
  auto database = Database::Open(path);
  if (!database) return std::unexpected(database.error());
  if (auto known = CheckNotNewer(**database, EmbeddedSqliteMigrations()); !known) {
    return std::unexpected(known.error());
  }
  return std::unique_ptr<SqliteStore>(new SqliteStore(std::move(*database)));
}

core::Result<std::vector<int>> SqliteStore::Migrate() {
  return ApplyMigrations(*database_, EmbeddedSqliteMigrations(), core::SystemClock().Now());
}

int SqliteStore::SchemaVersion() {
  auto version = ReadSchemaVersion(*database_);
  return version ? *version : -1;
}

}  // namespace haven::store
