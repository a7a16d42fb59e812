"""Withdrawing, following, merging, ideas and their support, reclassifying and handing back."""

from __future__ import annotations

import re

from api_case import BEN_THANH_WARD, ApiCase, tag
from harness import IDEA_CODE, RFC3339_CITY


class WithdrawFollowMergeTest(ApiCase):
    def test_withdraw_before_assignment(self):
        author = self.citizen()
        rep = self.submit(author.token)
        rep = self.author_act(author.token, rep["id"], "withdraw").json()
        self.assertEqual(rep["status"], "withdrawn")
        self.assertRegex(rep["closed_at"], RFC3339_CITY)
        self.assertEqual(self.env.scalar(f"SELECT status FROM reports WHERE id = {rep['id']}"),
                         "withdrawn")
        # Withdrawn reports are no longer anyone else's business.
        self.citizen_view(self.citizen().token, rep["id"], expect=404)
        # With a reason, as JSON, it works too.
        rep2 = self.submit(author.token)
        rep2 = self.author_act(author.token, rep2["id"], "withdraw",
                               {"reason": "Đã tự khắc phục"}).json()
        self.assertEqual(rep2["status"], "withdrawn")

    def test_follow_and_unfollow_a_public_report(self):
        author, fan = self.citizen(), self.citizen()
        rep = self.submit(author.token, public=True)
        rid = rep["id"]
        self.assertEqual(rep["follower_count"], 0)
        r = self.http.post(f"/api/v1/reports/{rid}/follow", token=fan.token)
        self.assertEqual(r.status, 204, r)
        view = self.citizen_view(fan.token, rid)
        self.assertTrue(view["following"])
        self.assertEqual(view["follower_count"], 1)
        # Following twice counts once.
        self.assertEqual(self.http.post(f"/api/v1/reports/{rid}/follow", token=fan.token).status,
                         204)
        self.assertEqual(self.citizen_view(fan.token, rid)["follower_count"], 1)
        following = self.http.get("/api/v1/reports?following=true", token=fan.token).json()
        self.assertEqual([i["id"] for i in following["items"]], [rid])
        # Unfollow.
        self.assertEqual(self.http.delete(f"/api/v1/reports/{rid}/follow", token=fan.token).status,
                         204)
        view = self.citizen_view(fan.token, rid)
        self.assertFalse(view["following"])
        self.assertEqual(view["follower_count"], 0)
        self.assertEqual(self.http.get("/api/v1/reports?following=true",
                                       token=fan.token).json()["items"], [])
        # One's own report: refused; a private report: not found.
        self.assertProblem(self.http.post(f"/api/v1/reports/{rid}/follow", token=author.token),
                           409, "own_report")
        private = self.submit(author.token, public=False)
        self.assertProblem(self.http.post(f"/api/v1/reports/{private['id']}/follow",
                                          token=fan.token), 404)
        self.assertEqual(self.env.count("report_followers", f"report_id = {private['id']}"), 0)

    def test_merge_carries_author_and_followers_to_the_survivor(self):
        a_author, b_author, b_fan = self.citizen(), self.citizen(), self.citizen()
        op = self.tok("operator1")
        a = self.submit(a_author.token)
        b = self.submit(b_author.token)
        self.assertEqual(self.http.post(f"/api/v1/reports/{b['id']}/follow",
                                        token=b_fan.token).status, 204)
        rep = self.staff_act(op, b["id"], "merge", {"into": a["code"]}).json()
        self.assertEqual(rep["status"], "duplicate")
        self.assertEqual(rep["merged_into"], a["code"])
        b_view = self.citizen_view(b_author.token, b["id"])
        self.assertEqual((b_view["status"], b_view["merged_into"]), ("duplicate", a["code"]))
        a_view = self.citizen_view(a_author.token, a["id"])
        self.assertEqual(a_view["follower_count"], 2)
        self.assertEqual(a_view["status"], "received", "the survivor goes on")
        for who in (b_author, b_fan):
            following = self.http.get("/api/v1/reports?following=true", token=who.token).json()
            self.assertIn(a["id"], [i["id"] for i in following["items"]])
            self.assertTrue(self.citizen_view(who.token, a["id"])["following"])
        # Not into itself, not into something that does not exist.
        c = self.submit(a_author.token)
        self.assertProblem(self.staff_act(op, c["id"], "merge", {"into": c["code"]}, expect=422),
                           422, fields=["into"])
        self.assertProblem(self.staff_act(op, c["id"], "merge", {"into": "PA-0000-999999"},
                                          expect=422), 422, fields=["into"])
        self.assertProblem(self.staff_act(op, c["id"], "merge", {}, expect=422), 422,
                           fields=["into"])
        self.assertEqual(self.staff_view(op, c["id"])["status"], "received")


