-- The map (docs/MAP.md): layers of points of interest (health facilities, schools, public
-- administrative service centres, flood points, ...) and the points themselves. Public reports on
-- the map need no table of their own: an in-memory index is built from `reports` and kept up to
-- date from the event log. Which categories hide a report's place is `categories.sensitive`
-- (0001; seeded true for "an_ninh_trat_tu" and "y_te").

CREATE TABLE map_layers (
  code       TEXT PRIMARY KEY,           -- "health", "school", "admin_centre", "flood_point"
  name       TEXT NOT NULL,
  name_en    TEXT NOT NULL,
  icon       TEXT NOT NULL DEFAULT '',
  position   INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE map_pois (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  layer_code  TEXT NOT NULL REFERENCES map_layers(code),
  ref         TEXT NOT NULL,             -- the source's id, else "name|lat|lon": imports upsert on it
  name        TEXT NOT NULL,
  lat         REAL NOT NULL,
  lon         REAL NOT NULL,
  address     TEXT NOT NULL DEFAULT '',
  properties  TEXT NOT NULL DEFAULT '{}', -- the source's other fields, a JSON object of strings
  updated_at  INTEGER NOT NULL
);
CREATE UNIQUE INDEX map_pois_ref ON map_pois(layer_code, ref);
-- Bounding-box and "near" queries narrow by latitude first.
CREATE INDEX map_pois_location ON map_pois(lat, lon);

INSERT INTO map_layers (code, name, name_en, icon, position) VALUES
  ('admin_centre', 'Cơ quan và trung tâm hành chính công', 'Public administration offices and service centres', 'stamp', 1),
  ('health', 'Cơ sở y tế', 'Health facilities', 'health', 2),
  ('school', 'Trường học', 'Schools', 'school', 3),
  ('flood_point', 'Điểm ngập', 'Flood points', 'droplet', 4);
