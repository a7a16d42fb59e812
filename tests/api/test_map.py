"""The map (docs/MAP.md): public reports as clusters or points for a box and a zoom, with filters;
anonymous reports and sensitive categories only ever at their ward's centroid; layers of points of
interest imported from GeoJSON and CSV, found in a box or near a point."""

from __future__ import annotations

import json
import math
import os
import subprocess
import tempfile
import time
from typing import Callable

from api_case import ApiCase, walk

METRE_OF_LAT = 1 / 111_195

# Each test works around a commune of its own in the north of the city, far from the rest of the
# suite's reports (Bến Thành, Củ Chi) and from each other: (ward code, centroid).
DAU_TIENG = ("25777", (11.342766, 106.393257))
LONG_HOA = ("25792", (11.327819, 106.507467))
THANH_AN = ("25807", (11.242753, 106.43728))
TRU_VAN_THO = ("25819", (11.345281, 106.583726))


def offset(point: tuple[float, float], north_m: float, east_m: float) -> tuple[float, float]:
    lat, lon = point
    return (round(lat + north_m * METRE_OF_LAT, 7),
            round(lon + east_m * METRE_OF_LAT / math.cos(math.radians(lat)), 7))


def box(point: tuple[float, float], metres: float) -> str:
    """minLon,minLat,maxLon,maxLat of a square of 2 × metres around the point."""
    lat, lon = point
    dlat = metres * METRE_OF_LAT
    dlon = dlat / math.cos(math.radians(lat))
    return f"{lon - dlon:.7f},{lat - dlat:.7f},{lon + dlon:.7f},{lat + dlat:.7f}"


CITY = "106.3,10.3,107.1,11.6"


