// Storage the assess module needs; implemented by src/store adapters.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "assess/scoring.h"
#include "core/bytes.h"
#include "core/clock.h"
#include "core/result.h"
#include "safety/risk.h"

namespace haven::assess {

// A scored submission with its answers readable: what the service and the FHIR mapping work
// with. Repositories never see this form; they keep a SealedSubmission.
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

// A submission as a repository keeps it: the answers (AnswersToJson text) sealed with the
// user's data key, so the store holds only ciphertext of them; the score, band, C-SSRS risk and
// flags stay readable so a caseload can be sorted by risk without opening anything.
struct SealedSubmission {
  std::string id;
  std::string user_id;
  std::string instrument_id;
  std::string instrument_version;
  std::string client_submission_id;
  core::Timestamp submitted_at;
  std::string locale;
  core::Bytes sealed_answers;  // never plaintext
  std::optional<int> total;
  std::string band_code;
  std::string cssrs_risk;
  std::vector<std::string> flags;

  friend bool operator==(const SealedSubmission&, const SealedSubmission&) = default;
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

  // Stores a submission and, when given, the risk event it raised, all or nothing. Conflict
  // (field "client_submission_id") if the user already has a submission with that client id;
  // Conflict (field "id") on a repeated submission or risk event id; NotFound (field "user_id")
  // for an unknown user; InvalidArgument (field "risk_event") for another user's event.
  [[nodiscard]] virtual core::Status SaveSubmission(
      const SealedSubmission& submission, const std::optional<safety::RiskEvent>& risk_event) = 0;

  // Submissions matching `query`, oldest first (ties by id). Empty when none.
  [[nodiscard]] virtual core::Result<std::vector<SealedSubmission>> ListSubmissions(
      const SubmissionQuery& query) = 0;

  // The user's submission with this client id, if any.
  [[nodiscard]] virtual core::Result<std::optional<SealedSubmission>> FindByClientSubmissionId(
      const std::string& user_id, const std::string& client_submission_id) = 0;
};

}  // namespace haven::assess
