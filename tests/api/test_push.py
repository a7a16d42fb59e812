"""Web push end to end: a closed app's subscription receives the step of its report, encrypted per
RFC 8291 and signed per RFC 8292, at a local push service that checks both; gone subscriptions are
deleted, throttled ones retried; consent is needed and its withdrawal stops the pushes."""

from __future__ import annotations

import json
import os
import time

from api_case import ApiCase
from push_endpoint import PushEndpoint

OP, EVN = "operator1", "evn1"


class PushTest(ApiCase):
    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        import api_case
        cls.push = PushEndpoint(os.path.join(api_case.ENV.tmp, "push-endpoint.log")).start()

    @classmethod
    def tearDownClass(cls) -> None:
        cls.push.stop()
        # The devices lived on this push service: later broadcasts should not try them.
        import api_case
        api_case.ENV.execute("DELETE FROM push_deliveries")
        api_case.ENV.execute("DELETE FROM push_subscriptions")

    def consenting_citizen(self):
        person = self.citizen()
        r = self.http.request("PUT", "/api/v1/me/consents/notifications", {"granted": True},
                              token=person.token)
        self.assertEqual(r.status, 200, r)
        return person

    def subscribe(self, token: str, sub: dict, expect: int = 201):
        r = self.http.post("/api/v1/push/subscriptions",
                           {"endpoint": sub["endpoint"], "keys": sub["keys"]}, token=token,
                           headers={"Accept-Language": "en", "User-Agent": "Phone test"})
        self.assertEqual(r.status, expect, r)
        return r

    def vapid_key(self) -> str:
        r = self.http.get("/api/v1/push/key")
        self.assertEqual(r.status, 200, r)
        return r.json()["public_key"]

    def test_a_closed_app_receives_its_reports_resolution(self) -> None:
        person = self.consenting_citizen()
        sub = self.push.new_subscription(application_server_key=self.vapid_key())
        device = self.subscribe(person.token, sub).json()
        self.assertEqual(device["push_service"], self.push.origin.split("://")[1])
        self.assertNotIn("endpoint", device)  # the endpoint is a capability: never shown back
        listed = self.http.get("/api/v1/push/subscriptions", token=person.token).json()["items"]
        self.assertEqual([d["id"] for d in listed], [device["id"]])
        self.assertEqual(listed[0]["user_agent"], "Phone test")

        rep = self.report_in_state("resolved", person, self.tok(OP), self.tok(EVN))
        msgs = self.push.wait_for_messages(sub["id"], 3, timeout=15)
        payloads = [json.loads(m["payload"]) for m in msgs]
        resolved = [p for p in payloads if "resolved" in p["title"]]
        self.assertEqual(len(resolved), 1, payloads)
        p = resolved[0]
        self.assertIn(rep["code"], p["title"])  # in English: the device subscribed in English
        self.assertEqual(p["body"], "Đã xử lý xong")
        self.assertEqual(p["url"], f"/app/reports/{rep['id']}")
        self.assertEqual(p["kind"], "my_reports")
        m = msgs[payloads.index(p)]
        self.assertEqual(m["urgency"], "normal")
        self.assertEqual(m["topic"], f"report-{rep['id']}")
        self.assertEqual(int(m["ttl"]), 86400)
        self.assertEqual(m["vapid_public_key"], self.vapid_key())
        self.assertEqual(self.push.messages(sub["id"])["rejections"], [])
        # Each push went once; the queue is empty again.
        self.wait_until(lambda: self.env.count("push_deliveries") == 0)

    def test_a_broadcast_is_pushed_with_high_urgency(self) -> None:
        person = self.consenting_citizen()
        sub = self.push.new_subscription(application_server_key=self.vapid_key())
        self.subscribe(person.token, sub)
        r = self.http.post("/api/v1/admin/broadcasts",
                           {"title": {"vi": "Bão số 9", "en": "Storm 9"},
                            "body": {"vi": "Ở trong nhà.", "en": "Stay indoors."},
                            "severity": "danger"}, token=self.tok("admin1"))
        self.assertEqual(r.status, 201, r)
        event_id = r.json()["event_id"]
        msgs = self.push.wait_for_messages(sub["id"], 1, timeout=15)
        mine = [m for m in msgs if json.loads(m["payload"]).get("event_id") == event_id]
        self.assertEqual(len(mine), 1)
        self.assertEqual(mine[0]["urgency"], "high")
        self.assertEqual(json.loads(mine[0]["payload"])["title"], "Storm 9")
        self.wait_until(lambda: int(self.env.scalar(
            f"SELECT accepted FROM push_outcomes WHERE event_id = {event_id}")) >= 1)

    def test_a_gone_subscription_is_deleted_and_a_throttled_one_retried(self) -> None:
        person = self.consenting_citizen()
        gone = self.push.new_subscription(application_server_key=self.vapid_key())
        slow = self.push.new_subscription(application_server_key=self.vapid_key())
        gone_id = self.subscribe(person.token, gone).json()["id"]
        self.subscribe(person.token, slow)
        self.push.respond(gone["id"], 410)
        self.push.respond(slow["id"], 429, retry_after=1, times=1)
        rep = self.submit(person.token)
        self.staff_act(self.tok(OP), rep["id"], "assign")
        # The throttled one arrives after its retry; the gone one is forgotten.
        msgs = self.push.wait_for_messages(slow["id"], 1, timeout=20)
        self.assertIn(rep["code"], json.loads(msgs[0]["payload"])["title"])
        answers = self.push.messages(slow["id"])["answers"]
        self.assertEqual(answers[:2], [429, 201])
        self.wait_until(lambda: self.env.count("push_subscriptions", f"id = {gone_id}") == 0)
        listed = self.http.get("/api/v1/push/subscriptions", token=person.token).json()["items"]
        self.assertNotIn(gone_id, [d["id"] for d in listed])

    def test_consent_is_needed_and_withdrawal_removes_the_devices(self) -> None:
        person = self.citizen()
        sub = self.push.new_subscription(application_server_key=self.vapid_key())
        before = self.env.count("push_subscriptions")
        r = self.http.post("/api/v1/push/subscriptions",
                           {"endpoint": sub["endpoint"], "keys": sub["keys"]}, token=person.token)
        self.assertProblem(r, 403, "consent_required")
        self.assertEqual(self.env.count("push_subscriptions"), before)
        self.http.request("PUT", "/api/v1/me/consents/notifications", {"granted": True},
                          token=person.token)
        self.subscribe(person.token, sub)
        self.subscribe(person.token, sub, expect=200)  # the same browser again: one device
        self.assertEqual(self.env.count("push_subscriptions", f"user_id = {person.id}"), 1)
        self.http.request("PUT", "/api/v1/me/consents/notifications", {"granted": False},
                          token=person.token)
        self.assertEqual(self.env.count("push_subscriptions", f"user_id = {person.id}"), 0)

    def test_bad_subscriptions_are_refused_and_only_the_owner_removes_one(self) -> None:
        person = self.consenting_citizen()
        sub = self.push.new_subscription(application_server_key=self.vapid_key())
        before = self.env.count("push_subscriptions")
        for body, field in (({"endpoint": "ftp://x/y", "keys": sub["keys"]}, "endpoint"),
                            ({"endpoint": sub["endpoint"],
                              "keys": {"p256dh": "AAAA", "auth": sub["keys"]["auth"]}},
                             "keys.p256dh"),
                            ({"endpoint": sub["endpoint"],
                              "keys": {"p256dh": sub["keys"]["p256dh"], "auth": "AA"}},
                             "keys.auth"),
                            ({"endpoint": sub["endpoint"]}, "keys")):
            with self.subTest(field=field):
                r = self.http.post("/api/v1/push/subscriptions", body, token=person.token)
                self.assertProblem(r, 422, fields=[field])
        self.assertEqual(self.env.count("push_subscriptions"), before)
        device = self.subscribe(person.token, sub).json()
        stranger = self.consenting_citizen()
        r = self.http.delete(f"/api/v1/push/subscriptions/{device['id']}", token=stranger.token)
        self.assertProblem(r, 404, "unknown_device")
        self.assertEqual(self.http.delete(f"/api/v1/push/subscriptions/{device['id']}",
                                          token=person.token).status, 204)
        self.assertEqual(self.http.get("/api/v1/push/subscriptions", token=person.token)
                         .json()["items"], [])

    def wait_until(self, check, timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if check():
                return
            time.sleep(0.1)
        self.fail("condition not reached in time")