class MapReportsTest(ApiCase):
    def setUp(self):
        self.author = self.citizen()

    def map(self, query: str, expect: int = 200):
        r = self.http.get(f"/api/v1/map/reports?{query}")
        self.assertEqual(r.status, expect, r)
        return r

    def eventually(self, query: str, check: Callable[[dict], bool]) -> dict:
        """The index follows the event log within about a second: ask until `check` holds."""
        deadline = time.monotonic() + 8
        while True:
            body = self.map(query).json()
            if check(body) or time.monotonic() > deadline:
                return body
            time.sleep(0.2)

    def at(self, centre, north_m, east_m, **over) -> dict:
        lat, lon = offset(centre, north_m, east_m)
        return self.submit(self.author.token, lat=lat, lon=lon, **over)

    def test_clusters_at_low_zoom_and_points_when_zoomed_in(self):
        ward, centre = DAU_TIENG
        reports = [self.at(centre, 300, 300), self.at(centre, 320, 300), self.at(centre, 300, 330)]
        codes = {r["code"] for r in reports}
        near = box(offset(centre, 310, 310), 150)
        points = self.eventually(f"bbox={near}&zoom=17",
                                 lambda b: codes <= {p["code"] for p in b["points"]})
        self.assertEqual(points["mode"], "points")
        self.assertEqual(points["zoom"], 17)
        self.assertFalse(points["truncated"])
        mine = sorted((p for p in points["points"] if p["code"] in codes), key=lambda p: p["id"])
        self.assertEqual(len(mine), 3)
        for p, r in zip(mine, sorted(reports, key=lambda r: r["id"])):
            self.assertEqual(p["id"], r["id"])
            self.assertEqual((p["lat"], p["lon"]), (r["location"]["lat"], r["location"]["lon"]))
            self.assertEqual(p["category"], "dien_luc")
            self.assertEqual(p["status"], "received")
            self.assertFalse(p["approximate"])
            self.assertEqual(p["ward"], ward)
        self.assertEqual(points["total"], len(points["points"]))

        # Zoomed out, the three are one cluster (64 px cells: a few hundred metres at zoom 12).
        clusters = self.map(f"bbox={box(centre, 5000)}&zoom=12").json()
        self.assertEqual(clusters["mode"], "clusters")
        self.assertEqual(clusters["cell_zoom"], 14)
        here = [c for c in clusters["clusters"]
                if c["cell"][0] <= mine[0]["lon"] <= c["cell"][2]
                and c["cell"][1] <= mine[0]["lat"] <= c["cell"][3]]
        self.assertEqual(len(here), 1, clusters)
        cluster = here[0]
        self.assertGreaterEqual(cluster["count"], 3)
        self.assertEqual(sum(cluster["statuses"].values()), cluster["count"])
        west, south, east, north = cluster["cell"]
        self.assertTrue(west <= cluster["lon"] <= east and south <= cluster["lat"] <= north)
        self.assertEqual(clusters["total"], sum(c["count"] for c in clusters["clusters"]))
        r = self.map(f"bbox={near}&zoom=12")
        self.assertEqual(r.headers.get("cache-control"), "public, max-age=5")
        # The whole city at zoom 10: the same reports are counted, in fewer, bigger cells.
        city = self.map(f"bbox={CITY}&zoom=10").json()
        self.assertEqual(city["cell_zoom"], 12)
        self.assertGreaterEqual(city["total"], 3)

    def test_filters_by_category_status_and_time(self):
        _, centre = LONG_HOA
        light = self.at(centre, 300, 300)
        tree = self.at(centre, 310, 300, category="cay_xanh")
        op = self.tok("operator1")
        self.staff_act(op, tree["id"], "assign")
        near = box(offset(centre, 305, 300), 200)

        def ids(query: str) -> set[int]:
            return {p["id"] for p in self.map(f"bbox={near}&zoom=18{query}").json()["points"]}

        self.eventually(f"bbox={near}&zoom=18&status=assigned",
                        lambda b: tree["id"] in {p["id"] for p in b["points"]})
        ours = {light["id"], tree["id"]}
        self.assertEqual(ids("") & ours, ours)
        self.assertEqual(ids("&category=dien_luc") & ours, {light["id"]})
        self.assertEqual(ids("&category=dien_luc,cay_xanh") & ours, ours)
        self.assertEqual(ids("&category=giao_thong") & ours, set())
        self.assertEqual(ids("&category=no_such_thing") & ours, set())
        self.assertEqual(ids("&status=received") & ours, {light["id"]})
        self.assertEqual(ids("&status=assigned,received") & ours, ours)
        self.assertEqual(ids("&status=closed") & ours, set())
        today = light["created_at"][:10]
        self.assertEqual(ids(f"&since={today}&until={today}") & ours, ours)
        self.assertEqual(ids("&until=2020-01-01") & ours, set())
        self.assertEqual(ids("&since=2099-01-01T00:00:00%2B07:00") & ours, set())
        # Clusters follow the same filters.
        cell = f"bbox={box(centre, 3000)}&zoom=12"

        def count(query: str) -> int:
            return self.map(cell + query).json()["total"]

        self.assertGreaterEqual(count(""), 2)
        self.assertEqual(count("&category=cay_xanh&status=assigned"),
                         count("&category=cay_xanh") - count("&category=cay_xanh&status=received"))
        self.assertEqual(count("&since=2099-01-01"), 0)

    def test_anonymous_and_sensitive_reports_only_at_their_ward_centroid(self):
        ward, centre = THANH_AN
        anonymous = self.at(centre, 420, -380, anonymous=True)
        sensitive = self.at(centre, -410, 390, category="an_ninh_trat_tu")
        secret = [(r["location"]["lat"], r["location"]["lon"]) for r in (anonymous, sensitive)]
        ours = {anonymous["id"], sensitive["id"]}
        at_centre = box(centre, 30)
        found = self.eventually(f"bbox={at_centre}&zoom=18",
                                lambda b: ours <= {p["id"] for p in b["points"]})
        shown = [p for p in found["points"] if p["id"] in ours]
        self.assertEqual(len(shown), 2, found)
        areas = {a["code"]: a for a in self.http.get("/api/v1/areas").json()["items"]}
        for p in shown:
            self.assertTrue(p["approximate"])
            self.assertEqual(p["ward"], ward)
            self.assertAlmostEqual(p["lat"], areas[ward]["centroid"]["lat"], places=5)
            self.assertAlmostEqual(p["lon"], areas[ward]["centroid"]["lon"], places=5)
        # At their own places, nothing.
        for lat, lon in secret:
            there = self.map(f"bbox={box((lat, lon), 100)}&zoom=18").json()
            self.assertEqual(ours & {p["id"] for p in there["points"]}, set())
        # No answer at any zoom, filtered or not, carries their coordinates.
        for b in (box(centre, 2000), box(centre, 600), CITY):
            for z in (8, 11, 13, 15, 16, 17, 19):
                for f in ("", "&category=an_ninh_trat_tu", "&status=received"):
                    body = self.map(f"bbox={b}&zoom={z}{f}").json()
                    numbers = [v for _, _, v in walk(body) if isinstance(v, float)]
                    numbers += [v for _, k, vs in walk(body) if k == "cell" for v in vs]
                    for lat, lon in secret:
                        close = [v for v in numbers if abs(v - lat) < 2e-6 or abs(v - lon) < 2e-6]
                        self.assertEqual(close, [], (b, z, f))

    def test_bad_parameters_are_refused(self):
        cases = [
            ("zoom=10", "bbox"),
            (f"bbox={CITY}", "zoom"),
            ("bbox=107.1,10.3,106.3,11.6&zoom=10", "bbox"),  # west after east
            ("bbox=106.3,11.6,107.1,10.3&zoom=10", "bbox"),  # south after north
            ("bbox=106.3,10.3,107.1&zoom=10", "bbox"),
            ("bbox=106.3,10.3,107.1,abc&zoom=10", "bbox"),
            ("bbox=-190,10.3,107.1,11.6&zoom=10", "bbox"),
            (f"bbox={CITY}&zoom=21", "zoom"),
            (f"bbox={CITY}&zoom=-1", "zoom"),
            (f"bbox={CITY}&zoom=ten", "zoom"),
            (f"bbox={CITY}&zoom=10&status=rejected", "status"),
            (f"bbox={CITY}&zoom=10&since=yesterday", "since"),
            (f"bbox={CITY}&zoom=10&since=2026-05-02&until=2026-05-01", "until"),
        ]
        for query, field in cases:
            with self.subTest(query=query):
                self.assertProblem(self.map(query, expect=400), 400, "invalid_query",
                                   fields=(field,))
        p = self.assertProblem(self.map("bbox=1,2,3&zoom=99", expect=400), 400,
                               fields=("bbox", "zoom"))
        self.assertIn("bbox", p["errors"])


