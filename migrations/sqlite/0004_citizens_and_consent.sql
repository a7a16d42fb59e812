-- Citizens who sign in with the national e-ID, the sign-ins in flight, consent per purpose, and the
-- way a session was opened. Personal data is sealed by the application (see src/common/vault.hpp):
-- the columns marked "sealed" hold "pd1$<key id>$<ciphertext>", never the value itself.

CREATE TABLE citizen_profiles (
  user_id         INTEGER PRIMARY KEY REFERENCES users(id),
  subject_index   TEXT NOT NULL UNIQUE,   -- keyed hash of issuer and `sub`: finds the profile
  full_name       TEXT,                   -- sealed
  birth_date      TEXT,                   -- sealed
  phone           TEXT,                   -- sealed
  email           TEXT,                   -- sealed
  national_id     TEXT,                   -- sealed (only when the e-ID releases it)
  home_ward       TEXT REFERENCES areas(code),
  last_location   TEXT,                   -- sealed "lat,lon"; only with consent to use location
  last_location_ward TEXT REFERENCES areas(code),
  last_location_at INTEGER,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  last_sign_in_at INTEGER NOT NULL
);
CREATE INDEX citizen_profiles_location_ward ON citizen_profiles(last_location_ward);

-- One row per "sign in with VNeID" started and not finished; consumed by the callback.
CREATE TABLE oidc_logins (
  state_hash    TEXT PRIMARY KEY,         -- SHA-256 of `state`
  nonce         TEXT NOT NULL,
  code_verifier TEXT NOT NULL,            -- PKCE (RFC 7636)
  return_to     TEXT NOT NULL,            -- a path on this site
  accepted_terms INTEGER NOT NULL DEFAULT 0,  -- the sign-in page showed and the person accepted the terms
  created_at    INTEGER NOT NULL
);
CREATE INDEX oidc_logins_created ON oidc_logins(created_at);

-- Consent history, append-only: the current answer per purpose is the latest row.
CREATE TABLE consents (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id        INTEGER NOT NULL REFERENCES users(id),
  purpose        TEXT NOT NULL,           -- terms | location | notifications
  granted        INTEGER NOT NULL,
  policy_version TEXT NOT NULL,           -- the text the person agreed to (docs/PRIVACY.md)
  at             INTEGER NOT NULL,
  source         TEXT NOT NULL            -- app | sign_in | demo
);
CREATE INDEX consents_user ON consents(user_id, purpose, id);

ALTER TABLE sessions ADD COLUMN method TEXT NOT NULL DEFAULT 'password';  -- password | vneid
