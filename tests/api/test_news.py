"""News and announcements (docs/NEWS.md): editors write, schedule, publish and unpublish; readers
see only what is published and due, search it without accents, read it in an Atom feed; bodies are
Markdown that comes out sanitized; an announcement can notify every open app."""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
import tempfile
import time
import urllib.parse
import xml.etree.ElementTree as ET

from api_case import ApiCase, tag
from harness import RFC3339_CITY
from sse import SseClient
from test_service import make_png, multipart

CITY = datetime.timezone(datetime.timedelta(hours=7))
ATOM = "{http://www.w3.org/2005/Atom}"

XSS_BODY = "\n\n".join([
    "Mở đầu <script>alert('x')</script> kết thúc",
    "<img src=x onerror=alert(1)>",
    "[bấm vào](javascript:alert(1)) [BẤM](JAVASCRIPT:alert(2)) [tab](java&#x09;script:alert(3))",
    "[dữ liệu](data:text/html;base64,PHNjcmlwdD4=) [vb](vbscript:msgbox(1))",
    "[xa](//evil.example/x) <svg onload=alert(1)> <iframe src=https://evil.example></iframe>",
    "<a href=\"javascript:alert(1)\" onclick=\"alert(2)\" style=\"color:red\">x</a>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "[được phép](https://tphcm.example.vn/tin?a=1&b=2)",
])


def iso(dt: datetime.datetime) -> str:
    return dt.astimezone(CITY).isoformat(timespec="seconds")


def now() -> datetime.datetime:
    return datetime.datetime.now(CITY)


class NewsCase(ApiCase):
    def editor(self) -> str:
        return self.tok("editor1")

    def draft(self, token: str | None = None, expect: int = 201, **over) -> dict:
        body = {"kind": "news", "title": f"Tin thử {tag()}", "summary": "Tóm tắt ngắn.",
                "body_md": "Nội dung **chính**."}
        body.update(over)
        body = {k: v for k, v in body.items() if v is not None}
        r = self.http.post("/api/v1/staff/news", body, token=token or self.editor())
        self.assertEqual(r.status, expect, r)
        return r.json()

    def publish(self, nid: int, body: dict | None = None, expect: int = 200,
                token: str | None = None) -> dict:
        r = self.http.post(f"/api/v1/staff/news/{nid}/publish", body, token=token or self.editor())
        self.assertEqual(r.status, expect, r)
        return r.json()

    def public_list(self, query: str = "") -> dict:
        r = self.http.get("/api/v1/news" + (f"?{query}" if query else ""))
        self.assertEqual(r.status, 200, r)
        return r.json()

    def public_ids(self, query: str = "") -> list[int]:
        return [i["id"] for i in self.public_list(query)["items"]]

    def assert_clean_html(self, html: str) -> None:
        """No markup that runs script: what is left of the payloads is escaped text."""
        low = html.lower()
        for bad in ("<script", "<svg", "<iframe", "<style", "<object"):
            self.assertNotIn(bad, low)
        for tag_text in re.findall(r"<[^>]*>", low):
            for bad in ("javascript:", "vbscript:", "data:", "style=", "//evil.example"):
                self.assertNotIn(bad, tag_text, html)
            self.assertIsNone(re.search(r"\son[a-z]+\s*=", tag_text), html)


class NewsLifecycleTest(NewsCase):
    def test_create_edit_publish_unpublish(self) -> None:
        item = self.draft(kind="guide", pinned=False)
        self.assertEqual(item["state"], "draft")
        self.assertEqual(item["kind"], "guide")
        self.assertEqual(item["url"], f"/app/news/{item['id']}")
        self.assertIsNone(item["published_at"])
        self.assertIsNone(item["cover"])
        self.assertFalse(item["important"])
        self.assertRegex(item["updated_at"], RFC3339_CITY)
        self.assertEqual(item["body_html"], "<p>Nội dung <strong>chính</strong>.</p>\n")
        nid = item["id"]
        # A draft is not public.
        self.assertNotIn(nid, self.public_ids("per_page=100"))
        self.assertProblem(self.http.get(f"/api/v1/news/{nid}"), 404, "news_not_found")

        edited = self.http.request("PUT", f"/api/v1/staff/news/{nid}",
                                   {"kind": "guide", "title": "Hướng dẫn đã sửa",
                                    "summary": "Mới", "body_md": "## Bước 1\n\nLàm thế này."},
                                   token=self.editor())
        self.assertEqual(edited.status, 200, edited)
        self.assertEqual(edited.json()["title"], "Hướng dẫn đã sửa")
        self.assertEqual(edited.json()["body_html"], "<h2>Bước 1</h2>\n<p>Làm thế này.</p>\n")
        self.assertEqual(edited.json()["state"], "draft")

        published = self.publish(nid)
        self.assertEqual(published["state"], "published")
        self.assertRegex(published["published_at"], RFC3339_CITY)
        self.assertIn(nid, self.public_ids("per_page=100"))
        detail = self.http.get(f"/api/v1/news/{nid}")
        self.assertEqual(detail.status, 200, detail)
        self.assertNotIn("body_md", detail.json())
        self.assertEqual(detail.json()["body_html"], edited.json()["body_html"])
        listed = next(i for i in self.public_list("per_page=100")["items"] if i["id"] == nid)
        self.assertNotIn("body_md", listed)
        self.assertEqual(listed["summary"], "Mới")

        # Publishing again changes nothing; editing a published item keeps it published.
        again = self.publish(nid)
        self.assertEqual(again["published_at"], published["published_at"])
        r = self.http.request("PUT", f"/api/v1/staff/news/{nid}",
                              {"kind": "guide", "title": "Hướng dẫn lần 3", "body_md": "x"},
                              token=self.editor())
        self.assertEqual(r.json()["state"], "published", r)
        self.assertEqual(r.json()["published_at"], published["published_at"])

        r = self.http.post(f"/api/v1/staff/news/{nid}/unpublish", None, token=self.editor())
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["state"], "unpublished")
        self.assertNotIn(nid, self.public_ids("per_page=100"))
        self.assertProblem(self.http.get(f"/api/v1/news/{nid}"), 404, "news_not_found")
        self.assertProblem(self.http.post(f"/api/v1/staff/news/{nid}/unpublish", None,
                                          token=self.editor()), 409, "news_not_published")

        # Staff still see it, with its Markdown.
        r = self.http.get(f"/api/v1/staff/news/{nid}", token=self.editor())
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["body_md"], "x")
        listing = self.http.get("/api/v1/staff/news", token=self.editor()).json()
        self.assertIn(nid, [i["id"] for i in listing["items"]])
        self.assertEqual(listing["items"][0]["id"], nid)  # newest change first

    def test_scheduled_items_appear_when_their_time_comes(self) -> None:
        item = self.draft(title=f"Hẹn giờ {tag()}")
        nid = item["id"]
        tomorrow = now() + datetime.timedelta(days=1)
        r = self.publish(nid, {"publish_at": iso(tomorrow)})
        self.assertEqual(r["state"], "scheduled")
        self.assertNotIn(nid, self.public_ids("per_page=100"))
        self.assertProblem(self.http.get(f"/api/v1/news/{nid}"), 404)
        self.assertNotIn(f"/app/news/{nid}<", self.http.get("/news.atom").text)
        # Moved to a couple of seconds from now, it shows up once that time has passed.
        soon = now() + datetime.timedelta(seconds=2)
        r = self.publish(nid, {"publish_at": iso(soon)})
        self.assertEqual(r["state"], "scheduled")
        self.assertNotIn(nid, self.public_ids("per_page=100"))
        time.sleep(max(0.0, (soon - now()).total_seconds()) + 0.3)
        self.assertIn(nid, self.public_ids("per_page=100"))
        self.assertEqual(self.http.get(f"/api/v1/news/{nid}").json()["state"], "published")

    def test_a_drafts_planned_time_is_used_when_published(self) -> None:
        later = now() + datetime.timedelta(hours=3)
        item = self.draft(publish_at=iso(later))
        self.assertEqual(item["state"], "draft")
        r = self.publish(item["id"])
        self.assertEqual(r["state"], "scheduled")
        self.assertEqual(r["published_at"], iso(later))

    def test_public_list_order_and_paging(self) -> None:
        marker = tag()
        ids = []
        for i in range(5):
            d = self.draft(title=f"Trang {marker} số {i}")
            self.publish(d["id"], {"publish_at": iso(now() - datetime.timedelta(minutes=10 - i))})
            ids.append(d["id"])
        page1 = self.public_list(f"q={marker}&per_page=2&page=1")
        page2 = self.public_list(f"q={marker}&per_page=2&page=2")
        page3 = self.public_list(f"q={marker}&per_page=2&page=3")
        self.assertEqual(page1["total"], 5)
        self.assertEqual((page1["page"], page1["per_page"]), (1, 2))
        got = [i["id"] for p in (page1, page2, page3) for i in p["items"]]
        self.assertEqual(got, list(reversed(ids)))  # newest first, each once
        # Pinned items come first.
        pinned = self.draft(title=f"Ghim {marker}", pinned=True, kind="announcement")
        self.publish(pinned["id"], {"publish_at": iso(now() - datetime.timedelta(days=30))})
        self.assertEqual(self.public_ids(f"q={marker}")[0], pinned["id"])
        # Kind filter.
        self.assertEqual(self.public_ids(f"q={marker}&kind=announcement"), [pinned["id"]])
        for bad in ("page=0", "per_page=0", "per_page=101", "page=x", "kind=rumour"):
            with self.subTest(bad=bad):
                self.assertProblem(self.http.get(f"/api/v1/news?{bad}"), 422)

    def test_search_ignores_accents_and_case(self) -> None:
        marker = tag()
        d = self.draft(title=f"Cảnh báo ngập nước {marker}", summary="Đăng ký nhận tin",
                       body_md="Người dân **Phường Bến Thành** chú ý.")
        self.publish(d["id"])
        for q in ("ngap", "NGẬP", "ngập nước", "dang ky", "ĐĂNG KÝ", "ben thanh", "Bến Thành"):
            with self.subTest(q=q):
                ids = self.public_ids(f"q={urllib.parse.quote_plus(q)}&per_page=100")
                self.assertIn(d["id"], ids)
        self.assertNotIn(d["id"], self.public_ids(f"q=khong+co+{marker}"))
        # LIKE's own characters are plain text.
        self.assertEqual(self.public_list("q=%25%25%25_")["total"], 0)

    def test_demo_news_is_seeded(self) -> None:
        items = self.public_list("per_page=100")["items"]
        kinds = {i["kind"] for i in items}
        self.assertTrue({"announcement", "guide", "news"} <= kinds, kinds)
        self.assertTrue(any(i["pinned"] and i["kind"] == "announcement" for i in items))


