"""Where things are: the ward of a point (GET /api/v1/areas/locate), open public reports near a
point (GET /api/v1/reports?near=), and the configuration the web apps read (GET /api/v1/config)."""

from __future__ import annotations

import itertools
import math

from api_case import BEN_THANH, BEN_THANH_WARD, ApiCase

METRE_OF_LAT = 1 / 111_195  # degrees of latitude in one metre


def offset(point: tuple[float, float], north_m: float, east_m: float) -> tuple[float, float]:
    lat, lon = point
    return (round(lat + north_m * METRE_OF_LAT, 7),
            round(lon + east_m * METRE_OF_LAT / math.cos(math.radians(lat)), 7))


class LocateTest(ApiCase):
    def test_the_ward_of_a_point(self):
        r = self.http.get(f"/api/v1/areas/locate?lat={BEN_THANH[0]}&lon={BEN_THANH[1]}")
        self.assertEqual(r.status, 200, r)
        ward = r.json()
        self.assertEqual(ward["code"], BEN_THANH_WARD)
        self.assertEqual(ward["name"], "Phường Bến Thành")
        self.assertEqual(ward["kind"], "phuong")
        self.assertEqual(set(ward["centroid"]), {"lat", "lon"})
        # A person's whereabouts are not kept by any cache.
        self.assertEqual(r.headers.get("cache-control"), "no-store")
        en = self.http.get(f"/api/v1/areas/locate?lat={BEN_THANH[0]}&lon={BEN_THANH[1]}",
                           lang="en").json()
        self.assertEqual(en["name"], en["name_en"])
        self.assertEqual(en["name_vi"], "Phường Bến Thành")

    def test_outside_the_city_and_bad_queries(self):
        r = self.http.get("/api/v1/areas/locate?lat=21.03&lon=105.85")  # Hà Nội
        p = self.assertProblem(r, 422, "invalid", fields=("lat", "lon"))
        self.assertIn("Thành phố Hồ Chí Minh", p["errors"]["lat"])
        r = self.http.get("/api/v1/areas/locate?lon=106.698")
        self.assertProblem(r, 400, "invalid_query", fields=("lat",))
        r = self.http.get("/api/v1/areas/locate?lat=abc&lon=106.698x", lang="en")
        p = self.assertProblem(r, 400, "invalid_query", fields=("lat", "lon"))
        self.assertEqual(p["errors"]["lat"], "Must be a number.")
        r = self.http.get("/api/v1/areas/locate?lat=95&lon=106.698")
        self.assertProblem(r, 400, "invalid_query", fields=("lat",))


class ConfigTest(ApiCase):
    def test_what_the_web_apps_read(self):
        r = self.http.get("/api/v1/config")
        self.assertEqual(r.status, 200, r)
        c = r.json()
        self.assertEqual(c, {"map_tiles_url": "", "map_attribution": "",
                             "policy_version": "2026-11-01",
                             "vneid_sign_in": True})  # the suite runs with the stand-in
        self.assertEqual(r.headers.get("cache-control"), "public, max-age=300")


_POINTS = itertools.count()


