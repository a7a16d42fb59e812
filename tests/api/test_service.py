"""Reference data, operations endpoints, and photos."""

from __future__ import annotations

import secrets
import struct
import zlib

from api_case import ApiCase

CATEGORY_CODES = {"dien_luc", "cap_thoat_nuoc", "vien_thong", "giao_thong", "cay_xanh",
                  "trat_tu_do_thi", "ve_sinh_moi_truong", "tieng_on", "xe_buyt",
                  "an_ninh_trat_tu", "dich_vu_hanh_chinh_cong", "y_te", "gui_lanh_dao", "khac"}


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + kind + data +
            struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def make_png(width: int = 64, height: int = 48, marker: bytes = b"") -> bytes:
    """An RGB PNG with a gradient; with `marker`, also a tEXt chunk and an EXIF block (an
    ImageDescription) carrying it, as metadata that must not survive re-encoding."""
    rows = b"".join(
        b"\x00" + b"".join(bytes(((x * 4) % 256, (y * 5) % 256, ((x + y) * 3) % 256))
                           for x in range(width))
        for y in range(height))
    chunks = [png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))]
    if marker:
        chunks.append(png_chunk(b"tEXt", b"Comment\x00" + marker))
        text = marker + b"\x00"
        # Big-endian TIFF: header, one IFD with one ASCII entry (0x010E), the text after it.
        tiff = (b"MM\x00\x2a" + struct.pack(">I", 8) + struct.pack(">H", 1) +
                struct.pack(">HHII", 0x010E, 2, len(text), 26) + struct.pack(">I", 0) + text)
        chunks.append(png_chunk(b"eXIf", tiff))
    chunks.append(png_chunk(b"IDAT", zlib.compress(rows, 9)))
    chunks.append(png_chunk(b"IEND", b""))
    return b"\x89PNG\r\n\x1a\n" + b"".join(chunks)


def multipart(field: str, filename: str, content_type: str, data: bytes) -> tuple[bytes, str]:
    boundary = "cds" + secrets.token_hex(12)
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; "
            f"filename=\"{filename}\"\r\nContent-Type: {content_type}\r\n\r\n").encode()
    body += data + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


class CatalogTest(ApiCase):
    def test_categories(self):
        r = self.http.get("/api/v1/categories")
        self.assertEqual(r.status, 200, r)
        # The 14 seeded categories (administrators may add more: other tests do).
        items = [c for c in r.json()["items"] if c["code"] in CATEGORY_CODES]
        self.assertEqual({c["code"] for c in items}, CATEGORY_CODES)
        dien = next(c for c in items if c["code"] == "dien_luc")
        self.assertEqual(dien["name"], "Điện lực")
        self.assertEqual(dien["name_en"], "Electricity")
        self.assertEqual(dien["deadline_days"], 5)
        en = self.http.get("/api/v1/categories", lang="en").json()["items"]
        dien_en = next(c for c in en if c["code"] == "dien_luc")
        self.assertEqual(dien_en["name"], "Electricity")
        # Every English name is English: no Vietnamese letters left in it.
        for c in en:
            self.assertTrue(c["name"].isascii(), c)
        sensitive = {c["code"] for c in items if c["sensitive"]}
        self.assertIn("an_ninh_trat_tu", sensitive)

    def test_areas(self):
        r = self.http.get("/api/v1/areas")
        self.assertEqual(r.status, 200, r)
        items = r.json()["items"]
        self.assertEqual(len(items), 168)
        self.assertEqual(len({a["code"] for a in items}), 168)
        ben_thanh = next(a for a in items if a["code"] == "26743")
        self.assertEqual(ben_thanh["name"], "Phường Bến Thành")
        # Since 1 July 2025 the city reaches from Dầu Tiếng to Côn Đảo.
        for a in items:
            self.assertTrue(8.5 < a["centroid"]["lat"] < 11.7 and
                            106.0 < a["centroid"]["lon"] < 107.7, a)
        self.assertEqual({a["kind"] for a in items} >= {"phuong", "xa"}, True, items[:3])

    def test_units(self):
        r = self.http.get("/api/v1/units")
        self.assertEqual(r.status, 200, r)
        items = r.json()["items"]
        codes = {u["code"] for u in items}
        for code in ("evn-hcmc", "sawaco", "trung-tam-1022", "vp-ubnd-tp", "cong-vien-cay-xanh",
                     "ubnd-26740", "ubnd-26743"):
            self.assertIn(code, codes)
        self.assertEqual(len([c for c in codes if c.startswith("ubnd-")]), 168)
        evn_en = next(u for u in self.http.get("/api/v1/units", lang="en").json()["items"]
                      if u["code"] == "evn-hcmc")
        self.assertEqual(evn_en["name"], "Ho Chi Minh City Power Corporation")