class NewsSafetyTest(NewsCase):
    def test_xss_body_is_stored_and_served_sanitized(self) -> None:
        d = self.draft(title="Tin có <script>alert(1)</script> trong tiêu đề", body_md=XSS_BODY)
        self.assert_clean_html(d["body_html"])
        self.assertEqual(d["body_md"], XSS_BODY)  # the source is kept as written
        self.assertIn('href="https://tphcm.example.vn/tin?a=1&amp;b=2"', d["body_html"])
        self.assertIn('rel="nofollow noopener noreferrer"', d["body_html"])
        self.publish(d["id"])
        detail = self.http.get(f"/api/v1/news/{d['id']}").json()
        self.assert_clean_html(detail["body_html"])
        self.assertEqual(detail["title"], "Tin có <script>alert(1)</script> trong tiêu đề")
        preview = self.http.post("/api/v1/staff/news/preview", {"body_md": XSS_BODY},
                                 token=self.editor())
        self.assertEqual(preview.status, 200, preview)
        self.assertEqual(preview.json()["html"], d["body_html"])
        feed = self.http.get("/news.atom")
        self.assertNotIn("<script", feed.text.lower())
        entry = self.entry(feed.text, d["id"])
        content = entry.find(f"{ATOM}content").text
        self.assert_clean_html(content)
        self.assertEqual(entry.find(f"{ATOM}title").text, detail["title"])

    def entry(self, feed: str, nid: int) -> ET.Element:
        root = ET.fromstring(feed.encode("utf-8"))
        for e in root.findall(f"{ATOM}entry"):
            if e.find(f"{ATOM}id").text.endswith(f"/app/news/{nid}"):
                return e
        self.fail(f"no entry for {nid}")

    def test_atom_feed(self) -> None:
        published = self.draft(title=f"Trong nguồn tin & <đặc biệt> {tag()}", kind="announcement")
        self.publish(published["id"])
        hidden = self.draft(title=f"Bản nháp {tag()}")
        r = self.http.get("/news.atom")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.content_type, "application/atom+xml")
        root = ET.fromstring(r.body)
        self.assertEqual(root.tag, f"{ATOM}feed")
        base = f"http://127.0.0.1:{self.env.server.port}"
        self.assertEqual(root.find(f"{ATOM}id").text, f"{base}/news.atom")
        self.assertRegex(root.find(f"{ATOM}updated").text, RFC3339_CITY)
        links = {l.get("rel"): l.get("href") for l in root.findall(f"{ATOM}link")}
        self.assertEqual(links["self"], f"{base}/news.atom")
        entry = self.entry(r.text, published["id"])
        self.assertEqual(entry.find(f"{ATOM}title").text, published["title"])
        self.assertEqual(entry.find(f"{ATOM}id").text, f"{base}/app/news/{published['id']}")
        alt = [l for l in entry.findall(f"{ATOM}link") if l.get("rel") == "alternate"][0]
        self.assertEqual(alt.get("href"), f"{base}/app/news/{published['id']}")
        for name in ("updated", "published"):
            self.assertRegex(entry.find(f"{ATOM}{name}").text, RFC3339_CITY)
        self.assertEqual(entry.find(f"{ATOM}summary").text, "Tóm tắt ngắn.")
        self.assertEqual(entry.find(f"{ATOM}content").get("type"), "html")
        self.assertNotIn(f"/app/news/{hidden['id']}<", r.text)
        if shutil.which("xmllint"):
            with tempfile.NamedTemporaryFile(suffix=".atom") as f:
                f.write(r.body)
                f.flush()
                lint = subprocess.run(["xmllint", "--noout", f.name], capture_output=True,
                                      text=True)
                self.assertEqual(lint.returncode, 0, lint.stderr)

    def test_validation_errors_change_nothing(self) -> None:
        before = self.env.count("news_items")
        editor = self.editor()
        for bad, fields in (
                ({}, ["kind", "title"]),
                ({"kind": "rumour", "title": "x"}, ["kind"]),
                ({"kind": "news", "title": "   "}, ["title"]),
                ({"kind": "news", "title": "x" * 201}, ["title"]),
                ({"kind": "news", "title": "ệ" * 201, "summary": "y" * 501}, ["title", "summary"]),
                ({"kind": "news", "title": "x", "body_md": "z" * (100 * 1024 + 1)}, ["body_md"]),
                ({"kind": "news", "title": "x", "publish_at": "ngày mai"}, ["publish_at"]),
                ({"kind": "news", "title": "x", "cover_media_id": "nope"}, ["cover_media_id"]),
                ({"kind": "news", "title": "x", "cover_media_id": "0" * 32}, ["cover_media_id"]),
                ({"kind": "news", "title": "x", "pinned": "yes"}, ["pinned"]),
                ({"kind": "news", "title": "x", "author": "me"}, ["author"])):
            with self.subTest(bad=str(bad)[:60]):
                p = self.assertProblem(self.http.post("/api/v1/staff/news", bad, token=editor),
                                       422, fields=fields)
                self.assertEqual(set(p["errors"]), set(fields))
        # 200 characters is allowed, counted as characters, not bytes.
        self.draft(title="ệ" * 200, summary="ậ" * 500)
        self.assertEqual(self.env.count("news_items"), before + 1)
        # An update with bad fields leaves the item as it was.
        d = self.draft()
        r = self.http.request("PUT", f"/api/v1/staff/news/{d['id']}",
                              {"kind": "news", "title": "x" * 201}, token=editor)
        self.assertProblem(r, 422, fields=["title"])
        self.assertEqual(self.http.get(f"/api/v1/staff/news/{d['id']}", token=editor).json(), d)
        self.assertProblem(self.http.request("PUT", "/api/v1/staff/news/999999999",
                                             {"kind": "news", "title": "x"}, token=editor),
                           404, "news_not_found")
        self.assertProblem(self.http.post("/api/v1/staff/news/999999999/publish", None,
                                          token=editor), 404, "news_not_found")
        self.assertProblem(self.http.post("/api/v1/staff/news/preview",
                                          {"body_md": "z" * (100 * 1024 + 1)}, token=editor),
                           422, fields=["body_md"])

    def test_editors_and_admins_only(self) -> None:
        d = self.draft(token=self.tok("admin1"))  # admins write news too
        for who in ("citizen1", "operator1", "leader1", "alert1", "evn1"):
            t = self.tok(who)
            with self.subTest(who=who):
                self.assertEqual(self.http.get("/api/v1/staff/news", token=t).status, 403)
                self.assertEqual(self.http.post("/api/v1/staff/news", {"kind": "news",
                                                                       "title": "x"},
                                                token=t).status, 403)
                self.assertEqual(self.http.post(f"/api/v1/staff/news/{d['id']}/publish", None,
                                                token=t).status, 403)
        self.assertEqual(self.http.get("/api/v1/staff/news").status, 401)
        self.assertEqual(self.http.get(f"/api/v1/staff/news/{d['id']}",
                                       token=self.editor()).status, 200)

    def test_idempotent_create(self) -> None:
        key = {"Idempotency-Key": f"news-{tag()}"}
        body = {"kind": "news", "title": f"Một lần {tag()}"}
        first = self.http.post("/api/v1/staff/news", body, token=self.editor(), headers=key)
        again = self.http.post("/api/v1/staff/news", body, token=self.editor(), headers=key)
        self.assertEqual(first.status, 201, first)
        self.assertEqual(again.status, 201, again)
        self.assertEqual(again.headers.get("idempotent-replayed"), "true")
        self.assertEqual(first.json()["id"], again.json()["id"])


