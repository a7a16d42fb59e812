"""The administrators' account API: create staff, change role and unit, disable, set a password,
force TOTP re-enrolment; every change that takes power away ends the account's sessions."""

from __future__ import annotations

import unittest

from api_case import ApiCase, tag
from test_staff_sign_in import totp


class AdminUsersTest(ApiCase):
    PASSWORD = "mat-khau-ban-dau"

    def admin(self) -> str:
        return self.tok("admin1")

    def create(self, **body):
        body = {"username": f"cb_{tag()}", "role": "operator", "password": self.PASSWORD, **body}
        return self.http.post("/api/v1/admin/users", body, token=self.admin())

    def sign_in(self, username: str, password: str | None = None) -> tuple[str, str]:
        """Enrols and signs in; returns (cookie, TOTP secret)."""
        first = self.http.post("/api/v1/auth/staff/login",
                               {"username": username, "password": password or self.PASSWORD})
        self.assertEqual(first.status, 200, first)
        e = first.json()
        done = self.http.post("/api/v1/auth/staff/totp/confirm",
                              {"ticket": e["ticket"], "code": totp(e["secret"])})
        self.assertEqual(done.status, 200, done)
        return done.headers["set-cookie"].split(";")[0], e["secret"]

    def me(self, cookie: str):
        return self.http.get("/api/v1/me", headers={"Cookie": cookie})

    def test_create_list_and_validate(self) -> None:
        r = self.create(role="unit_staff", unit="sawaco", display_name="Cán bộ SAWACO")
        self.assertEqual(r.status, 201, r)
        account = r.json()
        self.assertEqual((account["role"], account["unit"], account["totp_enrolled"]),
                         ("unit_staff", "sawaco", False))
        self.assertNotIn("password", r.text)
        listed = self.http.get("/api/v1/admin/users?role=unit_staff", token=self.admin()).json()
        self.assertIn(account["id"], [a["id"] for a in listed["items"]])
        self.assertProblem(self.create(role="unit_staff"), 422, "unit_required")
        self.assertProblem(self.create(role="operator", unit="sawaco"), 422, "unit_not_allowed")
        self.assertProblem(self.create(role="mayor"), 422, fields=["role"])
        self.assertProblem(self.create(password="short"), 422, "password_too_short")
        taken = self.create(username=account["username"])
        self.assertProblem(taken, 409, "username_taken")

    def test_disabling_and_demoting_end_sessions(self) -> None:
        account = self.create().json()
        cookie, _ = self.sign_in(account["username"])
        self.assertEqual(self.me(cookie).status, 200)
        moved = self.http.request("PATCH", f"/api/v1/admin/users/{account['id']}",
                                  {"role": "unit_staff", "unit": "evn-hcmc"}, token=self.admin())
        self.assertEqual(moved.status, 200, moved)
        self.assertEqual(moved.json()["unit"], "evn-hcmc")
        self.assertProblem(self.me(cookie), 401, "session_expired")
        off = self.http.request("PATCH", f"/api/v1/admin/users/{account['id']}",
                                {"disabled": True}, token=self.admin())
        self.assertTrue(off.json()["disabled"])
        refused = self.http.post("/api/v1/auth/staff/login",
                                 {"username": account["username"], "password": self.PASSWORD})
        self.assertProblem(refused, 401, "sign_in_failed")

    def test_new_password_and_totp_reset(self) -> None:
        account = self.create().json()
        cookie, secret = self.sign_in(account["username"])
        r = self.http.post(f"/api/v1/admin/users/{account['id']}/password",
                           {"password": "mat-khau-thu-hai"}, token=self.admin())
        self.assertEqual(r.status, 204, r)
        self.assertProblem(self.me(cookie), 401, "session_expired")
        old = self.http.post("/api/v1/auth/staff/login",
                             {"username": account["username"], "password": self.PASSWORD,
                              "code": totp(secret, step_offset=1)})
        self.assertProblem(old, 401, "sign_in_failed")
        r = self.http.post(f"/api/v1/admin/users/{account['id']}/totp-reset", None,
                           token=self.admin())
        self.assertEqual(r.status, 204, r)
        # The next sign-in enrols a new app: a new secret.
        again = self.http.post("/api/v1/auth/staff/login",
                               {"username": account["username"], "password": "mat-khau-thu-hai"})
        self.assertEqual(again.json()["status"], "totp_enrolment_required", again)
        self.assertNotEqual(again.json()["secret"], secret)

    def test_an_admin_cannot_lock_themselves_out(self) -> None:
        me = self.http.get("/api/v1/me", token=self.admin()).json()
        for change in ({"disabled": True}, {"role": "operator"}):
            r = self.http.request("PATCH", f"/api/v1/admin/users/{me['id']}", change,
                                  token=self.admin())
            self.assertProblem(r, 409, "cannot_demote_self")


if __name__ == "__main__":
    unittest.main()
