-- Agencies, users, sessions, API tokens, sign-in throttling and settings.
CREATE TABLE agency (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL DEFAULT 'other',
  created_at INTEGER NOT NULL
);

-- roles is a bit set: 1 referrer, 2 caseworker, 4 team leader, 8 partner, 16 analyst, 32 administrator
CREATE TABLE user (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name TEXT NOT NULL,
  agency_id INTEGER NOT NULL REFERENCES agency(id),
  roles INTEGER NOT NULL CHECK (roles > 0 AND roles < 64),
  password_hash TEXT,
  disabled INTEGER NOT NULL DEFAULT 0,
  totp_secret TEXT,
  created_at INTEGER NOT NULL,
  last_signin_at INTEGER
);

-- Server-side sessions; only a hash of the cookie token is stored.
CREATE TABLE session (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  client TEXT NOT NULL DEFAULT ''
);
CREATE INDEX session_user ON session(user_id);

-- Personal API tokens: shown once, stored hashed, revocable.
CREATE TABLE api_token (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  label TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);

-- Failed sign-ins, for throttling by account and by client address.
CREATE TABLE signin_failure (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL COLLATE NOCASE,
  client TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX signin_failure_email ON signin_failure(email, at);
CREATE INDEX signin_failure_client ON signin_failure(client, at);

CREATE TABLE setting (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
