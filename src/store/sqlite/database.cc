#include "store/sqlite/database.h"

#include <sqlite3.h>

#include <filesystem>
#include <system_error>
#include <utility>

namespace haven::store {
namespace {

using core::ErrorCode;

core::ErrorCode MapCode(int code) {
  if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY) {
    return ErrorCode::kConflict;
  }
  if (code == SQLITE_CONSTRAINT_FOREIGNKEY) return ErrorCode::kNotFound;
  const int primary = code & 0xff;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) return ErrorCode::kUnavailable;
  return ErrorCode::kInternal;
}

// A short prefix of a statement's SQL, so error messages say which statement failed.
std::string SqlPrefix(sqlite3_stmt* statement) {
  const char* sql = sqlite3_sql(statement);
  if (sql == nullptr) return "statement";
  std::string text(sql);
  constexpr std::size_t kMax = 60;
  if (text.size() > kMax) text = text.substr(0, kMax) + "...";
  return text;
}

core::Status CreateParentDirectory(const std::string& path) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (parent.empty()) return {};
  std::error_code error;
  std::filesystem::create_directories(parent, error);
  if (error) {
    return core::Fail(ErrorCode::kUnavailable, "cannot create the database directory " +
                                                   parent.string() + ": " + error.message());
  }
  return {};
}

core::Status EnableWriteAheadLog(Connection& connection) {
  auto statement = connection.Prepare("PRAGMA journal_mode = WAL");
  if (!statement) return std::unexpected(statement.error());
  auto row = statement->Step();
  if (!row) return std::unexpected(row.error());
  const std::string mode = *row ? statement->ColumnText(0) : "";
  if (mode != "wal") {
    return core::Fail(ErrorCode::kUnavailable,
                      "cannot enable write-ahead logging (journal mode stays '" + mode + "')");
  }
  return {};
}

// Per-connection settings. synchronous=FULL: in WAL mode every commit is fsynced, so an
// acknowledged write survives a crash or power loss.
core::Status Configure(Connection& connection, bool in_memory) {
  sqlite3_extended_result_codes(connection.Handle(), 1);
  sqlite3_busy_timeout(connection.Handle(), 5000);
  if (auto set = connection.Execute("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;"); !set) {
    return set;
  }
  return in_memory ? core::Status{} : EnableWriteAheadLog(connection);
}

}  // namespace

core::Error SqliteError(sqlite3* db, int code, std::string_view context) {
  std::string message(context);
  message += ": ";
  message += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  return core::Error{MapCode(code), std::move(message), ""};
}

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_),
      statement_(std::exchange(other.statement_, nullptr)),
      in_use_(std::exchange(other.in_use_, nullptr)),
      bind_error_(other.bind_error_) {}

Statement::~Statement() {
  if (statement_ == nullptr) return;
  if (in_use_ == nullptr) {
    sqlite3_finalize(statement_);
    return;
  }
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
  *in_use_ = false;
}

void Statement::NoteBind(int code) {
  if (code != SQLITE_OK && bind_error_ == 0) bind_error_ = code;
}

Statement& Statement::Bind(int index, std::string_view text) {
  // A null data pointer would bind SQL NULL; an empty string must stay ''.
  const char* data = text.data() != nullptr ? text.data() : "";
  NoteBind(
      sqlite3_bind_text64(statement_, index, data, text.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
  return *this;
}

Statement& Statement::Bind(int index, std::int64_t value) {
  NoteBind(sqlite3_bind_int64(statement_, index, value));
  return *this;
}

Statement& Statement::Bind(int index, double value) {
  NoteBind(sqlite3_bind_double(statement_, index, value));
  return *this;
}

Statement& Statement::Bind(int index, const core::Bytes& blob) {
  if (blob.empty()) {
    NoteBind(sqlite3_bind_zeroblob(statement_, index, 0));
  } else {
    NoteBind(sqlite3_bind_blob64(statement_, index, blob.data(), blob.size(), SQLITE_TRANSIENT));
  }
  return *this;
}

core::Result<bool> Statement::Step() {
  if (bind_error_ != 0) {
    return std::unexpected(SqliteError(nullptr, bind_error_, "binding " + SqlPrefix(statement_)));
  }
  const int code = sqlite3_step(statement_);
  if (code == SQLITE_ROW) return true;
  if (code == SQLITE_DONE) return false;
  return std::unexpected(SqliteError(db_, code, SqlPrefix(statement_)));
}

core::Status Statement::Run() {
  while (true) {
    auto row = Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return {};
  }
}

std::int64_t Statement::ColumnInt64(int column) const {
  return sqlite3_column_int64(statement_, column);
}

double Statement::ColumnDouble(int column) const {
  return sqlite3_column_double(statement_, column);
}

std::string Statement::ColumnText(int column) const {
  const auto* text = sqlite3_column_text(statement_, column);
  if (text == nullptr) return {};
  const int size = sqlite3_column_bytes(statement_, column);
  return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size));
}

