-- Foundation: reference data, users and tokens, reports and ideas, the event log.
-- Times are INTEGER milliseconds since the epoch; booleans are 0/1.

CREATE TABLE areas (
  code        TEXT PRIMARY KEY,          -- 5-digit national unit code
  name        TEXT NOT NULL,             -- "Phường Sài Gòn"
  name_en     TEXT NOT NULL,
  kind        TEXT NOT NULL,             -- phuong | xa | dac_khu
  centroid_lat REAL NOT NULL,
  centroid_lon REAL NOT NULL,
  search_key  TEXT NOT NULL              -- folded name: "phuong sai gon"
);

CREATE TABLE categories (
  code          TEXT PRIMARY KEY,        -- "dien_luc"
  name          TEXT NOT NULL,
  name_en       TEXT NOT NULL,
  deadline_days INTEGER NOT NULL,        -- working days
  sensitive     INTEGER NOT NULL DEFAULT 0,
  icon          TEXT NOT NULL DEFAULT '',
  position      INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE units (
  code       TEXT PRIMARY KEY,           -- "ubnd-26740", "evn-hcmc"
  name       TEXT NOT NULL,
  name_en    TEXT NOT NULL,
  kind       TEXT NOT NULL,              -- ward_committee | department | utility | center | leaders_office
  area_code  TEXT REFERENCES areas(code)
);

-- category × ward → unit; ward_code '*' is the category's default.
CREATE TABLE routing_rules (
  category_code TEXT NOT NULL REFERENCES categories(code),
  ward_code     TEXT NOT NULL,
  unit_code     TEXT NOT NULL REFERENCES units(code),
  PRIMARY KEY (category_code, ward_code)
);

CREATE TABLE holidays (
  day  TEXT PRIMARY KEY,                 -- "2026-09-02"
  name TEXT NOT NULL
);

CREATE TABLE users (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused, even after a deletion
  username      TEXT NOT NULL UNIQUE,
  role          TEXT NOT NULL,
  unit_code     TEXT REFERENCES units(code),
  display_name  TEXT NOT NULL DEFAULT '',
  password_hash TEXT,
  created_at    INTEGER NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE api_tokens (
  token_hash TEXT PRIMARY KEY,           -- hex SHA-256 of the token; the token itself is never stored
  user_id    INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

CREATE TABLE counters (
  name  TEXT PRIMARY KEY,                -- "PA-2611"
  value INTEGER NOT NULL
);

CREATE TABLE reports (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  code           TEXT NOT NULL UNIQUE,   -- PA-2611-000123
  kind           TEXT NOT NULL,          -- report | idea
  category_code  TEXT NOT NULL REFERENCES categories(code),
  description    TEXT NOT NULL,
  lat            REAL,
  lon            REAL,
  address        TEXT,
  ward_code      TEXT REFERENCES areas(code),
  anonymous      INTEGER NOT NULL,
  public         INTEGER NOT NULL,
  channel        TEXT NOT NULL,          -- app | web | phone
  author_id      INTEGER REFERENCES users(id),
  caller_name    TEXT,                   -- personal data (phone intake)
  caller_phone   TEXT,                   -- personal data (phone intake)
  entered_by     INTEGER REFERENCES users(id),
  status         TEXT NOT NULL,
  unit_code      TEXT REFERENCES units(code),  -- responsible unit (proposed by routing while received)
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL,
  due_at         INTEGER NOT NULL,
  assigned_at    INTEGER,
  resolved_at    INTEGER,
  closed_at      INTEGER,
  rating         INTEGER,
  rating_comment TEXT,
  merged_into    INTEGER REFERENCES reports(id),
  reopen_count   INTEGER NOT NULL DEFAULT 0,
  support_count  INTEGER NOT NULL DEFAULT 0,
  follower_count INTEGER NOT NULL DEFAULT 0,
  search_key     TEXT NOT NULL           -- folded code, description and address
);
CREATE INDEX reports_author ON reports(author_id, id);
CREATE INDEX reports_status ON reports(status, id);
CREATE INDEX reports_unit ON reports(unit_code, id);
CREATE INDEX reports_public ON reports(public, id);

CREATE TABLE report_timeline (
  id          INTEGER PRIMARY KEY,
  report_id   INTEGER NOT NULL REFERENCES reports(id),
  at          INTEGER NOT NULL,
  action      TEXT NOT NULL,             -- submitted | assigned | accepted | progress | note | ...
  from_status TEXT,
  to_status   TEXT,
  actor_role  TEXT NOT NULL,             -- citizen | operator | unit_staff | system | ...
  actor_id    INTEGER REFERENCES users(id),  -- internal: never shown to citizens
  unit_code   TEXT REFERENCES units(code),   -- the unit acting, shown to citizens
  public      INTEGER NOT NULL,          -- 0: internal note
  body        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX report_timeline_report ON report_timeline(report_id, id);

CREATE TABLE report_followers (
  report_id INTEGER NOT NULL REFERENCES reports(id),
  user_id   INTEGER NOT NULL REFERENCES users(id),
  since     INTEGER NOT NULL,
  PRIMARY KEY (report_id, user_id)
);
CREATE INDEX report_followers_user ON report_followers(user_id, report_id);

CREATE TABLE idea_supports (
  report_id INTEGER NOT NULL REFERENCES reports(id),
  user_id   INTEGER NOT NULL REFERENCES users(id),
  at        INTEGER NOT NULL,
  PRIMARY KEY (report_id, user_id)
);

CREATE TABLE media (
  id          TEXT PRIMARY KEY,          -- random, unguessable
  sha256      TEXT NOT NULL,             -- content address of the re-encoded image
  owner_id    INTEGER NOT NULL REFERENCES users(id),
  mime        TEXT NOT NULL,
  width       INTEGER NOT NULL,
  height      INTEGER NOT NULL,
  bytes       INTEGER NOT NULL,
  created_at  INTEGER NOT NULL
);

CREATE TABLE report_photos (
  report_id   INTEGER NOT NULL REFERENCES reports(id),
  media_id    TEXT NOT NULL REFERENCES media(id),
  timeline_id INTEGER REFERENCES report_timeline(id),  -- the progress/resolve step it proves
  position    INTEGER NOT NULL,
  PRIMARY KEY (report_id, media_id)
);

CREATE TABLE idempotency_keys (
  user_id      INTEGER NOT NULL,
  key          TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status       INTEGER NOT NULL,
  body         TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  PRIMARY KEY (user_id, key)
);

-- Append-only: every change someone may be told about, written in the change's transaction.
-- On PostgreSQL ids are taken at insert, not at commit: a reader that follows the log must not
-- read past the oldest transaction still in flight (the real-time work handles this).
CREATE TABLE events (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  at         INTEGER NOT NULL,
  type       TEXT NOT NULL,              -- report.assigned, ...
  report_id  INTEGER,
  public     INTEGER NOT NULL,           -- 0: staff only (internal note)
  payload    TEXT NOT NULL               -- JSON
);
CREATE INDEX events_report ON events(report_id, id);
CREATE INDEX media_owner ON media(owner_id);
CREATE INDEX idea_supports_user ON idea_supports(user_id);