class NewsCoverTest(NewsCase):
    def upload(self, token: str) -> str:
        body, ctype = multipart("file", "bia.png", "image/png", make_png())
        r = self.http.post("/api/v1/media", raw=body, content_type=ctype, token=token)
        self.assertEqual(r.status, 201, r)
        return r.json()["id"]

    def test_a_published_items_cover_is_public(self) -> None:
        cover = self.upload(self.editor())
        d = self.draft(cover_media_id=cover)
        self.assertEqual(d["cover"], {"id": cover, "url": f"/api/v1/media/{cover}",
                                      "thumbnail_url": f"/api/v1/media/{cover}/thumbnail"})
        # A draft's cover is the news desk's only: its uploader, another editor, an admin.
        self.assertEqual(self.http.get(f"/api/v1/media/{cover}").status, 404)
        self.assertEqual(self.http.get(f"/api/v1/media/{cover}", token=self.editor()).status, 200)
        other_editor = self.staff("editor").token
        self.assertEqual(self.http.get(f"/api/v1/media/{cover}", token=other_editor).status, 200)
        self.assertEqual(self.http.get(f"/api/v1/media/{cover}", token=self.citizen().token)
                         .status, 404)
        self.publish(d["id"])
        for path in (f"/api/v1/media/{cover}", f"/api/v1/media/{cover}/thumbnail"):
            r = self.http.get(path)
            self.assertEqual(r.status, 200, r)
            self.assertEqual(r.content_type, "image/jpeg")
        self.assertIn(f"/api/v1/media/{cover}", self.http.get("/news.atom").text)
        self.http.post(f"/api/v1/staff/news/{d['id']}/unpublish", None, token=self.editor())
        self.assertEqual(self.http.get(f"/api/v1/media/{cover}").status, 404)

    def test_a_citizens_photo_cannot_become_a_cover(self) -> None:
        photo = self.upload(self.citizen().token)
        self.assertProblem(self.http.post("/api/v1/staff/news",
                                          {"kind": "news", "title": "x", "cover_media_id": photo},
                                          token=self.editor()), 422, fields=["cover_media_id"])