class IdeaTest(ApiCase):
    def test_idea_support_and_official_answer(self):
        author, fan1, fan2 = self.citizen(), self.citizen(), self.citizen()
        op = self.tok("operator1")
        r = self.http.post("/api/v1/reports", {
            "kind": "idea", "category": "gui_lanh_dao", "public": True,
            "description": f"Đề xuất mở thêm tuyến xe buýt điện dọc kênh Nhiêu Lộc {tag()}"},
            token=author.token)
        self.assertEqual(r.status, 201, r)
        idea = r.json()
        rid = idea["id"]
        self.assertRegex(idea["code"], IDEA_CODE)
        self.assertEqual((idea["kind"], idea["status"], idea["support_count"]),
                         ("idea", "received", 0))

        view = self.http.post(f"/api/v1/reports/{rid}/support", token=fan1.token)
        self.assertEqual(view.status, 200, view)
        self.assertEqual((view.json()["support_count"], view.json()["supported"]), (1, True))
        again = self.http.post(f"/api/v1/reports/{rid}/support", token=fan1.token)
        self.assertEqual(again.status, 200, again)
        self.assertEqual(again.json()["support_count"], 1, "a second support counted twice")
        view = self.http.post(f"/api/v1/reports/{rid}/support", token=fan2.token).json()
        self.assertEqual(view["support_count"], 2)
        own = self.http.post(f"/api/v1/reports/{rid}/support", token=author.token)
        self.assertProblem(own, 409, "own_report")
        self.assertEqual(self.citizen_view(author.token, rid)["support_count"], 2)
        self.assertEqual(self.env.count("idea_supports", f"report_id = {rid}"), 2)
        self.assertFalse(self.citizen_view(author.token, rid)["supported"])

        # Same lifecycle; the resolution is the city's official answer.
        rep = self.staff_act(op, rid, "assign").json()
        self.assertEqual(rep["unit"]["code"], "vp-ubnd-tp")
        office = self.staff("unit_staff", unit="vp-ubnd-tp")
        self.staff_act(office.token, rid, "accept")
        answer = "Thành phố tiếp thu đề xuất và giao Sở Xây dựng nghiên cứu trong quý tới"
        rep = self.staff_act(office.token, rid, "resolve", {"result": answer}).json()
        self.assertEqual(rep["status"], "resolved")
        for who in (author, fan1):
            view = self.citizen_view(who.token, rid)
            self.assertEqual(view["status"], "resolved")
            self.assertEqual(view["timeline"][-1]["action"], "resolved")
            self.assertEqual(view["timeline"][-1]["message"], answer)
        rep = self.author_act(author.token, rid, "rating", {"score": 4}).json()
        self.assertEqual(rep["status"], "closed")

    def test_only_ideas_can_be_supported(self):
        author, fan = self.citizen(), self.citizen()
        rep = self.submit(author.token)
        self.assertProblem(self.http.post(f"/api/v1/reports/{rep['id']}/support", token=fan.token),
                           409, "not_an_idea")
        self.assertEqual(self.env.count("idea_supports", f"report_id = {rep['id']}"), 0)

    def test_an_idea_needs_no_location_but_a_report_does(self):
        author = self.citizen()
        n = self.row_count()
        r = self.http.post("/api/v1/reports", {"kind": "report", "category": "dien_luc",
                                               "description": "Không có vị trí"},
                           token=author.token)
        self.assertProblem(r, 422, fields=["location"])
        self.assertEqual(self.row_count(), n)
        r = self.http.post("/api/v1/reports", {"kind": "idea", "category": "khac",
                                               "description": "Một góp ý chung"},
                           token=author.token)
        self.assertEqual(r.status, 201, r)


