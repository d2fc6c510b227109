// Storage the assess module needs; implemented by src/store adapters.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "assess/scoring.h"
#include "core/clock.h"
#include "core/result.h"

namespace haven::assess {

// A stored, scored submission. Answers are kept as item id -> score (AnswersToJson form).
struct StoredSubmission {
  std::string id;  // core::NewId()
  std::string user_id;
  std::string instrument_id;         // "phq9", ...
  std::string instrument_version;    // content version the answers were scored with
  std::string client_submission_id;  // chosen by the client; makes a retried submit idempotent
  core::Timestamp submitted_at;
  std::string locale;  // locale the questions were shown in, e.g. "es"
  std::vector<ItemAnswer> answers;
  std::optional<int> total;        // empty for the C-SSRS screener
  std::string band_code;           // empty for the C-SSRS screener
  std::string cssrs_risk;          // "none"/"low"/"moderate"/"high"; empty for other instruments
  std::vector<std::string> flags;  // safety flags raised

  friend bool operator==(const StoredSubmission&, const StoredSubmission&) = default;
};

// Which submissions to list: one user, optionally one instrument, `from` <= submitted_at < `to`.
struct SubmissionQuery {
  std::string user_id;
  std::string instrument_id;  // empty = all instruments
  std::optional<core::Timestamp> from;
  std::optional<core::Timestamp> to;
};

// Implementations are thread-safe.
class AssessmentRepository {
 public:
  virtual ~AssessmentRepository() = default;

  // Stores a submission. Conflict (field "client_submission_id") if the user already has a
  // submission with that client id; Conflict (field "id") on a repeated id.
  [[nodiscard]] virtual core::Status SaveSubmission(const StoredSubmission& submission) = 0;

  // Submissions matching `query`, oldest first. Empty when none.
  [[nodiscard]] virtual core::Result<std::vector<StoredSubmission>> ListSubmissions(
      const SubmissionQuery& query) = 0;

  // The user's submission with this client id, if any: lets a retried submit return the first
  // result instead of storing a duplicate.
  [[nodiscard]] virtual core::Result<std::optional<StoredSubmission>> FindByClientSubmissionId(
      const std::string& user_id, const std::string& client_submission_id) = 0;
};

}  // namespace haven::assess
