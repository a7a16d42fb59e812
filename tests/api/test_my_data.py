"""The right to see and take one's data: GET /api/v1/me/export."""

from __future__ import annotations

import json
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
        json.dumps(doc)  # a plain JSON document

    def test_staff_get_their_profile_and_sessions(self) -> None:
        r = self.http.get("/api/v1/me/export", token=self.tok("operator1"))
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["profile"]["role"], "operator")
        self.assertEqual(r.json()["reports_and_ideas"], [])


if __name__ == "__main__":
    unittest.main()
