"""Consent per purpose (Law 91/2025/QH15): recorded with the policy version, reproducible, and
withdrawal stops the processing; the account's personal data goes with the account; key rotation
re-seals everything."""

from __future__ import annotations

import re

from api_case import ApiCase
from test_staff_sign_in import totp
from vneid_browser import Browser, sign_in

MINH_SUB = "vneid-demo-0004"
LAN_SUB = "vneid-demo-0006"


class ConsentTest(ApiCase):
    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.env.server.port}"

    def signed_in(self, sub: str, query: str = "accept_terms=1") -> tuple[Browser, dict]:
        browser = Browser()
        done = sign_in(browser, self.base, self.env.standin.issuer, sub, query)
        self.assertEqual(done.status, 303, done.text)
        return browser, self.headers(browser)

    def headers(self, browser: Browser) -> dict:
        return {"Cookie": browser.cookie_header(), "X-CSRF-Token": browser.cookie("cds_csrf"),
                "Origin": self.base}

    def consent(self, h: dict, purpose: str, granted: bool):
        return self.http.request("PUT", f"/api/v1/me/consents/{purpose}", {"granted": granted},
                                 headers=h)

    def test_terms_are_needed_to_send_and_withdrawal_stops_it(self) -> None:
        # Signed in without accepting the terms on the way: nothing can be sent yet.
        _, h = self.signed_in(MINH_SUB, "")
        r = self.http.post("/api/v1/reports", self.report_body(), headers=h)
        p = self.assertProblem(r, 403, "consent_required")
        self.assertIn("terms", p["detail"])
        self.assertEqual(self.consent(h, "terms", True).status, 200)
        self.assertEqual(self.http.post("/api/v1/reports", self.report_body(), headers=h).status,
                         201)
        # Withdrawn: refused again, and the refusal changes nothing.
        before = self.row_count()
        self.assertEqual(self.consent(h, "terms", False).status, 200)
        self.assertProblem(self.http.post("/api/v1/reports", self.report_body(), headers=h), 403,
                           "consent_required")
        self.assertEqual(self.row_count(), before)
        # Every answer is kept, with the policy version it was given to.
        history = self.http.get("/api/v1/me/export", headers=h).json()["consents"]
        terms = [c for c in history if c["purpose"] == "terms"]
        self.assertEqual([c["granted"] for c in terms], [True, False])
        for c in terms:
            self.assertEqual(c["policy_version"], "2026-11-01")
            self.assertEqual(c["source"], "app")

    def test_location_needs_consent_and_is_forgotten_on_withdrawal(self) -> None:
        browser, h = self.signed_in(LAN_SUB)
        here = {"lat": 10.7725, "lon": 106.6980, "ward": "26740"}
        self.assertProblem(self.http.request("PUT", "/api/v1/me/location", here, headers=h), 403,
                           "consent_required")
        listed = self.http.get("/api/v1/me/consents", headers=h).json()["items"]
        self.assertEqual([i["purpose"] for i in listed], ["terms", "location", "notifications"])
        self.assertFalse(next(i for i in listed if i["purpose"] == "location")["granted"])

        self.assertEqual(self.consent(h, "location", True).status, 200)
        self.assertEqual(self.http.request("PUT", "/api/v1/me/location", here, headers=h).status,
                         204)
        me = self.http.get("/api/v1/me", headers=h).json()
        stored = self.env.query(
            f"SELECT last_location, last_location_ward FROM citizen_profiles "
            f"WHERE user_id = {me['id']}")[0]
        self.assertTrue(stored[0].startswith("pd1$"), stored)  # sealed: location is sensitive
        self.assertEqual(stored[1], "26740")
        export = self.http.get("/api/v1/me/export", headers=h).json()
        shared = export["profile"]["national_eid"]["shared_location"]
        self.assertEqual(shared["coordinates"], "10.772500,106.698000")

        self.assertEqual(self.consent(h, "location", False).status, 200)
        forgotten = self.env.scalar(
            f"SELECT COUNT(*) FROM citizen_profiles WHERE user_id = {me['id']} "
            f"AND last_location IS NULL AND last_location_ward IS NULL AND last_location_at IS NULL")
        self.assertEqual(int(forgotten), 1)
        self.assertProblem(self.http.request("PUT", "/api/v1/me/location", here, headers=h), 403,
                           "consent_required")

    def test_bad_answers_are_refused(self) -> None:
        _, h = self.signed_in(LAN_SUB)
        self.assertProblem(self.consent(h, "marketing", True), 404, "unknown_purpose")
        r = self.http.request("PUT", "/api/v1/me/consents/location", {"granted": "yes"}, headers=h)
        self.assertProblem(r, 422, fields=["granted"])
        self.consent(h, "location", True)
        r = self.http.request("PUT", "/api/v1/me/location", {"lat": 21.03, "lon": 105.85},
                              headers=h)
        self.assertProblem(r, 422, "invalid", fields=["lat"])  # Hà Nội is not the city

    def test_deleting_the_account_erases_the_eid_profile_and_consents(self) -> None:
        _, h = self.signed_in(LAN_SUB)
        me = self.http.get("/api/v1/me", headers=h).json()
        self.assertEqual(self.http.post("/api/v1/reports", self.report_body(), headers=h).status,
                         201)
        r = self.http.delete("/api/v1/me", headers=h)
        self.assertEqual(r.status, 200, r)
        self.assertEqual([x["what"] for x in r.json()["remains"]], ["reports_and_ideas"])
        for table in ("citizen_profiles", "consents", "sessions"):
            with self.subTest(table=table):
                self.assertEqual(int(self.env.scalar(
                    f"SELECT COUNT(*) FROM {table} WHERE user_id = {me['id']}")), 0)
        # Signing in again later is a new person to the system, with nothing of the old account.
        _, h2 = self.signed_in(LAN_SUB)
        self.assertNotEqual(self.http.get("/api/v1/me", headers=h2).json()["id"], me["id"])


