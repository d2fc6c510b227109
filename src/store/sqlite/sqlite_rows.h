// Internal to the SQLite adapter: binding helpers and the column encodings of enums and lists.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "account/ports.h"
#include "core/clock.h"
#include "core/result.h"
#include "dialogue/ports.h"
#include "safety/risk.h"
#include "store/sqlite/database.h"

namespace haven::store {

inline void BindOne(Statement& statement, int index, std::string_view value) {
  statement.Bind(index, value);
}
inline void BindOne(Statement& statement, int index, std::int64_t value) {
  statement.Bind(index, value);
}
inline void BindOne(Statement& statement, int index, int value) {
  statement.Bind(index, static_cast<std::int64_t>(value));
}
inline void BindOne(Statement& statement, int index, double value) { statement.Bind(index, value); }
inline void BindOne(Statement& statement, int index, const core::Bytes& value) {
  statement.Bind(index, value);
}
inline void BindOne(Statement& statement, int index, core::Timestamp value) {
  statement.Bind(index, core::ToUnixMillis(value));
}

// Prepares `sql` and binds `args` to parameters 1, 2, ... in order.
template <typename... Args>
[[nodiscard]] core::Result<Statement> Query(Connection& connection, std::string_view sql,
                                            const Args&... args) {
  auto statement = connection.Prepare(sql);
  if (!statement) return statement;
  int index = 0;
  (BindOne(*statement, ++index, args), ...);
  return statement;
}

// Prepares, binds and runs a statement that returns no rows.
template <typename... Args>
[[nodiscard]] core::Status Execute(Connection& connection, std::string_view sql,
                                   const Args&... args) {
  auto statement = Query(connection, sql, args...);
  if (!statement) return std::unexpected(statement.error());
  return statement->Run();
}

// True when `sql` with `args` yields at least one row.
template <typename... Args>
[[nodiscard]] core::Result<bool> HasRow(Connection& connection, std::string_view sql,
                                        const Args&... args) {
  auto statement = Query(connection, sql, args...);
  if (!statement) return std::unexpected(statement.error());
  return statement->Step();
}

// The first row of `sql` decoded by `read` (a function of const Statement& returning a
// Result); NotFound with `not_found` as the message when there is no row.
template <typename Read, typename... Args>
[[nodiscard]] auto QueryOne(Connection& connection, std::string_view sql, Read read,
                            std::string_view not_found, const Args&... args)
    -> std::invoke_result_t<Read, const Statement&> {
  auto statement = Query(connection, sql, args...);
  if (!statement) return std::unexpected(statement.error());
  auto row = statement->Step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return core::Fail(core::ErrorCode::kNotFound, std::string(not_found));
  return read(*statement);
}

// Every row of `sql`, each decoded by `read`.
template <typename Read, typename... Args>
[[nodiscard]] auto QueryAll(Connection& connection, std::string_view sql, Read read,
                            const Args&... args)
    -> core::Result<
        std::vector<typename std::invoke_result_t<Read, const Statement&>::value_type>> {
  using Row = typename std::invoke_result_t<Read, const Statement&>::value_type;
  auto statement = Query(connection, sql, args...);
  if (!statement) return std::unexpected(statement.error());
  std::vector<Row> rows;
  while (true) {
    auto row = statement->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return rows;
    auto decoded = read(*statement);
    if (!decoded) return std::unexpected(decoded.error());
    rows.push_back(std::move(*decoded));
  }
}

// A LIMIT parameter: size_t values beyond int64 range mean "no limit".
[[nodiscard]] inline std::int64_t LimitParameter(std::size_t limit) {
  constexpr auto kMax = static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max());
  return static_cast<std::int64_t>(limit > kMax ? kMax : limit);
}

// Column encodings, private to the store so it does not depend on domain libraries.
[[nodiscard]] std::string_view RoleColumn(account::Role role);
[[nodiscard]] std::optional<account::Role> RoleFromColumn(std::string_view text);
[[nodiscard]] std::string_view AuthorColumn(dialogue::Author author);
[[nodiscard]] std::optional<dialogue::Author> AuthorFromColumn(std::string_view text);
[[nodiscard]] std::optional<safety::RiskLevel> RiskLevelFromColumn(std::int64_t level);
// JSON array of {"source": ..., "detail": ...}.
[[nodiscard]] std::string ReasonsColumn(const std::vector<safety::RiskReason>& reasons);
[[nodiscard]] core::Result<std::vector<safety::RiskReason>> ReasonsFromColumn(
    std::string_view json);

// Inserts a risk event (in the caller's transaction, if any). NotFound (field "user_id") for
// an unknown user, Conflict (field "id") for a repeated id.
[[nodiscard]] core::Status InsertRiskEvent(Connection& connection, const safety::RiskEvent& event);

// Internal error for a row that does not decode: the database was edited by hand or corrupted.
[[nodiscard]] core::Error CorruptRow(std::string_view table, std::string_view column,
                                     std::string_view value);

}  // namespace haven::store