class NearbyTest(ApiCase):
    def setUp(self):
        # A point of its own in Củ Chi, 3 km or more from every other test's (the widest search
        # here is 2 km) and far from the reports of the rest of the suite.
        i = next(_POINTS)
        # (12 points, every one inside a ward's real boundary: the city's edge is near.)
        self.here = (round(10.99 + 0.03 * (i % 3), 6), round(106.42 + 0.03 * (i // 3 % 4), 6))
        self.author = self.citizen()

    def at(self, north_m: float, east_m: float, **over) -> dict:
        lat, lon = offset(self.here, north_m, east_m)
        return self.submit(self.author.token, lat=lat, lon=lon, **over)

    def near(self, query: str = "", token: str | None = None, expect: int = 200, **kw):
        r = self.http.get(f"/api/v1/reports?near={self.here[0]},{self.here[1]}{query}",
                          token=token, **kw)
        self.assertEqual(r.status, expect, r)
        return r.json()

    def test_open_public_reports_nearest_first(self):
        a = self.at(0, 0)
        b = self.at(0, 40)
        c = self.at(-150, 0, category="cay_xanh")
        far = self.at(600, 0)
        corner = self.at(260, 260)  # within the box of 300 m, ~368 m away
        # Only ours: the rest of the suite is kilometres away, but an assertion on ids says so.
        mine = {r["id"] for r in (a, b, c, far, corner)}

        def ours(page: dict) -> list[dict]:
            return [i for i in page["items"] if i["id"] in mine]

        page = self.near()
        self.assertIsNone(page["next"])
        self.assertEqual([i["id"] for i in ours(page)], [a["id"], b["id"], c["id"]])
        self.assertEqual([i["distance_m"] for i in ours(page)], [0, 40, 150])
        item = ours(page)[0]
        self.assertEqual(item["code"], a["code"])
        self.assertNotIn("author", item)
        self.assertNotIn("anonymous", item)  # the public view
        # Same category only, as the send form asks before sending.
        same = self.near("&category=dien_luc&kind=report&radius_m=300")
        self.assertEqual([i["id"] for i in ours(same)], [a["id"], b["id"]])
        wide = self.near("&radius_m=1000")
        self.assertEqual([i["id"] for i in ours(wide)],
                         [a["id"], b["id"], c["id"], corner["id"], far["id"]])
        self.assertEqual([i["id"] for i in self.near("&radius_m=1000&limit=2")["items"]],
                         [a["id"], b["id"]])

    def test_never_closed_private_sensitive_or_without_a_place(self):
        op = self.tok("operator1")
        unit = self.staff("unit_staff", unit="evn-hcmc").token
        lat, lon = offset(self.here, 10, 0)
        resolved = self.report_in_state("resolved", self.author, op, unit, lat=lat, lon=lon)
        self.at(20, 0, public=False)
        self.at(30, 0, category="an_ninh_trat_tu")
        withdrawn = self.at(40, 0)
        self.author_act(self.author.token, withdrawn["id"], "withdraw")
        assigned = self.at(50, 0)
        self.staff_act(op, assigned["id"], "assign")
        page = self.near()
        self.assertEqual([i["id"] for i in page["items"]], [assigned["id"]])
        self.assertNotIn(resolved["id"], [i["id"] for i in self.near("&radius_m=2000")["items"]])

    def test_an_anonymous_report_shows_the_public_its_ward_only(self):
        anonymous = self.at(0, 0, anonymous=True, address="Trước nhà số 12 hẻm 34")
        named = self.at(0, 30)
        # Not near anything for the public: distances from a few points would place it.
        ids = [i["id"] for i in self.near()["items"]]
        self.assertEqual(ids, [named["id"]])
        stranger = self.citizen()
        for token in (None, stranger.token):
            view = self.citizen_view(token, anonymous["id"])
            self.assertIsNone(view["location"], view)
            self.assertIsNotNone(view["ward"])
            self.assertNotIn("12 hẻm 34", str(view))
        public = [i for i in self.http.get(f"/api/v1/reports?ward={view['ward']['code']}&limit=100")
                  .json()["items"] if i["id"] == anonymous["id"]]
        for item in public:
            self.assertIsNone(item["location"])
        # Its author and the staff who handle it still see the place.
        self.assertIsNotNone(self.citizen_view(self.author.token, anonymous["id"])["location"])
        staff_view = self.staff_view(self.tok("operator1"), anonymous["id"])
        self.assertEqual(staff_view["location"]["address"], "Trước nhà số 12 hẻm 34")

    def test_mine_and_following_for_a_signed_in_citizen(self):
        other = self.citizen()
        theirs = self.at(0, 10)
        lat, lon = offset(self.here, 0, 20)
        mine = self.submit(other.token, lat=lat, lon=lon)
        self.assertEqual(self.http.post(f"/api/v1/reports/{theirs['id']}/follow",
                                        token=other.token).status, 204)
        items = self.near(token=other.token)["items"]
        self.assertEqual([i["id"] for i in items], [theirs["id"], mine["id"]])
        self.assertTrue(items[0]["following"])
        self.assertNotIn("mine", items[0])
        self.assertTrue(items[1]["mine"])
        # Anonymous callers see neither.
        anon = self.near()["items"]
        self.assertFalse(anon[0]["following"])
        self.assertNotIn("mine", anon[1])

    def test_bad_queries(self):
        r = self.http.get("/api/v1/reports?near=10.9", lang="en")
        p = self.assertProblem(r, 400, "invalid_query", fields=("near",))
        self.assertEqual(p["errors"]["near"], "Must be latitude,longitude, e.g. 10.7725,106.698.")
        for q in ("near=abc,106.5", "near=10.9,", "near=10.9,106.5x", "near=91,106.5"):
            self.assertProblem(self.http.get(f"/api/v1/reports?{q}"), 400, "invalid_query",
                               fields=("near",))
        for radius in ("0", "2001", "300m", "-5"):
            self.assertProblem(self.http.get(f"/api/v1/reports?near=10.9,106.5&radius_m={radius}"),
                               400, "invalid_query", fields=("radius_m",))
        self.assertProblem(self.http.get("/api/v1/reports?radius_m=300"), 400, "invalid_query",
                           fields=("near",))
        self.assertProblem(self.http.get("/api/v1/reports?near=10.9,106.5&after=r1"), 400,
                           "invalid_query", fields=("after",))
        self.assertProblem(self.http.get("/api/v1/reports?near=10.9,106.5&mine=true",
                                         token=self.author.token), 400, "invalid_query",
                           fields=("mine",))
        self.assertProblem(self.http.get("/api/v1/staff/reports?near=10.9,106.5",
                                         token=self.tok("operator1")), 400, "invalid_query",
                           fields=("near",))
        # The largest radius is allowed, and a point outside the city simply has nothing near it.
        self.assertEqual(self.http.get("/api/v1/reports?near=21.03,105.85&radius_m=2000").json(),
                         {"items": [], "next": None})
