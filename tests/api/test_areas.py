"""Geography (docs/GEOGRAPHY.md): `congdanso import areas`, the ward of a point from the imported
boundaries (GET /api/v1/areas/locate), refusal outside the city, the wards' shapes per zoom level,
and report intake placing reports in their real ward. The checks that need the city's boundaries
skip when ../shared/data is absent; the suite then checks the nearest-centroid fallback instead."""

from __future__ import annotations

import json
import os
import unittest

from api_case import ApiCase
from harness import WARD_BOUNDARIES

HAVE_BOUNDARIES = WARD_BOUNDARIES.exists()
needs_boundaries = unittest.skipUnless(HAVE_BOUNDARIES,
                                       f"{WARD_BOUNDARIES} is absent (reference data)")

BEN_THANH_MARKET = (10.7725, 106.6980)   # Chợ Bến Thành → Phường Bến Thành
DUC_BA = (10.7798, 106.6990)             # Nhà thờ Đức Bà → Phường Sài Gòn
BAI_SAU = (10.3460, 107.0900)            # Bãi Sau, Vũng Tàu → Phường Vũng Tàu
# Inside Phường Sài Gòn, yet nearer to Phường Bến Thành's centre: only real shapes get it right.
SAI_GON_NEAR_BEN_THANH = (10.7711, 106.70312)
OUTSIDE = {
    "the sea off Vũng Tàu": (10.2000, 107.0000),
    "Biên Hòa, Đồng Nai": (10.9447, 106.8243),
    "Tân An (former Long An)": (10.5350, 106.4130),
}


class LocateTest(ApiCase):
    def locate(self, point, **kw):
        return self.http.get(f"/api/v1/areas/locate?lat={point[0]}&lon={point[1]}", **kw)

    def test_method_says_how_the_ward_was_found(self):
        r = self.locate(BEN_THANH_MARKET)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["code"], "26743")
        self.assertEqual(r.json()["method"],
                         "boundary" if HAVE_BOUNDARIES else "nearest_centroid")

    @needs_boundaries
    def test_sanity_points(self):
        for point, code, name in ((BEN_THANH_MARKET, "26743", "Phường Bến Thành"),
                                  (DUC_BA, "26740", "Phường Sài Gòn"),
                                  (BAI_SAU, "26506", "Phường Vũng Tàu"),
                                  (SAI_GON_NEAR_BEN_THANH, "26740", "Phường Sài Gòn")):
            with self.subTest(name=name):
                r = self.locate(point)
                self.assertEqual(r.status, 200, r)
                self.assertEqual((r.json()["code"], r.json()["name"], r.json()["method"]),
                                 (code, name, "boundary"))
                self.assertNotIn("outside_by_m", r.json())

    @needs_boundaries
    def test_just_offshore_is_the_nearest_ward(self):
        # ~150 m off Bãi Sau's shore line in the data: within the 300 m tolerance.
        r = self.locate((10.3400, 107.0950))
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["code"], "26506")
        self.assertGreater(r.json()["outside_by_m"], 0)
        self.assertLessEqual(r.json()["outside_by_m"], 300)

    def test_outside_the_city_is_refused_in_both_languages(self):
        for name, point in OUTSIDE.items():
            with self.subTest(name=name):
                p = self.assertProblem(self.locate(point), 422, "invalid", fields=("lat", "lon"))
                self.assertEqual(p["errors"]["lat"], "Vị trí nằm ngoài Thành phố Hồ Chí Minh.")
                p = self.assertProblem(self.locate(point, lang="en"), 422, "invalid",
                                       fields=("lat", "lon"))
                self.assertEqual(p["errors"]["lon"], "The location is outside Ho Chi Minh City.")


class ImportTest(ApiCase):
    def write(self, name: str, doc: dict) -> str:
        path = os.path.join(self.env.tmp, name)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f)
        return path

    @needs_boundaries
    def test_importing_again_changes_nothing(self):
        out = self.env.cli("import", "areas", str(WARD_BOUNDARIES), "--db", self.env.db_url)
        self.assertIn("imported 168 boundaries: 0 new, 0 changed, 168 unchanged", out)
        # Shapes are unchanged too: the same validator.
        a = self.http.get("/api/v1/areas/26743/shape?zoom=12")
        b = self.http.get("/api/v1/areas/26743/shape?zoom=12")
        self.assertEqual(a.headers["etag"], b.headers["etag"])

    def test_a_bad_file_is_refused_whole(self):
        square = [[106.69, 10.76], [106.70, 10.76], [106.70, 10.77], [106.69, 10.77],
                  [106.69, 10.76]]
        bowtie = [[106.69, 10.76], [106.70, 10.77], [106.70, 10.76], [106.69, 10.77],
                  [106.69, 10.76]]
        doc = {"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {"code": "26743"},
             "geometry": {"type": "Polygon", "coordinates": [square]}},
            {"type": "Feature", "properties": {"code": "99999"},
             "geometry": {"type": "Polygon", "coordinates": [square]}},
            {"type": "Feature", "properties": {"code": "26740"},
             "geometry": {"type": "Polygon", "coordinates": [bowtie]}},
            {"type": "Feature", "properties": {"code": "26737"},
             "geometry": {"type": "Point", "coordinates": [106.7, 10.77]}},
        ]}
        with self.assertRaises(RuntimeError) as refused:
            self.env.cli("import", "areas", self.write("bad.geojson", doc), "--db",
                         self.env.db_url)
        text = str(refused.exception)
        self.assertIn("feature 2 (code 99999): not the code of one of the city's 168 wards", text)
        self.assertIn("feature 3 (code 26740): invalid geometry", text)
        self.assertIn("feature 4 (code 26737): invalid geometry: the geometry is a Point", text)
        self.assertIn("3 of 4 feature(s) refused; nothing was imported", text)
        # Nothing changed: Bến Thành keeps its real shape (or, without data, has none).
        r = self.http.get("/api/v1/areas/locate?lat=10.765&lon=106.695")
        self.assertEqual(r.status, 200, r)
        with self.assertRaises(RuntimeError) as not_json:
            self.env.cli("import", "areas", self.write("list.geojson", [1, 2]), "--db",
                         self.env.db_url)
        self.assertIn("not a GeoJSON FeatureCollection", str(not_json.exception))


