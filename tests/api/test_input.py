"""Bad input changes nothing; retries are idempotent; lists page and filter."""

from __future__ import annotations

import json
import unicodedata
from urllib.parse import quote_plus

from api_case import BEN_THANH_WARD, ApiCase, tag
from harness import raw_exchange

DAY_MS = 24 * 3600 * 1000


class BadInputTest(ApiCase):
    def post_raw(self, token: str, raw: bytes, content_type: str = "application/json",
                 lang: str | None = None):
        return self.http.post("/api/v1/reports", raw=raw, content_type=content_type,
                              token=token, lang=lang)

    def test_bad_bodies_are_refused_and_write_nothing(self):
        citizen = self.citizen()
        good = self.report_body()
        cases = [
            # (name, raw body, content type, status, problem code, fields)
            ("malformed JSON", b'{"kind": "report", "category": ', "application/json", 400,
             "malformed_json", []),
            ("trailing garbage", json.dumps(good).encode() + b"}", "application/json", 400,
             "malformed_json", []),
            ("JSON array", json.dumps([good]).encode(), "application/json", 400,
             "json_object_expected", []),
            ("JSON string", b'"report"', "application/json", 400, "json_object_expected", []),
            ("empty body", b"", "application/json", 400, None, []),
            ("lat is text", {**good, "lat": "abc"}, None, 422, None, ["lat"]),
            ("lon is bool", {**good, "lon": True}, None, 422, None, ["lon"]),
            ("lat without lon", {**good, "lon": None}, None, 422, None, ["lon"]),
            ("anonymous is text", {**good, "anonymous": "yes"}, None, 422, None, ["anonymous"]),
            ("public is number", {**good, "public": 1}, None, 422, None, ["public"]),
            ("photos not a list", {**good, "photos": "abc"}, None, 422, None, ["photos"]),
            ("kind unknown", {**good, "kind": "complaint"}, None, 422, None, ["kind"]),
            ("description is a number", {**good, "description": 42}, None, 422, None,
             ["description"]),
            ("unknown category", {**good, "category": "khong_ton_tai"}, None, 422, None,
             ["category"]),
            ("missing category", {k: v for k, v in good.items() if k != "category"}, None, 422,
             None, ["category"]),
            ("missing description", {k: v for k, v in good.items() if k != "description"}, None,
             422, None, ["description"]),
            ("Hà Nội", {**good, "lat": 21.03, "lon": 105.85}, None, 422, None, ["lat"]),
            ("the sea", {**good, "lat": 0, "lon": 0}, None, 422, None, ["lat"]),
            ("latitude out of the world", {**good, "lat": 1e308, "lon": 106.7}, None, 422, None,
             ["lat"]),
            ("unknown ward", {**good, "ward": "99999"}, None, 422, None, ["ward"]),
            ("empty description", {**good, "description": ""}, None, 422, None, ["description"]),
            ("blank description", {**good, "description": " \t\n  "}, None, 422, None,
             ["description"]),
            ("description of 4001 characters", {**good, "description": "ệ" * 4001}, None, 422,
             None, ["description"]),
            ("address too long", {**good, "address": "a" * 301}, None, 422, None, ["address"]),
            ("unknown field", {**good, "priority": "high"}, None, 422, None, ["priority"]),
            ("author_id smuggled in", {**good, "author_id": 1}, None, 422, None, ["author_id"]),
            ("six photos", {**good, "photos": ["a", "b", "c", "d", "e", "f"]}, None, 422, None,
             ["photos"]),
            ("several type errors at once", {**good, "lat": "x", "anonymous": 1, "kind": 2},
             None, 422, None, ["lat", "anonymous", "kind"]),
            ("several invalid values at once",
             {**good, "category": "nope", "description": "", "lat": 21.03, "lon": 105.85},
             None, 422, None, ["category", "description", "lat"]),
            ("wrong content type", json.dumps(good).encode(), "text/plain", 415,
             "unsupported_media_type", []),
            ("form content type", b"kind=report", "application/x-www-form-urlencoded", 415,
             "unsupported_media_type", []),
        ]
        n = self.row_count()
        for name, body, ctype, status, code, fields in cases:
            with self.subTest(name):
                raw = body if isinstance(body, bytes) else json.dumps(
                    {k: v for k, v in body.items() if v is not None}, ensure_ascii=False).encode()
                r = self.post_raw(citizen.token, raw, ctype or "application/json")
                self.assertProblem(r, status, code, fields)
                self.assertEqual(self.row_count(), n, f"{name}: a row was written")
        self.assertEqual(self.row_count(f"author_id = {citizen.id}"), 0)

    def test_invalid_utf8_is_refused_as_such(self):
        # JSON text must be UTF-8 (RFC 8259 §8.1), so a body with a raw 0xFF byte is not JSON at
        # all: 400 with code invalid_utf8, saying plainly what is wrong, and nothing written.
        citizen = self.citizen()
        n = self.row_count()
        raw = (b'{"kind":"report","category":"dien_luc","lat":10.7725,"lon":106.698,'
               b'"description":"\xc4\x90\xe1\xba\xa7u \xff\xfe h\xe1\xbb\x8fng"}')
        r = self.post_raw(citizen.token, raw)
        self.assertEqual(self.row_count(), n)
        self.assertProblem(r, 400, "invalid_utf8")

    def test_points_in_neighbouring_provinces_are_outside_the_city(self):
        # "Inside the city" is the city's outline (areas/city_outline.cpp), not a bounding box:
        # both points below are in neighbouring provinces.
        citizen = self.citizen()
        n = self.row_count()
        for name, lat, lon in (("Biên Hòa, Đồng Nai", 10.9447, 106.8243),
                               ("Tân An, Tây Ninh (formerly Long An)", 10.535, 106.413)):
            with self.subTest(name):
                r = self.http.post("/api/v1/reports", self.report_body(lat=lat, lon=lon),
                                   token=citizen.token)
                self.assertProblem(r, 422, fields=["lat"])
        self.assertEqual(self.row_count(), n)

    def test_length_limit_counts_characters_after_nfc(self):
        citizen = self.citizen()
        n = self.row_count()
        rep = self.submit(citizen.token, description="ệ" * 4000)
        self.assertEqual(len(rep["description"]), 4000)
        # The same text decomposed (e + two combining marks each) is 12,000 code points before
        # NFC and 4,000 after: accepted, and stored composed.
        decomposed = unicodedata.normalize("NFD", "ệ" * 4000)
        self.assertEqual(len(decomposed), 12000)
        rep = self.submit(citizen.token, description=decomposed)
        self.assertEqual(rep["description"], "ệ" * 4000)
        self.assertEqual(self.row_count(), n + 2)
        # Surrounding whitespace is trimmed.
        rep = self.submit(citizen.token, description="  Cây đổ chắn đường  \n")
        self.assertEqual(rep["description"], "Cây đổ chắn đường")

    def test_oversized_body_is_413(self):
        citizen = self.citizen()
        n = self.row_count()
        payload = json.dumps(self.report_body(description="x" * (1024 * 1024))).encode()
        head = (f"POST /api/v1/reports HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                f"Authorization: Bearer {citizen.token}\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(payload)}\r\n\r\n").encode()
        status, data = raw_exchange(self.env.server.port, head + payload)
        self.assertEqual(status, 413, data[:500])
        self.assertIn(b"application/problem+json", data)
        self.assertIn(b'"status":413', data)
        # Chunked, with no length announced: the limit holds while reading.
        chunk = b"x" * (64 * 1024)
        body = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(18)) + b"0\r\n\r\n"
        head = (f"POST /api/v1/reports HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                f"Authorization: Bearer {citizen.token}\r\nContent-Type: application/json\r\n"
                f"Transfer-Encoding: chunked\r\n\r\n").encode()
        status, data = raw_exchange(self.env.server.port, head + body)
        self.assertEqual(status, 413, data[:500])
        self.assertEqual(self.row_count(), n)
        # The server is still fine.
        self.submit(citizen.token)

    def test_json_with_a_charset_parameter_is_accepted(self):
        citizen = self.citizen()
        raw = json.dumps(self.report_body(), ensure_ascii=False).encode()
        r = self.post_raw(citizen.token, raw, "application/json; charset=utf-8")
        self.assertEqual(r.status, 201, r)

    def test_media_type_names_are_case_insensitive(self):
        # Media type and subtype names are case-insensitive (RFC 9110 §8.3.1).
        citizen = self.citizen()
        raw = json.dumps(self.report_body(), ensure_ascii=False).encode()
        r = self.post_raw(citizen.token, raw, "Application/JSON; charset=UTF-8")
        self.assertEqual(r.status, 201, r)

    def test_messages_in_vietnamese_by_default_and_english_on_request(self):
        citizen = self.citizen()
        raw = json.dumps(self.report_body(lat="abc")).encode()
        vi = self.post_raw(citizen.token, raw)
        en = self.post_raw(citizen.token, raw, lang="en")
        en_gb = self.post_raw(citizen.token, raw, lang="en-GB,en;q=0.9,vi;q=0.5")
        p_vi = self.assertProblem(vi, 422, fields=["lat"])
        p_en = self.assertProblem(en, 422, fields=["lat"])
        self.assertEqual(vi.headers.get("content-language"), "vi")
        self.assertEqual(en.headers.get("content-language"), "en")
        self.assertEqual(p_en["errors"]["lat"], "Must be a number.")
        self.assertNotEqual(p_vi["errors"]["lat"], p_en["errors"]["lat"])
        self.assertNotEqual(p_vi["title"], p_en["title"])
        self.assertEqual(p_vi["code"], p_en["code"])
        self.assertEqual(en_gb.json()["errors"]["lat"], "Must be a number.")
        hn = self.http.post("/api/v1/reports", self.report_body(lat=21.03, lon=105.85),
                            token=citizen.token, lang="en")
        self.assertIn("outside Ho Chi Minh City", hn.json()["errors"]["lat"])
        hn_vi = self.http.post("/api/v1/reports", self.report_body(lat=21.03, lon=105.85),
                               token=citizen.token)
        self.assertIn("ngoài Thành phố Hồ Chí Minh", hn_vi.json()["errors"]["lat"])


