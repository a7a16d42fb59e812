"""The directory of public apps (docs/APPS.md): the real apps seeded for every install, admins add,
edit, deactivate, reorder and remove apps, links are https (or an app's own scheme), and residents
see only the active apps, in order, from a cacheable list."""

from __future__ import annotations

from api_case import ApiCase, tag
from test_service import make_png, multipart

REFERENCE_CODES = {"vneid", "dichvucong_quocgia", "dichvucong_tphcm", "dichvucong_bocongan",
                   "vssid", "etax_mobile", "so_suc_khoe", "vnetraffic", "tongdai_1022",
                   "cong_thong_tin_tphcm"}


class AppsCase(ApiCase):
    def admin(self) -> str:
        return self.tok("admin1")

    def body(self, **over) -> dict:
        b = {"name": f"Ứng dụng thử {tag()}", "name_en": "Test app",
             "description": "Một ứng dụng công để thử.", "description_en": "A public app to try.",
             "category": "health", "web_url": "https://moh.gov.vn/thu",
             "vneid_sign_in": True}
        b.update(over)
        return {k: v for k, v in b.items() if v is not None}

    def create(self, expect: int = 201, token: str | None = None, **over) -> dict:
        r = self.http.post("/api/v1/admin/apps", self.body(**over), token=token or self.admin())
        self.assertEqual(r.status, expect, r)
        return r.json()

    def put(self, app_id: int, body: dict, token: str | None = None):
        return self.http.request("PUT", f"/api/v1/admin/apps/{app_id}", body,
                                 token=token or self.admin())

    def public(self) -> list[dict]:
        r = self.http.get("/api/v1/apps")
        self.assertEqual(r.status, 200, r)
        return r.json()["items"]

    def admin_list(self) -> list[dict]:
        r = self.http.get("/api/v1/admin/apps", token=self.admin())
        self.assertEqual(r.status, 200, r)
        return r.json()["items"]


class AppsPublicListTest(AppsCase):
    def test_the_reference_apps_are_seeded_with_safe_links(self) -> None:
        apps = self.public()
        codes = {a["code"] for a in apps if a["code"]}
        self.assertLessEqual(REFERENCE_CODES - {"cong_thong_tin_tphcm"}, codes)
        vneid = next(a for a in apps if a["code"] == "vneid")
        self.assertEqual(vneid["name"], "VNeID")
        self.assertEqual(vneid["category"], "identity")
        self.assertTrue(vneid["vneid_sign_in"])
        self.assertEqual(vneid["web_url"], "https://vneid.gov.vn")
        self.assertIsNone(vneid["icon"])
        self.assertIsNone(vneid["deep_link"])  # no publisher documents a scheme: none invented
        for a in apps:
            self.assertTrue(a["name"] and a["name_en"] and a["description"]
                            and a["description_en"], a)
            for field in ("web_url", "android_url", "ios_url"):
                if a[field] is not None:
                    self.assertTrue(a[field].startswith("https://"), a)
            # Administrators' bookkeeping stays out of the public list.
            self.assertNotIn("active", a)
            self.assertNotIn("updated_at", a)
        positions = [a["position"] for a in apps]
        self.assertEqual(positions, sorted(positions))

    def test_seeding_again_adds_nothing_and_a_removed_app_stays_removed(self) -> None:
        before = self.admin_list()
        self.env.cli("seed", "--db", self.env.db_url)
        self.assertEqual([a["id"] for a in self.admin_list()], [a["id"] for a in before])
        portal = next((a for a in before if a["code"] == "cong_thong_tin_tphcm"), None)
        if portal is not None:
            r = self.http.delete(f"/api/v1/admin/apps/{portal['id']}", token=self.admin())
            self.assertEqual(r.status, 204, r)
        self.env.cli("seed", "--db", self.env.db_url)
        self.assertNotIn("cong_thong_tin_tphcm", {a["code"] for a in self.admin_list()})

    def test_the_list_is_cacheable_and_revalidates(self) -> None:
        r = self.http.get("/api/v1/apps")
        self.assertEqual(r.status, 200, r)
        etag = r.headers.get("etag")
        self.assertRegex(etag or "", r'^"[0-9a-f]{16}"$')
        self.assertIn("max-age=60", r.headers.get("cache-control", ""))
        same = self.http.get("/api/v1/apps", headers={"If-None-Match": etag})
        self.assertEqual(same.status, 304, same)
        self.assertEqual(same.body, b"")
        # Both languages in one answer: the same ETag whatever the reader's language.
        self.assertEqual(self.http.get("/api/v1/apps", lang="en").headers.get("etag"), etag)
        # A change gives a new ETag, so a revalidation sees it at once.
        self.create()
        changed = self.http.get("/api/v1/apps", headers={"If-None-Match": etag})
        self.assertEqual(changed.status, 200, changed)
        self.assertNotEqual(changed.headers.get("etag"), etag)


