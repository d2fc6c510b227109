// A thin RAII layer over the SQLite C API: one connection, cached prepared statements,
// transactions, and SQLite errors mapped to core::Error.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>

#include "core/bytes.h"
#include "core/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace haven::store {

// Maps a SQLite result code to an Error: unique/primary-key violations are Conflict, foreign
// key violations NotFound, busy/locked Unavailable, everything else Internal. `context` says
// what was being done; the message of the connection `db` (may be null) is appended.
[[nodiscard]] core::Error SqliteError(sqlite3* db, int code, std::string_view context);

// A prepared statement, usually borrowed from a Connection's cache (`in_use` is the cache
// entry's flag; null means this Statement owns and finalises it). Reset and unbound when
// destroyed. Bind indices are 1-based, column indices 0-based, as in SQLite. Not thread-safe.
class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* statement, bool* in_use)
      : db_(db), statement_(statement), in_use_(in_use) {}
  Statement(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& operator=(Statement&&) = delete;
  ~Statement();

  // Binders record the first failure; Step() and Run() report it.
  Statement& Bind(int index, std::string_view text);
  Statement& Bind(int index, std::int64_t value);
  Statement& Bind(int index, double value);
  Statement& Bind(int index, const core::Bytes& blob);  // an empty blob stays a blob, not NULL

  // Advances: true when a row is available, false when done.
  [[nodiscard]] core::Result<bool> Step();
  // Steps until done, for statements that return no rows.
  [[nodiscard]] core::Status Run();

  // Values of the current row (after Step() returned true); NULL reads as 0, "" or no bytes.
  [[nodiscard]] std::int64_t ColumnInt64(int column) const;
  [[nodiscard]] double ColumnDouble(int column) const;
  [[nodiscard]] std::string ColumnText(int column) const;
  [[nodiscard]] core::Bytes ColumnBlob(int column) const;
  [[nodiscard]] bool ColumnIsNull(int column) const;

 private:
  void NoteBind(int code);

  sqlite3* db_;
  sqlite3_stmt* statement_;
  bool* in_use_;
  int bind_error_ = 0;
};

// One open SQLite connection. Not thread-safe on its own: Database serialises access.
class Connection {
 public:
  explicit Connection(sqlite3* db) : db_(db) {}
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  // A statement for `sql` (one statement), prepared once and then reused from the cache; if
  // the cached one is still in use a private one is prepared.
  [[nodiscard]] core::Result<Statement> Prepare(std::string_view sql);
  // Runs `sql`, which may hold several statements; for schema changes and PRAGMAs.
  [[nodiscard]] core::Status Execute(std::string_view sql);
  // Rows changed by the last INSERT, UPDATE or DELETE.
  [[nodiscard]] int Changes() const;
  [[nodiscard]] sqlite3* Handle() const { return db_; }

 private:
  sqlite3* db_;
  struct Cached {
    sqlite3_stmt* statement = nullptr;
    bool in_use = false;
  };
  std::unordered_map<std::string, Cached> statements_;
};

// An open database file with a mutex-guarded single connection. Every call takes the mutex
// for its own duration only, so calls from many threads are serialised; one slow call delays
// the others (a connection pool can replace this later without changing callers).
class Database {
 public:
  // Opens or creates `path` (creating its parent directory) with PRAGMAs journal_mode=WAL,
  // synchronous=FULL, foreign_keys=ON and a 5 s busy timeout. ":memory:" opens a private
  // in-memory database. Unavailable/Internal with the path in the message on failure.
  [[nodiscard]] static core::Result<std::unique_ptr<Database>> Open(const std::string& path);

  // Runs `body(Connection&)` under the connection mutex, outside any transaction.
  template <typename Body>
  auto WithConnection(Body&& body) -> std::invoke_result_t<Body, Connection&> {
    std::lock_guard lock(mutex_);
    return body(*connection_);
  }

  // Runs `body(Connection&)` inside BEGIN IMMEDIATE ... COMMIT under the connection mutex.
  // `body` returns a Result or Status; on its failure (or a failed COMMIT) the transaction is
  // rolled back and the error returned.
  template <typename Body>
  auto InTransaction(Body&& body) -> std::invoke_result_t<Body, Connection&> {
    std::lock_guard lock(mutex_);
    if (auto begun = connection_->Execute("BEGIN IMMEDIATE"); !begun) {
      return std::unexpected(begun.error());
    }
    auto result = body(*connection_);
    if (!result) {
      Rollback();
      return result;
    }
    if (auto committed = connection_->Execute("COMMIT"); !committed) {
      Rollback();
      return std::unexpected(committed.error());
    }
    return result;
  }

  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  Database(std::string path, std::unique_ptr<Connection> connection)
      : path_(std::move(path)), connection_(std::move(connection)) {}
  void Rollback();

  std::string path_;
  std::mutex mutex_;
  std::unique_ptr<Connection> connection_;
};

}  // namespace haven::store