class IdempotencyTest(ApiCase):
    def test_a_retry_returns_the_first_answer(self):
        citizen, other = self.citizen(), self.citizen()
        key = "retry-" + tag()
        body = self.report_body()
        n = self.row_count()
        first = self.http.post("/api/v1/reports", body, token=citizen.token,
                               headers={"Idempotency-Key": key})
        self.assertEqual(first.status, 201, first)
        self.assertNotIn("idempotent-replayed", first.headers)
        second = self.http.post("/api/v1/reports", body, token=citizen.token,
                                headers={"Idempotency-Key": key})
        self.assertEqual(second.status, 201, second)
        self.assertEqual(second.headers.get("idempotent-replayed"), "true")
        self.assertEqual(second.json()["id"], first.json()["id"])
        self.assertEqual(second.json()["code"], first.json()["code"])
        self.assertEqual(self.row_count(), n + 1)
        # The same key with another body is a client error, and writes nothing.
        third = self.http.post("/api/v1/reports", {**body, "description": "Khác hẳn"},
                               token=citizen.token, headers={"Idempotency-Key": key})
        self.assertProblem(third, 422, "idempotency_key_reused")
        self.assertEqual(self.row_count(), n + 1)
        # Keys belong to one user: another citizen's same key never returns this report.
        theirs = self.http.post("/api/v1/reports", body, token=other.token,
                                headers={"Idempotency-Key": key})
        self.assertEqual(theirs.status, 201, theirs)
        self.assertNotEqual(theirs.json()["id"], first.json()["id"])
        self.assertEqual(self.row_count(f"author_id = {other.id}"), 1)
        # A bad key is refused.
        for bad in ("", "has space", "k" * 201):
            r = self.http.post("/api/v1/reports", body, token=citizen.token,
                               headers={"Idempotency-Key": bad})
            self.assertProblem(r, 400)
        self.assertEqual(self.row_count(f"author_id = {citizen.id}"), 1)

    def test_a_failed_request_does_not_burn_its_key(self):
        citizen = self.citizen()
        key = "fix-and-retry-" + tag()
        r = self.http.post("/api/v1/reports", self.report_body(category="nope"),
                           token=citizen.token, headers={"Idempotency-Key": key})
        self.assertProblem(r, 422, fields=["category"])
        r = self.http.post("/api/v1/reports", self.report_body(), token=citizen.token,
                           headers={"Idempotency-Key": key})
        self.assertEqual(r.status, 201, r)


