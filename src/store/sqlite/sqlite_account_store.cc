// SqliteStore: users, wrapped keys, sessions and log-in failures.
#include "store/sqlite/sqlite_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace haven::store {
namespace {

using core::ErrorCode;

constexpr std::string_view kUserColumns =
    "SELECT id, email, display_name, locale, role, password_hash, created_at FROM users ";

core::Result<account::User> ReadUser(const Statement& row) {
  account::User user;
  user.id = row.ColumnText(0);
  user.email = row.ColumnText(1);
  user.display_name = row.ColumnText(2);
  user.locale = row.ColumnText(3);
  const std::string role = row.ColumnText(4);
  const auto parsed = RoleFromColumn(role);
  if (!parsed) return std::unexpected(CorruptRow("users", "role", role));
  user.role = *parsed;
  user.password_hash = row.ColumnText(5);
  user.created_at = core::FromUnixMillis(row.ColumnInt64(6));
  return user;
}

core::Result<account::Session> ReadSession(const Statement& row) {
  return account::Session{row.ColumnText(0), row.ColumnText(1),
                          core::FromUnixMillis(row.ColumnInt64(2)),
                          core::FromUnixMillis(row.ColumnInt64(3))};
}

// Runs an UPDATE or DELETE; NotFound with `not_found` when it changed no row.
template <typename... Args>
core::Status ChangeOne(Database& database, std::string_view sql, std::string_view not_found,
                       const Args&... args) {
  return database.WithConnection([&](Connection& connection) -> core::Status {
    if (auto done = Execute(connection, sql, args...); !done) return done;
    if (connection.Changes() == 0) return core::Fail(ErrorCode::kNotFound, std::string(not_found));
    return {};
  });
}

core::Status InsertUser(Connection& connection, const account::User& user) {
  auto taken = HasRow(connection, "SELECT 1 FROM users WHERE email = ?", user.email);
  if (!taken) return std::unexpected(taken.error());
  if (*taken) {
    return core::Fail(ErrorCode::kConflict, "an account with this email already exists", "email");
  }
  auto inserted = Execute(connection,
                          "INSERT INTO users (id, email, display_name, locale, role, "
                          "password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                          user.id, user.email, user.display_name, user.locale,
                          RoleColumn(user.role), user.password_hash, user.created_at);
  if (!inserted && inserted.error().code == ErrorCode::kConflict) {
    return core::Fail(ErrorCode::kConflict, "a user with this id already exists", "id");
  }
  return inserted;
}

}  // namespace

core::Status SqliteStore::CreateUser(const account::User& user,
                                     const core::Bytes& wrapped_data_key) {
  return database_->InTransaction([&](Connection& connection) -> core::Status {
    if (auto inserted = InsertUser(connection, user); !inserted) return inserted;
    return Execute(connection,
                   "INSERT INTO user_keys (user_id, wrapped_key, created_at) VALUES (?, ?, ?)",
                   user.id, wrapped_data_key, user.created_at);
  });
}

core::Result<account::User> SqliteStore::FindUserById(const std::string& id) {
  return database_->WithConnection([&](Connection& connection) {
    return QueryOne(connection, std::string(kUserColumns) + "WHERE id = ?", ReadUser,
                    "no user with this id", id);
  });
}

core::Result<account::User> SqliteStore::FindUserByEmail(const std::string& email) {
  return database_->WithConnection([&](Connection& connection) {
    return QueryOne(connection, std::string(kUserColumns) + "WHERE email = ?", ReadUser,
                    "no user with this email", email);
  });
}

core::Status SqliteStore::UpdatePasswordHash(const std::string& id,
                                             const std::string& password_hash) {
  return ChangeOne(*database_, "UPDATE users SET password_hash = ? WHERE id = ?",
                   "no user with this id", password_hash, id);
}

core::Status SqliteStore::UpdateRole(const std::string& id, account::Role role) {
  return ChangeOne(*database_, "UPDATE users SET role = ? WHERE id = ?", "no user with this id",
                   RoleColumn(role), id);
}

core::Status SqliteStore::DeleteUser(const std::string& id) {
  // ON DELETE CASCADE removes the user's key, sessions, conversations, messages and risk
  // events; audit_log has no foreign key and keeps its rows.
  return ChangeOne(*database_, "DELETE FROM users WHERE id = ?", "no user with this id", id);
}

core::Status SqliteStore::CreateSession(const account::Session& session) {
  return database_->WithConnection([&](Connection& connection) -> core::Status {
    auto inserted =
        Execute(connection,
                "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) "
                "VALUES (?, ?, ?, ?)",
                session.token_hash, session.user_id, session.created_at, session.expires_at);
    if (inserted) return {};
    if (inserted.error().code == ErrorCode::kNotFound) {
      return core::Fail(ErrorCode::kNotFound, "no user with this id", "user_id");
    }
    if (inserted.error().code == ErrorCode::kConflict) {
      return core::Fail(ErrorCode::kConflict, "a session with this token already exists",
                        "token_hash");
    }
    return inserted;
  });
}

core::Result<account::Session> SqliteStore::FindSession(const std::string& token_hash) {
  return database_->WithConnection([&](Connection& connection) {
    return QueryOne(connection,
                    "SELECT token_hash, user_id, created_at, expires_at FROM sessions "
                    "WHERE token_hash = ?",
                    ReadSession, "no session with this token", token_hash);
  });
}

core::Status SqliteStore::DeleteSession(const std::string& token_hash) {
  return database_->WithConnection([&](Connection& connection) {
    return Execute(connection, "DELETE FROM sessions WHERE token_hash = ?", token_hash);
  });
}

core::Status SqliteStore::DeleteSessionsOfUser(const std::string& user_id) {
  return database_->WithConnection([&](Connection& connection) {
    return Execute(connection, "DELETE FROM sessions WHERE user_id = ?", user_id);
  });
}

core::Status SqliteStore::RecordLoginFailure(const std::string& key, core::Timestamp at) {
  return database_->WithConnection([&](Connection& connection) {
    return Execute(connection, "INSERT INTO login_failures (attempt_key, at) VALUES (?, ?)", key,
                   at);
  });
}

core::Result<int> SqliteStore::CountLoginFailuresSince(const std::string& key,
                                                       core::Timestamp since) {
  return database_->WithConnection([&](Connection& connection) {
    return QueryOne(
        connection, "SELECT COUNT(*) FROM login_failures WHERE attempt_key = ? AND at >= ?",
        [](const Statement& row) -> core::Result<int> {
          return static_cast<int>(row.ColumnInt64(0));
        },
        "no count", key, since);
  });
}

core::Status SqliteStore::ClearLoginFailures(const std::string& key) {
  return database_->WithConnection([&](Connection& connection) {
    return Execute(connection, "DELETE FROM login_failures WHERE attempt_key = ?", key);
  });
}

core::Result<core::Bytes> SqliteStore::GetWrappedKey(const std::string& user_id) {
  return database_->WithConnection([&](Connection& connection) {
    return QueryOne(
        connection, "SELECT wrapped_key FROM user_keys WHERE user_id = ?",
        [](const Statement& row) -> core::Result<core::Bytes> { return row.ColumnBlob(0); },
        "no data key for this user", user_id);
  });
}

core::Status SqliteStore::DeleteWrappedKey(const std::string& user_id) {
  return database_->WithConnection([&](Connection& connection) {
    return Execute(connection, "DELETE FROM user_keys WHERE user_id = ?", user_id);
  });
}

}  // namespace haven::store
