"""A report's and an idea's whole life over the API: every allowed step, every refused one."""

from __future__ import annotations

import re
import time

from api_case import BEN_THANH_WARD, ApiCase, tag, walk
from harness import IDEA_CODE, REPORT_CODE, RFC3339_CITY

DAY_MS = 24 * 3600 * 1000


def unit_name(case: ApiCase, code: str) -> str:
    units = case.http.get("/api/v1/units").json()["items"]
    return next(u["name"] for u in units if u["code"] == code)


def staff_display_name(case: ApiCase, username: str) -> str:
    return case.env.scalar(f"SELECT display_name FROM users WHERE username = '{username}'")


class ReportLifeTest(ApiCase):
    def test_whole_life_from_submission_to_rating(self):
        citizen = self.citizen()
        op, evn = self.tok("operator1"), self.tok("evn1")
        secret_note = f"Ghi chú nội bộ {tag()}: thay bóng LED 100W"
        body = self.report_body(description=f"Đèn đường trước chợ bị tắt {tag()}",
                                address="Chợ Bến Thành")

        # The citizen submits.
        r = self.http.post("/api/v1/reports", body, token=citizen.token)
        self.assertEqual(r.status, 201, r)
        rep = r.json()
        rid = rep["id"]
        self.assertIsInstance(rid, int)
        self.assertGreater(rid, 0)
        self.assertRegex(rep["code"], REPORT_CODE)
        self.assertEqual(rep["status"], "received")
        self.assertEqual(rep["kind"], "report")
        self.assertRegex(rep["due_at"], RFC3339_CITY)
        self.assertRegex(rep["created_at"], RFC3339_CITY)
        self.assertGreater(rep["due_at"], rep["created_at"])
        self.assertEqual(rep["ward"]["code"], BEN_THANH_WARD)
        self.assertEqual(rep["description"], body["description"])
        self.assertEqual(rep["category"]["code"], "dien_luc")
        self.assertIsNone(rep["unit"], "citizens do not see routing's proposal")
        self.assertEqual(r.headers.get("location"), f"/api/v1/reports/{rid}")
        self.assertEqual(self.row_count(f"id = {rid}"), 1)

        # The operator sees it in the staff queue, with routing's proposal.
        queue = self.staff_list_all(op, "status=received")
        mine = [i for i in queue if i["id"] == rid]
        self.assertEqual(len(mine), 1, "the new report is in the operator's queue")
        self.assertEqual(mine[0]["unit"]["code"], "evn-hcmc")
        self.assertTrue(mine[0]["unit_proposed"])
        self.assertEqual(mine[0]["author"]["name"], citizen.name)

        # Assign without a body: the routing rule's unit.
        rep = self.staff_act(op, rid, "assign").json()
        self.assertEqual(rep["status"], "assigned")
        self.assertEqual(rep["unit"]["code"], "evn-hcmc")
        self.assertRegex(rep["assigned_at"], RFC3339_CITY)
        self.assertIn(rid, [i["id"] for i in self.staff_list_all(evn, "status=assigned")])

        # The unit accepts, reports progress, writes an internal note, resolves.
        self.assertEqual(self.staff_act(evn, rid, "accept").json()["status"], "in_progress")
        progress = "Đã cử đội kỹ thuật đến hiện trường"
        rep = self.staff_act(evn, rid, "progress", {"message": progress}).json()
        self.assertEqual(rep["status"], "in_progress")
        rep = self.staff_act(evn, rid, "note", {"text": secret_note}).json()
        self.assertEqual(rep["status"], "in_progress")
        result = "Đã thay bóng đèn mới, đèn sáng bình thường"
        rep = self.staff_act(evn, rid, "resolve", {"result": result}).json()
        self.assertEqual(rep["status"], "resolved")
        self.assertRegex(rep["resolved_at"], RFC3339_CITY)

        # Staff see the internal note, marked internal.
        staff = self.staff_view(op, rid)
        notes = [e for e in staff["timeline"] if e["action"] == "note"]
        self.assertEqual(len(notes), 1, staff["timeline"])
        self.assertTrue(notes[0]["internal"])
        self.assertEqual(notes[0]["message"], secret_note)

        # The citizen's view: the public timeline, actors named by unit or the 1022 centre.
        r = self.http.get(f"/api/v1/reports/{rid}", token=citizen.token)
        self.assertEqual(r.status, 200, r)
        view = r.json()
        self.assertEqual(view["status"], "resolved")
        self.assertEqual(view["unit"]["code"], "evn-hcmc")
        actions = [e["action"] for e in view["timeline"]]
        self.assertEqual(actions, ["submitted", "assigned", "accepted", "progress", "resolved"])
        for e in view["timeline"]:
            self.assertRegex(e["at"], RFC3339_CITY)
            self.assertNotIn("internal", e)
        by_action = {e["action"]: e for e in view["timeline"]}
        self.assertEqual(by_action["assigned"]["actor"]["name"], "Trung tâm Dịch vụ 1022")
        evn_name = unit_name(self, "evn-hcmc")
        for a in ("accepted", "progress", "resolved"):
            self.assertEqual(by_action[a]["actor"]["kind"], "unit")
            self.assertEqual(by_action[a]["actor"]["name"], evn_name)
        self.assertEqual(by_action["progress"]["message"], progress)
        self.assertEqual(by_action["resolved"]["message"], result)
        self.assertNotInText(secret_note, r, "internal note shown to the citizen")
        for who in ("operator1", "evn1"):
            self.assertNotInText(who, r, "staff username shown to the citizen")
            self.assertNotInText(staff_display_name(self, who), r, "staff name shown to the citizen")
        for _, key, _ in walk(view):
            self.assertNotIn(key, ("username", "actor_id", "author_id"), view)

        # The citizen rates: closed.
        rep = self.author_act(citizen.token, rid, "rating",
                              {"score": 5, "comment": "Cảm ơn đơn vị"}).json()
        self.assertEqual(rep["status"], "closed")
        self.assertEqual(rep["rating"], {"score": 5, "comment": "Cảm ơn đơn vị"})
        self.assertRegex(rep["closed_at"], RFC3339_CITY)
        self.assertEqual(rep["timeline"][-1]["action"], "rated")
        self.assertEqual(self.staff_view(op, rid)["status"], "closed")
        self.assertEqual(self.env.scalar(f"SELECT status FROM reports WHERE id = {rid}"), "closed")

    def test_rating_is_bounded(self):
        citizen = self.citizen()
        rep = self.report_in_state("resolved", citizen, self.tok("operator1"), self.tok("evn1"))
        for score in (0, 6, -1):
            r = self.http.post(f"/api/v1/reports/{rep['id']}/rating", {"score": score},
                               token=citizen.token)
            self.assertProblem(r, 422, fields=["score"])
        r = self.http.post(f"/api/v1/reports/{rep['id']}/rating", {"score": "5"},
                           token=citizen.token)
        self.assertProblem(r, 422, fields=["score"])
        self.assertEqual(self.citizen_view(citizen.token, rep["id"])["status"], "resolved")

    def test_reopen_returns_to_the_same_unit_with_a_new_deadline(self):
        citizen = self.citizen()
        op, evn = self.tok("operator1"), self.tok("evn1")
        rep = self.report_in_state("resolved", citizen, op, evn)
        rid = rep["id"]
        # A reason is required.
        r = self.http.post(f"/api/v1/reports/{rid}/reopen", {}, token=citizen.token)
        self.assertProblem(r, 422, fields=["reason"])
        self.assertEqual(self.citizen_view(citizen.token, rid)["status"], "resolved")

        # The test cannot wait days for a resolution, so move the first deadline 10 days back:
        # the new deadline must be computed from the reopening, not kept.
        self.env.execute(f"UPDATE reports SET due_at = due_at - {10 * DAY_MS} WHERE id = {rid}")
        before = self.citizen_view(citizen.token, rid)
        rep = self.author_act(citizen.token, rid, "reopen",
                              {"reason": "Đèn lại tắt sau một ngày"}).json()
        self.assertEqual(rep["status"], "assigned")
        self.assertEqual(rep["unit"]["code"], "evn-hcmc")
        self.assertEqual(rep["reopen_count"], 1)
        self.assertGreater(rep["due_at"], before["due_at"])
        self.assertGreater(rep["due_at"], time.strftime("%Y-%m-%dT%H:%M:%S+07:00",
                                                       time.gmtime(time.time() + 7 * 3600)))
        self.assertFalse(rep["overdue"])
        self.assertIsNone(rep["resolved_at"])
        actions = [e["action"] for e in rep["timeline"]]
        self.assertEqual(actions[-2:], ["reopened", "assigned"])
        self.assertEqual(rep["timeline"][-2]["message"], "Đèn lại tắt sau một ngày")
        # The unit has it back in its queue.
        self.assertIn(rid, [i["id"] for i in self.staff_list_all(evn, "status=assigned")])
        # A closed report can be reopened too.
        closed = self.report_in_state("closed", citizen, op, evn)
        rep = self.author_act(citizen.token, closed["id"], "reopen", {"reason": "Chưa xong"}).json()
        self.assertEqual((rep["status"], rep["reopen_count"], rep["rating"]), ("assigned", 1, None))


