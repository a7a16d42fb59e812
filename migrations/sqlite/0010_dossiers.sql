-- Dossier tracking (docs/DOSSIERS.md): administrative dossiers (hồ sơ) as the public-service
-- system reports them through the connector API, and the timeline of their status changes.
-- The applicant's name and ID number are sealed with the Vault; applicant_index is the keyed hash
-- of the ID number that links a dossier to the citizen whose e-ID carries the same number.

-- The same keyed hash on the citizen's side, refreshed from the e-ID at every sign-in.
ALTER TABLE citizen_profiles ADD COLUMN national_id_index TEXT;
CREATE INDEX citizen_profiles_national_id_index ON citizen_profiles(national_id_index);

CREATE TABLE dossiers (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  code            TEXT NOT NULL UNIQUE,      -- "38.98.H29-210519-0013", upper case
  procedure_code  TEXT NOT NULL,             -- the procedure's code in the national catalogue
  procedure_name  TEXT NOT NULL,
  agency          TEXT NOT NULL DEFAULT '',  -- where it was received
  applicant_name  TEXT NOT NULL,             -- sealed
  applicant_id    TEXT,                      -- sealed ID number (CCCD), when the applicant gave one
  applicant_index TEXT,                      -- keyed hash of the ID number (linking)
  secret_hash     TEXT NOT NULL,             -- keyed hash of code and the receipt's lookup secret
  status          TEXT NOT NULL,             -- received | processing | more_documents_required |
                                             -- ready_to_return | returned | rejected
  submitted_at    INTEGER NOT NULL,
  appointment_at  INTEGER,                   -- hẹn trả: when the result is promised
  completed_at    INTEGER,                   -- returned or rejected
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
);
CREATE INDEX dossiers_applicant ON dossiers(applicant_index);

-- The timeline. source_key makes every change idempotent: the source system's event id, the
-- client's Idempotency-Key, or the upsert that created or changed the status.
CREATE TABLE dossier_events (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  dossier_id   INTEGER NOT NULL REFERENCES dossiers(id),
  status       TEXT NOT NULL,
  note         TEXT NOT NULL DEFAULT '',  -- what the agency tells the applicant
  at           INTEGER NOT NULL,          -- when it happened in the source system
  source_key   TEXT NOT NULL,
  request_hash TEXT NOT NULL,             -- what the change said: a retry must say the same
  event_id     INTEGER REFERENCES events(id),
  created_at   INTEGER NOT NULL,
  UNIQUE (dossier_id, source_key)
);
CREATE INDEX dossier_events_dossier ON dossier_events(dossier_id, at, id);
