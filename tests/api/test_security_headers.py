"""Security headers on every kind of answer (JSON, problems, the welcome page, web files, feeds,
streams, media) and the flags of every cookie the server sets, on plain http at localhost (the
suite's server) and behind an https public URL (a second server with CDS_PUBLIC_URL)."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import socket

import api_case
from api_case import ApiCase
from harness import Server, free_port
from test_staff_sign_in import totp
from test_web import ASSET, write_fake_build

API_POLICY = "default-src 'none'; frame-ancestors 'none'"
PUBLIC_URL = "https://congdanso.example.vn"

# (method, path, body): one of each kind of answer the server gives without a web build.
ROUTES = [
    ("GET", "/healthz", None),
    ("GET", "/api/v1/categories", None),                # JSON
    ("GET", "/api/v1/me", None),                        # 401 problem
    ("GET", "/api/v1/no-such-route", None),             # 404 problem
    ("POST", "/api/v1/reports", b"{not json"),          # 400 (or 401) problem
    ("DELETE", "/api/v1/categories", None),             # 405 problem
    ("GET", "/api/v1/media/999999999", None),           # media (missing)
    ("GET", "/news.atom", None),                        # feed
    ("GET", "/alerts.atom", None),                      # feed
    ("GET", "/app/", None),                             # web app, not built: problem
    ("GET", "/" + ASSET, None),                         # static file, not built: problem
    ("GET", "/app/../../etc/passwd", None),             # path traversal: problem
]


def exchange(port: int, method: str, path: str, body: bytes | None = None,
             headers: dict[str, str] | None = None) -> tuple[int, list[tuple[str, str]], bytes]:
    """One request; every header line as sent (Set-Cookie lines are not folded)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body=body, headers={
            **({"Content-Type": "application/json"} if body else {}), **(headers or {})})
        resp = conn.getresponse()
        return resp.status, [(k.lower(), v) for k, v in resp.getheaders()], resp.read()
    finally:
        conn.close()


def stream_head(port: int, path: str) -> dict[str, str]:
    """The header block of a streaming answer, read off the socket; the stream is then dropped."""
    with socket.create_connection(("127.0.0.1", port), timeout=15) as s:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
                  .encode())
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = s.recv(4096)
            if not chunk:
                break
            data += chunk
    lines = data.split(b"\r\n\r\n")[0].decode("latin-1").split("\r\n")
    out = {"status": lines[0].split(" ")[1]}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        out[name.strip().lower()] = value.strip()
    return out


class SecurityHeadersMixin:
    def assert_common(self, headers: dict[str, str], where: str, https: bool) -> None:
        self.assertEqual(headers.get("x-content-type-options"), "nosniff", where)
        self.assertEqual(headers.get("referrer-policy"), "no-referrer", where)
        self.assertEqual(headers.get("x-frame-options"), "DENY", where)
        self.assertEqual(headers.get("cross-origin-opener-policy"), "same-origin", where)
        permissions = headers.get("permissions-policy", "")
        self.assertIn("geolocation=(self)", permissions, where)
        self.assertIn("camera=(self)", permissions, where)
        self.assertIn("microphone=()", permissions, where)
        csp = headers.get("content-security-policy", "")
        self.assertIn("frame-ancestors 'none'", csp, where)
        self.assertNotIn("'unsafe-inline'", csp.split("script-src")[1].split(";")[0]
                         if "script-src" in csp else "", where)
        if https:
            self.assertRegex(headers.get("strict-transport-security", ""), r"^max-age=\d{7,}",
                             where)
        else:
            self.assertNotIn("strict-transport-security", headers, where)


def staff_cookies(test: ApiCase, port: int) -> list[str]:
    """Signs a new operator in with password and TOTP; the Set-Cookie lines of the session."""
    password = "congdanso-demo"
    user = test.env.add_user("operator", prefix="op_hdr_", password=password)
    status, _, body = exchange(port, "POST", "/api/v1/auth/staff/login", json.dumps(
        {"username": user.username, "password": password}).encode())
    test.assertEqual(status, 200, body)
    enrolment = json.loads(body)
    status, headers, body = exchange(port, "POST", "/api/v1/auth/staff/totp/confirm", json.dumps(
        {"ticket": enrolment["ticket"], "code": totp(enrolment["secret"])}).encode())
    test.assertEqual(status, 200, body)
    return [v for k, v in headers if k == "set-cookie"]


def attributes(cookie: str) -> tuple[str, dict[str, str]]:
    parts = [p.strip() for p in cookie.split(";")]
    name = parts[0].split("=")[0]
    attrs = {}
    for p in parts[1:]:
        k, _, v = p.partition("=")
        attrs[k.lower()] = v
    return name, attrs


