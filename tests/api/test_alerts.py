"""Hot alerts: two officers to send one, delivery to the wards it is for (live streams, push,
inbox) and to nobody else, updates and cancellations under the same rule, CAP 1.2 documents
valid against the OASIS schema, and the Atom feed."""

from __future__ import annotations

import datetime as dt
import json
import os
import pathlib
import re
import shutil
import subprocess
import tempfile
import time
import xml.etree.ElementTree as ET

from api_case import ApiCase
from push_endpoint import PushEndpoint
from sse import SseClient

SAI_GON, BEN_THANH, TAN_DINH, TAN_BINH = "26740", "26743", "26737", "27004"
CAP_NS = {"cap": "urn:oasis:names:tc:emergency:cap:1.2"}
ATOM_NS = {"a": "http://www.w3.org/2005/Atom"}
SCHEMA = pathlib.Path(__file__).resolve().parents[3] / "shared" / "data" / "cap" / "CAP-v1.2.xsd"
CAP_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$")


def later(hours: float) -> str:
    t = dt.datetime.now(dt.timezone(dt.timedelta(hours=7))) + dt.timedelta(hours=hours)
    return t.replace(microsecond=0).isoformat()


def alert_body(**over) -> dict:
    body = {
        "status": "Actual", "category": "Met", "urgency": "Immediate", "severity": "Severe",
        "certainty": "Likely",
        "info": {
            "vi": {"event": "Triều cường", "headline": "Triều cường đỉnh 1,7 m tối nay",
                   "description": "Mực nước dự báo vượt báo động III lúc 18 giờ.",
                   "instruction": "Không đi qua đường ngập sâu; kê cao đồ đạc."},
            "en": {"event": "King tide", "headline": "King tide peaking at 1.7 m tonight",
                   "description": "Water is expected above alarm level III at 6 pm.",
                   "instruction": "Avoid flooded streets; raise your belongings."}},
        "expires": later(6),
        "area": {"wards": [SAI_GON, BEN_THANH, TAN_DINH]},
    }
    body.update(over)
    return body


