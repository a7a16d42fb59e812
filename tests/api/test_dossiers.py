"""Dossier tracking: the connector's idempotent upserts and status changes, the public lookup by
code and receipt secret (one 404 for every miss, rate-limited, applicant masked), "my dossiers"
for the citizen whose e-ID carries the applicant's ID number, and the status change reaching that
citizen's stream and inbox."""

from __future__ import annotations

import datetime as dt
import http.client
import itertools
import json
import secrets
import time

from api_case import ApiCase
from harness import Response
from sse import SseClient
from vneid_browser import Browser, sign_in

# A citizen of the VNeID stand-in (tools/vneid-standin/citizens.mjs) and the ID number on their
# e-ID: dossiers filed under that number are theirs.
NGOC_SUB = "vneid-demo-0002"
NGOC_ID = "079192004567"
SECRET_HEADER = "X-Dossier-Secret"

# Each lookup comes from its own loopback address, so that the per-address limit counts only the
# test that is about it.
_addresses = (f"127.0.{a}.{b}" for a, b in itertools.product(range(40, 250), range(2, 250)))


def at(days: float = 0) -> str:
    t = dt.datetime.now(dt.timezone(dt.timedelta(hours=7))) + dt.timedelta(days=days)
    return t.replace(microsecond=0).isoformat()


def new_code() -> str:
    return f"38.98.H29-{secrets.token_hex(3).upper()}-{secrets.randbelow(10000):04d}"


def dossier_body(**over) -> dict:
    body = {
        "procedure": {"code": "1.001193", "name": "Thủ tục đăng ký khai sinh"},
        "agency": "UBND Phường Bến Thành",
        "applicant": {"name": "Trần Thị Bích Ngọc", "id_number": NGOC_ID},
        "status": "received",
        "submitted_at": at(-2),
        "appointment_at": at(3),
        "lookup_secret": "AB12CD",
    }
    body.update(over)
    return body


