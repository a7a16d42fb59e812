-- Reports near a point (GET /api/v1/reports?near=LAT,LON): the query narrows by a box of latitudes
-- and longitudes before measuring each report exactly, and this index serves that box.

CREATE INDEX reports_location ON reports(lat, lon);
