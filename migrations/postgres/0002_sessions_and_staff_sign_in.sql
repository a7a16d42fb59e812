-- Sign-in: browser sessions, staff TOTP with recovery codes, and failed attempts for delays and locks.

CREATE TABLE sessions (
  id              TEXT PRIMARY KEY,          -- public, random: what "my sessions" lists and revokes
  token_hash      TEXT NOT NULL UNIQUE,      -- SHA-256 of the cookie value; the value is never stored
  csrf_hash       TEXT NOT NULL,             -- SHA-256 of the session's CSRF token
  user_id         BIGINT NOT NULL REFERENCES users(id),
  created_at      BIGINT NOT NULL,
  last_seen_at    BIGINT NOT NULL,
  idle_timeout_ms BIGINT NOT NULL,          -- the session ends this long after last_seen_at
  expires_at      BIGINT NOT NULL,          -- and at this time whatever happens
  user_agent      TEXT NOT NULL DEFAULT '',
  revoked_at      BIGINT
);
CREATE INDEX sessions_user ON sessions(user_id, created_at);

CREATE TABLE staff_totp (
  user_id      BIGINT PRIMARY KEY REFERENCES users(id),
  secret       TEXT NOT NULL,                -- base32 (to be encrypted with the personal-data key)
  confirmed_at BIGINT,                      -- null until the first code proves the enrolment
  last_step    BIGINT NOT NULL DEFAULT 0,   -- the last accepted 30 s step: no code is accepted twice
  created_at   BIGINT NOT NULL
);

CREATE TABLE recovery_codes (
  user_id   BIGINT NOT NULL REFERENCES users(id),
  code_hash TEXT NOT NULL,                   -- SHA-256 of the normalized code
  used_at   BIGINT,
  PRIMARY KEY (user_id, code_hash)
);

CREATE TABLE enrolment_tickets (
  ticket_hash TEXT PRIMARY KEY,              -- SHA-256 of the ticket handed out after the password
  user_id     BIGINT NOT NULL REFERENCES users(id),
  expires_at  BIGINT NOT NULL
);

CREATE TABLE sign_in_failures (
  subject         TEXT PRIMARY KEY,          -- "user:NAME" or "ip:ADDRESS"
  failures        BIGINT NOT NULL,
  last_failure_at BIGINT NOT NULL,
  locked_until    BIGINT NOT NULL DEFAULT 0
);