class PagingTest(ApiCase):
    def test_mine_pages_newest_first_to_the_end(self):
        citizen = self.citizen()
        created = [self.submit(citizen.token)["id"] for _ in range(25)]
        seen: list[dict] = []
        after = None
        pages = 0
        while True:
            url = "/api/v1/reports?mine=true&limit=10" + (f"&after={after}" if after else "")
            r = self.http.get(url, token=citizen.token)
            self.assertEqual(r.status, 200, r)
            page = r.json()
            pages += 1
            seen.extend(page["items"])
            after = page["next"]
            if after is None:
                break
            self.assertIsInstance(after, str)
            self.assertLess(pages, 10, "paging does not end")
        self.assertEqual(pages, 3)
        ids = [i["id"] for i in seen]
        self.assertEqual(len(ids), 25)
        self.assertEqual(len(set(ids)), 25)
        self.assertEqual(ids, sorted(created, reverse=True), "newest first, each once")
        created_at = [i["created_at"] for i in seen]
        self.assertEqual(created_at, sorted(created_at, reverse=True))
        # Status filter on one's own list.
        self.staff_act(self.tok("operator1"), created[0], "reject", {"reason": "Trùng lặp"})
        rejected = self.http.get("/api/v1/reports?mine=true&status=rejected",
                                 token=citizen.token).json()
        self.assertEqual([i["id"] for i in rejected["items"]], [created[0]])
        self.assertIsNone(rejected["next"])

    def test_bad_paging_parameters_are_400(self):
        citizen = self.citizen()
        for query, field in (("after=garbage", "after"), ("after=r", "after"),
                             ("after=r-1", "after"), ("after=%00", "after"),
                             ("limit=0", "limit"), ("limit=101", "limit"),
                             ("limit=ten", "limit"), ("status=bogus", "status")):
            with self.subTest(query):
                r = self.http.get(f"/api/v1/reports?mine=true&{query}", token=citizen.token)
                self.assertProblem(r, 400, fields=[field])