class ForbiddenTransitionTest(ApiCase):
    """Every step the lifecycle does not allow is refused with 409 and changes nothing."""

    def assert_refused(self, rid: int, token: str, path: str, body, expect=409,
                       code="transition_not_allowed"):
        op = self.tok("operator1")
        before = self.staff_view(op, rid)
        events = self.env.count("events", f"report_id = {rid}")
        r = self.http.post(path, body, token=token)
        self.assertProblem(r, expect, code)
        after = self.staff_view(op, rid)
        self.assertEqual(after, before, f"{path} changed the report")
        self.assertEqual(self.env.count("events", f"report_id = {rid}"), events,
                         f"{path} appended an event")

    def test_refused_steps(self):
        author = self.citizen()
        op, evn = self.tok("operator1"), self.tok("evn1")
        target = self.submit(author.token)  # a live report to merge into
        staff_steps = {
            "assign": None, "accept": None, "progress": {"message": "Đang xử lý"},
            "resolve": {"result": "Đã xong"}, "hand-back": {"reason": "Không thuộc đơn vị"},
            "reject": {"reason": "Spam"}, "merge": {"into": target["code"]},
            "reclassify": {"category": "cay_xanh"},
        }
        author_steps = {"withdraw": None, "rating": {"score": 4}, "reopen": {"reason": "Chưa xong"}}
        operator_actions = {"assign", "reject", "merge", "reclassify"}
        # state -> (staff actions refused, author actions refused)
        refused = {
            "received": ([], ["rating", "reopen"]),
            "assigned": (["progress", "resolve", "reject", "merge"],
                         ["withdraw", "rating", "reopen"]),
            "in_progress": (["accept", "hand-back", "assign", "reject", "merge"],
                            ["withdraw", "rating", "reopen"]),
            "resolved": (["accept", "progress", "resolve", "hand-back", "assign", "reject",
                          "merge", "reclassify"], ["withdraw"]),
            "closed": (["accept", "progress", "resolve", "hand-back", "assign", "reject", "merge",
                        "reclassify"], ["withdraw", "rating"]),
            "rejected": (["assign", "reject", "merge", "reclassify"],
                         ["withdraw", "rating", "reopen"]),
            "withdrawn": (["assign", "reject", "merge", "reclassify"],
                          ["withdraw", "rating", "reopen"]),
            "duplicate": (["assign", "reject", "merge", "reclassify"],
                          ["withdraw", "rating", "reopen"]),
        }
        for state, (staff_refused, author_refused) in refused.items():
            rep = self.report_in_state(state, author, op, evn)
            self.assertEqual(rep["status"], state)
            rid = rep["id"]
            for action in staff_refused:
                # Unit steps are tried by the unit only while the unit can see the report.
                token = op if action in operator_actions else evn
                with self.subTest(state=state, action=action):
                    self.assert_refused(rid, token, f"/api/v1/staff/reports/{rid}/{action}",
                                        staff_steps[action])
            for action in author_refused:
                with self.subTest(state=state, action=action):
                    self.assert_refused(rid, author.token, f"/api/v1/reports/{rid}/{action}",
                                        author_steps[action])

    def test_problem_names_the_action_and_state_in_both_languages(self):
        author = self.citizen()
        rep = self.report_in_state("assigned", author, self.tok("operator1"), self.tok("evn1"))
        path = f"/api/v1/staff/reports/{rep['id']}/resolve"
        vi = self.http.post(path, {"result": "x"}, token=self.tok("evn1"))
        en = self.http.post(path, {"result": "x"}, token=self.tok("evn1"), lang="en")
        self.assertProblem(vi, 409, "transition_not_allowed")
        self.assertProblem(en, 409, "transition_not_allowed")
        self.assertIn("resolve", en.json()["detail"])
        self.assertIn("assigned", en.json()["detail"])
        self.assertNotEqual(vi.json()["detail"], en.json()["detail"])

    def test_unit_cannot_accept_a_report_not_yet_assigned_to_it(self):
        # While received, the unit is only routing's proposal and the unit cannot see the report
        # (DESIGN: unit staff only their unit's reports), so the answer is 404, not 409; either
        # way nothing changes.
        author = self.citizen()
        rep = self.submit(author.token)
        before = self.staff_view(self.tok("operator1"), rep["id"])
        r = self.http.post(f"/api/v1/staff/reports/{rep['id']}/accept", token=self.tok("evn1"))
        self.assertIn(r.status, (404, 409), r)
        self.assertProblem(r, r.status)
        self.assertEqual(self.staff_view(self.tok("operator1"), rep["id"]), before)

    def test_assign_to_the_same_unit_again_is_refused(self):
        author = self.citizen()
        rep = self.report_in_state("assigned", author, self.tok("operator1"), self.tok("evn1"))
        self.assert_refused(rep["id"], self.tok("operator1"),
                            f"/api/v1/staff/reports/{rep['id']}/assign", {"unit": "evn-hcmc"},
                            code="already_assigned")


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
