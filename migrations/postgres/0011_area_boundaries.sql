-- Ward and commune boundaries (docs/GEOGRAPHY.md), loaded by `congdanso import areas FILE`. The
-- geometry is the GeoJSON geometry object (Polygon or MultiPolygon, WGS84 lon/lat) as text; digest
-- is its SHA-256, so that importing the same file again changes nothing. The single row of
-- area_boundary_state counts changes: a node rebuilds its in-memory index when the count moves.

CREATE TABLE area_boundaries (
  code        TEXT PRIMARY KEY,          -- 5-digit national unit code (one of the 168)
  geometry    TEXT NOT NULL,             -- GeoJSON geometry
  digest      TEXT NOT NULL,             -- hex SHA-256 of geometry
  points      BIGINT NOT NULL,           -- vertices, all rings
  min_lat     DOUBLE PRECISION NOT NULL,
  min_lon     DOUBLE PRECISION NOT NULL,
  max_lat     DOUBLE PRECISION NOT NULL,
  max_lon     DOUBLE PRECISION NOT NULL,
  area_km2    DOUBLE PRECISION,                      -- as the source states it, when it does
  imported_at BIGINT NOT NULL
);

CREATE TABLE area_boundary_state (
  id         BIGINT PRIMARY KEY CHECK (id = 1),
  version    BIGINT NOT NULL,            -- bumped by every import that changed a row
  updated_at BIGINT NOT NULL
);
INSERT INTO area_boundary_state (id, version, updated_at) VALUES (1, 0, 0);
