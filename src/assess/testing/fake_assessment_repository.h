// In-memory AssessmentRepository for tests.
#pragma once

#include <mutex>
#include <vector>

#include "assess/ports.h"

namespace haven::assess::testing {

// Keeps submissions in a vector behind a mutex. Thread-safe.
class FakeAssessmentRepository final : public AssessmentRepository {
 public:
  [[nodiscard]] core::Status SaveSubmission(const StoredSubmission& submission) override;
  [[nodiscard]] core::Result<std::vector<StoredSubmission>> ListSubmissions(
      const SubmissionQuery& query) override;
  [[nodiscard]] core::Result<std::optional<StoredSubmission>> FindByClientSubmissionId(
      const std::string& user_id, const std::string& client_submission_id) override;

  // Number of stored submissions.
  [[nodiscard]] std::size_t size() const;

 private:
  mutable std::mutex mutex_;
  std::vector<StoredSubmission> submissions_;
};

}  // namespace haven::assess::testing
