"""The authorization matrix: every endpoint, called as each kind of caller, with the answer each
must get. The list of endpoints is read from the routes registered in src/, so a new endpoint
without a row here fails this test until someone decides who may call it."""

from __future__ import annotations

import pathlib
import re
import unittest
from typing import Callable

from api_case import ApiCase, tag
from harness import WARD_BOUNDARIES
from sse import SseClient
from test_alerts import alert_body
from test_service import make_png, multipart

ROOT = pathlib.Path(__file__).resolve().parents[2]
ROUTE = re.compile(r'\brouter\s*(?:\.|->)\s*add\s*\(\s*(?:[A-Za-z_][\w:]*::)?Method::k([A-Za-z]+)'
                   r'\s*,\s*"([^"\\]*)"')

CALLERS = ("anonymous", "citizen_a", "citizen_b", "operator", "unit_x", "unit_y", "leader", "admin")


def registered_routes() -> set[tuple[str, str]]:
    routes = set()
    for cpp in (ROOT / "src").rglob("*.cpp"):
        for m in ROUTE.finditer(cpp.read_text(encoding="utf-8")):
            routes.add((m.group(1).upper(), m.group(2)))
    return routes


def row(anonymous, citizen_a, citizen_b, operator, unit_x, unit_y, leader, admin):
    return dict(zip(CALLERS, (anonymous, citizen_a, citizen_b, operator, unit_x, unit_y, leader,
                              admin)))


ALL_200 = row(200, 200, 200, 200, 200, 200, 200, 200)
# The web front end is public. The API tests run without a build of it (the harness points
# CDS_WEB_DIR at an empty place), so its routes answer 404 web_app_not_built to everyone; with a
# build they answer 200 (tests/api/test_web.py).
NOT_BUILT = row(404, 404, 404, 404, 404, 404, 404, 404)
ALL_301 = row(301, 301, 301, 301, 301, 301, 301, 301)
SIGNED_IN_200 = row(401, 200, 200, 200, 200, 200, 200, 200)

