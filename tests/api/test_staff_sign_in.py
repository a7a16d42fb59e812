"""Staff sign-in with password and TOTP, sessions in cookies with CSRF, sign-out and my sessions."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import struct
import time
import unittest

from api_case import ApiCase


def totp(secret: str, at: float | None = None, step_offset: int = 0) -> str:
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    counter = int((time.time() if at is None else at) // 30) + step_offset
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


class StaffSignInTest(ApiCase):
    PASSWORD = "congdanso-demo"

    def login(self, username: str, password: str, **extra) -> object:
        body = {"username": username, "password": password, **extra}
        return self.http.post("/api/v1/auth/staff/login", body)

    def cookie_of(self, r) -> str:
        set_cookie = r.headers.get("set-cookie", "")
        self.assertIn("HttpOnly", set_cookie)
        self.assertIn("SameSite=Lax", set_cookie)
        return set_cookie.split(";")[0]

    def enrol(self, username: str):
        first = self.login(username, self.PASSWORD)
        self.assertEqual(first.status, 200, first)
        enrolment = first.json()
        self.assertEqual(enrolment["status"], "totp_enrolment_required")
        self.assertTrue(enrolment["otpauth_uri"].startswith("otpauth://totp/C%C3%B4ng"))
        self.assertNotIn("set-cookie", first.headers)  # no session before the second factor
        self.used_code = totp(enrolment["secret"])  # kept: a replay of it must be refused
        done = self.http.post("/api/v1/auth/staff/totp/confirm",
                              {"ticket": enrolment["ticket"], "code": self.used_code})
        self.assertEqual(done.status, 200, done)
        return enrolment["secret"], done

    def test_enrol_sign_in_use_the_session_and_sign_out(self) -> None:
        user = self.env.add_user("operator", prefix="op_", password=self.PASSWORD)
        secret, done = self.enrol(user.username)
        body = done.json()
        self.assertEqual(len(body["recovery_codes"]), 10)
        self.assertEqual(body["user"]["role"], "operator")
        cookie, csrf = self.cookie_of(done), body["csrf_token"]
        host = f"127.0.0.1:{self.env.server.port}"
        me = self.http.get("/api/v1/me", headers={"Cookie": cookie})
        self.assertEqual(me.status, 200, me)
        self.assertEqual(me.json()["session_id"], body["session_id"])
        # A cookie alone cannot change anything: a write needs the CSRF token and this Origin.
        rep = self.submit(self.citizen().token)
        path = f"/api/v1/staff/reports/{rep['id']}/assign"
        for headers in ({"Cookie": cookie},
                        {"Cookie": cookie, "X-CSRF-Token": "wrong", "Origin": f"http://{host}"},
                        {"Cookie": cookie, "X-CSRF-Token": csrf, "Origin": "http://evil.example"},
                        {"Cookie": cookie, "X-CSRF-Token": csrf}):
            r = self.http.post(path, None, headers=headers)
            self.assertProblem(r, 403, "csrf_failed")
        self.assertEqual(self.staff_view(self.tok("operator1"), rep["id"])["status"], "received")
        ok = self.http.post(path, None, headers={"Cookie": cookie, "X-CSRF-Token": csrf,
                                                 "Origin": f"http://{host}"})
        self.assertEqual(ok.status, 200, ok)
        self.assertEqual(ok.json()["status"], "assigned")
        sessions = self.http.get("/api/v1/me/sessions", headers={"Cookie": cookie}).json()["items"]
        self.assertEqual([s["current"] for s in sessions], [True])
        out = self.http.post("/api/v1/auth/logout", None,
                             headers={"Cookie": cookie, "X-CSRF-Token": csrf,
                                      "Origin": f"http://{host}"})
        self.assertEqual(out.status, 204, out)
        self.assertProblem(self.http.get("/api/v1/me", headers={"Cookie": cookie}), 401,
                           "session_expired")
        # Signing in again: the code already used is refused (no replay) — that very code, since a
        # fresh totp() would be a new, valid code once the 30-second step has turned; a recovery
        # code works once.
        self.assertProblem(self.login(user.username, self.PASSWORD, code=self.used_code), 401,
                           "sign_in_failed")
        recovery = body["recovery_codes"][0]
        again = self.login(user.username, self.PASSWORD, recovery_code=recovery.upper())
        self.assertEqual(again.status, 200, again)
        self.assertProblem(self.login(user.username, self.PASSWORD, recovery_code=recovery), 401,
                           "sign_in_failed")

    def test_refusals_say_nothing_about_which_part_was_wrong(self) -> None:
        user = self.env.add_user("unit_staff", unit="evn-hcmc", prefix="evn_",
                                 password=self.PASSWORD)
        secret, _ = self.enrol(user.username)
        for body in ({"username": user.username, "password": "wrong-password", "code": totp(secret)},
                     {"username": "nobody_at_all", "password": self.PASSWORD},
                     {"username": user.username, "password": self.PASSWORD, "code": "000000"}):
            self.assertProblem(self.http.post("/api/v1/auth/staff/login", body), 401,
                               "sign_in_failed")
        self.assertProblem(self.login(user.username, self.PASSWORD), 422, "totp_code_required")
        citizen = self.env.add_user("citizen", prefix="cit_", password=self.PASSWORD)
        self.assertProblem(self.login(citizen.username, self.PASSWORD), 401, "sign_in_failed")

    def test_failed_attempts_grow_a_delay_then_lock(self) -> None:
        user = self.env.add_user("leader", prefix="lead_", password=self.PASSWORD)
        statuses = [self.login(user.username, "wrong-password").status for _ in range(3)]
        self.assertEqual(statuses, [401, 401, 401])
        locked = self.login(user.username, self.PASSWORD)
        self.assertProblem(locked, 429, "sign_in_locked")
        self.assertGreaterEqual(int(locked.headers["retry-after"]), 1)

    def test_a_bearer_token_still_works_and_is_not_a_session(self) -> None:
        me = self.http.get("/api/v1/me", token=self.tok("operator1"))
        self.assertEqual(me.status, 200, me)
        self.assertIsNone(me.json()["session_id"])
        self.assertEqual(self.http.get("/api/v1/me").status, 401)


if __name__ == "__main__":
    unittest.main()