class ShapesTest(ApiCase):
    @needs_boundaries
    def test_one_ward_simpler_at_low_zoom(self):
        fine = self.http.get("/api/v1/areas/26743/shape?zoom=16")
        coarse = self.http.get("/api/v1/areas/26743/shape?zoom=8")
        for r in (fine, coarse):
            self.assertEqual(r.status, 200, r)
            self.assertEqual(r.content_type, "application/geo+json")
            self.assertEqual(r.headers["cache-control"], "public, max-age=3600")
            self.assertTrue(r.headers["etag"].startswith('"'))
        f, c = fine.json(), coarse.json()
        self.assertEqual((f["type"], f["id"], f["geometry"]["type"]),
                         ("Feature", "26743", "MultiPolygon"))
        self.assertEqual(f["properties"]["name"], "Phường Bến Thành")

        def count(feature):
            return sum(len(ring) for poly in feature["geometry"]["coordinates"] for ring in poly)
        self.assertEqual(count(f), f["properties"]["points"])
        self.assertLess(count(c), count(f))
        self.assertNotEqual(fine.headers["etag"], coarse.headers["etag"])
        # The client's copy is current: 304, no body.
        again = self.http.get("/api/v1/areas/26743/shape?zoom=16",
                              headers={"If-None-Match": fine.headers["etag"]})
        self.assertEqual(again.status, 304, again)
        self.assertEqual(again.body, b"")

    @needs_boundaries
    def test_shapes_in_a_box(self):
        r = self.http.get("/api/v1/areas/shapes?zoom=14&bbox=106.695,10.772,106.700,10.778")
        self.assertEqual(r.status, 200, r)
        d = r.json()
        self.assertEqual(d["type"], "FeatureCollection")
        codes = [f["id"] for f in d["features"]]
        self.assertIn("26743", codes)
        self.assertIn("26740", codes)
        self.assertLess(len(codes), 10)
        whole = self.http.get("/api/v1/areas/shapes?zoom=6")
        self.assertEqual(len(whole.json()["features"]), 168)
        self.assertLess(len(whole.body), len(self.http.get("/api/v1/areas/shapes?zoom=12").body))

    def test_bad_queries(self):
        r = self.http.get("/api/v1/areas/shapes?bbox=106.7,10.7,106.6", lang="en")
        p = self.assertProblem(r, 400, "invalid_query", fields=("bbox",))
        self.assertIn("west,south,east,north", p["errors"]["bbox"])
        r = self.http.get("/api/v1/areas/shapes?bbox=106.8,10.7,106.6,10.8")
        self.assertProblem(r, 400, "invalid_query", fields=("bbox",))
        r = self.http.get("/api/v1/areas/26743/shape?zoom=99")
        self.assertProblem(r, 400, "invalid_query", fields=("zoom",))
        r = self.http.get("/api/v1/areas/99999/shape")
        self.assertProblem(r, 404, "unknown_ward")

    @unittest.skipIf(HAVE_BOUNDARIES, "boundaries are imported")
    def test_without_boundaries(self):
        r = self.http.get("/api/v1/areas/26743/shape")
        self.assertProblem(r, 404, "areas_no_boundary")
        self.assertEqual(self.http.get("/api/v1/areas/shapes").json()["features"], [])


class IntakeTest(ApiCase):
    def test_reports_land_in_their_ward(self):
        cit = self.citizen()
        report = self.submit(cit.token, lat=DUC_BA[0], lon=DUC_BA[1])
        self.assertEqual(report["ward"]["code"], "26740")
        if HAVE_BOUNDARIES:
            report = self.submit(cit.token, lat=SAI_GON_NEAR_BEN_THANH[0],
                                 lon=SAI_GON_NEAR_BEN_THANH[1])
            self.assertEqual(report["ward"]["code"], "26740")
            report = self.submit(cit.token, lat=BAI_SAU[0], lon=BAI_SAU[1])
            self.assertEqual(report["ward"]["code"], "26506")

    def test_a_point_outside_the_city_is_refused(self):
        cit = self.citizen()
        for name, point in OUTSIDE.items():
            with self.subTest(name=name):
                r = self.http.post("/api/v1/reports",
                                   self.report_body(lat=point[0], lon=point[1]),
                                   token=cit.token, lang="en")
                p = self.assertProblem(r, 422, "invalid", fields=("lat", "lon"))
                self.assertEqual(p["errors"]["lat"], "The location is outside Ho Chi Minh City.")