class AppsAdminTest(AppsCase):
    def test_create_edit_deactivate_and_remove(self) -> None:
        app = self.create(deep_link="vn-example.app://open/home",
                          android_url="https://play.google.com/store/apps/details?id=vn.example",
                          ios_url="https://apps.apple.com/vn/app/example/id1")
        self.assertTrue(app["active"])
        self.assertIsNone(app["code"])
        self.assertEqual(app["deep_link"], "vn-example.app://open/home")
        self.assertEqual(app["position"], max(a["position"] for a in self.admin_list()))
        self.assertIn(app["id"], [a["id"] for a in self.public()])

        edited = self.put(app["id"], self.body(name="Đã sửa", web_url=None,
                                               ios_url="https://apps.apple.com/vn/app/x/id2"))
        self.assertEqual(edited.status, 200, edited)
        self.assertEqual(edited.json()["name"], "Đã sửa")
        self.assertIsNone(edited.json()["web_url"])
        self.assertEqual(edited.json()["position"], app["position"])  # it keeps its place

        hidden = self.put(app["id"], self.body(name="Đã sửa", active=False))
        self.assertEqual(hidden.status, 200, hidden)
        self.assertFalse(hidden.json()["active"])
        self.assertNotIn(app["id"], [a["id"] for a in self.public()])
        self.assertIn(app["id"], [a["id"] for a in self.admin_list()])

        self.assertEqual(self.http.delete(f"/api/v1/admin/apps/{app['id']}",
                                          token=self.admin()).status, 204)
        self.assertNotIn(app["id"], [a["id"] for a in self.admin_list()])
        self.assertProblem(self.http.delete(f"/api/v1/admin/apps/{app['id']}",
                                            token=self.admin()), 404, "apps_not_found")
        self.assertProblem(self.put(app["id"], self.body()), 404, "apps_not_found")
        self.assertProblem(self.put(0, self.body()), 404, "apps_not_found")

    def test_reorder_lists_every_app_once(self) -> None:
        first, second = self.create(), self.create()
        ids = [a["id"] for a in self.admin_list()]
        wanted = [second["id"], first["id"]] + [i for i in ids if i not in (first["id"],
                                                                              second["id"])]
        r = self.http.request("PUT", "/api/v1/admin/apps/order", {"ids": wanted},
                              token=self.admin())
        self.assertEqual(r.status, 200, r)
        self.assertEqual([a["id"] for a in r.json()["items"]], wanted)
        public_ids = [a["id"] for a in self.public()]
        self.assertEqual(public_ids[:2], [second["id"], first["id"]])
        for bad in (wanted[:-1], wanted + [wanted[0]], wanted + [999999999], ["x"], None):
            r = self.http.request("PUT", "/api/v1/admin/apps/order",
                                  {"ids": bad} if bad is not None else {}, token=self.admin())
            self.assertProblem(r, 422, fields=["ids"])
        self.assertEqual([a["id"] for a in self.admin_list()], wanted)

    def test_idempotent_create(self) -> None:
        body = self.body()
        headers = {"Idempotency-Key": f"apps-{tag()}"}
        one = self.http.post("/api/v1/admin/apps", body, token=self.admin(), headers=headers)
        two = self.http.post("/api/v1/admin/apps", body, token=self.admin(), headers=headers)
        self.assertEqual(one.status, 201, one)
        self.assertEqual(two.status, 201, two)
        self.assertEqual(one.json()["id"], two.json()["id"])
        self.assertEqual(two.headers.get("idempotent-replayed"), "true")


