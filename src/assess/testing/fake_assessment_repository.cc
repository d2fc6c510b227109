#include "assess/testing/fake_assessment_repository.h"

#include <algorithm>

namespace haven::assess::testing {

using core::ErrorCode;
using core::Fail;

core::Status FakeAssessmentRepository::SaveSubmission(
    const SealedSubmission& submission, const std::optional<safety::RiskEvent>& risk_event) {
  std::lock_guard lock(mutex_);
  if (fail_next_save_) {
    fail_next_save_ = false;
    return Fail(ErrorCode::kUnavailable, "store is down (fake)");
  }
  if (risk_event && risk_event->user_id != submission.user_id) {
    return Fail(ErrorCode::kInvalidArgument, "the risk event names another user", "risk_event");
  }
  for (const SealedSubmission& existing : submissions_) {
    if (existing.id == submission.id) {
      return Fail(ErrorCode::kConflict, "a submission with this id exists", "id");
    }
    if (existing.user_id == submission.user_id &&
        existing.client_submission_id == submission.client_submission_id) {
      return Fail(ErrorCode::kConflict, "this submission was already received",
                  "client_submission_id");
    }
  }
  if (risk_event) {
    for (const safety::RiskEvent& event : risk_events_) {
      if (event.id == risk_event->id) {
        return Fail(ErrorCode::kConflict, "a risk event with this id exists", "id");
      }
    }
    risk_events_.push_back(*risk_event);
  }
  submissions_.push_back(submission);
  return {};
}

core::Result<std::vector<SealedSubmission>> FakeAssessmentRepository::ListSubmissions(
    const SubmissionQuery& query) {
  std::lock_guard lock(mutex_);
  std::vector<SealedSubmission> out;
  for (const SealedSubmission& s : submissions_) {
    if (s.user_id != query.user_id) continue;
    if (!query.instrument_id.empty() && s.instrument_id != query.instrument_id) continue;
    if (query.from && s.submitted_at < *query.from) continue;
    if (query.to && s.submitted_at >= *query.to) continue;
    out.push_back(s);
  }
  // As the store contract says: by time, then in the order saved.
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.submitted_at < b.submitted_at; });
  return out;
}

core::Result<std::optional<SealedSubmission>> FakeAssessmentRepository::FindByClientSubmissionId(
    const std::string& user_id, const std::string& client_submission_id) {
  std::lock_guard lock(mutex_);
  for (const SealedSubmission& s : submissions_) {
    if (s.user_id == user_id && s.client_submission_id == client_submission_id) return s;
  }
  return std::nullopt;
}

void FakeAssessmentRepository::FailNextSave() {
  std::lock_guard lock(mutex_);
  fail_next_save_ = true;
}

std::size_t FakeAssessmentRepository::size() const {
  std::lock_guard lock(mutex_);
  return submissions_.size();
}

std::vector<SealedSubmission> FakeAssessmentRepository::submissions() const {
  std::lock_guard lock(mutex_);
  return submissions_;
}

std::vector<safety::RiskEvent> FakeAssessmentRepository::risk_events() const {
  std::lock_guard lock(mutex_);
  return risk_events_;
}

}  // namespace haven::assess::testing
