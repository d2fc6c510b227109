-- Haven schema, version 1: accounts, keys, sessions, log-in throttling, audit log,
-- conversations, messages and risk events.
--
-- Written to stay close to PostgreSQL: TEXT ids, BIGINT unix-millisecond timestamps,
-- DOUBLE PRECISION scores, no AUTOINCREMENT (sequences are computed as max + 1 inside the
-- writing transaction). BLOB columns become BYTEA in the PostgreSQL migrations.

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL DEFAULT '',
  locale TEXT NOT NULL DEFAULT 'en',
  role TEXT NOT NULL CHECK (role IN ('user', 'clinician', 'admin')),
  password_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL
);

-- Each user's data key, wrapped by the master key. Deleting the row crypto-shreds the
-- user's ciphertexts.
CREATE TABLE user_keys (
  user_id TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  wrapped_key BLOB NOT NULL,
  created_at BIGINT NOT NULL
);

-- Only the hash of a bearer token is stored.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user_id ON sessions (user_id);

-- Failed log-ins keyed by "account:<email>" or "address:<ip>".
CREATE TABLE login_failures (
  attempt_key TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX login_failures_key_at ON login_failures (attempt_key, at);

-- Append-only hash chain. No foreign keys: rows outlive the accounts they mention.
CREATE TABLE audit_log (
  sequence BIGINT PRIMARY KEY,
  at BIGINT NOT NULL,
  action TEXT NOT NULL,
  actor_id TEXT NOT NULL DEFAULT '',
  subject_id TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  previous_hash BLOB NOT NULL,
  hash BLOB NOT NULL
);

CREATE TABLE conversations (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  protocol_state TEXT NOT NULL DEFAULT ''
);
CREATE INDEX conversations_user_updated ON conversations (user_id, updated_at);

-- position orders the messages of a conversation (max + 1 within the turn's transaction),
-- because several messages of one turn share a created_at millisecond.
CREATE TABLE messages (
  id TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  position BIGINT NOT NULL,
  author TEXT NOT NULL CHECK (author IN ('user', 'companion')),
  kind TEXT NOT NULL,
  ciphertext BLOB NOT NULL,
  analysis TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  UNIQUE (conversation_id, position)
);
CREATE INDEX messages_conversation_created ON messages (conversation_id, created_at);
CREATE INDEX messages_user_created ON messages (user_id, created_at);

-- level: 0 none, 1 elevated, 2 crisis (safety::RiskLevel). reasons: JSON array of
-- {"source": ..., "detail": ...}. Never any text the person wrote.
CREATE TABLE risk_events (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  at BIGINT NOT NULL,
  level INTEGER NOT NULL CHECK (level IN (0, 1, 2)),
  score DOUBLE PRECISION NOT NULL,
  source TEXT NOT NULL,
  reference_id TEXT NOT NULL DEFAULT '',
  reasons TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX risk_events_user_at ON risk_events (user_id, at);