class ReclassifyHandBackTest(ApiCase):
    def test_reclassify_reroutes_while_received(self):
        author = self.citizen()
        op = self.tok("operator1")
        rep = self.submit(author.token)
        rid = rep["id"]
        self.assertEqual(self.staff_view(op, rid)["unit"]["code"], "evn-hcmc")
        rep = self.staff_act(op, rid, "reclassify", {"category": "trat_tu_do_thi"}).json()
        self.assertEqual(rep["category"]["code"], "trat_tu_do_thi")
        self.assertEqual(rep["unit"]["code"], f"ubnd-{BEN_THANH_WARD}", "@ward routing")
        self.assertEqual(rep["status"], "received")
        rep = self.staff_act(op, rid, "reclassify", {"category": "cay_xanh"}).json()
        self.assertEqual(rep["unit"]["code"], "cong-vien-cay-xanh")
        self.assertEqual(rep["timeline"][-1]["action"], "reclassified")
        # Refusals.
        self.assertProblem(self.staff_act(op, rid, "reclassify", {"category": "cay_xanh"},
                                          expect=409), 409, "same_category")
        self.assertProblem(self.staff_act(op, rid, "reclassify", {"category": "khong_co"},
                                          expect=422), 422, fields=["category"])
        self.assertProblem(self.staff_act(op, rid, "reclassify", {}, expect=422), 422,
                           fields=["category"])
        # Assign follows the new routing; the unit now sees it.
        rep = self.staff_act(op, rid, "assign").json()
        self.assertEqual(rep["unit"]["code"], "cong-vien-cay-xanh")
        self.staff_view(self.tok("cayxanh1"), rid)
        # While assigned, the category changes and the unit stays.
        rep = self.staff_act(op, rid, "reclassify", {"category": "giao_thong"}).json()
        self.assertEqual((rep["category"]["code"], rep["unit"]["code"]),
                         ("giao_thong", "cong-vien-cay-xanh"))
        self.assertEqual(self.citizen_view(author.token, rid)["category"]["code"], "giao_thong")

    def test_unit_hands_back_with_an_internal_reason(self):
        author = self.citizen()
        op, evn = self.tok("operator1"), self.tok("evn1")
        rep = self.report_in_state("assigned", author, op, evn)
        rid = rep["id"]
        self.assertProblem(self.staff_act(evn, rid, "hand-back", {}, expect=422), 422,
                           fields=["reason"])
        reason = f"Không thuộc phạm vi EVN, đề nghị chuyển SAWACO {tag()}"
        r = self.staff_act(evn, rid, "hand-back", {"reason": reason})
        self.assertEqual(r.json()["status"], "received")

        staff = self.staff_view(op, rid)
        self.assertEqual(staff["status"], "received")
        self.assertIsNone(staff["unit"])
        internal = [e for e in staff["timeline"] if e["message"] == reason]
        self.assertEqual(len(internal), 1, staff["timeline"])
        self.assertTrue(internal[0]["internal"])
        self.assertIn("handed_back", [e["action"] for e in staff["timeline"]])

        r = self.http.get(f"/api/v1/reports/{rid}", token=author.token)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["status"], "received")
        self.assertIsNone(r.json()["unit"])
        self.assertIn("handed_back", [e["action"] for e in r.json()["timeline"]])
        self.assertNotInText(reason, r, "hand-back reason shown to the citizen")
        # The unit no longer sees it; the operator routes it elsewhere.
        self.staff_view(evn, rid, expect=404)
        self.assertNotIn(rid, [i["id"] for i in self.staff_list_all(evn)])
        self.assertProblem(self.staff_act(op, rid, "assign", {"unit": "khong-co"}, expect=422),
                           422, fields=["unit"])
        rep = self.staff_act(op, rid, "assign", {"unit": "sawaco"}).json()
        self.assertEqual((rep["status"], rep["unit"]["code"]), ("assigned", "sawaco"))


class CodesTest(ApiCase):
    def test_codes_are_unique_and_sequential_per_kind(self):
        author = self.citizen()
        codes = [self.submit(author.token)["code"] for _ in range(3)]
        self.assertEqual(len(set(codes)), 3)
        numbers = [int(re.search(r"(\d{6})$", c).group(1)) for c in codes]
        self.assertEqual(numbers, sorted(numbers))
