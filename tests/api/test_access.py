"""Who may see and do what: roles, units, private and anonymous reports, phone callers."""

from __future__ import annotations

import json
import re
import secrets

from api_case import ApiCase, tag, walk
from harness import Response


class AuthorizationTest(ApiCase):
    def test_no_or_bad_token_is_401(self):
        n = self.row_count()
        for method, path, body in (
                ("POST", "/api/v1/reports", self.report_body()),
                ("GET", "/api/v1/reports?mine=true", None),
                ("GET", "/api/v1/reports?following=true", None),
                ("GET", "/api/v1/staff/reports", None),
                ("GET", "/api/v1/staff/reports/1", None),
                ("POST", "/api/v1/staff/reports/1/assign", None),
                ("POST", "/api/v1/staff/reports", self.report_body()),
                ("POST", "/api/v1/reports/1/withdraw", None)):
            for token in (None, "not-a-real-token", "x" * 43):
                with self.subTest(method=method, path=path, token=token):
                    r = self.http.request(method, path, body, token=token)
                    self.assertProblem(r, 401)
        self.assertEqual(self.row_count(), n)

    def test_citizens_and_other_roles_are_kept_off_staff_endpoints(self):
        author = self.citizen()
        rep = self.submit(author.token)
        rid = rep["id"]
        n = self.row_count()
        for who in ("citizen1", "alert1", "editor1"):
            token = self.tok(who)
            with self.subTest(who=who):
                self.assertProblem(self.http.get("/api/v1/staff/reports", token=token), 403)
                self.assertProblem(self.http.get(f"/api/v1/staff/reports/{rid}", token=token), 403)
                for action, body in (("assign", None), ("note", {"text": "x"}),
                                     ("reject", {"reason": "x"})):
                    r = self.http.post(f"/api/v1/staff/reports/{rid}/{action}", body, token=token)
                    self.assertProblem(r, 403)
                r = self.http.post("/api/v1/staff/reports", self.report_body(), token=token)
                self.assertProblem(r, 403)
        # Staff cannot submit as citizens, nor act as authors.
        r = self.http.post("/api/v1/reports", self.report_body(), token=self.tok("operator1"))
        self.assertProblem(r, 403)
        r = self.http.post(f"/api/v1/reports/{rid}/withdraw", token=self.tok("operator1"))
        self.assertProblem(r, 403)
        # A leader reads everything but routes nothing.
        self.assertEqual(self.http.get("/api/v1/staff/reports", token=self.tok("leader1")).status,
                         200)
        self.staff_view(self.tok("leader1"), rid)
        self.assertProblem(self.http.post(f"/api/v1/staff/reports/{rid}/assign",
                                          token=self.tok("leader1")), 403)
        self.assertEqual(self.row_count(), n)
        self.assertEqual(self.staff_view(self.tok("operator1"), rid)["status"], "received")

    def test_unit_staff_see_and_act_only_on_their_units_reports(self):
        author = self.citizen()
        op, evn, saigon = self.tok("operator1"), self.tok("evn1"), self.tok("saigon1")
        rep = self.report_in_state("assigned", author, op, evn)
        rid = rep["id"]
        self.staff_view(evn, rid)
        self.assertProblem(self.http.get(f"/api/v1/staff/reports/{rid}", token=saigon), 404)
        before = self.staff_view(op, rid)
        for action, body in (("accept", None), ("note", {"text": "x"}),
                             ("hand-back", {"reason": "x"})):
            with self.subTest(action=action):
                r = self.http.post(f"/api/v1/staff/reports/{rid}/{action}", body, token=saigon)
                self.assertProblem(r, 404)
        self.assertEqual(self.staff_view(op, rid), before)
        # Lists: only the unit's own reports, handed to it; filters cannot widen that.
        for token, unit in ((evn, "evn-hcmc"), (saigon, "ubnd-26740")):
            items = self.staff_list_all(token)
            for item in items:
                self.assertEqual(item["unit"]["code"], unit, item)
                self.assertIn(item["status"], ("assigned", "in_progress", "resolved", "closed"))
        self.assertIn(rid, [i["id"] for i in self.staff_list_all(evn)])
        self.assertNotIn(rid, [i["id"] for i in self.staff_list_all(saigon)])
        self.assertEqual(self.staff_list(saigon, "unit=evn-hcmc")["items"], [])
        self.assertEqual(self.staff_list(evn, "status=received")["items"], [])

    def test_citizens_see_their_own_and_public_reports_only(self):
        author, other = self.citizen(), self.citizen()
        private = self.submit(author.token, public=False)
        public = self.submit(author.token, public=True)
        # Private: only the author.
        self.assertEqual(self.citizen_view(author.token, private["id"])["mine"], True)
        self.assertProblem(self.http.get(f"/api/v1/reports/{private['id']}", token=other.token),
                           404)
        self.assertProblem(self.http.get(f"/api/v1/reports/{private['id']}"), 404)
        # Public: anyone, without the author.
        for token in (other.token, None):
            r = self.http.get(f"/api/v1/reports/{public['id']}", token=token)
            self.assertEqual(r.status, 200, r)
            view = r.json()
            self.assertNotIn("mine", view)
            self.assertNotIn("author", view)
            self.assertNotInText(author.name, r, "author's name in a public view")
            self.assertNotInText(author.username, r, "author's username in a public view")
        public_list = self.http.get(f"/api/v1/reports?q={public['description'].split()[-1]}")
        self.assertEqual([i["id"] for i in public_list.json()["items"]], [public["id"]])
        self.assertNotInText(author.name, public_list, "author's name in the public list")
        everything = self.http.get("/api/v1/reports?limit=100")
        self.assertNotIn(private["id"], [i["id"] for i in everything.json()["items"]])
        # ?mine=true is one's own only.
        mine = self.http.get("/api/v1/reports?mine=true", token=other.token).json()
        self.assertEqual(mine["items"], [])

    def test_sensitive_categories_hide_the_location_from_the_public(self):
        author, other = self.citizen(), self.citizen()
        rep = self.submit(author.token, category="an_ninh_trat_tu", public=True,
                          address="Hẻm 12 Lê Thánh Tôn")
        mine = self.citizen_view(author.token, rep["id"])
        self.assertEqual(mine["location"]["address"], "Hẻm 12 Lê Thánh Tôn")
        self.assertEqual(self.staff_view(self.tok("operator1"), rep["id"])["ward"]["code"],
                         "26743")
        for token in (other.token, None):
            r = self.http.get(f"/api/v1/reports/{rep['id']}", token=token)
            self.assertEqual(r.status, 200, r)
            self.assertIsNone(r.json()["location"])
            self.assertIsNone(r.json()["ward"])
            self.assertNotInText("Lê Thánh Tôn", r, "sensitive location")
            self.assertNotInText("10.7725", r, "sensitive location")
        # The public list shows it, without its place ...
        listed = self.http.get("/api/v1/reports?category=an_ninh_trat_tu&limit=100")
        self.assertIn(rep["id"], [i["id"] for i in listed.json()["items"]], listed)
        self.assertNotInText("Lê Thánh Tôn", listed, "sensitive location in the public list")
        # ... and a search by place or text (which covers the address) never finds it.
        for query in (f"q={rep['description'].split()[-1]}", "q=le+thanh+ton", "ward=26743"):
            found = self.http.get(f"/api/v1/reports?{query}&limit=100")
            self.assertNotIn(rep["id"], [i["id"] for i in found.json()["items"]], found)

    def test_a_merge_does_not_open_a_private_report_to_strangers(self):
        # A stranger who followed a public duplicate must not gain read access to the private
        # report it is merged into (private: only its author and staff may read it).
        # (Once a bug: the merge made the duplicate's followers follow the private survivor, and
        # any follower could read it.)
        private_author, dup_author, stranger = self.citizen(), self.citizen(), self.citizen()
        secret = f"Nhà số 7, chủ nhà tên Lan {tag()}"
        survivor = self.submit(private_author.token, public=False, description=secret)
        dup = self.submit(dup_author.token, public=True)
        self.assertEqual(self.http.post(f"/api/v1/reports/{dup['id']}/follow",
                                        token=stranger.token).status, 204)
        self.staff_act(self.tok("operator1"), dup["id"], "merge", {"into": survivor["code"]})
        r = self.http.get(f"/api/v1/reports/{survivor['id']}", token=stranger.token)
        self.assertProblem(r, 404)
        following = self.http.get("/api/v1/reports?following=true", token=stranger.token)
        self.assertNotInText(secret, following, "private report in a stranger's following list")

    def test_a_citizen_cannot_act_on_anothers_report(self):
        author, other = self.citizen(), self.citizen()
        op, evn = self.tok("operator1"), self.tok("evn1")
        public = self.submit(author.token, public=True)
        private = self.submit(author.token, public=False)
        resolved = self.report_in_state("resolved", author, op, evn)
        cases = ((public, "withdraw", None, 403), (private, "withdraw", None, 404),
                 (resolved, "rating", {"score": 1}, 403),
                 (resolved, "reopen", {"reason": "x"}, 403))
        for rep, action, body, status in cases:
            with self.subTest(action=action, public=rep.get("public")):
                before = self.staff_view(op, rep["id"])
                r = self.http.post(f"/api/v1/reports/{rep['id']}/{action}", body,
                                   token=other.token)
                self.assertProblem(r, status)
                self.assertEqual(self.staff_view(op, rep["id"]), before)


