-- The catalogue of administrative procedures (thủ tục hành chính; docs/SERVICES.md). The columns
-- that search filters on are plain; the nested parts a citizen reads (channels, steps, documents,
-- legal basis) are one JSON document in detail. content_hash lets a re-import tell an unchanged
-- procedure from a changed one; procedure_catalogue.revision grows with every change, so that a
-- server notices a change made by another process (an import) with one cheap read.

CREATE TABLE procedures (
  code         TEXT PRIMARY KEY,          -- the national code, e.g. 1.001193
  name         TEXT NOT NULL,
  field        TEXT NOT NULL DEFAULT '',  -- lĩnh vực
  levels       TEXT NOT NULL DEFAULT '',  -- cấp thực hiện: ministry,province,commune,other (comma-separated)
  agency       TEXT NOT NULL DEFAULT '',  -- the performing agency (else the competent one)
  detail       TEXT NOT NULL,             -- the whole procedure as JSON (services/procedure_json.cpp)
  content_hash TEXT NOT NULL,
  source       TEXT NOT NULL,             -- import | demo
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
);

CREATE TABLE procedure_catalogue (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  revision INTEGER NOT NULL
);
INSERT INTO procedure_catalogue (id, revision) VALUES (1, 0);