core::Bytes Statement::ColumnBlob(int column) const {
  const auto* data = static_cast<const std::uint8_t*>(sqlite3_column_blob(statement_, column));
  if (data == nullptr) return {};
  const int size = sqlite3_column_bytes(statement_, column);
  return core::Bytes(data, data + size);
}

bool Statement::ColumnIsNull(int column) const {
  return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

Connection::~Connection() {
  for (auto& [sql, cached] : statements_) sqlite3_finalize(cached.statement);
  sqlite3_close_v2(db_);
}

core::Result<Statement> Connection::Prepare(std::string_view sql) {
  const std::string key(sql);
  auto found = statements_.find(key);
  if (found != statements_.end() && !found->second.in_use) {
    found->second.in_use = true;
    return Statement(db_, found->second.statement, &found->second.in_use);
  }
  sqlite3_stmt* statement = nullptr;
  const bool cache = found == statements_.end();
  const int code = sqlite3_prepare_v3(db_, key.c_str(), static_cast<int>(key.size() + 1),
                                      cache ? SQLITE_PREPARE_PERSISTENT : 0, &statement, nullptr);
  if (code != SQLITE_OK) return std::unexpected(SqliteError(db_, code, "preparing " + key));
  if (statement == nullptr) {
    return core::Fail(ErrorCode::kInternal, "preparing an empty SQL statement");
  }
  if (!cache) return Statement(db_, statement, nullptr);
  Cached& entry = statements_[key];
  entry = Cached{statement, true};
  return Statement(db_, statement, &entry.in_use);
}

core::Status Connection::Execute(std::string_view sql) {
  const std::string text(sql);
  const int code = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
  if (code != SQLITE_OK) {
    std::string what = text.size() > 60 ? text.substr(0, 60) + "..." : text;
    return std::unexpected(SqliteError(db_, code, what));
  }
  return {};
}

int Connection::Changes() const { return sqlite3_changes(db_); }

core::Result<std::unique_ptr<Database>> Database::Open(const std::string& path) {
  if (path.empty()) {
    return core::Fail(ErrorCode::kInvalidArgument, "the database path is empty", "path");
  }
  const bool in_memory = path == ":memory:";
  if (!in_memory) {
    if (auto created = CreateParentDirectory(path); !created)
      return std::unexpected(created.error());
  }
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  const int code = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  auto connection = std::make_unique<Connection>(db);  // closes `db` on every early return
  if (code != SQLITE_OK) return std::unexpected(SqliteError(db, code, "opening " + path));
  if (auto configured = Configure(*connection, in_memory); !configured) {
    core::Error error = configured.error();
    error.message = "opening " + path + ": " + error.message;
    return std::unexpected(error);
  }
  return std::unique_ptr<Database>(new Database(path, std::move(connection)));
}

void Database::Rollback() {
  // SQLite may already have rolled back (e.g. after SQLITE_FULL); only roll back if still open.
  if (sqlite3_get_autocommit(connection_->Handle()) == 0) {
    (void)connection_->Execute("ROLLBACK");
  }
}

}  // namespace haven::store
