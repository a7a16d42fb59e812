-- Ward and commune boundaries (docs/GEOGRAPHY.md), loaded by `congdanso import areas FILE`. The
-- geometry is the GeoJSON geometry object (Polygon or MultiPolygon, WGS84 lon/lat) as text; digest
-- is its SHA-256, so that importing the same file again changes nothing. The single row of
-- area_boundary_state counts changes: a node rebuilds its in-memory index when the count moves.

CREATE TABLE area_boundaries (
  code        TEXT PRIMARY KEY,          -- 5-digit national unit code (one of the 168)
  geometry    TEXT NOT NULL,             -- GeoJSON geometry
  digest      TEXT NOT NULL,             -- hex SHA-256 of geometry
  points      INTEGER NOT NULL,          -- vertices, all rings
  min_lat     REAL NOT NULL,
  min_lon     REAL NOT NULL,
  max_lat     REAL NOT NULL,
  max_lon     REAL NOT NULL,
  area_km2    REAL,                      -- as the source states it, when it does
  imported_at INTEGER NOT NULL
);

CREATE TABLE area_boundary_state (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  version    INTEGER NOT NULL,           -- bumped by every import that changed a row
  updated_at INTEGER NOT NULL
);
INSERT INTO area_boundary_state (id, version, updated_at) VALUES (1, 0, 0);
