"""Real-time delivery: the inbox made from the event log, live streams that resume without gap or
repeat, slow consumers cut off, each stream seeing only what its person may see, and limits."""

from __future__ import annotations

import socket
import time

from api_case import ApiCase
from harness import Client
from sse import SseClient

OP, EVN = "operator1", "evn1"
EVN_UNIT = "evn-hcmc"


class RealtimeCase(ApiCase):
    def stream(self, token: str | None = None, last: str | None = None,
               port: int | None = None) -> SseClient:
        s = SseClient(port or self.env.server.port, token=token, last_event_id=last)
        self.addCleanup(s.close)
        self.assertEqual(s.status, 200, getattr(s, "body", b""))
        return s

    def ready(self, s: SseClient) -> str:
        """Waits for the opening `ready` frame; its id is where the stream stands."""
        frame = s.next("ready")
        self.assertIsNotNone(frame.id)
        return frame.id

    def notification(self, s: SseClient, rid: int, type_: str, timeout: float = 10.0) -> dict:
        frame = s.next("notification", timeout,
                       where=lambda f: f.json().get("report_id") == rid and
                       f.json()["type"] == type_)
        return frame.json()

    def wait_delivered(self, timeout: float = 10.0) -> None:
        """Until the outbox has handled every event in the log."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            last = self.env.scalar("SELECT MAX(id) FROM events")
            pos = self.env.scalar("SELECT position FROM delivery_cursors WHERE name = 'notifications'")
            if int(pos) >= int(last):
                return
            time.sleep(0.05)
        self.fail("the outbox did not catch up")


class StreamTest(RealtimeCase):
    def test_a_resolution_reaches_the_authors_open_stream(self) -> None:
        author = self.citizen()
        s = self.stream(author.token)
        self.ready(s)
        self.assertEqual(s.headers["content-type"], "text/event-stream; charset=utf-8")
        self.assertEqual(s.headers["cache-control"], "no-store")
        rep = self.report_in_state("in_progress", author, self.tok(OP), self.tok(EVN))
        started = time.monotonic()
        self.staff_act(self.tok(EVN), rep["id"], "resolve", {"result": "Đã thay bóng đèn mới"})
        n = self.notification(s, rep["id"], "report.resolved")
        print(f"  resolution on the author's stream {1000 * (time.monotonic() - started):.0f} ms "
              "after the unit's request returned", flush=True)
        self.assertEqual(n["kind"], "my_reports")
        self.assertEqual(n["report_code"], rep["code"])
        self.assertEqual(n["status"], "resolved")
        self.assertIn(rep["code"], n["title"]["vi"])
        self.assertIn(rep["code"], n["title"]["en"])
        self.assertEqual(n["body"]["vi"], "Đã thay bóng đèn mới")
        self.assertEqual(n["url"], f"/app/reports/{rep['id']}")
        self.assertFalse(n["read"])
        # The steps before it came too, once each, in order; the stream's ids only grow.
        mine = [f.json()["type"] for f in s.events("notification")
                if f.json()["report_id"] == rep["id"]]
        self.assertEqual(mine, ["report.assigned", "report.accepted", "report.resolved"])
        ids = [int(f.id) for f in s.frames if f.id is not None]
        self.assertEqual(ids, sorted(ids))
        # Nothing about the author's identity, or the actor's, is in any frame.
        for f in s.frames:
            self.assertNotIn("author_id", f.data)
            self.assertNotIn("actor_id", f.data)

    def test_resume_after_a_disconnect_misses_nothing_and_repeats_nothing(self) -> None:
        author = self.citizen()
        rep = self.report_in_state("in_progress", author, self.tok(OP), self.tok(EVN))
        rid = rep["id"]
        first = self.stream(author.token)
        position = self.ready(first)
        self.staff_act(self.tok(EVN), rid, "progress", {"message": "Bước 1"})
        self.notification(first, rid, "report.progress")
        last_seen = first.last_id()
        first.close()
        # While the phone is away: three more steps.
        for i in (2, 3, 4):
            self.staff_act(self.tok(EVN), rid, "progress", {"message": f"Bước {i}"})
        self.wait_delivered()
        again = self.stream(author.token, last=last_seen)
        self.ready(again)
        missed = [f.json()["body"]["vi"] for f in again.events("notification")
                  if f.json()["report_id"] == rid]
        self.assertEqual(missed, ["Bước 2", "Bước 3", "Bước 4"])
        # Then live again, once.
        self.staff_act(self.tok(EVN), rid, "progress", {"message": "Bước 5"})
        self.notification(again, rid, "report.progress")
        again.drain(1.5)
        bodies = [f.json()["body"]["vi"] for f in again.events("notification")
                  if f.json()["report_id"] == rid]
        self.assertEqual(bodies, ["Bước 2", "Bước 3", "Bước 4", "Bước 5"])
        ids = [f.id for f in again.frames if f.event == "notification"]
        self.assertEqual(len(ids), len(set(ids)))
        self.assertGreater(int(again.last_id()), int(position))
        # The query parameter works as the header does (the app's first connection after a
        # reload cannot set headers).
        q = SseClient(self.env.server.port, token=author.token,
                      path=f"/api/v1/events/stream?last_event_id={last_seen}")
        self.addCleanup(q.close)
        self.ready(q)
        self.assertEqual([f.json()["body"]["vi"] for f in q.events("notification")
                          if f.json()["report_id"] == rid],
                         ["Bước 2", "Bước 3", "Bước 4", "Bước 5"])

    def test_an_id_the_log_never_reached_starts_again_from_now(self) -> None:
        # As after a restore from a backup: the client's id is ahead of the log. Skipping events up
        # to it would hide the next ones; the stream says `reset` and follows from now.
        author = self.citizen()
        rep = self.report_in_state("in_progress", author, self.tok(OP), self.tok(EVN))
        s = self.stream(author.token, last="999999999")
        s.next("reset")
        position = self.ready(s)
        self.assertLess(int(position), 999999999)
        self.staff_act(self.tok(EVN), rep["id"], "resolve", {"result": "Xong"})
        self.notification(s, rep["id"], "report.resolved")

    def test_a_bad_last_event_id_is_refused(self) -> None:
        s = SseClient(self.env.server.port, last_event_id="abc")
        self.assertEqual(s.status, 400)
        self.assertIn(b"invalid_last_event_id", s.body)

    def test_a_stream_sees_only_what_its_person_may_see(self) -> None:
        author, other = self.citizen(), self.citizen()
        other_unit_staff = self.staff("unit_staff", unit="sawaco")
        mine = self.stream(author.token)
        theirs = self.stream(other.token)
        anonymous = self.stream(None)
        evn_staff = self.stream(self.tok(EVN))
        water = self.stream(other_unit_staff.token)
        operator = self.stream(self.tok(OP))
        for s in (mine, theirs, anonymous, evn_staff, water, operator):
            self.ready(s)
        rep = self.report_in_state("in_progress", author, self.tok(OP), self.tok(EVN))
        rid = rep["id"]
        self.staff_act(self.tok(EVN), rid, "note", {"text": "Ghi chú nội bộ bí mật"})
        self.staff_act(self.tok(EVN), rid, "resolve", {"result": "Xong"})
        self.notification(mine, rid, "report.resolved")
        evn_staff.next("queue", where=lambda f: f.json()["report_id"] == rid and
                       f.json()["type"] == "report.resolved")
        operator.next("queue", where=lambda f: f.json()["report_id"] == rid and
                      f.json()["type"] == "report.resolved")
        for s in (theirs, anonymous, water):
            s.drain(1.0)
        # The author: their own steps, never the internal note.
        self.assertNotIn("report.note", [f.json()["type"] for f in mine.events("notification")])
        self.assertEqual([f for f in mine.frames if "bí mật" in f.data], [])
        self.assertEqual(mine.events("queue"), [])
        # Another citizen, a stranger, another unit: nothing about this report.
        for s in (theirs, anonymous, water):
            self.assertEqual([f for f in s.frames if f.event in ("notification", "queue") and
                              f.json().get("report_id") == rid], [])
        # The unit handling it sees its queue change, the internal note included, and the 1022
        # operators every queue; neither learns who wrote it.
        self.assertIn("report.note", [f.json()["type"] for f in evn_staff.events("queue")
                                      if f.json()["report_id"] == rid])
        for s in (evn_staff, operator):
            for f in s.events("queue"):
                self.assertNotIn("author", f.data)
                self.assertNotIn(author.name, f.data)

    def test_a_slow_consumer_is_cut_off_while_others_keep_receiving(self) -> None:
        admin = self.tok("admin1")
        healthy = self.stream(None)
        self.ready(healthy)
        # A client that asks for the stream and then never reads: a tiny receive window.
        slow = socket.socket()
        slow.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 2048)
        slow.connect(("127.0.0.1", self.env.server.port))
        self.addCleanup(slow.close)
        slow.sendall(b"GET /api/v1/events/stream HTTP/1.1\r\nHost: x\r\n\r\n")
        time.sleep(0.3)
        cut_before = self.metric("cds_streams_cut_off_total")
        body = {"title": {"vi": "Thử tải"}, "body": {"vi": "ệ" * 1000, "en": "e" * 1000}}
        ids = []
        for _ in range(200):
            r = self.http.post("/api/v1/admin/broadcasts", body, token=admin)
            self.assertEqual(r.status, 201, r)
            ids.append(str(r.json()["event_id"]))
        healthy.next("broadcast", 20, where=lambda f: f.id == ids[-1])
        got = [f.id for f in healthy.events("broadcast")]
        self.assertEqual([i for i in got if i in ids], ids)  # every one, in order, once
        self.assertGreater(self.metric("cds_streams_cut_off_total"), cut_before)
        # The slow one was closed: what it finally reads ends.
        slow.settimeout(10)
        received = 0
        while chunk := slow.recv(65536):
            received += len(chunk)
        self.assertLess(received, 200 * 4000)
        # And the server still serves.
        self.assertEqual(self.http.get("/healthz").status, 200)

    def metric(self, name: str) -> float:
        for line in self.http.get("/metrics").text.splitlines():
            if line.startswith(name + " "):
                return float(line.split()[1])
        self.fail(f"no metric {name}")

    def test_a_person_may_open_only_so_many_streams(self) -> None:
        person = self.citizen()
        streams = [self.stream(person.token) for _ in range(8)]
        for s in streams:
            self.ready(s)
        refused = SseClient(self.env.server.port, token=person.token)
        self.assertEqual(refused.status, 429)
        self.assertEqual(refused.headers.get("retry-after"), "10")
        self.assertIn(b"too_many_streams", refused.body)
        # Closing one makes room.
        streams[0].close()
        deadline = time.monotonic() + 5
        while True:
            again = SseClient(self.env.server.port, token=person.token)
            if again.status == 200 or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        self.addCleanup(again.close)
        self.assertEqual(again.status, 200)

    def test_an_idle_server_stays_idle(self) -> None:
        # The delivery workers wake after every commit; one that committed when it found nothing
        # to do would wake itself for ever (and burn a core).
        self.wait_delivered()
        time.sleep(1.5)  # pushes still being retried settle
        before = self.metric("cds_store_commits_total")
        time.sleep(2.0)
        self.assertEqual(self.metric("cds_store_commits_total"), before)

    def test_heartbeats_keep_an_idle_stream_alive(self) -> None:
        s = self.stream(None)
        first = s.frames[0] if s.frames else s.next()
        self.assertEqual(first.retry, 3000)
        beats = [f for f in s.drain(2.5) if f.comment]
        self.assertGreaterEqual(len(beats), 1)


class InboxTest(RealtimeCase):
    def test_the_inbox_lists_counts_and_marks_read(self) -> None:
        author = self.citizen()
        rep = self.report_in_state("resolved", author, self.tok(OP), self.tok(EVN))
        self.wait_delivered()
        r = self.http.get("/api/v1/notifications", token=author.token)
        self.assertEqual(r.status, 200, r)
        page = r.json()
        types = [n["type"] for n in page["items"]]
        self.assertEqual(types, ["report.resolved", "report.accepted", "report.assigned"])
        self.assertEqual(page["unread"], 3)
        self.assertIsNone(page["next_cursor"])
        # Paging, newest first.
        one = self.http.get("/api/v1/notifications?limit=1", token=author.token).json()
        self.assertEqual(len(one["items"]), 1)
        rest = self.http.get(f"/api/v1/notifications?limit=5&cursor={one['next_cursor']}",
                             token=author.token).json()
        self.assertEqual([n["type"] for n in rest["items"]],
                         ["report.accepted", "report.assigned"])
        # Mark one read; another person's id changes nothing of theirs or ours.
        newest = page["items"][0]["id"]
        stranger = self.citizen()
        r = self.http.post("/api/v1/notifications/read", {"ids": [newest]}, token=stranger.token)
        self.assertEqual(r.json()["unread"], 0)
        r = self.http.post("/api/v1/notifications/read", {"ids": [newest]}, token=author.token)
        self.assertEqual(r.json()["unread"], 2)
        unread = self.http.get("/api/v1/notifications?unread=true", token=author.token).json()
        self.assertEqual([n["type"] for n in unread["items"]],
                         ["report.accepted", "report.assigned"])
        self.assertEqual(self.http.get("/api/v1/notifications/unread-count",
                                       token=author.token).json(), {"unread": 2})
        r = self.http.post("/api/v1/notifications/read", {"all": True}, token=author.token)
        self.assertEqual(r.json()["unread"], 0)
        # Bad input: a clear error, nothing changed.
        self.assertProblem(self.http.post("/api/v1/notifications/read", {}, token=author.token),
                           422, fields=["ids"])
        self.assertProblem(self.http.post("/api/v1/notifications/read", {"ids": ["x"]},
                                          token=author.token), 422, fields=["ids"])
        self.assertProblem(self.http.get("/api/v1/notifications?limit=0", token=author.token),
                           422, fields=["limit"])
        # Listed in the export of the person's data.
        exported = self.http.get("/api/v1/me/export", token=author.token).json()
        self.assertEqual(len(exported["notifications"]), 3)
        self.assertEqual(rep["code"], exported["notifications"][0]["report_code"])

    def test_followers_are_told_and_nobody_of_their_own_step(self) -> None:
        author, follower = self.citizen(), self.citizen()
        rep = self.submit(author.token)
        rid = rep["id"]
        self.assertEqual(self.http.post(f"/api/v1/reports/{rid}/follow",
                                        token=follower.token).status, 204)
        self.staff_act(self.tok(OP), rid, "assign")
        self.staff_act(self.tok(EVN), rid, "accept")
        self.staff_act(self.tok(EVN), rid, "resolve", {"result": "Xong"})
        self.author_act(author.token, rid, "reopen", {"reason": "Đèn lại tắt rồi"})
        self.wait_delivered()
        told = {u.username: [n["type"] for n in self.http.get(
            "/api/v1/notifications?limit=100", token=u.token).json()["items"]
            if n["report_id"] == rid] for u in (author, follower)}
        # The follower hears of the reopening; the author, who reopened it, does not.
        self.assertIn("report.reopened", told[follower.username])
        self.assertNotIn("report.reopened", told[author.username])
        self.assertIn("report.resolved", told[author.username])
        kinds = {n["kind"] for n in self.http.get("/api/v1/notifications?limit=100",
                                                  token=follower.token).json()["items"]}
        self.assertEqual(kinds, {"followed"})

    def test_unit_staff_are_told_of_new_work(self) -> None:
        staff = self.staff("unit_staff", unit=EVN_UNIT)
        other = self.staff("unit_staff", unit="sawaco")
        rep = self.submit(self.citizen().token)
        self.staff_act(self.tok(OP), rep["id"], "assign")
        self.wait_delivered()
        items = self.http.get("/api/v1/notifications", token=staff.token).json()["items"]
        work = [n for n in items if n["report_id"] == rep["id"]]
        self.assertEqual([n["kind"] for n in work], ["unit_queue"])
        self.assertEqual(work[0]["url"], f"/staff/reports/{rep['id']}")
        self.assertEqual([n for n in self.http.get("/api/v1/notifications",
                                                   token=other.token).json()["items"]
                          if n["report_id"] == rep["id"]], [])

    def test_preferences_turn_a_kind_off(self) -> None:
        author, follower = self.citizen(), self.citizen()
        prefs = self.http.get("/api/v1/notifications/preferences", token=follower.token).json()
        self.assertTrue(all(p["enabled"] for p in prefs["items"]))
        r = self.http.request("PUT", "/api/v1/notifications/preferences",
                              {"items": [{"kind": "followed", "channel": "app",
                                          "enabled": False}]}, token=follower.token)
        self.assertEqual(r.status, 200, r)
        off = [p for p in r.json()["items"] if not p["enabled"]]
        self.assertEqual(off, [{"kind": "followed", "channel": "app", "enabled": False}])
        rep = self.submit(author.token)
        self.http.post(f"/api/v1/reports/{rep['id']}/follow", token=follower.token)
        self.staff_act(self.tok(OP), rep["id"], "assign")
        self.wait_delivered()
        self.assertEqual(self.http.get("/api/v1/notifications", token=follower.token)
                         .json()["items"], [])
        self.assertEqual(len(self.http.get("/api/v1/notifications", token=author.token)
                             .json()["items"]), 1)
        bad = self.http.request("PUT", "/api/v1/notifications/preferences",
                                {"items": [{"kind": "gossip", "channel": "app",
                                            "enabled": False}]}, token=follower.token)
        self.assertProblem(bad, 422, fields=["items"])

    def test_the_outbox_resumes_after_a_restart_and_tells_nobody_twice(self) -> None:
        author = self.citizen()
        for _ in range(3):
            self.report_in_state("assigned", author, self.tok(OP), self.tok(EVN))
        self.wait_delivered()
        before = self.env.count("notifications")
        per_event = "SELECT COUNT(*) FROM (SELECT user_id, event_id FROM notifications " \
                    "GROUP BY user_id, event_id HAVING COUNT(*) > 1) d"
        # As if the worker crashed after writing its last batches' notifications and before
        # moving its cursor: on restart it runs those events again.
        self.env.server.stop()
        try:
            self.env.execute("UPDATE delivery_cursors SET position = position - 25 "
                             "WHERE name = 'notifications'")
        finally:
            self.env.server.start()
            self.env.restart_client()
        self.wait_delivered()
        self.assertEqual(self.env.count("notifications"), before)
        self.assertEqual(int(self.env.scalar(per_event)), 0)


class BroadcastTest(RealtimeCase):
    def test_an_admin_broadcast_reaches_every_open_app(self) -> None:
        citizen, anonymous, staff = self.stream(self.citizen().token), self.stream(None), \
            self.stream(self.tok(EVN))
        for s in (citizen, anonymous, staff):
            self.ready(s)
        r = self.http.post("/api/v1/admin/broadcasts",
                           {"title": {"vi": "Triều cường", "en": "High tide"},
                            "body": {"vi": "Hạn chế ra đường tối nay."}, "severity": "warning",
                            "url": "/app/"}, token=self.tok("admin1"))
        self.assertEqual(r.status, 201, r)
        event_id = str(r.json()["event_id"])
        for s in (citizen, anonymous, staff):
            f = s.next("broadcast", where=lambda f: f.id == event_id)
            self.assertEqual(f.json()["title"], {"vi": "Triều cường", "en": "High tide"})
            self.assertEqual(f.json()["severity"], "warning")

    def test_only_admins_broadcast_and_bad_input_changes_nothing(self) -> None:
        before = self.env.count("events", "type = 'broadcast'")
        body = {"title": {"vi": "x"}}
        self.assertEqual(self.http.post("/api/v1/admin/broadcasts", body,
                                        token=self.tok("citizen1")).status, 403)
        self.assertEqual(self.http.post("/api/v1/admin/broadcasts", body).status, 401)
        admin = self.tok("admin1")
        for bad, field in (({}, "title"), ({"title": {"en": "x"}}, "title.vi"),
                           ({"title": {"vi": "x" * 121}}, "title.vi"),
                           ({"title": {"vi": "x"}, "url": "https://evil.example"}, "url"),
                           ({"title": {"vi": "x"}, "severity": "apocalypse"}, "severity")):
            with self.subTest(field=field):
                self.assertProblem(self.http.post("/api/v1/admin/broadcasts", bad, token=admin),
                                   422, fields=[field])
        self.assertEqual(self.env.count("events", "type = 'broadcast'"), before)


class TwoNodesTest(RealtimeCase):
    """Two server processes on one PostgreSQL database: each delivers the other's events."""

    def setUp(self) -> None:
        if self.env.engine != "postgres":
            self.skipTest("several nodes need PostgreSQL")
        from harness import Server, free_port
        self.node_b = Server(self.env.binary, self.env.db_url, self.env.data_dir,
                             self.env.server.log_path + ".b", env=self.env.proc_env)
        self.node_b.port = free_port()
        self.node_b.start()
        self.addCleanup(self.node_b.stop)

    def test_a_step_taken_on_one_node_reaches_a_stream_on_the_other(self) -> None:
        author = self.citizen()
        rep = self.report_in_state("in_progress", author, self.tok(OP), self.tok(EVN))
        on_b = self.stream(author.token, port=self.node_b.port)
        self.ready(on_b)
        started = time.monotonic()
        self.staff_act(self.tok(EVN), rep["id"], "resolve", {"result": "Xong"})  # node A
        self.notification(on_b, rep["id"], "report.resolved")
        print(f"  node A → node B: {1000 * (time.monotonic() - started):.0f} ms", flush=True)

    def test_a_stream_that_moves_from_one_node_to_the_other_resumes_without_gap(self) -> None:
        author = self.citizen()
        rep = self.report_in_state("in_progress", author, self.tok(OP), self.tok(EVN))
        rid = rep["id"]
        on_a = self.stream(author.token)
        self.ready(on_a)
        self.staff_act(self.tok(EVN), rid, "progress", {"message": "Một"})
        self.notification(on_a, rid, "report.progress")
        last = on_a.last_id()
        on_a.close()
        b_client = Client(self.node_b.port)
        for text in ("Hai", "Ba"):
            r = b_client.post(f"/api/v1/staff/reports/{rid}/progress", {"message": text},
                              token=self.tok(EVN))
            self.assertEqual(r.status, 200, r)
        self.wait_delivered()
        on_b = self.stream(author.token, last=last, port=self.node_b.port)
        self.ready(on_b)
        self.staff_act(self.tok(EVN), rid, "progress", {"message": "Bốn"})  # node A again
        on_b.next("notification", where=lambda f: f.json().get("body", {}).get("vi") == "Bốn")
        on_b.drain(1.0)
        bodies = [f.json()["body"]["vi"] for f in on_b.events("notification")
                  if f.json()["report_id"] == rid]
        self.assertEqual(bodies, ["Hai", "Ba", "Bốn"])