class AlertCase(ApiCase):
    def officers(self):
        return self.staff("alert_officer"), self.staff("alert_officer")

    def draft(self, officer, expect: int = 201, **over) -> dict:
        r = self.http.post("/api/v1/staff/alerts", alert_body(**over), token=officer.token)
        self.assertEqual(r.status, expect, r)
        return r.json()

    def approve(self, officer, alert_id: int, expect: int = 200) -> dict:
        r = self.http.post(f"/api/v1/staff/alerts/{alert_id}/approve", {}, token=officer.token)
        self.assertEqual(r.status, expect, r)
        return r.json()

    def send(self, **over) -> dict:
        first, second = self.officers()
        return self.approve(second, self.draft(first, **over)["id"])

    def living_in(self, ward: str):
        person = self.citizen()
        r = self.http.request("PUT", "/api/v1/me/home-ward", {"ward": ward}, token=person.token)
        self.assertEqual(r.status, 200, r)
        return person

    def stream(self, token: str | None = None, ward: str | None = None) -> SseClient:
        path = "/api/v1/events/stream" + (f"?ward={ward}" if ward else "")
        s = SseClient(self.env.server.port, token=token, path=path)
        self.addCleanup(s.close)
        self.assertEqual(s.status, 200, getattr(s, "body", b""))
        s.next("ready")
        return s

    def alert_frame(self, s: SseClient, alert_id: int, timeout: float = 10.0) -> dict:
        return s.next("alert", timeout, where=lambda f: f.json()["alert"]["id"] == alert_id).json()

    def no_alert(self, s: SseClient, alert_id: int, seconds: float = 1.5) -> None:
        got = [f for f in s.drain(seconds) if f.event in ("alert", "notification") and
               json.loads(f.data).get("alert", json.loads(f.data)).get("id", 0) == alert_id]
        self.assertEqual(got, [])

    def wait_until(self, check, timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if check():
                return
            time.sleep(0.1)
        self.fail("condition not reached in time")

    def cap(self, alert_id: int) -> tuple[str, ET.Element]:
        r = self.http.get(f"/alerts/{alert_id}.cap")
        self.assertEqual(r.status, 200, r)
        self.assertTrue(r.headers["content-type"].startswith("application/cap+xml"))
        text = r.body.decode()
        self.assert_valid_cap(text)
        return text, ET.fromstring(text)

    def assert_valid_cap(self, text: str) -> None:
        root = ET.fromstring(text)
        for name in ("sent", "effective", "onset", "expires"):
            for el in root.iter(f"{{{CAP_NS['cap']}}}{name}"):
                self.assertRegex(el.text, CAP_TIME)
        for name in ("identifier", "sender"):
            value = root.find(f"cap:{name}", CAP_NS).text
            self.assertIsNone(re.search(r"[\s,<&]", value), value)
        for poly in root.iter(f"{{{CAP_NS['cap']}}}polygon"):
            points = poly.text.split(" ")
            self.assertGreaterEqual(len(points), 4)
            self.assertEqual(points[0], points[-1])
        for circle in root.iter(f"{{{CAP_NS['cap']}}}circle"):
            self.assertRegex(circle.text, r"^-?\d+\.\d+,-?\d+\.\d+ \d+(\.\d+)?$")
        xmllint = shutil.which("xmllint")
        if xmllint is None:
            return
        with tempfile.NamedTemporaryFile("w", suffix=".cap", delete=False) as f:
            f.write(text)
        self.addCleanup(os.unlink, f.name)
        args = [xmllint, "--noout"]
        if SCHEMA.exists():  # the OASIS schema, from ../shared/data when it is there
            args += ["--schema", str(SCHEMA)]
        done = subprocess.run(args + [f.name], capture_output=True, text=True)
        self.assertEqual(done.returncode, 0, done.stderr)


class DeliveryTest(AlertCase):
    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        import api_case
        cls.push = PushEndpoint(os.path.join(api_case.ENV.tmp, "push-endpoint-alerts.log")).start()

    @classmethod
    def tearDownClass(cls) -> None:
        cls.push.stop()
        import api_case
        api_case.ENV.execute("DELETE FROM push_deliveries")
        api_case.ENV.execute("DELETE FROM push_subscriptions")

    def test_an_alert_for_three_wards_reaches_them_live_and_by_push_and_nobody_else(self) -> None:
        inside = self.living_in(SAI_GON)
        elsewhere = self.living_in(TAN_BINH)
        # A citizen who shared where they are (with consent) is told for that place too.
        visitor = self.living_in(TAN_BINH)
        self.http.request("PUT", "/api/v1/me/consents/location", {"granted": True},
                          token=visitor.token)
        r = self.http.request("PUT", "/api/v1/me/location", {"lat": 10.7725, "lon": 106.698},
                              token=visitor.token)
        self.assertEqual(r.status, 204, r)
        # The inside citizen's closed app has a push subscription.
        self.http.request("PUT", "/api/v1/me/consents/notifications", {"granted": True},
                          token=inside.token)
        key = self.http.get("/api/v1/push/key").json()["public_key"]
        sub = self.push.new_subscription(application_server_key=key)
        r = self.http.post("/api/v1/push/subscriptions",
                           {"endpoint": sub["endpoint"], "keys": sub["keys"]}, token=inside.token)
        self.assertEqual(r.status, 201, r)

        streams = {"inside": self.stream(inside.token), "elsewhere": self.stream(elsewhere.token),
                   "visitor": self.stream(visitor.token),
                   "anonymous_in": self.stream(ward=TAN_DINH),
                   "anonymous_out": self.stream(ward=TAN_BINH)}
        first, second = self.officers()
        draft = self.draft(first)
        self.assertEqual(draft["state"], "draft")
        self.assertEqual(draft["targeted_wards"], sorted([SAI_GON, BEN_THANH, TAN_DINH]))
        self.assertIn("Phường Sài Gòn", draft["info"]["vi"]["area_desc"])
        self.assertEqual(self.http.get("/api/v1/alerts").status, 200)
        events_before = self.env.count("events")
        # The two-person rule: its author cannot send it.
        r = self.http.post(f"/api/v1/staff/alerts/{draft['id']}/approve", {}, token=first.token)
        self.assertProblem(r, 409, "alert_same_officer")
        self.assertEqual(self.env.count("events"), events_before)
        approved_at = time.monotonic()
        sent = self.approve(second, draft["id"])
        self.assertEqual(sent["state"], "sent")
        self.assertTrue(sent["active"])

        frame = self.alert_frame(streams["inside"], draft["id"])
        latency = time.monotonic() - approved_at
        print(f"\n  alert reached an open stream in its ward {latency * 1000:.0f} ms after approval")
        self.assertEqual(frame["alert"]["headline"]["vi"], "Triều cường đỉnh 1,7 m tối nay")
        self.assertEqual(frame["alert"]["url"], f"/app/alerts/{draft['id']}")
        note = streams["inside"].next("notification", where=lambda f: f.json().get("alert_id") ==
                                      draft["id"]).json()
        self.assertEqual(note["kind"], "alerts")
        self.alert_frame(streams["visitor"], draft["id"])
        self.alert_frame(streams["anonymous_in"], draft["id"])
        self.no_alert(streams["elsewhere"], draft["id"])
        self.no_alert(streams["anonymous_out"], draft["id"])

        msgs = self.push.wait_for_messages(sub["id"], 1, timeout=15)
        pushed = [m for m in msgs if json.loads(m["payload"]).get("kind") == "alerts"]
        self.assertEqual(len(pushed), 1, msgs)
        self.assertEqual(pushed[0]["urgency"], "high")
        self.assertEqual(pushed[0]["topic"], f"alert-{draft['id']}")
        self.assertIn("Triều cường", json.loads(pushed[0]["payload"])["title"])

        # Inbox: the inside citizen has it; the one elsewhere does not.
        inbox = self.http.get("/api/v1/notifications", token=inside.token).json()["items"]
        self.assertIn(draft["id"], [n.get("alert_id") for n in inbox])
        other = self.http.get("/api/v1/notifications", token=elsewhere.token).json()["items"]
        self.assertNotIn(draft["id"], [n.get("alert_id") for n in other])

        # Published: the active list per ward, the CAP document, the Atom feed.
        ids = lambda ward: [a["id"] for a in
                            self.http.get(f"/api/v1/alerts?ward={ward}").json()["items"]]
        self.assertIn(draft["id"], ids(BEN_THANH))
        self.assertNotIn(draft["id"], ids(TAN_BINH))
        _, cap = self.cap(draft["id"])
        self.assertEqual(cap.find("cap:status", CAP_NS).text, "Actual")
        self.assertEqual(cap.find("cap:msgType", CAP_NS).text, "Alert")
        self.assertEqual([i.find("cap:language", CAP_NS).text
                          for i in cap.findall("cap:info", CAP_NS)], ["vi-VN", "en-US"])
        codes = [g.find("cap:value", CAP_NS).text for g in
                 cap.findall("cap:info/cap:area/cap:geocode", CAP_NS)]
        self.assertEqual(sorted(set(codes)), sorted([SAI_GON, BEN_THANH, TAN_DINH]))
        feed = self.http.get("/alerts.atom")
        self.assertEqual(feed.status, 200)
        self.assertTrue(feed.headers["content-type"].startswith("application/atom+xml"))
        atom = ET.fromstring(feed.body)
        links = [e.find("a:link[@type='application/cap+xml']", ATOM_NS).get("href")
                 for e in atom.findall("a:entry", ATOM_NS)]
        self.assertTrue(any(l.endswith(f"/alerts/{draft['id']}.cap") for l in links), links)

        # Figures: told in the inbox, open streams reached, pushes accepted, pages opened.
        for client in ("b1c2d3e4-0000-4000-8000-000000000001",) * 2:
            r = self.http.post(f"/api/v1/alerts/{draft['id']}/opened", {"client_id": client})
            self.assertEqual(r.status, 204, r)
        self.http.post(f"/api/v1/alerts/{draft['id']}/opened", {}, token=inside.token)

        def figures():
            return self.http.get(f"/api/v1/staff/alerts/{draft['id']}",
                                 token=first.token).json()["figures"]
        self.wait_until(lambda: figures()["pushed"] >= 1)
        f = figures()
        self.assertGreaterEqual(f["targeted"], 2)  # the inside citizen and the visitor
        self.assertGreaterEqual(f["live"], 3)
        self.assertEqual(f["opened"], 2)  # one app install, one person

    def test_updates_and_cancellations_need_a_second_officer_too(self) -> None:
        person = self.living_in(BEN_THANH)
        s = self.stream(person.token)
        first, second = self.officers()
        original = self.approve(second, self.draft(first)["id"])
        self.alert_frame(s, original["id"])

        update = self.draft(second, references=original["id"],
                            severity="Extreme", expires=later(8))
        self.assertEqual(update["msg_type"], "Update")
        self.approve(second, update["id"], expect=409)
        self.approve(first, update["id"])
        frame = self.alert_frame(s, update["id"])
        self.assertEqual(frame["alert"]["references"], original["id"])
        self.assertEqual(frame["alert"]["msg_type"], "Update")
        listed = [a["id"] for a in self.http.get(f"/api/v1/alerts?ward={BEN_THANH}").json()["items"]]
        self.assertIn(update["id"], listed)
        self.assertNotIn(original["id"], listed)
        old = self.http.get(f"/api/v1/alerts/{original['id']}").json()
        self.assertFalse(old["active"])
        self.assertEqual(old["superseded_by"], update["id"])

        # Cancelling: a Cancel draft, sent by the other officer.
        r = self.http.post(f"/api/v1/staff/alerts/{update['id']}/cancel",
                           {"note": "Nước đã rút."}, token=first.token)
        self.assertEqual(r.status, 201, r)
        cancel = r.json()
        self.assertEqual((cancel["msg_type"], cancel["state"], cancel["references"]),
                         ("Cancel", "draft", update["id"]))
        self.approve(first, cancel["id"], expect=409)
        self.approve(second, cancel["id"])
        frame = self.alert_frame(s, cancel["id"])
        self.assertEqual((frame["alert"]["msg_type"], frame["alert"]["references"]),
                         ("Cancel", update["id"]))
        listed = [a["id"] for a in self.http.get(f"/api/v1/alerts?ward={BEN_THANH}").json()["items"]]
        self.assertNotIn(update["id"], listed)
        self.assertTrue(self.http.get(f"/api/v1/alerts/{update['id']}").json()["cancelled"])
        text, cap = self.cap(cancel["id"])
        self.assertEqual(cap.find("cap:msgType", CAP_NS).text, "Cancel")
        sender, identifier, when = cap.find("cap:references", CAP_NS).text.split(",")
        self.assertEqual(identifier, update["identifier"])
        self.assertRegex(when, CAP_TIME)
        self.assertEqual(cap.find("cap:note", CAP_NS).text, "Nước đã rút.")
        # A cancelled alert cannot be cancelled again.
        r = self.http.post(f"/api/v1/staff/alerts/{update['id']}/cancel", {}, token=first.token)
        self.assertProblem(r, 409, "alert_not_active")

    def test_whoever_edits_a_draft_cannot_approve_it_either(self) -> None:
        first, second = self.officers()
        draft = self.draft(first)
        r = self.http.request("PUT", f"/api/v1/staff/alerts/{draft['id']}",
                              alert_body(severity="Moderate"), token=second.token)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["severity"], "Moderate")
        self.approve(first, draft["id"], expect=409)
        self.approve(second, draft["id"], expect=409)
        sent = self.approve(self.staff("admin"), draft["id"])
        self.assertEqual(sent["state"], "sent")
        r = self.http.request("PUT", f"/api/v1/staff/alerts/{draft['id']}", alert_body(),
                              token=first.token)
        self.assertProblem(r, 409, "alert_not_draft")
        # Dropping a draft needs nobody else: it was never sent.
        other = self.draft(first)
        r = self.http.post(f"/api/v1/staff/alerts/{other['id']}/cancel", {}, token=first.token)
        self.assertEqual((r.status, r.json()["state"]), (200, "discarded"))
        self.approve(second, other["id"], expect=409)

    def test_drafts_and_other_roles_see_and_send_nothing(self) -> None:
        first, _ = self.officers()
        draft = self.draft(first)
        self.assertEqual(self.http.get(f"/api/v1/alerts/{draft['id']}").status, 404)
        self.assertEqual(self.http.get(f"/alerts/{draft['id']}.cap").status, 404)
        for who in (self.citizen(), self.staff("operator"), self.staff("editor")):
            r = self.http.post("/api/v1/staff/alerts", alert_body(), token=who.token)
            self.assertEqual(r.status, 403, r)
            r = self.http.post(f"/api/v1/staff/alerts/{draft['id']}/approve", {}, token=who.token)
            self.assertEqual(r.status, 403, r)
        self.assertEqual(self.http.get(f"/api/v1/staff/alerts/{draft['id']}",
                                       token=first.token).json()["state"], "draft")

    def test_bad_drafts_are_refused_naming_each_field_and_change_nothing(self) -> None:
        first, _ = self.officers()
        before = self.env.count("alerts")
        cases = [
            ({"expires": later(-1)}, "expires"),
            ({"expires": later(24 * 8)}, "expires"),
            ({"expires": "tomorrow"}, "expires"),
            ({"category": "Weather"}, "category"),
            ({"severity": None}, "severity"),
            ({"area": {"wards": ["99999"]}}, "area.wards"),
            ({"area": {}}, "area"),
            ({"area": {"city": True, "wards": [SAI_GON]}}, "area"),
            ({"area": {"polygon": [[10.77, 106.69], [10.78, 106.70]]}}, "area.polygon"),
            ({"area": {"polygon": [[10.77, 106.69], [10.77, 106.69], [10.77, 106.69]]}},
             "area.polygon"),
            ({"area": {"polygon": [[21.0, 105.8], [21.1, 105.9], [21.0, 105.9]]}}, "area.polygon"),
            ({"area": {"circle": {"lat": 10.77, "lon": 106.7, "radius_km": 0}}}, "area.circle"),
            ({"area": {"wards": [SAI_GON], "shape": 1}}, "area.shape"),
            ({"info": {"vi": alert_body()["info"]["vi"]}}, "info.en"),
            ({"info": {"vi": {**alert_body()["info"]["vi"], "headline": ""},
                       "en": alert_body()["info"]["en"]}}, "info.vi.headline"),
            ({"info": {"vi": {**alert_body()["info"]["vi"], "headline": "x" * 161},
                       "en": alert_body()["info"]["en"]}}, "info.vi.headline"),
            ({"references": 999999}, "references"),
            ({"colour": "red"}, "colour"),
        ]
        for over, field in cases:
            with self.subTest(field=field, over=over):
                r = self.http.post("/api/v1/staff/alerts", alert_body(**over), token=first.token,
                                   headers={"Accept-Language": "en"})
                self.assertProblem(r, 422)
                self.assertIn(field, r.json()["errors"], r.json())
        self.assertEqual(self.env.count("alerts"), before)
        r = self.http.post("/api/v1/staff/alerts", raw=b"{not json", token=first.token,
                           content_type="application/json")
        self.assertEqual(r.status, 400)
        self.assertEqual(self.http.get("/api/v1/alerts?ward=12").status, 422)
        s = SseClient(self.env.server.port, path="/api/v1/events/stream?ward=abc")
        self.addCleanup(s.close)
        self.assertEqual(s.status, 422)
        self.assertEqual(self.env.count("alerts"), before)

    def test_a_polygon_or_a_circle_reaches_the_wards_under_it(self) -> None:
        # A small triangle around Bến Thành market, and a 1 km circle on Nhà thờ Đức Bà.
        poly = self.send(area={"polygon": [[10.765, 106.690], [10.776, 106.690],
                                           [10.770, 106.700]]})
        self.assertIn(BEN_THANH, poly["targeted_wards"])
        self.assertNotIn(TAN_BINH, poly["targeted_wards"])
        self.assertEqual(len(poly["area"]["polygon"]), 4)  # closed by the server
        _, cap = self.cap(poly["id"])
        self.assertIsNotNone(cap.find("cap:info/cap:area/cap:polygon", CAP_NS))
        circle = self.send(area={"circle": {"lat": 10.7798, "lon": 106.699, "radius_km": 1}})
        self.assertIn(SAI_GON, circle["targeted_wards"])
        _, cap = self.cap(circle["id"])
        self.assertEqual(cap.find("cap:info/cap:area/cap:circle", CAP_NS).text,
                         "10.779800,106.699000 1.000")
        city = self.send(area={"city": True})
        self.assertEqual(city["targeted_wards"], [])
        self.assertIn(city["id"], [a["id"] for a in
                                   self.http.get(f"/api/v1/alerts?ward={TAN_BINH}").json()["items"]])
        _, cap = self.cap(city["id"])
        self.assertEqual(cap.find("cap:info/cap:area/cap:geocode/cap:value", CAP_NS).text, "79")

    def test_test_messages_go_only_to_the_feeds_and_expired_alerts_stop_showing(self) -> None:
        person = self.living_in(TAN_DINH)
        s = self.stream(person.token)
        events_before = self.env.count("events")
        test = self.send(status="Test")
        self.assertEqual(self.env.count("events"), events_before)  # nothing to deliver
        self.no_alert(s, test["id"], 1.0)
        self.assertNotIn(test["id"], [a["id"] for a in
                                      self.http.get("/api/v1/alerts").json()["items"]])
        _, cap = self.cap(test["id"])
        self.assertEqual(cap.find("cap:status", CAP_NS).text, "Test")
        atom = ET.fromstring(self.http.get("/alerts.atom").body)
        titles = [e.find("a:title", ATOM_NS).text for e in atom.findall("a:entry", ATOM_NS)]
        self.assertIn("[Test] Triều cường đỉnh 1,7 m tối nay", titles)

        exercise = self.send(status="Exercise")
        self.assertEqual(self.alert_frame(s, exercise["id"])["alert"]["status"], "Exercise")
        self.env.execute(f"UPDATE alerts SET expires = 1000 WHERE id = {exercise['id']}")
        self.assertNotIn(exercise["id"], [a["id"] for a in
                                          self.http.get("/api/v1/alerts").json()["items"]])
        self.assertFalse(self.http.get(f"/api/v1/alerts/{exercise['id']}").json()["active"])

    def test_a_citizen_sets_and_clears_their_home_ward(self) -> None:
        person = self.citizen()
        r = self.http.request("PUT", "/api/v1/me/home-ward", {"ward": "00000"}, token=person.token)
        self.assertProblem(r, 422)
        self.assertIn("ward", r.json()["errors"])
        r = self.http.request("PUT", "/api/v1/me/home-ward", {"ward": SAI_GON}, token=person.token)
        self.assertEqual(r.json(), {"home_ward": SAI_GON})
        self.assertEqual(self.http.get("/api/v1/me", token=person.token).json()
                         .get("home_ward"), SAI_GON)
        r = self.http.request("PUT", "/api/v1/me/home-ward", {"ward": None}, token=person.token)
        self.assertEqual(r.json(), {"home_ward": None})
        r = self.http.request("PUT", "/api/v1/me/home-ward", {"ward": SAI_GON},
                              token=self.staff("operator").token)
        self.assertEqual(r.status, 403)
