// In-memory AssessmentRepository for tests.
#pragma once

#include <mutex>
#include <optional>
#include <vector>

#include "assess/ports.h"

namespace haven::assess::testing {

// Keeps sealed submissions and their risk events in vectors behind a mutex. Thread-safe.
class FakeAssessmentRepository final : public AssessmentRepository {
 public:
  [[nodiscard]] core::Status SaveSubmission(
      const SealedSubmission& submission,
      const std::optional<safety::RiskEvent>& risk_event) override;
  [[nodiscard]] core::Result<std::vector<SealedSubmission>> ListSubmissions(
      const SubmissionQuery& query) override;
  [[nodiscard]] core::Result<std::optional<SealedSubmission>> FindByClientSubmissionId(
      const std::string& user_id, const std::string& client_submission_id) override;

  // Makes the next SaveSubmission fail with Unavailable, storing nothing.
  void FailNextSave();
  // Number of stored submissions.
  [[nodiscard]] std::size_t size() const;
  // Every stored submission, in the order saved.
  [[nodiscard]] std::vector<SealedSubmission> submissions() const;
  // Risk events saved with submissions, in the order saved.
  [[nodiscard]] std::vector<safety::RiskEvent> risk_events() const;

 private:
  mutable std::mutex mutex_;
  std::vector<SealedSubmission> submissions_;
  std::vector<safety::RiskEvent> risk_events_;
  bool fail_next_save_ = false;
};

}  // namespace haven::assess::testing
