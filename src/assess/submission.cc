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

}  // namespace haven::assess
