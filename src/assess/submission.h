// Turning a scored assessment into the record a repository stores.
#pragma once

#include <string>

#include "assess/instrument.h"
#include "assess/ports.h"
#include "assess/scoring.h"
#include "core/bytes.h"
#include "core/clock.h"

namespace haven::assess {

// Who submitted what, when: everything about a submission that scoring does not decide.
struct SubmissionMeta {
  std::string id;  // core::NewId()
  std::string user_id;
  std::string client_submission_id;
  core::Timestamp submitted_at;
  std::string locale;  // locale the questions were shown in
};

// The stored form of `scored` (answers, total, band, C-SSRS risk, flags) with `meta`.
[[nodiscard]] StoredSubmission ToStoredSubmission(const Instrument& instrument,
                                                  const ScoredAssessment& scored,
                                                  SubmissionMeta meta);

// `submission` as a repository keeps it, with `sealed_answers` (its answers, sealed by the
// caller) in place of the readable answers.
[[nodiscard]] SealedSubmission ToSealedSubmission(const StoredSubmission& submission,
                                                  core::Bytes sealed_answers);

// The readable form of `sealed` with `answers` (opened by the caller).
[[nodiscard]] StoredSubmission FromSealedSubmission(const SealedSubmission& sealed,
                                                    std::vector<ItemAnswer> answers);

}  // namespace haven::assess