class SecurityHeadersTest(ApiCase, SecurityHeadersMixin):
    def test_every_kind_of_answer_carries_the_headers(self) -> None:
        for method, path, body in ROUTES:
            with self.subTest(path=path):
                status, lines, payload = exchange(self.env.server.port, method, path, body)
                headers = dict(lines)
                self.assertGreaterEqual(status, 200, path)
                self.assert_common(headers, f"{method} {path} -> {status}", https=False)
                if headers.get("content-type", "").startswith(("application/", "text/plain")):
                    self.assertEqual(headers.get("content-security-policy"), API_POLICY, path)

    def test_the_welcome_page_allows_its_own_script_only(self) -> None:
        status, lines, body = exchange(self.env.server.port, "GET", "/")
        self.assertEqual(status, 200)
        headers = dict(lines)
        self.assert_common(headers, "/", https=False)
        csp = headers["content-security-policy"]
        self.assertRegex(csp, r"script-src 'sha256-[A-Za-z0-9+/]{43}='")
        self.assertIn("default-src 'none'", csp)
        self.assertIn(b"<script>", body)

    def test_a_stream_carries_the_headers(self) -> None:
        headers = stream_head(self.env.server.port, "/api/v1/events/stream")
        self.assertEqual(headers["status"], "200", headers)
        self.assertEqual(headers.get("content-type", "").split(";")[0], "text/event-stream")
        self.assert_common(headers, "stream", https=False)
        self.assertEqual(headers.get("content-security-policy"), API_POLICY)

    def test_cookies_on_localhost_over_http(self) -> None:
        cookies = staff_cookies(self, self.env.server.port)
        names = {}
        for cookie in cookies:
            name, attrs = attributes(cookie)
            names[name] = attrs
            self.assertEqual(attrs.get("path"), "/", cookie)
            self.assertIn("samesite", attrs, cookie)
            self.assertRegex(attrs.get("max-age", ""), r"^\d+$", cookie)
            # A developer's browser at http://127.0.0.1 would drop a Secure cookie.
            self.assertNotIn("secure", attrs, cookie)
        self.assertEqual(set(names), {"cds_session", "cds_csrf"})
        self.assertIn("httponly", names["cds_session"])
        self.assertEqual(names["cds_session"]["samesite"], "Lax")
        # The CSRF token is read by the page's script (double submit): not HttpOnly, Strict.
        self.assertNotIn("httponly", names["cds_csrf"])
        self.assertEqual(names["cds_csrf"]["samesite"], "Strict")


class HttpsPublicUrlTest(ApiCase, SecurityHeadersMixin):
    """A second server on the same database, as production runs it behind nginx: public URL
    https, the web app built."""

    @classmethod
    def setUpClass(cls) -> None:
        env = api_case.ENV
        assert env is not None, "run through run_api_tests.py"
        cls.build = os.path.join(env.tmp, "web-build-https")
        write_fake_build(cls.build)
        cls.server = Server(env.binary, env.db_url, env.data_dir, env.server.log_path,
                            env=dict(env.proc_env, CDS_WEB_DIR=cls.build,
                                     CDS_PUBLIC_URL=PUBLIC_URL))
        cls.server.port = free_port()
        cls.server.start()

    @classmethod
    def tearDownClass(cls) -> None:
        cls.server.stop()
        shutil.rmtree(cls.build, ignore_errors=True)

    def test_every_answer_has_hsts_and_the_app_its_policy(self) -> None:
        port = self.server.port
        for method, path, body in ROUTES + [("GET", "/app/reports/PA-2611-000123", None),
                                            ("GET", "/app/sw.js", None)]:
            with self.subTest(path=path):
                status, lines, _ = exchange(port, method, path, body)
                self.assert_common(dict(lines), f"{method} {path} -> {status}", https=True)
        self.assert_common(stream_head(port, "/api/v1/events/stream"), "stream", https=True)
        for path in ("/app/", "/" + ASSET, "/app/sw.js"):
            status, lines, _ = exchange(port, "GET", path)
            self.assertEqual(status, 200, path)
            csp = dict(lines)["content-security-policy"]
            for directive in ("script-src 'self'", "object-src 'none'", "base-uri 'self'",
                              "form-action 'self'", "frame-ancestors 'none'"):
                self.assertIn(directive, csp, path)

    def test_a_revalidated_page_keeps_its_policy(self) -> None:
        # A cache replaces the stored headers with a 304's: the API policy there would break the
        # app at its next load.
        _, lines, _ = exchange(self.server.port, "GET", "/app/")
        tag = dict(lines)["etag"]
        status, lines, _ = exchange(self.server.port, "GET", "/app/",
                                    headers={"If-None-Match": tag})
        self.assertEqual(status, 304)
        self.assertIn("script-src 'self'", dict(lines)["content-security-policy"])
        self.assert_common(dict(lines), "304", https=True)

    def test_cookies_are_secure_even_on_a_request_to_localhost(self) -> None:
        # nginx forwards to 127.0.0.1: the cookie must still be Secure for the browser.
        cookies = staff_cookies(self, self.server.port)
        self.assertEqual(len(cookies), 2, cookies)
        for cookie in cookies:
            name, attrs = attributes(cookie)
            self.assertIn("secure", attrs, cookie)
            self.assertEqual(attrs.get("path"), "/", cookie)
            self.assertIn("samesite", attrs, cookie)
            if name == "cds_session":
                self.assertIn("httponly", attrs, cookie)
