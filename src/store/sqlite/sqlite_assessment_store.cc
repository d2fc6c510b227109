// SqliteStore: assessment submissions (answers sealed; score, band, risk and flags readable).
#include <limits>
#include <nlohmann/json.hpp>

#include "store/sqlite/sqlite_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace haven::store {
namespace {

using core::ErrorCode;

constexpr std::string_view kSubmissionColumns =
    "SELECT id, user_id, instrument_id, instrument_version, client_submission_id, submitted_at, "
    "locale, answers, total, band_code, cssrs_risk, flags_json FROM assessment_submissions ";

std::string FlagsColumn(const std::vector<std::string>& flags) {
  // Flag names come from content, never from what a person typed; replace rather than throw.
  return nlohmann::json(flags).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

core::Result<std::vector<std::string>> FlagsFromColumn(std::string_view json) {
  const nlohmann::json parsed = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_array()) {
    return std::unexpected(CorruptRow("assessment_submissions", "flags_json", json));
  }
  std::vector<std::string> flags;
  for (const nlohmann::json& flag : parsed) {
    if (!flag.is_string()) {
      return std::unexpected(CorruptRow("assessment_submissions", "flags_json", json));
    }
    flags.push_back(flag.get<std::string>());
  }
  return flags;
}

core::Result<assess::SealedSubmission> ReadSubmission(const Statement& row) {
  assess::SealedSubmission s;
  s.id = row.ColumnText(0);
  s.user_id = row.ColumnText(1);
  s.instrument_id = row.ColumnText(2);
  s.instrument_version = row.ColumnText(3);
  s.client_submission_id = row.ColumnText(4);
  s.submitted_at = core::FromUnixMillis(row.ColumnInt64(5));
  s.locale = row.ColumnText(6);
  s.sealed_answers = row.ColumnBlob(7);
  if (!row.ColumnIsNull(8)) s.total = static_cast<int>(row.ColumnInt64(8));
  s.band_code = row.ColumnText(9);
  s.cssrs_risk = row.ColumnText(10);
  auto flags = FlagsFromColumn(row.ColumnText(11));
  if (!flags) return std::unexpected(flags.error());
  s.flags = std::move(*flags);
  return s;
}

core::Status InsertSubmission(Connection& connection, const assess::SealedSubmission& s) {
  // total is NULL for instruments without one: bound through CASE, as Statement binds no NULL.
  auto inserted =
      Execute(connection,
              "INSERT INTO assessment_submissions (id, user_id, instrument_id, instrument_version, "
              "client_submission_id, submitted_at, locale, answers, total, band_code, cssrs_risk, "
              "flags_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, CASE WHEN ? = 1 THEN ? END, ?, ?, ?)",
              s.id, s.user_id, s.instrument_id, s.instrument_version, s.client_submission_id,
              s.submitted_at, s.locale, s.sealed_answers, s.total ? 1 : 0, s.total.value_or(0),
              s.band_code, s.cssrs_risk, FlagsColumn(s.flags));
  if (inserted) return {};
  if (inserted.error().code == ErrorCode::kNotFound) {
    return core::Fail(ErrorCode::kNotFound, "no user with this id", "user_id");
  }
  if (inserted.error().code != ErrorCode::kConflict) return inserted;
  // Which unique constraint fired: the primary key or (user_id, client_submission_id).
  auto same_id = HasRow(connection, "SELECT 1 FROM assessment_submissions WHERE id = ?", s.id);
  if (same_id && *same_id) {
    return core::Fail(ErrorCode::kConflict, "a submission with this id already exists", "id");
  }
  return core::Fail(ErrorCode::kConflict, "this submission was already received",
                    "client_submission_id");
}

}  // namespace

core::Status SqliteStore::SaveSubmission(const assess::SealedSubmission& submission,
                                         const std::optional<safety::RiskEvent>& risk_event) {
  if (risk_event && risk_event->user_id != submission.user_id) {
    return core::Fail(ErrorCode::kInvalidArgument, "the risk event names another user",
                      "risk_event");
  }
  return database_->InTransaction([&](Connection& connection) -> core::Status {
    if (auto inserted = InsertSubmission(connection, submission); !inserted) return inserted;
    if (risk_event) return InsertRiskEvent(connection, *risk_event);
    return {};
  });
}

core::Result<std::vector<assess::SealedSubmission>> SqliteStore::ListSubmissions(
    const assess::SubmissionQuery& query) {
  // Open bounds become the widest instants, so one prepared statement serves every query.
  const std::int64_t from =
      query.from ? core::ToUnixMillis(*query.from) : std::numeric_limits<std::int64_t>::min();
  const std::int64_t to =
      query.to ? core::ToUnixMillis(*query.to) : std::numeric_limits<std::int64_t>::max();
  // Ties on the millisecond keep the order saved (rowid grows with each insert); a PostgreSQL
  // adapter needs an identity column for the same contract.
  return database_->WithConnection([&](Connection& connection) {
    return QueryAll(connection,
                    std::string(kSubmissionColumns) +
                        "WHERE user_id = ? AND (? = '' OR instrument_id = ?) "
                        "AND submitted_at >= ? AND submitted_at < ? ORDER BY submitted_at, rowid",
                    ReadSubmission, query.user_id, query.instrument_id, query.instrument_id, from,
                    to);
  });
}

core::Result<std::optional<assess::SealedSubmission>> SqliteStore::FindByClientSubmissionId(
    const std::string& user_id, const std::string& client_submission_id) {
  auto found = database_->WithConnection([&](Connection& connection) {
    return QueryOne(
        connection,
        std::string(kSubmissionColumns) + "WHERE user_id = ? AND client_submission_id = ?",
        ReadSubmission, "no such submission", user_id, client_submission_id);
  });
  if (found) return std::optional<assess::SealedSubmission>(std::move(*found));
  if (found.error().code == ErrorCode::kNotFound) return std::optional<assess::SealedSubmission>();
  return std::unexpected(found.error());
}

}  // namespace haven::store