class AppsValidationTest(AppsCase):
    def test_unsafe_links_are_refused_naming_the_field(self) -> None:
        cases = [
            ({"web_url": "javascript:alert(1)"}, "web_url"),
            ({"web_url": "JavaScript:alert(document.cookie)"}, "web_url"),
            ({"web_url": "http://moh.gov.vn"}, "web_url"),
            ({"web_url": "data:text/html;base64,PHNjcmlwdD4="}, "web_url"),
            ({"web_url": "//evil.example/x"}, "web_url"),
            ({"web_url": "https://user:pw@evil.example/"}, "web_url"),
            ({"web_url": "https://moh.gov.vn/\" onmouseover=\"alert(1)"}, "web_url"),
            ({"deep_link": "javascript:alert(1)"}, "deep_link"),
            ({"deep_link": "data:text/html,x"}, "deep_link"),
            ({"deep_link": "http://moh.gov.vn"}, "deep_link"),
            ({"deep_link": "intent://x#Intent;end"}, "deep_link"),
            ({"deep_link": "file:///etc/passwd"}, "deep_link"),
            ({"android_url": "https://evil.example/app.apk"}, "android_url"),
            ({"android_url": "http://play.google.com/store/apps/details?id=x"}, "android_url"),
            ({"ios_url": "javascript:alert(1)"}, "ios_url"),
            ({"web_url": None}, "web_url"),  # no link at all
        ]
        count = len(self.admin_list())
        for over, field in cases:
            with self.subTest(over=over):
                r = self.http.post("/api/v1/admin/apps", self.body(**over), token=self.admin())
                p = self.assertProblem(r, 422, "invalid", fields=[field])
                self.assertTrue(p["errors"][field])
        self.assertEqual(len(self.admin_list()), count)  # nothing was written

    def test_every_mistake_at_once_in_the_readers_language(self) -> None:
        r = self.http.post("/api/v1/admin/apps",
                           {"name": " ", "name_en": "x" * 81, "description": 5,
                            "category": "games", "web_url": "http://x.vn", "colour": "red"},
                           token=self.admin(), lang="en")
        p = self.assertProblem(r, 422, "invalid",
                               fields=["name", "name_en", "description", "description_en",
                                       "category", "web_url", "colour"])
        self.assertIn("https://", p["errors"]["web_url"])
        vi = self.http.post("/api/v1/admin/apps", self.body(web_url="http://x.vn"),
                            token=self.admin(), lang="vi")
        self.assertIn("liên kết", self.assertProblem(vi, 422)["errors"]["web_url"])
        # An update follows the same rules and changes nothing when refused.
        app = self.create()
        self.assertProblem(self.put(app["id"], self.body(web_url="javascript:alert(1)")), 422,
                           fields=["web_url"])
        again = next(a for a in self.admin_list() if a["id"] == app["id"])
        self.assertEqual(again["web_url"], app["web_url"])

    def test_an_icon_is_a_staff_photo_and_public_while_the_app_is_active(self) -> None:
        def upload(token: str) -> str:
            body, ctype = multipart("file", "icon.png", "image/png", make_png())
            r = self.http.post("/api/v1/media", raw=body, content_type=ctype, token=token)
            self.assertEqual(r.status, 201, r)
            return r.json()["id"]
        photo = upload(self.citizen().token)
        self.assertProblem(self.http.post("/api/v1/admin/apps", self.body(icon_media_id=photo),
                                          token=self.admin()), 422, fields=["icon_media_id"])
        self.assertProblem(self.http.post("/api/v1/admin/apps",
                                          self.body(icon_media_id="0" * 32), token=self.admin()),
                           422, fields=["icon_media_id"])
        icon = upload(self.admin())
        app = self.create(icon_media_id=icon)
        self.assertEqual(app["icon"], {"id": icon, "url": f"/api/v1/media/{icon}",
                                       "thumbnail_url": f"/api/v1/media/{icon}/thumbnail"})
        self.assertEqual(self.http.get(f"/api/v1/media/{icon}/thumbnail").status, 200)
        self.put(app["id"], self.body(icon_media_id=icon, active=False))
        self.assertEqual(self.http.get(f"/api/v1/media/{icon}").status, 404)
        self.assertEqual(self.http.get(f"/api/v1/media/{icon}", token=self.admin()).status, 200)


class AppsAccessTest(AppsCase):
    def test_only_admins_manage_the_directory(self) -> None:
        app = self.create()
        callers = [self.citizen().token, self.tok("operator1"), self.tok("leader1"),
                   self.tok("editor1")]
        for token in callers:
            with self.subTest(token=token[:6]):
                self.assertProblem(self.http.get("/api/v1/admin/apps", token=token), 403)
                self.assertProblem(self.http.post("/api/v1/admin/apps", self.body(), token=token),
                                   403)
                self.assertProblem(self.put(app["id"], self.body(active=False), token=token), 403)
                self.assertProblem(self.http.delete(f"/api/v1/admin/apps/{app['id']}",
                                                    token=token), 403)
        self.assertProblem(self.http.get("/api/v1/admin/apps"), 401)
        self.assertIn(app["id"], [a["id"] for a in self.public()])


if __name__ == "__main__":
    import unittest
    unittest.main()