class AnonymousTest(ApiCase):
    def assert_no_author(self, r: Response, author, rid: int, where: str) -> None:
        """No trace of the author anywhere in the response; the report itself says author null."""
        self.assertEqual(r.status, 200, r)
        self.assertNotInText(author.username, r, where)
        self.assertNotInText(author.name, r, where)
        body = r.json()
        views = body["items"] if "items" in body else [body]
        views = [v for v in views if v.get("id") == rid]
        self.assertEqual(len(views), 1, f"{where}: report {rid} not in {r!r}")
        for path, key, value in walk(views[0]):
            self.assertNotIn(key, ("author_id", "user_id"), f"{where}: {path}.{key}")
            if key == "author":
                self.assertIsNone(value, f"{where}: {path}.author")
            if key in ("actor_id", "id") and path.endswith("actor"):
                self.assertNotEqual(value, author.id, f"{where}: {path}.{key}")

    def test_anonymous_author_is_never_shown_to_staff_nor_logged(self):
        secret = secrets.token_hex(4)
        author = self.citizen(name=f"Hoàng Ẩn Danh {secret}")
        op, evn, leader = self.tok("operator1"), self.tok("evn1"), self.tok("leader1")
        t = tag()
        r = self.http.post("/api/v1/reports", self.report_body(
            description=f"Dây điện võng thấp {t}", anonymous=True, public=True),
            token=author.token)
        self.assertEqual(r.status, 201, r)
        rid = r.json()["id"]
        self.assertTrue(r.json()["anonymous"])
        request_ids = [r.request_id]

        mine = self.http.get("/api/v1/reports?mine=true", token=author.token)
        item = next(i for i in mine.json()["items"] if i["id"] == rid)
        self.assertTrue(item["anonymous"])
        self.assertTrue(item["mine"])

        def staff_reads(token: str, where: str) -> None:
            for resp in (self.http.get(f"/api/v1/staff/reports?q={t}", token=token),
                         self.http.get("/api/v1/staff/reports?limit=100", token=token),
                         self.http.get(f"/api/v1/staff/reports/{rid}", token=token)):
                request_ids.append(resp.request_id)
                self.assert_no_author(resp, author, rid, where)
            self.assertIn(rid, [i["id"] for i in self.staff_list_all(token, f"q={t}")])

        staff_reads(op, "operator, received")
        staff_reads(leader, "leader, received")
        steps = ((op, "assign", None), (evn, "accept", None),
                 (evn, "progress", {"message": "Đang xử lý"}), (evn, "note", {"text": "n"}),
                 (evn, "resolve", {"result": "Đã nâng dây"}))
        for token, action, body in steps:
            resp = self.staff_act(token, rid, action, body)
            request_ids.append(resp.request_id)
            if resp.json().get("timeline") is not None:
                self.assert_no_author(resp, author, rid, f"response to {action}")
        # The author's own steps land in the timeline too: still nameless to staff.
        # (Rating, not reopening: reopening has its own test and a bug of its own.)
        for action, body in (("rating", {"score": 2, "comment": "Chậm"}),):
            resp = self.author_act(author.token, rid, action, body)
            request_ids.append(resp.request_id)
        staff_reads(op, "operator, after the author's steps")
        staff_reads(evn, "unit")
        staff_reads(leader, "leader")
        # Another citizen reading the public report learns nothing either.
        other = self.http.get(f"/api/v1/reports/{rid}", token=self.citizen().token)
        self.assertNotInText(author.name, other, "public view")

        # The server's log lines say nothing about who the author is.
        lines = self.env.server.log_lines()
        for line in lines:
            self.assertNotIn(author.username, line)
            self.assertNotIn(author.name, line)
            self.assertNotIn(secret, line)
        uid = re.compile(r'"(author|author_id|user|user_id|uid|actor_id)"\s*:\s*"?%d\b' % author.id)
        logged = [line for line in lines if any(i in line for i in request_ids)]
        self.assertGreaterEqual(len(logged), len(request_ids) // 2, "requests are logged")
        for line in logged:
            self.assertIsNone(uid.search(line), line)

    def test_named_reports_show_their_author_to_staff(self):
        author = self.citizen(name=f"Trần Có Tên {secrets.token_hex(3)}")
        rep = self.submit(author.token, anonymous=False)
        view = self.staff_view(self.tok("operator1"), rep["id"])
        self.assertEqual(view["author"], {"name": author.name})
        # Lists never carry a citizen's identity: only the audited detail view does.
        items = self.staff_list(self.tok("operator1"), f"q={rep['description'].split()[-1]}")
        self.assertIsNone(items["items"][0]["author"])
        self.assertNotIn(author.name, json.dumps(items, ensure_ascii=False))


class PhoneIntakeTest(ApiCase):
    def test_operator_enters_a_call_and_citizens_never_see_the_caller(self):
        op = self.tok("operator1")
        t = tag()
        caller_name = f"Trần Gọi Điện {secrets.token_hex(3)}"
        caller_phone = "0909 " + str(secrets.randbelow(900000) + 100000)
        body = {"kind": "report", "category": "giao_thong", "public": True,
                "description": f"Ổ gà lớn giữa đường {t}",
                "address": "Đường Lê Lợi, Phường Sài Gòn",
                "caller_name": caller_name, "caller_phone": caller_phone}
        r = self.http.post("/api/v1/staff/reports", body, token=op)
        self.assertEqual(r.status, 201, r)
        rep = r.json()
        self.assertEqual(rep["channel"], "phone")
        # The intake answer does not echo the caller; the audited detail view shows them.
        self.assertNotIn("caller", rep)
        detail = self.staff_view(op, rep["id"])
        self.assertEqual(detail["caller"], {"name": caller_name, "phone": caller_phone})
        audit = self.http.get(f"/api/v1/admin/audit?report={rep['id']}",
                              token=self.tok("admin1")).json()["items"]
        self.assertEqual([(e["actor"], e["data"]) for e in audit], [("operator1", "caller")])
        self.assertEqual(r.headers.get("location"), f"/api/v1/staff/reports/{rep['id']}")
        staff = self.staff_view(op, rep["id"])
        self.assertEqual(staff["caller"], {"name": caller_name, "phone": caller_phone})
        self.assertEqual(staff["channel"], "phone")
        # Citizens: the report is public, the caller is not.
        for token in (self.citizen().token, None):
            for resp in (self.http.get(f"/api/v1/reports/{rep['id']}", token=token),
                         self.http.get(f"/api/v1/reports?q={t}", token=token)):
                self.assertEqual(resp.status, 200, resp)
                self.assertNotIn("caller", resp.text)
                self.assertNotInText(caller_name, resp, "caller name to citizens")
                self.assertNotInText(caller_phone, resp, "caller phone to citizens")
            self.assertEqual(len(self.http.get(f"/api/v1/reports?q={t}").json()["items"]), 1)
        # Once assigned, the unit may call back.
        self.staff_act(op, rep["id"], "assign")
        unit = self.staff_view(op, rep["id"])["unit"]["code"]
        unit_staff = self.staff("unit_staff", unit=unit)
        self.assertEqual(self.staff_view(unit_staff.token, rep["id"])["caller"]["name"],
                         caller_name, unit)

    def test_phone_intake_validates_and_anonymous_callers_leave_nothing(self):
        op = self.tok("operator1")
        n = self.row_count()
        r = self.http.post("/api/v1/staff/reports", {
            "kind": "report", "category": "giao_thong", "description": "Ổ gà",
            "address": "Lê Lợi", "caller_name": "A", "caller_phone": "abc"}, token=op)
        self.assertProblem(r, 422, fields=["caller_phone"])
        self.assertEqual(self.row_count(), n)
        # Citizens cannot claim to be callers.
        r = self.http.post("/api/v1/reports", self.report_body(caller_name="Giả Mạo"),
                           token=self.citizen().token)
        self.assertProblem(r, 422, fields=["caller_name"])
        self.assertEqual(self.row_count(), n)
        name = f"Người Gọi Ẩn {secrets.token_hex(3)}"
        r = self.http.post("/api/v1/staff/reports", {
            "kind": "report", "category": "giao_thong", "description": "Ổ gà", "anonymous": True,
            "address": "Lê Lợi", "caller_name": name, "caller_phone": "0912345678"}, token=op)
        self.assertEqual(r.status, 201, r)
        self.assertNotInText(name, self.staff_view(op, r.json()["id"]), "anonymous caller")
        self.assertEqual(self.env.count("reports", f"id = {r.json()['id']} AND caller_name IS NULL "
                                                   "AND caller_phone IS NULL"), 1)
