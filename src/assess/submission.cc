#include "assess/submission.h"

namespace haven::assess {

StoredSubmission ToStoredSubmission(const Instrument& instrument, const ScoredAssessment& scored,
                                    SubmissionMeta meta) {
  StoredSubmission out;
  out.id = std::move(meta.id);
  out.user_id = std::move(meta.user_id);
  out.instrument_id = instrument.id;
  out.instrument_version = instrument.version;
  out.client_submission_id = std::move(meta.client_submission_id);
  out.submitted_at = meta.submitted_at;
  out.locale = std::move(meta.locale);
  out.answers = scored.answers;
  out.total = scored.total;
  out.band_code = scored.band_code;
  if (scored.cssrs_risk) out.cssrs_risk = std::string(CssrsRiskName(*scored.cssrs_risk));
  out.flags = scored.flags;
  return out;
}

SealedSubmission ToSealedSubmission(const StoredSubmission& submission,
                                    core::Bytes sealed_answers) {
  return SealedSubmission{.id = submission.id,
                          .user_id = submission.user_id,
                          .instrument_id = submission.instrument_id,
                          .instrument_version = submission.instrument_version,
                          .client_submission_id = submission.client_submission_id,
                          .submitted_at = submission.submitted_at,
                          .locale = submission.locale,
                          .sealed_answers = std::move(sealed_answers),
                          .total = submission.total,
                          .band_code = submission.band_code,
                          .cssrs_risk = submission.cssrs_risk,
                          .flags = submission.flags};
}

StoredSubmission FromSealedSubmission(const SealedSubmission& sealed,
                                      std::vector<ItemAnswer> answers) {
  return StoredSubmission{.id = sealed.id,
                          .user_id = sealed.user_id,
                          .instrument_id = sealed.instrument_id,
                          .instrument_version = sealed.instrument_version,
                          .client_submission_id = sealed.client_submission_id,
                          .submitted_at = sealed.submitted_at,
                          .locale = sealed.locale,
                          .answers = std::move(answers),
                          .total = sealed.total,
                          .band_code = sealed.band_code,
                          .cssrs_risk = sealed.cssrs_risk,
                          .flags = sealed.flags};
}

}  // namespace haven::assess