class PoiTest(ApiCase):
    def import_file(self, suffix: str, text: str, layer: str, ok: bool = True) -> str:
        with tempfile.NamedTemporaryFile("w", suffix=suffix, delete=False, encoding="utf-8") as f:
            f.write(text)
        try:
            r = subprocess.run([self.env.binary, "import", "pois", f.name, "--layer", layer,
                                "--db", self.env.db_url], capture_output=True, text=True,
                               timeout=60, env=self.env.proc_env)
        finally:
            os.unlink(f.name)
        self.assertEqual(r.returncode == 0, ok, r.stdout + r.stderr)
        return r.stdout + r.stderr

    def layer(self, code: str) -> dict | None:
        items = self.http.get("/api/v1/map/layers").json()["items"]
        return next((l for l in items if l["code"] == code), None)

    def test_geojson_import_is_idempotent_and_found_in_a_box(self):
        _, centre = TRU_VAN_THO
        a, b = offset(centre, 100, 100), offset(centre, 2000, 0)
        doc = {"type": "FeatureCollection", "features": [
            {"type": "Feature", "id": "tram-1",
             "geometry": {"type": "Point", "coordinates": [a[1], a[0]]},
             "properties": {"name": "Trạm y tế thử", "address": "Ấp 1", "phone": "028 0000"}},
            {"type": "Feature",
             "geometry": {"type": "Point", "coordinates": [b[1], b[0]]},
             "properties": {"ten": "Điểm thử hai", "so_giuong": 12}},
        ]}
        out = self.import_file(".geojson", json.dumps(doc, ensure_ascii=False), "test_health")
        self.assertIn("2 added", out)
        again = self.import_file(".geojson", json.dumps(doc), "test_health")
        self.assertIn("0 added, 0 updated", again)
        layer = self.layer("test_health")
        self.assertIsNotNone(layer)
        self.assertEqual(layer["count"], 2)
        r = self.http.get(f"/api/v1/map/pois?layer=test_health&bbox={box(centre, 500)}")
        self.assertEqual(r.status, 200, r)
        items = r.json()["items"]
        self.assertEqual([i["name"] for i in items], ["Trạm y tế thử"])
        self.assertEqual(items[0]["address"], "Ấp 1")
        self.assertEqual(items[0]["properties"], {"phone": "028 0000"})
        self.assertEqual((items[0]["lat"], items[0]["lon"]), a)
        self.assertNotIn("distance_m", items[0])
        wide = self.http.get(f"/api/v1/map/pois?layer=test_health&bbox={box(centre, 3000)}")
        self.assertEqual({i["name"] for i in wide.json()["items"]},
                         {"Trạm y tế thử", "Điểm thử hai"})
        second = next(i for i in wide.json()["items"] if i["name"] == "Điểm thử hai")
        self.assertEqual(second["properties"], {"so_giuong": "12"})
        # A changed name updates the point with the same id.
        doc["features"][0]["properties"]["name"] = "Trạm y tế thử (mới)"
        self.assertIn("0 added, 1 updated", self.import_file(".json", json.dumps(doc), "test_health"))

    def test_csv_import_and_nearest_first(self):
        _, centre = TRU_VAN_THO
        rows = [("Trường thử A", 0, 300), ("Trường thử B", 0, 100), ("Trường thử C", 0, 5000)]
        lines = ["name,lat,lon,address,note"]
        for name, n, e in rows:
            lat, lon = offset(centre, n, e)
            lines.append(f'{name},{lat},{lon},"12 Đường số 3, Ấp Bến","có ""sân"" lớn"')
        out = self.import_file(".csv", "\ufeff" + "\r\n".join(lines) + "\r\n", "test_school")
        self.assertIn("3 added", out)
        r = self.http.get(f"/api/v1/map/pois?near={centre[0]},{centre[1]}&radius_m=1000"
                          "&layer=test_school")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.headers.get("cache-control"), "no-store")
        items = r.json()["items"]
        self.assertEqual([i["name"] for i in items], ["Trường thử B", "Trường thử A"])
        self.assertEqual([i["distance_m"] for i in items], [100, 300])
        self.assertEqual(items[0]["address"], "12 Đường số 3, Ấp Bến")
        self.assertEqual(items[0]["properties"], {"note": 'có "sân" lớn'})
        limited = self.http.get(f"/api/v1/map/pois?near={centre[0]},{centre[1]}&radius_m=10000"
                                "&layer=test_school&limit=2").json()
        self.assertEqual(len(limited["items"]), 2)
        self.assertTrue(limited["truncated"])
        # Other layers stay out of a layer's answer; several layers may be asked at once.
        both = self.http.get(f"/api/v1/map/pois?near={centre[0]},{centre[1]}&radius_m=10000"
                             "&layer=test_school,nothing_here").json()
        self.assertEqual(len(both["items"]), 3)

    def test_bad_files_change_nothing(self):
        before = self.layer("test_bad")
        self.assertIsNone(before)
        out = self.import_file(".csv", "name,lat,lon\nA,10.8,106.7\nB,abc,106.7\n", "test_bad",
                               ok=False)
        self.assertIn("line 3", out)
        self.import_file(".csv", "title,lat\nA,10.8\n", "test_bad", ok=False)
        self.import_file(".geojson", '{"type":"FeatureCollection","features":[{"type":"Feature",'
                         '"geometry":{"type":"LineString","coordinates":[[1,2],[3,4]]},'
                         '"properties":{"name":"x"}}]}', "test_bad", ok=False)
        self.import_file(".csv", "name,lat,lon\nA,10.8,106.7\n", "Not A Layer", ok=False)
        self.assertIsNone(self.layer("test_bad"))

    def test_demo_layers_and_bad_queries(self):
        for code in ("admin_centre", "health", "school", "flood_point"):
            self.assertIsNotNone(self.layer(code), code)
        self.assertGreater(self.layer("health")["count"], 0)
        en = self.http.get("/api/v1/map/layers", lang="en").json()["items"]
        self.assertEqual(next(l for l in en if l["code"] == "health")["name"], "Health facilities")
        cases = [
            ("", "bbox"),
            ("bbox=106,10,107,11&near=10.7,106.7", "near"),
            ("near=10.7", "near"),
            ("near=10.7,106.7&radius_m=0", "radius_m"),
            ("near=10.7,106.7&radius_m=60000", "radius_m"),
            ("bbox=107,10,106,11", "bbox"),
            ("bbox=106,10,107,11&layer=BAD!", "layer"),
            ("bbox=106,10,107,11&limit=501", "limit"),
        ]
        for query, field in cases:
            with self.subTest(query=query):
                self.assertProblem(self.http.get(f"/api/v1/map/pois?{query}"), 400,
                                   "invalid_query", fields=(field,))