class DossiersTest(ApiCase):
    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.env.server.port}"

    def setUp(self) -> None:
        self.connector = self.env.add_user("connector", prefix="connector_").token

    # -- helpers

    def put(self, code: str, body: dict, token: str | None = None) -> Response:
        return self.http.request("PUT", f"/api/v1/connector/dossiers/{code}", body,
                                 token=token or self.connector)

    def event(self, code: str, body: dict, token: str | None = None,
              headers: dict | None = None) -> Response:
        return self.http.post(f"/api/v1/connector/dossiers/{code}/events", body,
                              token=token or self.connector, headers=headers)

    def lookup(self, code: str, secret: str | None, source: str | None = None) -> Response:
        """GET /api/v1/dossiers/{code} from a loopback address of its own (or `source`)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.env.server.port, timeout=30,
                                          source_address=(source or next(_addresses), 0))
        try:
            headers = {SECRET_HEADER: secret} if secret is not None else {}
            conn.request("GET", f"/api/v1/dossiers/{code}", headers=headers)
            r = conn.getresponse()
            hs = {k.lower(): v for k, v in r.getheaders()}
            return Response(r.status, hs, r.read(), "GET", f"/api/v1/dossiers/{code}")
        finally:
            conn.close()

    def timeline_rows(self, code: str) -> int:
        return int(self.env.scalar(
            "SELECT COUNT(*) FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id "
            f"WHERE d.code = '{code}'"))

    def ngoc(self) -> tuple[str, int]:
        """Signs Ngọc in through the stand-in; her bearer token and user id."""
        browser = Browser()
        done = sign_in(browser, self.base, self.env.standin.issuer, NGOC_SUB)
        self.assertEqual(done.status, 303, done.text)
        me = self.http.get("/api/v1/me", headers={"Cookie": browser.cookie_header()}).json()
        return self.tok(me["username"]), int(me["id"])

    # -- the connector

    def test_upsert_is_idempotent_and_a_new_status_is_one_timeline_entry(self) -> None:
        code = new_code()
        first = self.put(code.lower(), dossier_body())
        self.assertEqual(first.status, 201, first)
        d = first.json()
        self.assertEqual(d["code"], code)  # kept in upper case
        self.assertEqual(d["status"], "received")
        self.assertEqual([e["status"] for e in d["timeline"]], ["received"])
        self.assertEqual(d["applicant"]["name"], "Trần Thị Bích Ngọc")  # the connector's own data
        events_before = self.env.count("events")
        again = self.put(code, dossier_body())
        self.assertEqual(again.status, 200, again)
        self.assertEqual(again.json()["timeline"], d["timeline"])
        self.assertEqual(self.timeline_rows(code), 1)
        self.assertEqual(self.env.count("events"), events_before)
        moved = self.put(code, dossier_body(status="processing", note="Đang thẩm định."))
        self.assertEqual(moved.status, 200, moved)
        self.assertEqual([e["status"] for e in moved.json()["timeline"]], ["received", "processing"])
        self.assertEqual(self.put(code, dossier_body(status="processing")).status, 200)
        self.assertEqual(self.timeline_rows(code), 2)
        self.assertEqual(self.env.count("events"), events_before + 1)
        # The secret can be left out once the dossier exists; the old one stays.
        body = dossier_body(status="returned")
        del body["lookup_secret"]
        done = self.put(code, body).json()
        self.assertEqual(done["status"], "returned")
        self.assertIsNotNone(done["completed_at"])
        self.assertEqual(self.lookup(code, "ab12cd").status, 200)

    def test_personal_data_is_sealed_at_rest(self) -> None:
        code = new_code()
        self.assertEqual(self.put(code, dossier_body()).status, 201)
        name, id_number, secret_hash = self.env.query(
            f"SELECT applicant_name, applicant_id, secret_hash FROM dossiers WHERE code = '{code}'")[0]
        self.assertTrue(name.startswith("pd1$"), name)
        self.assertTrue(id_number.startswith("pd1$"), id_number)
        self.assertNotIn("AB12CD", secret_hash)
        self.assertEqual(len(secret_hash), 64)

    def test_status_changes_are_recorded_once_per_event_id_or_key(self) -> None:
        code = new_code()
        self.put(code, dossier_body())
        change = {"event_id": "src-1", "status": "processing", "note": "Đã phân công."}
        first = self.event(code, change)
        self.assertEqual(first.status, 201, first)
        events_before = self.env.count("events")
        retry = self.event(code, change)
        self.assertEqual(retry.status, 200, retry)
        self.assertEqual(retry.json()["timeline"], first.json()["timeline"])
        self.assertEqual(self.timeline_rows(code), 2)
        self.assertEqual(self.env.count("events"), events_before)
        # The same id for another change is refused and changes nothing.
        reused = self.event(code, dict(change, status="rejected"))
        self.assertProblem(reused, 409, "dossier_event_key_reused")
        # An Idempotency-Key instead of an event id.
        keyed = {"status": "more_documents_required", "note": "Bổ sung bản sao CCCD."}
        key = {"Idempotency-Key": f"k-{secrets.token_hex(4)}"}
        self.assertEqual(self.event(code, keyed, headers=key).status, 201)
        self.assertEqual(self.event(code, keyed, headers=key).status, 200)
        self.assertEqual(self.timeline_rows(code), 3)
        # Late news of an earlier step joins the history without changing the status.
        late = self.event(code, {"event_id": "src-0", "status": "received", "at": at(-1.5)})
        self.assertEqual(late.status, 201, late)
        self.assertEqual(late.json()["status"], "more_documents_required")
        self.assertEqual(self.timeline_rows(code), 4)
        self.assertEqual(self.env.count("events"), events_before + 1)

    def test_bad_input_is_refused_and_changes_nothing(self) -> None:
        code = new_code()
        dossiers, entries = self.env.count("dossiers"), self.env.count("dossier_events")
        for body, fields in (
                (dossier_body(status="done"), ("status",)),
                (dossier_body(lookup_secret="x"), ("lookup_secret",)),
                (dossier_body(applicant={"name": "", "id_number": "12"}),
                 ("applicant.name", "applicant.id_number")),
                (dossier_body(procedure={"code": "1.001193"}), ("procedure.name",)),
                (dossier_body(submitted_at="hôm qua"), ("submitted_at",)),
                (dossier_body(appointment_at=at(-10)), ("appointment_at",)),
                (dossier_body(colour="red"), ("colour",)),
                ({k: v for k, v in dossier_body().items() if k != "lookup_secret"},
                 ("lookup_secret",))):
            with self.subTest(fields=fields):
                self.assertProblem(self.put(code, body), 422, "invalid", fields)
        self.assertProblem(self.put("ab", dossier_body()), 422, "invalid", ("code",))
        r = self.http.request("PUT", f"/api/v1/connector/dossiers/{code}", raw=b"{nope",
                              content_type="application/json", token=self.connector)
        self.assertEqual(r.status, 400, r)
        self.assertProblem(self.event(code, {"event_id": "e1", "status": "processing"}), 404,
                           "dossier_not_found")
        self.put(code, dossier_body())
        entries += 1
        for body, fields in (({"status": "processing"}, ("event_id",)),
                             ({"event_id": "e1", "status": "nope"}, ("status",)),
                             ({"event_id": "e1", "status": "processing", "at": "x"}, ("at",)),
                             ({"event_id": "e1", "status": "processing", "at": at(-30)},
                              ("at",))):
            with self.subTest(body=body):
                self.assertProblem(self.event(code, body), 422, "invalid", fields)
        self.assertEqual(self.env.count("dossiers"), dossiers + 1)
        self.assertEqual(self.env.count("dossier_events"), entries)

    def test_only_the_connector_role_may_write(self) -> None:
        code = new_code()
        for who in ("admin1", "operator1", "leader1"):
            with self.subTest(who=who):
                self.assertProblem(self.put(code, dossier_body(), token=self.tok(who)), 403)
        self.assertProblem(self.put(code, dossier_body(), token=self.citizen().token), 403)
        r = self.http.request("PUT", f"/api/v1/connector/dossiers/{code}", dossier_body())
        self.assertProblem(r, 401)
        self.assertEqual(self.env.count("dossiers", f"code = '{code}'"), 0)
        self.put(code, dossier_body())
        self.assertProblem(self.event(code, {"event_id": "x1", "status": "processing"},
                                      token=self.tok("admin1")), 403)
        self.assertEqual(self.timeline_rows(code), 1)

    # -- the public lookup

    def test_lookup_needs_the_secret_and_every_miss_is_the_same_404(self) -> None:
        code = new_code()
        self.put(code, dossier_body(status="processing", note="Đang thẩm định."))
        ok = self.lookup(code, "AB12CD")
        self.assertEqual(ok.status, 200, ok)
        self.assertEqual(ok.headers.get("cache-control"), "no-store")
        d = ok.json()
        self.assertEqual(d["status"], "processing")
        self.assertEqual(d["applicant"], {"name": "Trần T*** B*** N*", "id_number": "*********567",
                                          "masked": True})
        self.assertEqual([e["status"] for e in d["timeline"]], ["received", "processing"])
        self.assertEqual(d["timeline"][1]["note"], "Đang thẩm định.")
        self.assertIsNotNone(d["appointment_at"])
        self.assertNotInText("Bích Ngọc", ok, "public lookup")
        self.assertNotInText(NGOC_ID, ok, "public lookup")
        self.assertEqual(self.lookup(code.lower(), "ab12cd").status, 200)  # as a person types it
        misses = [self.lookup(code, "ZZ99ZZ"), self.lookup(code, None), self.lookup(code, ""),
                  self.lookup(new_code(), "AB12CD"), self.lookup("x", "AB12CD")]
        bodies = set()
        for r in misses:
            p = self.assertProblem(r, 404, "dossier_not_found")
            p.pop("instance", None)
            p.pop("request_id", None)
            bodies.add(json.dumps(p, sort_keys=True))
        self.assertEqual(len(bodies), 1, bodies)
        # The secret is never read from the query (access logs keep it).
        self.assertEqual(self.lookup(f"{code}?secret=AB12CD", None).status, 404)

    def test_lookups_are_rate_limited_per_address(self) -> None:
        code = new_code()
        self.put(code, dossier_body())
        source = next(_addresses)
        answers = [self.lookup(code, "WRONG1", source=source).status for _ in range(10)]
        self.assertEqual(answers, [404] * 10)
        limited = self.lookup(code, "AB12CD", source=source)
        self.assertProblem(limited, 429, "dossier_lookups_too_many")
        self.assertTrue(1 <= int(limited.headers["retry-after"]) <= 60, limited.headers)
        # Another address is not held back.
        self.assertEqual(self.lookup(code, "AB12CD").status, 200)

    # -- my dossiers and notifications

    def test_my_dossiers_and_the_status_change_reaching_the_citizen(self) -> None:
        token, user_id = self.ngoc()
        code = new_code()
        self.put(code, dossier_body())
        stranger = self.put(new_code(), dossier_body(
            applicant={"name": "Người Khác", "id_number": "079000000001"})).json()["code"]
        mine = self.http.get("/api/v1/me/dossiers", token=token)
        self.assertEqual(mine.status, 200, mine)
        codes = [d["code"] for d in mine.json()["items"]]
        self.assertIn(code, codes)
        self.assertNotIn(stranger, codes)
        own = next(d for d in mine.json()["items"] if d["code"] == code)
        self.assertEqual(own["applicant"], {"name": "Trần Thị Bích Ngọc", "id_number": NGOC_ID,
                                            "masked": False})
        self.assertEqual(self.http.get(f"/api/v1/me/dossiers/{code}", token=token).status, 200)
        self.assertProblem(self.http.get(f"/api/v1/me/dossiers/{stranger}", token=token), 404,
                           "dossier_not_found")
        # Someone else's e-ID, or none at all: not theirs.
        other = self.citizen()
        self.assertEqual(self.http.get("/api/v1/me/dossiers", token=other.token).json()["items"],
                         [])
        self.assertProblem(self.http.get(f"/api/v1/me/dossiers/{code}", token=other.token), 404)
        self.assertProblem(self.http.get("/api/v1/me/dossiers", token=self.tok("operator1")), 403)

        stream = SseClient(self.env.server.port, token=token)
        other_stream = SseClient(self.env.server.port, token=other.token)
        try:
            self.assertEqual(stream.status, 200)
            r = self.event(code, {"event_id": "ready-1", "status": "ready_to_return",
                                  "note": "Mời bà đến Bộ phận Một cửa nhận kết quả."})
            self.assertEqual(r.status, 201, r)
            frame = stream.next("notification", timeout=15,
                                where=lambda f: f.json().get("dossier_code") == code)
            n = frame.json()
            self.assertEqual(n["kind"], "dossiers")
            self.assertEqual(n["type"], "dossier.status")
            self.assertEqual(n["status"], "ready_to_return")
            self.assertEqual(n["url"], f"/app/dossiers/{code}")
            self.assertIn(code, n["title"]["vi"])
            self.assertEqual(n["body"]["vi"], "Mời bà đến Bộ phận Một cửa nhận kết quả.")
            self.assertNotInText(NGOC_ID, n, "notification")
            # A retry of the same change tells nobody again.
            self.assertEqual(self.event(code, {"event_id": "ready-1", "status": "ready_to_return",
                                               "note": "Mời bà đến Bộ phận Một cửa nhận kết quả."}
                                        ).status, 200)
            again = [f for f in stream.drain(1.5) if f.event == "notification"]
            self.assertEqual(again, [])
            self.assertEqual([f for f in other_stream.drain(0.5) if f.event == "notification"], [])
        finally:
            stream.close()
            other_stream.close()
        inbox = self.http.get("/api/v1/notifications", token=token).json()["items"]
        # Told when the dossier arrived and when it became ready; once each.
        told = [i for i in inbox if i.get("dossier_code") == code]
        self.assertEqual([(i["kind"], i["status"]) for i in told],
                         [("dossiers", "ready_to_return"), ("dossiers", "received")], inbox[:5])
        self.assertEqual(int(self.env.scalar(
            f"SELECT COUNT(*) FROM notifications WHERE user_id = {user_id} AND kind = 'dossiers' "
            f"AND event_id IN (SELECT event_id FROM dossier_events e JOIN dossiers d ON "
            f"d.id = e.dossier_id WHERE d.code = '{code}')")), 2)

        # Turned off in the app: not told.
        prefs = self.http.request("PUT", "/api/v1/notifications/preferences",
                                  {"items": [{"kind": "dossiers", "channel": "app",
                                              "enabled": False}]}, token=token)
        self.assertEqual(prefs.status, 200, prefs)
        try:
            self.event(code, {"event_id": "returned-1", "status": "returned"})
            self.assertEqual(self.http.get(f"/api/v1/me/dossiers/{code}", token=token)
                             .json()["status"], "returned")
            event_id = int(self.env.scalar(
                "SELECT e.event_id FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id "
                f"WHERE d.code = '{code}' AND e.source_key = 'src:returned-1'"))
            deadline = time.monotonic() + 15
            while int(self.env.scalar("SELECT position FROM delivery_cursors WHERE name = "
                                      "'notifications'")) < event_id:
                self.assertLess(time.monotonic(), deadline, "the outbox never got there")
                time.sleep(0.1)
            self.assertEqual(self.env.count("notifications", f"event_id = {event_id}"), 0)
        finally:
            self.http.request("PUT", "/api/v1/notifications/preferences",
                              {"items": [{"kind": "dossiers", "channel": "app",
                                          "enabled": True}]}, token=token)

        # The data export carries them in full.
        export = self.http.get("/api/v1/me/export", token=token).json()
        self.assertIn(code, [d["code"] for d in export["dossiers"]])
