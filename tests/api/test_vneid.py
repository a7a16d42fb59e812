"""Citizen sign-in with VNeID against the stand-in (tools/vneid-standin): the whole flow, a report
filed with the session, and every refusal the issue names, each leaving nothing behind."""

from __future__ import annotations

import json
import urllib.parse

from api_case import ApiCase
from harness import Server
from vneid_browser import Browser, sign_in, to_callback

# Demo citizens of the stand-in (tools/vneid-standin/citizens.mjs).
AN = {"sub": "vneid-demo-0001", "name": "Nguyễn Văn An", "phone": "+84901234561",
      "national_id": "079085012345", "email": "vneid-demo-0001@example.vn"}
NGOC_SUB = "vneid-demo-0002"
PHUC_SUB = "vneid-demo-0003"
NEVER_SIGNED_IN = "vneid-demo-0005"  # kept for the refusals: it must never get an account


class VneidTest(ApiCase):
    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.env.server.port}"

    @property
    def issuer(self) -> str:
        assert self.env.standin is not None
        return self.env.standin.issuer

    def counts(self) -> tuple[int, int, int, int]:
        return (self.env.scalar("SELECT COUNT(*) FROM users"),
                self.env.scalar("SELECT COUNT(*) FROM sessions"),
                self.env.scalar("SELECT COUNT(*) FROM citizen_profiles"),
                self.env.scalar("SELECT COUNT(*) FROM consents"))

    def session_headers(self, browser: Browser) -> dict[str, str]:
        return {"Cookie": browser.cookie_header(), "X-CSRF-Token": browser.cookie("cds_csrf") or "",
                "Origin": self.base}

    def problem_of(self, page) -> dict:
        self.assertEqual(page.headers.get("content-type", [""])[0], "application/problem+json",
                         page.text[:300])
        return json.loads(page.body)

    # -- the flow

    def test_sign_in_then_file_a_report_with_the_session(self) -> None:
        browser = Browser()
        done = sign_in(browser, self.base, self.issuer, AN["sub"],
                       "accept_terms=1&return_to=%2Fapp%2Freports")
        self.assertEqual(done.status, 303, done.text)
        self.assertEqual(done.location, f"{self.base}/app/reports")
        cookies = done.headers["set-cookie"]
        session = next(c for c in cookies if c.startswith("cds_session="))
        for attribute in ("HttpOnly", "SameSite=Lax", "Path=/"):
            self.assertIn(attribute, session)
        self.assertNotIn("Secure", session)  # plain http on this machine only
        self.assertTrue(browser.cookie("cds_csrf"))

        me = self.http.get("/api/v1/me", headers={"Cookie": browser.cookie_header()})
        self.assertEqual(me.status, 200, me)
        self.assertEqual(me.json()["role"], "citizen")
        self.assertEqual(me.json()["display_name"], AN["name"])
        self.assertNotIn(AN["sub"], me.json()["username"])  # the username says nothing about them

        consents = self.http.get("/api/v1/me/consents", headers={"Cookie": browser.cookie_header()})
        terms = next(i for i in consents.json()["items"] if i["purpose"] == "terms")
        self.assertTrue(terms["granted"])
        self.assertEqual(terms["answer"]["source"], "sign_in")

        # A report filed with the cookie session: CSRF token and Origin required.
        body = self.report_body()
        refused = self.http.post("/api/v1/reports", body,
                                 headers={"Cookie": browser.cookie_header(), "Origin": self.base})
        self.assertProblem(refused, 403, "csrf_failed")
        filed = self.http.post("/api/v1/reports", body, headers=self.session_headers(browser))
        self.assertEqual(filed.status, 201, filed)
        mine = self.http.get("/api/v1/reports?mine=true", headers={"Cookie": browser.cookie_header()})
        self.assertEqual(mine.status, 200, mine)
        self.assertIn(filed.json()["id"], [r["id"] for r in mine.json()["items"]])

        # Signing in again: the same citizen, a new session.
        user_id = me.json()["id"]
        again = Browser()
        second = sign_in(again, self.base, self.issuer, AN["sub"])
        self.assertEqual(second.status, 303, second.text)
        me2 = self.http.get("/api/v1/me", headers={"Cookie": again.cookie_header()})
        self.assertEqual(me2.json()["id"], user_id)
        self.assertNotEqual(me2.json()["session_id"], me.json()["session_id"])

    def test_logout_offers_the_issuer_logout(self) -> None:
        browser = Browser()
        self.assertEqual(sign_in(browser, self.base, self.issuer, NGOC_SUB).status, 303)
        out = self.http.post("/api/v1/auth/logout", None, headers=self.session_headers(browser))
        self.assertEqual(out.status, 200, out)
        url = out.json()["end_session_url"]
        self.assertTrue(url.startswith(self.issuer + "/"), url)
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)
        self.assertEqual(query["client_id"], ["congdanso"])
        self.assertEqual(query["post_logout_redirect_uri"], [self.base + "/"])
        me = self.http.get("/api/v1/me", headers={"Cookie": browser.cookie_header()})
        self.assertEqual(me.status, 401, me)

    def test_client_key_is_published(self) -> None:
        r = self.http.get("/.well-known/jwks.json")
        self.assertEqual(r.status, 200, r)
        keys = r.json()["keys"]
        self.assertEqual(len(keys), 1)
        self.assertEqual((keys[0]["kty"], keys[0]["crv"], keys[0]["alg"]), ("EC", "P-256", "ES256"))
        self.assertNotIn("d", keys[0])  # never the private part

    def test_return_to_is_only_a_path_on_this_site(self) -> None:
        for wanted in ("//evil.example/x", "https://evil.example/", "/\\evil.example"):
            with self.subTest(wanted=wanted):
                done = sign_in(Browser(), self.base, self.issuer, PHUC_SUB,
                               "return_to=" + urllib.parse.quote(wanted, safe=""))
                self.assertEqual(done.status, 303, done.text)
                self.assertEqual(done.location, self.base + "/")

    def test_client_secret_basic_without_par(self) -> None:
        # A second server on the same database, configured as a client with a shared secret and
        # with the authorization request in the query string.
        port = self.env.second_port
        env = dict(self.env.proc_env, CDS_OIDC_CLIENT_ID="congdanso-basic",
                   CDS_OIDC_CLIENT_AUTH="client_secret_basic",
                   CDS_OIDC_CLIENT_SECRET="standin-secret-change-me", CDS_OIDC_USE_PAR="0")
        second = Server(self.env.binary, self.env.db_url, self.env.data_dir,
                        self.env.server.log_path, env=env)
        second.port = port
        second.start()
        try:
            base = f"http://127.0.0.1:{port}"
            browser = Browser()
            start = browser.open(f"{base}/api/v1/auth/vneid/start")
            query = urllib.parse.parse_qs(urllib.parse.urlsplit(start.location).query)
            self.assertEqual(query["client_id"], ["congdanso-basic"])
            self.assertEqual(query["code_challenge_method"], ["S256"])
            self.assertNotIn("request_uri", query)
            done = sign_in(browser, base, self.issuer, AN["sub"])
            self.assertEqual(done.status, 303, done.text)
            me = self.http.get("/api/v1/me", headers={"Cookie": browser.cookie_header()})
            self.assertEqual(me.json()["display_name"], AN["name"])
        finally:
            second.stop()

    def test_an_answer_naming_another_issuer_is_refused(self) -> None:
        before = self.counts()
        browser = Browser()
        last = to_callback(browser, f"{self.base}/api/v1/auth/vneid/start", self.issuer,
                           NEVER_SIGNED_IN)
        parts = urllib.parse.urlsplit(last.location)
        query = dict(urllib.parse.parse_qsl(parts.query), iss="https://other-issuer.example")
        page = browser.open(parts._replace(query=urllib.parse.urlencode(query)).geturl())
        self.assertEqual(self.problem_of(page)["code"], "oidc_wrong_issuer")
        self.assertEqual(self.counts(), before)

    # -- refusals: each with a clear message, nothing created

    def test_every_bad_id_token_is_refused_and_nothing_is_created(self) -> None:
        cases = {
            "tampered_signature": "oidc_signature_invalid",
            "wrong_issuer": "oidc_wrong_issuer",
            "wrong_audience": "oidc_wrong_audience",
            "expired": "oidc_token_expired",
            "not_yet_valid": "oidc_token_not_yet_valid",
            "wrong_nonce": "oidc_nonce_mismatch",
            "unknown_key": "oidc_unknown_key",
            "drop_code_verifier": "oidc_code_refused",  # the issuer refuses without the verifier
        }
        for fault, code in cases.items():
            with self.subTest(fault=fault):
                before = self.counts()
                browser = Browser()
                last = to_callback(browser, f"{self.base}/api/v1/auth/vneid/start?accept_terms=1",
                                   self.issuer, NEVER_SIGNED_IN)
                self.env.standin.arm(fault)
                page = browser.open(last.location, headers={"Accept-Language": "en"})
                self.assertEqual(page.status, 401, page.text)
                problem = self.problem_of(page)
                self.assertEqual(problem["code"], code)
                self.assertTrue(problem["detail"])
                self.assertEqual(self.counts(), before)
                self.assertIsNone(browser.cookie("cds_session"))

    def test_refusal_page_for_a_person_in_a_browser(self) -> None:
        browser = Browser()
        last = to_callback(browser, f"{self.base}/api/v1/auth/vneid/start", self.issuer,
                           NEVER_SIGNED_IN)
        self.env.standin.arm("expired")
        page = browser.open(last.location, headers={"Accept": "text/html"})
        self.assertEqual(page.status, 401)
        self.assertIn("text/html", page.headers["content-type"][0])
        self.assertIn("Thông tin xác thực VNeID đã hết hạn", page.text)

    def test_wrong_or_missing_state_is_refused(self) -> None:
        before = self.counts()
        browser = Browser()
        last = to_callback(browser, f"{self.base}/api/v1/auth/vneid/start", self.issuer,
                           NEVER_SIGNED_IN)
        parts = urllib.parse.urlsplit(last.location)
        query = dict(urllib.parse.parse_qsl(parts.query))
        forged = dict(query, state=query["state"][:-2] + "xx")
        page = browser.open(parts._replace(query=urllib.parse.urlencode(forged)).geturl())
        self.assertEqual(page.status, 400)
        self.assertEqual(self.problem_of(page)["code"], "oidc_state_invalid")
        # The right link opened in another browser (login CSRF): no state cookie there.
        page = Browser().open(last.location)
        self.assertEqual(self.problem_of(page)["code"], "oidc_state_invalid")
        self.assertEqual(self.counts(), before)

    def test_replayed_code_is_refused(self) -> None:
        browser = Browser()
        last = to_callback(browser, f"{self.base}/api/v1/auth/vneid/start", self.issuer, PHUC_SUB)
        first = browser.open(last.location)
        self.assertEqual(first.status, 303, first.text)
        before = self.counts()
        # The same callback again: its sign-in was used up.
        again = browser.open(last.location)
        self.assertEqual(self.problem_of(again)["code"], "oidc_state_invalid")
        # The used code under a fresh, valid state: the issuer refuses it.
        other = Browser()
        fresh = to_callback(other, f"{self.base}/api/v1/auth/vneid/start", self.issuer, PHUC_SUB)
        old_code = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(last.location).query))["code"]
        parts = urllib.parse.urlsplit(fresh.location)
        query = dict(urllib.parse.parse_qsl(parts.query), code=old_code)
        page = other.open(parts._replace(query=urllib.parse.urlencode(query)).geturl())
        self.assertEqual(page.status, 401, page.text)
        self.assertEqual(self.problem_of(page)["code"], "oidc_code_refused")
        self.assertEqual(self.counts()[:3], before[:3])

    def test_cancel_at_the_issuer(self) -> None:
        before = self.counts()
        browser = Browser()
        last = to_callback(browser, f"{self.base}/api/v1/auth/vneid/start", self.issuer, None)
        page = browser.open(last.location)
        self.assertEqual(page.status, 401)
        self.assertEqual(self.problem_of(page)["code"], "oidc_denied")
        self.assertEqual(self.counts(), before)

    def test_issuer_requires_pkce(self) -> None:
        # The stand-in is configured like the national e-ID: no code_challenge, no sign-in.
        query = urllib.parse.urlencode({
            "client_id": "congdanso", "response_type": "code", "scope": "openid",
            "redirect_uri": f"{self.base}/api/v1/auth/vneid/callback", "state": "s", "nonce": "n"})
        page = Browser().open(f"{self.issuer}/authorize?{query}")
        answer = page.location if 300 <= page.status < 400 else page.text
        self.assertIn("invalid_request", answer)

    def test_discovery_is_cached_and_unknown_keys_refetch_rarely(self) -> None:
        def fetches(path: str) -> int:
            with open(self.env.standin.log_path, encoding="utf-8", errors="replace") as f:
                return sum(1 for line in f if line.startswith(f"GET {path} "))

        self.assertEqual(sign_in(Browser(), self.base, self.issuer, PHUC_SUB).status, 303)
        keys_before = fetches("/jwks")
        discovery_before = fetches("/.well-known/openid-configuration")
        self.assertGreaterEqual(discovery_before, 1)
        # Forged tokens under unknown keys, one after another: the keys are read again at most
        # once a minute, however many arrive.
        for _ in range(3):
            browser = Browser()
            last = to_callback(browser, f"{self.base}/api/v1/auth/vneid/start", self.issuer,
                               NEVER_SIGNED_IN)
            self.env.standin.arm("unknown_key")
            self.assertEqual(self.problem_of(browser.open(last.location))["code"],
                             "oidc_unknown_key")
        self.assertLessEqual(fetches("/jwks") - keys_before, 1)
        self.assertEqual(sign_in(Browser(), self.base, self.issuer, PHUC_SUB).status, 303)
        # The discovery document is kept an hour: not read again for any of these sign-ins.
        self.assertEqual(fetches("/.well-known/openid-configuration"), discovery_before)

    # -- personal data

    def test_personal_data_is_sealed_at_rest(self) -> None:
        if self.env.engine != "sqlite":
            self.skipTest("reads the SQLite file")
        browser = Browser()
        self.assertEqual(sign_in(browser, self.base, self.issuer, AN["sub"]).status, 303)
        export = self.http.get("/api/v1/me/export", headers={"Cookie": browser.cookie_header()})
        eid = export.json()["profile"]["national_eid"]
        self.assertEqual((eid["phone"], eid["national_id"], eid["email"]),
                         (AN["phone"], AN["national_id"], AN["email"]))
        caller_phone = "0909876543"
        intake = self.http.post("/api/v1/staff/reports",
                                self.report_body(caller_name="Võ Thị Gọi Điện",
                                                 caller_phone=caller_phone),
                                token=self.tok("operator1"))
        self.assertEqual(intake.status, 201, intake)
        needles = [AN["phone"], AN["phone"][3:], AN["national_id"], AN["email"], caller_phone,
                   AN["name"], "Võ Thị Gọi Điện"]
        for suffix in ("", "-wal"):
            try:
                with open(self.env.sqlite_path + suffix, "rb") as f:
                    data = f.read()
            except FileNotFoundError:
                continue
            for needle in needles:
                # (assertNotIn would print the whole file)
                self.assertFalse(needle.encode() in data, f"{needle} in clear in database{suffix}")
        sealed = self.env.scalar("SELECT phone FROM citizen_profiles WHERE phone IS NOT NULL")
        self.assertTrue(sealed.startswith("pd1$"), sealed)
