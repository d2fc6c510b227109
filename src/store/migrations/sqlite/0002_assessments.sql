-- Haven schema, version 2: assessment submissions (PHQ-9, GAD-7, C-SSRS screener, ...).
--
-- answers holds the item answers (JSON {"q1":2,...}) sealed with the user's data key: the
-- store never sees them in plaintext, and deleting the user's key crypto-shreds them. The
-- score, band, C-SSRS risk and safety flags stay readable so a clinician's caseload can be
-- sorted by risk without opening anything. total is NULL for instruments without one (C-SSRS).
-- flags_json: JSON array of flag names, e.g. ["suicidal_ideation_item"].
CREATE TABLE assessment_submissions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  instrument_id TEXT NOT NULL,
  instrument_version TEXT NOT NULL,
  client_submission_id TEXT NOT NULL,
  submitted_at BIGINT NOT NULL,
  locale TEXT NOT NULL,
  answers BLOB NOT NULL,
  total INTEGER,
  band_code TEXT NOT NULL DEFAULT '',
  cssrs_risk TEXT NOT NULL DEFAULT '',
  flags_json TEXT NOT NULL DEFAULT '[]',
  UNIQUE (user_id, client_submission_id)
);
CREATE INDEX assessment_submissions_user_instrument_at
  ON assessment_submissions (user_id, instrument_id, submitted_at);
CREATE INDEX assessment_submissions_user_at ON assessment_submissions (user_id, submitted_at);
