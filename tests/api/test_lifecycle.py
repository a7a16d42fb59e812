"""A report's whole life over the API: every allowed step, every refused one, deadlines."""

from __future__ import annotations

import datetime
import time

from api_case import BEN_THANH_WARD, ApiCase, tag, walk
from harness import REPORT_CODE, RFC3339_CITY

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
        self.assertIsNone(mine[0]["author"])  # the queue carries no identity
        self.assertEqual(self.staff_view(op, rid)["author"]["name"], citizen.name)

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
        # (Caught a 500 here once: the automatic re-assignment was recorded with actor id 0,
        # which report_timeline's foreign key refused.)
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


def weekdays_after(start: str, end: str) -> int:
    """Mondays–Fridays after the city date of `start` up to and including that of `end`."""
    a = datetime.date.fromisoformat(start[:10])
    b = datetime.date.fromisoformat(end[:10])
    n = 0
    while a < b:
        a += datetime.timedelta(days=1)
        n += a.weekday() < 5
    return n


class DeadlineTest(ApiCase):
    def test_deadlines_are_working_days_from_the_category(self):
        author = self.citizen()
        categories = {c["code"]: c["deadline_days"]
                      for c in self.http.get("/api/v1/categories").json()["items"]}
        for category in ("dien_luc", "an_ninh_trat_tu", "gui_lanh_dao"):
            with self.subTest(category):
                rep = self.submit(author.token, category=category)
                days = categories[category]
                due = datetime.date.fromisoformat(rep["due_at"][:10])
                self.assertLess(due.weekday(), 5, f"due on a weekend: {rep['due_at']}")
                # Holidays can only push the deadline later, by at most two weeks (Tết).
                self.assertGreaterEqual(weekdays_after(rep["created_at"], rep["due_at"]), days)
                self.assertLessEqual(weekdays_after(rep["created_at"], rep["due_at"]), days + 10)
        self.assertEqual((categories["dien_luc"], categories["an_ninh_trat_tu"],
                          categories["gui_lanh_dao"]), (5, 3, 10))


class StepTextTest(ApiCase):
    def test_texts_of_steps_are_bounded_and_errors_name_the_field_sent(self):
        # A too-long progress message, resolve result or rating comment is refused under the
        # name of the field the client sent: message / result / comment.
        author = self.citizen()
        op, evn = self.tok("operator1"), self.tok("evn1")
        rep = self.report_in_state("in_progress", author, op, evn)
        rid = rep["id"]
        long_text = "ệ" * 4001
        for action, field in (("progress", "message"), ("resolve", "result"),
                              ("note", "text")):
            with self.subTest(action=action):
                before = self.staff_view(op, rid)
                r = self.http.post(f"/api/v1/staff/reports/{rid}/{action}", {field: long_text},
                                   token=evn)
                self.assertProblem(r, 422, fields=[field])
                self.assertEqual(self.staff_view(op, rid), before)
        for action in ("progress", "resolve"):
            field = "message" if action == "progress" else "result"
            with self.subTest(action=action, blank=True):
                r = self.http.post(f"/api/v1/staff/reports/{rid}/{action}", {field: "  \n "},
                                   token=evn)
                self.assertProblem(r, 422, fields=[field])
        self.staff_act(evn, rid, "resolve", {"result": "Xong"})
        r = self.http.post(f"/api/v1/reports/{rid}/rating", {"score": 5, "comment": long_text},
                           token=author.token)
        self.assertProblem(r, 422, fields=["comment"])
        self.assertEqual(self.citizen_view(author.token, rid)["status"], "resolved")


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