class NewsNotifyTest(NewsCase):
    def test_an_announcement_notifies_open_apps(self) -> None:
        stream = SseClient(self.env.server.port)
        self.addCleanup(stream.close)
        self.assertEqual(stream.status, 200)
        stream.next("ready")
        d = self.draft(kind="announcement", title=f"Thông báo khẩn {tag()}",
                       summary="Tạm ngưng cấp nước tối nay.")
        published = self.publish(d["id"], {"notify": True})
        self.assertTrue(published["important"])
        frame = stream.next("broadcast", 10,
                            where=lambda f: f.json().get("url") == f"/app/news/{d['id']}")
        payload = frame.json()
        self.assertEqual(payload["title"], {"vi": d["title"]})
        self.assertEqual(payload["body"], {"vi": "Tạm ngưng cấp nước tối nay."})
        # Once is enough.
        self.assertProblem(self.http.post(f"/api/v1/staff/news/{d['id']}/publish",
                                          {"notify": True}, token=self.editor()),
                           409, "news_already_notified")

    def test_notify_is_for_announcements_published_now(self) -> None:
        before = self.env.count("events", "type = 'broadcast'")
        news = self.draft(kind="news")
        self.assertProblem(self.http.post(f"/api/v1/staff/news/{news['id']}/publish",
                                          {"notify": True}, token=self.editor()),
                           422, fields=["notify"])
        ann = self.draft(kind="announcement")
        later = iso(now() + datetime.timedelta(days=1))
        self.assertProblem(self.http.post(f"/api/v1/staff/news/{ann['id']}/publish",
                                          {"notify": True, "publish_at": later},
                                          token=self.editor()), 422, fields=["notify"])
        self.assertEqual(self.env.count("events", "type = 'broadcast'"), before)
        # Nothing was published either.
        for nid in (news["id"], ann["id"]):
            r = self.http.get(f"/api/v1/staff/news/{nid}", token=self.editor())
            self.assertEqual(r.json()["state"], "draft")
