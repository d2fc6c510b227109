#include "assess/testing/fake_assessment_repository.h"

#include <algorithm>

namespace haven::assess::testing {

using core::ErrorCode;
using core::Fail;

core::Status FakeAssessmentRepository::SaveSubmission(const StoredSubmission& submission) {
  std::lock_guard lock(mutex_);
  for (const StoredSubmission& existing : submissions_) {
    if (existing.id == submission.id) {
      return Fail(ErrorCode::kConflict, "a submission with this id exists", "id");
    }
    if (!submission.client_submission_id.empty() && existing.user_id == submission.user_id &&
        existing.client_submission_id == submission.client_submission_id) {
      return Fail(ErrorCode::kConflict, "this submission was already received",
                  "client_submission_id");
    }
  }
  submissions_.push_back(submission);
  return {};
}

core::Result<std::vector<StoredSubmission>> FakeAssessmentRepository::ListSubmissions(
    const SubmissionQuery& query) {
  std::lock_guard lock(mutex_);
  std::vector<StoredSubmission> out;
  for (const StoredSubmission& s : submissions_) {
    if (s.user_id != query.user_id) continue;
    if (!query.instrument_id.empty() && s.instrument_id != query.instrument_id) continue;
    if (query.from && s.submitted_at < *query.from) continue;
    if (query.to && s.submitted_at >= *query.to) continue;
    out.push_back(s);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.submitted_at < b.submitted_at; });
  return out;
}

core::Result<std::optional<StoredSubmission>> FakeAssessmentRepository::FindByClientSubmissionId(
    const std::string& user_id, const std::string& client_submission_id) {
  std::lock_guard lock(mutex_);
  for (const StoredSubmission& s : submissions_) {
    if (s.user_id == user_id && s.client_submission_id == client_submission_id) return s;
  }
  return std::nullopt;
}

std::size_t FakeAssessmentRepository::size() const {
  std::lock_guard lock(mutex_);
  return submissions_.size();
}

}  // namespace haven::assess::testing
