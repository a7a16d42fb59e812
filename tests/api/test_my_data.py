"""The right to see and take one's data: GET /api/v1/me/export."""

from __future__ import annotations

import unittest

from api_case import ApiCase


class MyDataExportTest(ApiCase):
    def test_a_citizen_takes_everything_of_theirs_and_nothing_of_others(self) -> None:
        me, other = self.citizen(), self.citizen()
        mine = self.submit(me.token)
        hidden = self.submit(me.token, anonymous=True, public=False)
        theirs = self.submit(other.token)
        self.assertEqual(self.http.post(f"/api/v1/reports/{theirs['id']}/follow",
                                        token=me.token).status, 204)
        self.staff_act(self.tok("operator1"), mine["id"], "assign")
        r = self.http.get("/api/v1/me/export", token=me.token)
        self.assertEqual(r.status, 200, r)
        self.assertIn("attachment", r.headers["content-disposition"])
        doc = r.json()
        self.assertEqual(doc["profile"]["username"], me.username)
        ids = {x["id"] for x in doc["reports_and_ideas"]}
        self.assertEqual(ids, {mine["id"], hidden["id"]})
        exported = next(x for x in doc["reports_and_ideas"] if x["id"] == mine["id"])
        self.assertEqual([s["action"] for s in exported["timeline"]], ["submitted", "assigned"])
        self.assertEqual([f["code"] for f in doc["following"]], [theirs["code"]])
        # Nothing of the other citizen beyond the code of what I follow.
        self.assertNotIn(other.username, r.text)
        self.assertNotIn(theirs["description"], r.text)

    def test_staff_get_their_profile_and_sessions(self) -> None:
        r = self.http.get("/api/v1/me/export", token=self.tok("operator1"))
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["profile"]["role"], "operator")
        self.assertEqual(r.json()["reports_and_ideas"], [])


class DeleteMyAccountTest(ApiCase):
    def test_deleting_erases_me_and_keeps_my_reports_without_me(self) -> None:
        me, other = self.citizen(), self.citizen()
        rep = self.submit(me.token)
        theirs = self.submit(other.token)
        self.http.post(f"/api/v1/reports/{theirs['id']}/follow", token=me.token)
        r = self.http.delete("/api/v1/me", token=me.token, lang="en")
        self.assertEqual(r.status, 200, r)
        body = r.json()
        self.assertTrue(body["deleted"])
        self.assertEqual(body["remains"][0]["count"], 1)
        self.assertIn("city's record", body["remains"][0]["why"])
        # My token no longer works; my name is nowhere; the report stays, anonymous, unfollowed.
        self.assertEqual(self.http.get("/api/v1/me", token=me.token).status, 401)
        self.assertEqual(self.row_count(f"author_id = {me.id}"), 0)
        self.assertEqual(int(self.env.scalar(
            f"SELECT COUNT(*) FROM users WHERE display_name = '{me.name}'")), 0)
        staff = self.staff_view(self.tok("operator1"), rep["id"])
        self.assertTrue(staff["anonymous"])
        self.assertIsNone(staff["author"])
        self.assertEqual(self.citizen_view(other.token, theirs["id"])["follower_count"], 0)

    def test_staff_cannot_delete_themselves(self) -> None:
        self.assertProblem(self.http.delete("/api/v1/me", token=self.tok("leader1")), 403,
                           "forbidden")


if __name__ == "__main__":
    unittest.main()