# (method, route) → expected status per caller. The fixture: citizen A's private report, assigned
# to unit X (EVN HCMC); unit Y is SAWACO. Citizen B is a stranger to it.
MATRIX: dict[tuple[str, str], dict[str, int]] = {
    ("GET", "/"): ALL_200,  # the welcome page while the web app is not built, else 302 to /app/
    ("GET", "/app"): ALL_301,
    ("GET", "/app/"): NOT_BUILT,
    ("GET", "/app/{path...}"): NOT_BUILT,
    ("GET", "/staff"): ALL_301,
    ("GET", "/staff/"): NOT_BUILT,
    ("GET", "/staff/{path...}"): NOT_BUILT,
    ("GET", "/assets/{path...}"): NOT_BUILT,
    ("GET", "/healthz"): ALL_200,
    ("GET", "/readyz"): ALL_200,
    ("GET", "/metrics"): ALL_200,
    ("GET", "/api/v1/categories"): ALL_200,
    ("GET", "/api/v1/areas"): ALL_200,
    ("GET", "/api/v1/areas/locate"): ALL_200,
    ("GET", "/api/v1/config"): ALL_200,
    ("GET", "/api/v1/units"): ALL_200,
    ("GET", "/api/v1/reports"): ALL_200,  # the public list
    ("POST", "/api/v1/reports"): row(401, 201, 201, 403, 403, 403, 403, 403),
    ("GET", "/api/v1/reports/{id}"): row(404, 200, 404, 404, 404, 404, 404, 404),
    ("POST", "/api/v1/reports/{id}/withdraw"): row(401, 409, 404, 403, 403, 403, 403, 403),
    ("POST", "/api/v1/reports/{id}/rating"): row(401, 409, 404, 403, 403, 403, 403, 403),
    ("POST", "/api/v1/reports/{id}/reopen"): row(401, 409, 404, 403, 403, 403, 403, 403),
    ("POST", "/api/v1/reports/{id}/follow"): row(401, 409, 404, 403, 403, 403, 403, 403),
    ("DELETE", "/api/v1/reports/{id}/follow"): row(401, 409, 404, 403, 403, 403, 403, 403),
    ("POST", "/api/v1/reports/{id}/support"): row(401, 404, 404, 403, 403, 403, 403, 403),
    ("GET", "/api/v1/staff/reports"): row(401, 403, 403, 200, 200, 200, 200, 200),
    ("POST", "/api/v1/staff/reports"): row(401, 403, 403, 201, 403, 403, 403, 201),
    ("GET", "/api/v1/staff/reports/{id}"): row(401, 403, 403, 200, 200, 404, 200, 200),
    ("POST", "/api/v1/staff/reports/{id}/{action}"): row(401, 403, 403, 200, 200, 404, 200, 200),
    # The dashboard: unit staff get their own unit's figures (tests/api/test_stats.py).
    ("GET", "/api/v1/staff/stats"): row(401, 403, 403, 200, 200, 200, 200, 200),
    ("GET", "/api/v1/staff/stats/ranking"): row(401, 403, 403, 200, 200, 200, 200, 200),
    ("POST", "/api/v1/media"): row(401, 201, 201, 201, 201, 201, 201, 201),
    ("GET", "/api/v1/media/{id}"): row(404, 200, 404, 200, 200, 200, 200, 200),
    ("GET", "/api/v1/media/{id}/thumbnail"): row(404, 200, 404, 200, 200, 200, 200, 200),
    # Wrong credentials: the same answer whoever asks.
    ("POST", "/api/v1/auth/staff/login"): row(401, 401, 401, 401, 401, 401, 401, 401),
    ("POST", "/api/v1/auth/staff/totp/confirm"): row(401, 401, 401, 401, 401, 401, 401, 401),
    ("POST", "/api/v1/auth/logout"): row(401, 204, 204, 204, 204, 204, 204, 204),
    ("GET", "/api/v1/me"): row(401, 200, 200, 200, 200, 200, 200, 200),
    ("GET", "/api/v1/me/sessions"): row(401, 200, 200, 200, 200, 200, 200, 200),
    ("GET", "/api/v1/me/export"): row(401, 200, 200, 200, 200, 200, 200, 200),
    # Citizens delete their own account (a fresh one per call); staff accounts are closed by admins.
    ("DELETE", "/api/v1/me"): row(401, 200, 200, 403, 403, 403, 403, 403),
    ("DELETE", "/api/v1/me/sessions/{id}"): row(401, 404, 404, 404, 404, 404, 404, 404),
    # Consent and the shared location belong to citizens (Law 91/2025/QH15).
    ("GET", "/api/v1/me/consents"): row(401, 200, 200, 403, 403, 403, 403, 403),
    ("PUT", "/api/v1/me/consents/{purpose}"): row(401, 200, 200, 403, 403, 403, 403, 403),
    ("PUT", "/api/v1/me/location"): row(401, 204, 204, 403, 403, 403, 403, 403),
    ("DELETE", "/api/v1/me/location"): row(401, 204, 204, 403, 403, 403, 403, 403),
    # Signing in with VNeID starts the same for everyone; a callback without its state is refused.
    ("GET", "/api/v1/auth/vneid/start"): row(303, 303, 303, 303, 303, 303, 303, 303),
    ("GET", "/api/v1/auth/vneid/callback"): row(400, 400, 400, 400, 400, 400, 400, 400),
    ("GET", "/.well-known/jwks.json"): ALL_200,
    ("GET", "/api/v1/admin/users"): row(401, 403, 403, 403, 403, 403, 403, 200),
    # The reference data: administrators only.
    ("PUT", "/api/v1/admin/categories/{code}"): row(401, 403, 403, 403, 403, 403, 403, 201),
    ("PUT", "/api/v1/admin/units/{code}"): row(401, 403, 403, 403, 403, 403, 403, 201),
    ("GET", "/api/v1/admin/routing-rules"): row(401, 403, 403, 403, 403, 403, 403, 200),
    ("PUT", "/api/v1/admin/routing-rules/{category}/{ward}"): row(401, 403, 403, 403, 403, 403,
                                                                  403, 200),
    ("DELETE", "/api/v1/admin/routing-rules/{category}/{ward}"): row(401, 403, 403, 403, 403, 403,
                                                                     403, 204),
    ("GET", "/api/v1/admin/holidays"): row(401, 403, 403, 403, 403, 403, 403, 200),
    ("PUT", "/api/v1/admin/holidays/{date}"): row(401, 403, 403, 403, 403, 403, 403, 200),
    ("DELETE", "/api/v1/admin/holidays/{date}"): row(401, 403, 403, 403, 403, 403, 403, 204),
    ("GET", "/api/v1/admin/audit"): row(401, 403, 403, 403, 403, 403, 403, 200),
    ("POST", "/api/v1/admin/users"): row(401, 403, 403, 403, 403, 403, 403, 201),
    ("PATCH", "/api/v1/admin/users/{id}"): row(401, 403, 403, 403, 403, 403, 403, 200),
    ("POST", "/api/v1/admin/users/{id}/password"): row(401, 403, 403, 403, 403, 403, 403, 204),
    ("POST", "/api/v1/admin/users/{id}/totp-reset"): row(401, 403, 403, 403, 403, 403, 403, 204),
    # Real-time delivery. The stream is open to everyone (anonymous: public broadcasts only);
    # each signed-in person's inbox, preferences and devices are their own.
    ("GET", "/api/v1/events/stream"): ALL_200,
    ("GET", "/api/v1/notifications"): SIGNED_IN_200,
    ("GET", "/api/v1/notifications/unread-count"): SIGNED_IN_200,
    ("POST", "/api/v1/notifications/read"): SIGNED_IN_200,
    ("GET", "/api/v1/notifications/preferences"): SIGNED_IN_200,
    ("PUT", "/api/v1/notifications/preferences"): SIGNED_IN_200,
    ("GET", "/api/v1/push/key"): ALL_200,
    ("GET", "/api/v1/push/subscriptions"): SIGNED_IN_200,
    # With an empty body: the caller passes the gate and then the body is refused.
    ("POST", "/api/v1/push/subscriptions"): row(401, 422, 422, 422, 422, 422, 422, 422),
    ("DELETE", "/api/v1/push/subscriptions/{id}"): row(401, 404, 404, 404, 404, 404, 404, 404),
    ("POST", "/api/v1/admin/broadcasts"): row(401, 403, 403, 403, 403, 403, 403, 201),
    # Hot alerts: alert officers and administrators draft and approve (another officer than the
    # author); everyone reads what was sent, its CAP document and the feed.
    ("PUT", "/api/v1/me/home-ward"): row(401, 200, 200, 403, 403, 403, 403, 403),
    ("POST", "/api/v1/staff/alerts"): row(401, 403, 403, 403, 403, 403, 403, 201),
    ("GET", "/api/v1/staff/alerts"): row(401, 403, 403, 403, 403, 403, 403, 200),
    ("GET", "/api/v1/staff/alerts/{id}"): row(401, 403, 403, 403, 403, 403, 403, 200),
    ("PUT", "/api/v1/staff/alerts/{id}"): row(401, 403, 403, 403, 403, 403, 403, 200),
    ("POST", "/api/v1/staff/alerts/{id}/approve"): row(401, 403, 403, 403, 403, 403, 403, 200),
    ("POST", "/api/v1/staff/alerts/{id}/cancel"): row(401, 403, 403, 403, 403, 403, 403, 200),
    ("GET", "/api/v1/alerts"): ALL_200,
    ("GET", "/api/v1/alerts/{id}"): ALL_200,
    ("POST", "/api/v1/alerts/{id}/opened"): row(204, 204, 204, 204, 204, 204, 204, 204),
    ("GET", "/alerts/{file}"): ALL_200,
    ("GET", "/alerts.atom"): ALL_200,
    # News: readers are anyone; writing is for editors (not a matrix caller) and admins.
    ("GET", "/api/v1/news"): ALL_200,
    ("GET", "/api/v1/news/{id}"): ALL_200,
    ("GET", "/news.atom"): ALL_200,
    ("GET", "/api/v1/staff/news"): row(401, 403, 403, 403, 403, 403, 403, 200),
    ("POST", "/api/v1/staff/news"): row(401, 403, 403, 403, 403, 403, 403, 201),
    ("POST", "/api/v1/staff/news/preview"): row(401, 403, 403, 403, 403, 403, 403, 200),
    ("GET", "/api/v1/staff/news/{id}"): row(401, 403, 403, 403, 403, 403, 403, 200),
    ("PUT", "/api/v1/staff/news/{id}"): row(401, 403, 403, 403, 403, 403, 403, 200),
    ("POST", "/api/v1/staff/news/{id}/publish"): row(401, 403, 403, 403, 403, 403, 403, 200),
    ("POST", "/api/v1/staff/news/{id}/unpublish"): row(401, 403, 403, 403, 403, 403, 403, 200),
    ("GET", "/api/v1/apps"): ALL_200,
    ("GET", "/api/v1/admin/apps"): row(401, 403, 403, 403, 403, 403, 403, 200),
    ("POST", "/api/v1/admin/apps"): row(401, 403, 403, 403, 403, 403, 403, 201),
    ("PUT", "/api/v1/admin/apps/order"): row(401, 403, 403, 403, 403, 403, 403, 200),
    ("PUT", "/api/v1/admin/apps/{id}"): row(401, 403, 403, 403, 403, 403, 403, 200),
    ("DELETE", "/api/v1/admin/apps/{id}"): row(401, 403, 403, 403, 403, 403, 403, 204),
    ("GET", "/api/v1/procedures"): ALL_200,
    ("GET", "/api/v1/procedures/{code}"): ALL_200,
    # Dossiers: the public lookup answers 404 without the receipt's secret; a citizen's own list;
    # only the public-service system's connector (not a matrix caller) writes.
    ("GET", "/api/v1/dossiers/{code}"): row(404, 404, 404, 404, 404, 404, 404, 404),
    ("GET", "/api/v1/me/dossiers"): row(401, 200, 200, 403, 403, 403, 403, 403),
    ("GET", "/api/v1/me/dossiers/{code}"): row(401, 404, 404, 403, 403, 403, 403, 403),
    ("PUT", "/api/v1/connector/dossiers/{code}"): row(401, 403, 403, 403, 403, 403, 403, 403),
    ("POST", "/api/v1/connector/dossiers/{code}/events"): row(401, 403, 403, 403, 403, 403, 403,
                                                              403),
    # Geography: ward shapes are public (404 areas_no_boundary when none are imported).
    ("GET", "/api/v1/areas/shapes"): ALL_200,
    ("GET", "/api/v1/areas/{code}/shape"): ALL_200 if WARD_BOUNDARIES.exists() else row(*[404] * 8),
    ("GET", "/api/v1/map/reports"): ALL_200,
    ("GET", "/api/v1/map/layers"): ALL_200,
    ("GET", "/api/v1/map/pois"): ALL_200,
}