class OperationsTest(ApiCase):
    def test_health_ready_metrics(self):
        self.assertEqual(self.http.get("/healthz").status, 200)
        ready = self.http.get("/readyz")
        self.assertEqual(ready.status, 200, ready)
        self.http.get("/api/v1/categories")
        self.submit(self.citizen().token)
        m = self.http.get("/metrics")
        self.assertEqual(m.status, 200, m)
        self.assertTrue(m.content_type.startswith("text/plain"), m.headers)
        self.assertIn("cds_http_requests_total", m.text)
        self.assertIn("cds_store_commit_batch_size", m.text)
        # Requests are counted per route.
        self.assertRegex(m.text, r'cds_http_requests_total\{[^}]*/api/v1/categories[^}]*\} [1-9]')

    def test_every_response_has_a_request_id_and_errors_are_problems(self):
        # (The client checks X-Request-Id on every response of every test; these are the odd ones.)
        r = self.http.get("/api/v1/nope")
        self.assertProblem(r, 404)
        r = self.http.get("/nothing/here", lang="en")
        p = self.assertProblem(r, 404)
        self.assertEqual(p["detail"], "There is no such address.")
        r = self.http.get("/api/v1/reports/abc")
        self.assertProblem(r, 404)
        r = self.http.request("PUT", "/api/v1/reports")
        self.assertIn(r.status, (404, 405), r)
        self.assertProblem(r, r.status)
        r = self.http.get("/api/v1/categories", headers={"X-Padding": "a" * (20 * 1024)})
        self.assertIn(r.status, (400, 431), r)
        self.assertProblem(r, r.status)
        ids = {self.http.get("/healthz").request_id for _ in range(5)}
        self.assertEqual(len(ids), 5, "request ids are unique")


class PhotoTest(ApiCase):
    def upload(self, token: str, data: bytes, content_type: str = "image/png",
               filename: str = "anh.png"):
        body, ctype = multipart("file", filename, content_type, data)
        return self.http.post("/api/v1/media", raw=body, content_type=ctype, token=token)

    def test_upload_attach_and_read_a_photo(self):
        author, other = self.citizen(), self.citizen()
        marker = b"GPS-SECRET-" + secrets.token_hex(6).encode()
        r = self.upload(author.token, make_png(marker=marker))
        self.assertEqual(r.status, 201, r)
        media = r.json()
        self.assertTrue(media["id"])
        self.assertEqual(media["content_type"], "image/jpeg")
        self.assertEqual((media["width"], media["height"]), (64, 48))

        n = self.row_count()
        rep = self.submit(author.token, photos=[media["id"]], public=False)
        self.assertEqual([p["id"] for p in rep["photos"]], [media["id"]])
        self.assertEqual(self.row_count(), n + 1)

        # The author reads it back: a JPEG with the metadata gone.
        got = self.http.get(f"/api/v1/media/{media['id']}", token=author.token)
        self.assertEqual(got.status, 200, got)
        self.assertEqual(got.content_type, "image/jpeg")
        self.assertTrue(got.body.startswith(b"\xff\xd8\xff"), got.body[:16])
        self.assertNotIn(marker, got.body, "metadata survived re-encoding")
        thumb = self.http.get(f"/api/v1/media/{media['id']}/thumbnail", token=author.token)
        self.assertEqual(thumb.status, 200, thumb)
        self.assertTrue(thumb.body.startswith(b"\xff\xd8\xff"))
        # Staff read it; another citizen does not (the report is private).
        self.assertEqual(self.http.get(f"/api/v1/media/{media['id']}",
                                       token=self.tok("operator1")).status, 200)
        self.assertProblem(self.http.get(f"/api/v1/media/{media['id']}", token=other.token), 404)
        self.assertProblem(self.http.get(f"/api/v1/media/{media['id']}"), 404)

        # Nobody else may attach it.
        r = self.http.post("/api/v1/reports", self.report_body(photos=[media["id"]]),
                           token=other.token)
        self.assertProblem(r, 422)
        r = self.http.post("/api/v1/reports", self.report_body(photos=["khong-co-anh-nay"]),
                           token=author.token)
        self.assertProblem(r, 422)
        self.assertEqual(self.row_count(), n + 1)

    def test_a_public_reports_photo_is_public(self):
        author = self.citizen()
        media = self.upload(author.token, make_png(32, 32)).json()
        self.submit(author.token, photos=[media["id"]], public=True)
        self.assertEqual(self.http.get(f"/api/v1/media/{media['id']}").status, 200)

    def test_files_that_are_not_images_are_refused(self):
        author = self.citizen()
        n = self.env.count("media")
        for name, data, ctype in (
                ("text", "Đây không phải là ảnh\n".encode() * 20, "text/plain"),
                ("text called png", b"hello world " * 50, "image/png"),
                ("truncated png", make_png()[:60], "image/png"),
                ("empty", b"", "image/png")):
            with self.subTest(name):
                r = self.upload(author.token, data, ctype)
                self.assertGreaterEqual(r.status, 400, r)
                self.assertLess(r.status, 500, r)
                self.assertProblem(r, r.status)
        self.assertEqual(self.env.count("media"), n)
        # Without the file field, or without a token.
        body, ctype = multipart("other", "a.png", "image/png", make_png())
        r = self.http.post("/api/v1/media", raw=body, content_type=ctype, token=author.token)
        self.assertProblem(r, 422, fields=["file"])
        body, ctype = multipart("file", "a.png", "image/png", make_png())
        self.assertProblem(self.http.post("/api/v1/media", raw=body, content_type=ctype), 401)