class KeyRotationTest(ApiCase):
    def test_rotate_reseals_everything_and_everything_still_opens(self) -> None:
        base = f"http://127.0.0.1:{self.env.server.port}"
        browser = Browser()
        self.assertEqual(sign_in(browser, base, self.env.standin.issuer, MINH_SUB).status, 303)
        staff = self.env.add_user("operator", prefix="rot_", password="congdanso-demo")
        first = self.http.post("/api/v1/auth/staff/login",
                               {"username": staff.username, "password": "congdanso-demo"})
        secret = first.json()["secret"]
        done = self.http.post("/api/v1/auth/staff/totp/confirm",
                              {"ticket": first.json()["ticket"], "code": totp(secret)})
        self.assertEqual(done.status, 200, done)

        self.env.server.stop()
        try:
            out = self.env.cli("keys", "rotate", "--db", self.env.db_url)
        finally:
            self.env.server.start()
            self.env.restart_client()
        kid = re.search(r"new data key (\w+)", out).group(1)
        for table, column in (("staff_totp", "secret"), ("citizen_profiles", "phone"),
                              ("citizen_profiles", "national_id")):
            with self.subTest(column=f"{table}.{column}"):
                values = [v for (v,) in self.env.query(
                    f"SELECT {column} FROM {table} WHERE {column} IS NOT NULL")]
                self.assertTrue(values)
                self.assertEqual([v for v in values if not v.startswith(f"pd1${kid}$")], [])
        # The old values still open (TOTP sign-in) and so do the new ones (my data).
        again = self.http.post("/api/v1/auth/staff/login",
                               {"username": staff.username, "password": "congdanso-demo",
                                "code": totp(secret, step_offset=1)})
        self.assertEqual(again.status, 200, again)
        export = self.http.get("/api/v1/me/export", headers={"Cookie": browser.cookie_header()})
        self.assertEqual(export.json()["profile"]["national_eid"]["phone"], "+84978123454")