class StaffFilterTest(ApiCase):
    def test_filters_on_the_staff_list(self):
        author = self.citizen()
        op = self.tok("operator1")
        areas = self.http.get("/api/v1/areas").json()["items"]
        saigon = next(a for a in areas if a["code"] == "26740")
        t = tag()
        lamp = self.submit(author.token, description=f"{t} Đèn đường tắt cả dãy phố")
        tree = self.submit(author.token, category="cay_xanh", description=f"{t} Cây đổ",
                           lat=saigon["centroid"]["lat"], lon=saigon["centroid"]["lon"])
        flood = self.submit(author.token, category="cap_thoat_nuoc", description=f"{t} Ngập")
        self.staff_act(op, flood["id"], "assign")
        self.assertEqual(tree["ward"]["code"], "26740")

        def ids(query: str) -> set[int]:
            return {i["id"] for i in self.staff_list_all(op, f"q={t}&{query}")}

        everything = {lamp["id"], tree["id"], flood["id"]}
        self.assertEqual(ids(""), everything)
        self.assertEqual(ids("status=received"), {lamp["id"], tree["id"]})
        self.assertEqual(ids("status=assigned"), {flood["id"]})
        self.assertEqual(ids("status=received,assigned"), everything)
        self.assertEqual(ids("status=closed"), set())
        self.assertEqual(ids("category=cay_xanh"), {tree["id"]})
        self.assertEqual(ids(f"ward={BEN_THANH_WARD}"), {lamp["id"], flood["id"]})
        self.assertEqual(ids("ward=26740"), {tree["id"]})
        self.assertEqual(ids("unit=sawaco"), {flood["id"]})
        self.assertEqual(ids("kind=idea"), set())
        self.assertEqual(ids("kind=report&category=cap_thoat_nuoc&status=assigned"),
                         {flood["id"]})
        # Overdue: none of the fresh ones; move one deadline into the past and it shows up.
        self.assertEqual(ids("overdue=true"), set())
        for item in self.staff_list_all(op, "overdue=true"):
            self.assertTrue(item["overdue"], item)
        self.env.execute(f"UPDATE reports SET due_at = {0} + (SELECT created_at FROM reports "
                         f"WHERE id = {lamp['id']}) - {2 * DAY_MS} WHERE id = {lamp['id']}")
        self.assertEqual(ids("overdue=true"), {lamp["id"]})
        overdue = self.staff_view(op, lamp["id"])
        self.assertTrue(overdue["overdue"])
        self.assertFalse(self.staff_view(op, tree["id"])["overdue"])
        # Text search folds case and diacritics.
        for q in (f"{t} den duong", f"{t} ĐÈN ĐƯỜNG", f"{t} Đèn Đường", f"{t} đen đuong"):
            with self.subTest(q=q):
                found = {i["id"] for i in self.staff_list_all(op, "q=" + quote_plus(q))}
                self.assertEqual(found, {lamp["id"]})
        found = {i["id"] for i in self.staff_list_all(op, "q=den+duong+tat+ca")}
        self.assertIn(lamp["id"], found)
        self.assertNotIn(tree["id"], found)
        self.assertEqual(self.staff_list_all(op, "q=" + tag()), [])
        # The code is searchable too.
        self.assertEqual({i["id"] for i in self.staff_list_all(op, f"q={tree['code']}")},
                         {tree["id"]})
        # A bad filter is a 400 naming it.
        self.assertProblem(self.http.get("/api/v1/staff/reports?status=open", token=op), 400,
                           fields=["status"])
        self.assertProblem(self.http.get("/api/v1/staff/reports?kind=x", token=op), 400,
                           fields=["kind"])