class AuthorizationMatrixTest(ApiCase):
    def test_every_registered_route_has_a_row(self) -> None:
        routes = registered_routes()
        self.assertGreater(len(routes), 20)
        self.assertEqual(sorted(routes - MATRIX.keys()), [],
                         "routes without an authorization row: add them to MATRIX")
        self.assertEqual(sorted(MATRIX.keys() - routes), [], "rows for routes that do not exist")

    def test_every_caller_gets_the_expected_answer(self) -> None:
        a, b = self.citizen(), self.citizen()
        tokens = {
            "anonymous": None,
            "citizen_a": a.token,
            "citizen_b": b.token,
            "operator": self.tok("operator1"),
            "unit_x": self.env.add_user("unit_staff", unit="evn-hcmc", prefix="x_").token,
            "unit_y": self.env.add_user("unit_staff", unit="sawaco", prefix="y_").token,
            "leader": self.tok("leader1"),
            "admin": self.tok("admin1"),
        }
        op = tokens["operator"]
        body, ctype = multipart("file", "anh.png", "image/png", make_png())
        photo = self.http.post("/api/v1/media", raw=body, content_type=ctype,
                               token=a.token).json()["id"]

        def private_report(assigned: bool = True) -> dict:
            rep = self.submit(a.token, public=False, photos=[photo] if assigned else [])
            if assigned:
                self.staff_act(op, rep["id"], "assign")
            return rep

        # Each call gets a fresh report where the call could change it.
        calls: dict[tuple[str, str], Callable[[str | None], object]] = {}
        shared = private_report()

        def at(method: str, path: str, fresh: bool = False, body=None, **kw):
            def call(token):
                rid = private_report()["id"] if fresh else shared["id"]
                return self.http.request(method, path.format(id=rid, media=photo), body,
                                         token=token, **kw)
            return call

        for key in MATRIX:
            method, route = key
            if "{id}" not in route and route not in ("/api/v1/reports", "/api/v1/staff/reports",
                                                     "/api/v1/media"):
                calls[key] = at(method, route, body={} if method == "POST" else None)
        calls[("GET", "/api/v1/reports")] = at("GET", "/api/v1/reports")
        calls[("GET", "/api/v1/areas/locate")] = at("GET",
                                                     "/api/v1/areas/locate?lat=10.7725&lon=106.698")
        calls[("POST", "/api/v1/reports")] = at("POST", "/api/v1/reports",
                                                body=self.report_body())
        calls[("GET", "/api/v1/reports/{id}")] = at("GET", "/api/v1/reports/{id}")
        for action, payload in (("withdraw", {}), ("rating", {"score": 5}),
                                ("reopen", {"reason": "chưa sửa"})):
            calls[("POST", f"/api/v1/reports/{{id}}/{action}")] = at(
                "POST", f"/api/v1/reports/{{id}}/{action}", fresh=True, body=payload)
        calls[("POST", "/api/v1/reports/{id}/follow")] = at("POST", "/api/v1/reports/{id}/follow")
        calls[("DELETE", "/api/v1/reports/{id}/follow")] = at("DELETE",
                                                              "/api/v1/reports/{id}/follow")
        calls[("POST", "/api/v1/reports/{id}/support")] = at("POST", "/api/v1/reports/{id}/support")
        calls[("GET", "/api/v1/staff/reports")] = at("GET", "/api/v1/staff/reports")
        calls[("POST", "/api/v1/staff/reports")] = at(
            "POST", "/api/v1/staff/reports",
            body=self.report_body(caller_name="Người gọi", caller_phone="0901234567"))
        calls[("GET", "/api/v1/staff/reports/{id}")] = at("GET", "/api/v1/staff/reports/{id}")
        calls[("POST", "/api/v1/staff/reports/{id}/{action}")] = at(
            "POST", "/api/v1/staff/reports/{id}/note", fresh=True, body={"text": "ghi chú"})
        calls[("POST", "/api/v1/media")] = lambda token: self.http.post(
            "/api/v1/media", raw=body, content_type=ctype, token=token)
        calls[("GET", "/api/v1/media/{id}")] = at("GET", "/api/v1/media/{media}")
        calls[("GET", "/api/v1/media/{id}/thumbnail")] = at("GET", "/api/v1/media/{media}/thumbnail")
        # A different unknown account for each caller: one account's failures would lock it.
        calls[("POST", "/api/v1/auth/staff/login")] = lambda token: self.http.post(
            "/api/v1/auth/staff/login", {"username": f"khong_co_{tag()}", "password": "sai"},
            token=token)
        calls[("POST", "/api/v1/auth/staff/totp/confirm")] = at(
            "POST", "/api/v1/auth/staff/totp/confirm", body={"ticket": "x", "code": "000000"})
        calls[("DELETE", "/api/v1/me/sessions/{id}")] = at("DELETE", "/api/v1/me/sessions/nope")
        # A deep link, a file of the app, a hashed asset.
        calls[("GET", "/app/{path...}")] = at("GET", "/app/reports/12")
        calls[("GET", "/staff/{path...}")] = at("GET", "/staff/manifest.webmanifest")
        calls[("GET", "/assets/{path...}")] = at("GET", "/assets/index-3f9a1c2b.js")

        calls[("PUT", "/api/v1/me/consents/{purpose}")] = at(
            "PUT", "/api/v1/me/consents/location", body={"granted": True})

        def share_location(token):
            # With consent given first: the answer then depends only on who calls.
            self.http.request("PUT", "/api/v1/me/consents/location", {"granted": True},
                              token=token)
            return self.http.request("PUT", "/api/v1/me/location",
                                     {"lat": 10.7725, "lon": 106.6980}, token=token)
        calls[("PUT", "/api/v1/me/location")] = share_location

        # Each admin call changes nothing other tests rely on: fresh codes, a rule that repeats the
        # category's default, a holiday far away (created, then removed).
        calls[("PUT", "/api/v1/admin/categories/{code}")] = lambda token: self.http.request(
            "PUT", f"/api/v1/admin/categories/{tag()}",
            {"name": "Thử", "name_en": "Test", "deadline_days": 5}, token=token)
        calls[("PUT", "/api/v1/admin/units/{code}")] = lambda token: self.http.request(
            "PUT", f"/api/v1/admin/units/{tag()}",
            {"name": "Đơn vị thử", "name_en": "Test unit", "kind": "department"}, token=token)
        calls[("GET", "/api/v1/admin/routing-rules")] = at(
            "GET", "/api/v1/admin/routing-rules?category=dien_luc")
        calls[("PUT", "/api/v1/admin/routing-rules/{category}/{ward}")] = at(
            "PUT", "/api/v1/admin/routing-rules/dien_luc/26740", body={"unit": "evn-hcmc"})
        calls[("DELETE", "/api/v1/admin/routing-rules/{category}/{ward}")] = at(
            "DELETE", "/api/v1/admin/routing-rules/dien_luc/26740")
        calls[("PUT", "/api/v1/admin/holidays/{date}")] = at(
            "PUT", "/api/v1/admin/holidays/2099-01-01", body={"name": "Ngày thử"})
        calls[("DELETE", "/api/v1/admin/holidays/{date}")] = at(
            "DELETE", "/api/v1/admin/holidays/2099-01-01")

        target = self.env.add_user("operator", prefix="target_").id
        # Deleting an account ends it: citizens delete a throwaway one of their own.
        calls[("DELETE", "/api/v1/me")] = lambda token: self.http.delete(
            "/api/v1/me", token=self.citizen().token if token in (a.token, b.token) else token)
        calls[("POST", "/api/v1/admin/users")] = lambda token: self.http.post(
            "/api/v1/admin/users", {"username": f"moi_{tag()}", "role": "citizen"}, token=token)
        calls[("GET", "/api/v1/admin/users")] = at("GET", "/api/v1/admin/users")
        calls[("GET", "/api/v1/admin/audit")] = at("GET", "/api/v1/admin/audit")
        calls[("PATCH", "/api/v1/admin/users/{id}")] = lambda token: self.http.request(
            "PATCH", f"/api/v1/admin/users/{target}", {"display_name": "Tên mới"}, token=token)
        calls[("POST", "/api/v1/admin/users/{id}/password")] = lambda token: self.http.post(
            f"/api/v1/admin/users/{target}/password", {"password": "mat-khau-moi-123"}, token=token)
        calls[("POST", "/api/v1/admin/users/{id}/totp-reset")] = lambda token: self.http.post(
            f"/api/v1/admin/users/{target}/totp-reset", None, token=token)

        # The stream never ends by itself: only its status is read.
        def open_stream(token):
            s = SseClient(self.env.server.port, token=token)
            s.close()
            return s
        calls[("GET", "/api/v1/events/stream")] = open_stream
        calls[("POST", "/api/v1/notifications/read")] = at(
            "POST", "/api/v1/notifications/read", body={"all": True})
        calls[("PUT", "/api/v1/notifications/preferences")] = at(
            "PUT", "/api/v1/notifications/preferences", body={"items": []})
        calls[("DELETE", "/api/v1/push/subscriptions/{id}")] = at(
            "DELETE", "/api/v1/push/subscriptions/999999999")
        calls[("POST", "/api/v1/admin/broadcasts")] = at(
            "POST", "/api/v1/admin/broadcasts", body={"title": {"vi": "Thử quyền"}})

        officer = self.staff("alert_officer")

        def alert_draft() -> int:
            r = self.http.post("/api/v1/staff/alerts", alert_body(), token=officer.token)
            self.assertEqual(r.status, 201, r)
            return r.json()["id"]
        sent_alert = alert_draft()
        self.http.post(f"/api/v1/staff/alerts/{sent_alert}/approve", {}, token=tokens["admin"])

        def on_alert(method: str, path: str, fresh: bool = False, body=None):
            def call(token):
                aid = alert_draft() if fresh else sent_alert
                return self.http.request(method, path.format(id=aid), body, token=token)
            return call
        calls[("PUT", "/api/v1/me/home-ward")] = at("PUT", "/api/v1/me/home-ward",
                                                    body={"ward": "26740"})
        calls[("POST", "/api/v1/staff/alerts")] = at("POST", "/api/v1/staff/alerts",
                                                     body=alert_body())
        calls[("GET", "/api/v1/staff/alerts/{id}")] = on_alert("GET", "/api/v1/staff/alerts/{id}")
        calls[("PUT", "/api/v1/staff/alerts/{id}")] = on_alert(
            "PUT", "/api/v1/staff/alerts/{id}", fresh=True, body=alert_body())
        for action in ("approve", "cancel"):
            calls[("POST", f"/api/v1/staff/alerts/{{id}}/{action}")] = on_alert(
                "POST", f"/api/v1/staff/alerts/{{id}}/{action}", fresh=True, body={})
        calls[("GET", "/api/v1/alerts/{id}")] = on_alert("GET", "/api/v1/alerts/{id}")
        calls[("POST", "/api/v1/alerts/{id}/opened")] = on_alert(
            "POST", "/api/v1/alerts/{id}/opened", body={"client_id": "matrix-client-0001"})
        calls[("GET", "/alerts/{file}")] = on_alert("GET", "/alerts/{id}.cap")
        # News: a published item to read; a fresh draft (scheduled far ahead when published, so
        # that no reader sees it) for each call that changes one.
        admin = tokens["admin"]
        news_body = {"kind": "news", "title": "Thử quyền", "body_md": "x"}
        later = {"publish_at": "2099-01-01T09:00:00+07:00"}

        def fresh_news(published: bool = False) -> int:
            nid = self.http.post("/api/v1/staff/news", news_body, token=admin).json()["id"]
            if published:
                self.http.post(f"/api/v1/staff/news/{nid}/publish", later, token=admin)
            return nid
        readable = self.http.get("/api/v1/news").json()["items"][0]["id"]
        calls[("GET", "/api/v1/news/{id}")] = at("GET", f"/api/v1/news/{readable}")
        calls[("POST", "/api/v1/staff/news")] = at("POST", "/api/v1/staff/news", body=news_body)
        calls[("POST", "/api/v1/staff/news/preview")] = at(
            "POST", "/api/v1/staff/news/preview", body={"body_md": "**x**"})
        calls[("GET", "/api/v1/staff/news/{id}")] = at("GET", f"/api/v1/staff/news/{readable}")
        calls[("PUT", "/api/v1/staff/news/{id}")] = lambda token: self.http.request(
            "PUT", f"/api/v1/staff/news/{fresh_news()}", news_body, token=token)
        calls[("POST", "/api/v1/staff/news/{id}/publish")] = lambda token: self.http.post(
            f"/api/v1/staff/news/{fresh_news()}/publish", later, token=token)
        calls[("POST", "/api/v1/staff/news/{id}/unpublish")] = lambda token: self.http.post(
            f"/api/v1/staff/news/{fresh_news(True)}/unpublish", None, token=token)
        calls[("GET", "/api/v1/procedures/{code}")] = at("GET", "/api/v1/procedures/1.001193")
        calls[("GET", "/api/v1/map/reports")] = at(
            "GET", "/api/v1/map/reports?bbox=106.6,10.7,106.8,10.85&zoom=12")
        calls[("GET", "/api/v1/map/pois")] = at("GET", "/api/v1/map/pois?near=10.7725,106.698")

        # The directory of public apps: a fresh inactive app for each call that changes one; the
        # order as it stands, so that the admin's call lists every app once.
        app_body = {"name": "Thử quyền", "name_en": "Access test", "description": "x",
                    "description_en": "x", "category": "other",
                    "web_url": "https://example.gov.vn", "active": False}

        def fresh_app() -> int:
            return self.http.post("/api/v1/admin/apps", app_body, token=admin).json()["id"]

        def app_order() -> list[int]:
            return [a["id"] for a in
                    self.http.get("/api/v1/admin/apps", token=admin).json()["items"]]
        calls[("POST", "/api/v1/admin/apps")] = at("POST", "/api/v1/admin/apps", body=app_body)
        calls[("PUT", "/api/v1/admin/apps/order")] = lambda token: self.http.request(
            "PUT", "/api/v1/admin/apps/order", {"ids": app_order()}, token=token)
        calls[("PUT", "/api/v1/admin/apps/{id}")] = lambda token: self.http.request(
            "PUT", f"/api/v1/admin/apps/{fresh_app()}", app_body, token=token)
        calls[("DELETE", "/api/v1/admin/apps/{id}")] = lambda token: self.http.delete(
            f"/api/v1/admin/apps/{fresh_app()}", token=token)

        # Dossiers: a code nobody filed (the lookup's answer is the same for a wrong secret).
        nobody = "00.00.KHONG-000000-0000"
        calls[("GET", "/api/v1/dossiers/{code}")] = at("GET", f"/api/v1/dossiers/{nobody}")
        calls[("GET", "/api/v1/me/dossiers/{code}")] = at("GET", f"/api/v1/me/dossiers/{nobody}")
        calls[("PUT", "/api/v1/connector/dossiers/{code}")] = at(
            "PUT", f"/api/v1/connector/dossiers/{nobody}", body={})
        calls[("POST", "/api/v1/connector/dossiers/{code}/events")] = at(
            "POST", f"/api/v1/connector/dossiers/{nobody}/events", body={})
        calls[("GET", "/api/v1/areas/{code}/shape")] = at("GET", "/api/v1/areas/26743/shape")
        self.assertEqual(sorted(MATRIX.keys() - calls.keys()), [])
        wrong = []
        for key, expected in MATRIX.items():
            for caller in CALLERS:
                r = calls[key](tokens[caller])
                if r.status != expected[caller]:
                    wrong.append(f"{key[0]} {key[1]} as {caller}: {r.status}, "
                                 f"expected {expected[caller]}")
        self.assertEqual(wrong, [], "\n".join(wrong))


if __name__ == "__main__":
    unittest.main()
