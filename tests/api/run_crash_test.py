#!/usr/bin/env python3
"""Crash test: nothing acknowledged is lost. While citizens submit reports and staff move them
along their lifecycle, the server is killed with SIGKILL at random moments and restarted on the
same database. After the last restart:

- every report answered 201 is there and intact (id, code, description, category, author), and
  no stored report was never attempted or is stored twice;
- every status change answered 2xx (assign by the 1022 operator; accept, progress, resolve by
  the unit) is in the report's timeline and status, in order; a change whose answer the kill cut
  off is there at most once (staff look at the report after the restart and go on from what is
  stored); nothing else is;
- every stored step produced its notifications once the outbox has caught up (polled with a
  bounded wait): the author's inbox holds an entry for each step, read through the API, and the
  unit's staff are told of each assignment; nobody is told twice; one citizen has a phone
  subscribed at the local push service (tests/push-endpoint), and each of their notifications
  reached it or waits in the push queue (a push whose sender was killed waits for its lease);
- some submissions carry an Idempotency-Key and, when a kill cuts the answer off, are sent again
  with the same key until the server answers: each such attempt is stored exactly once, under
  the id the answer names (a "replayed" answer means the first try had committed).

    run_crash_test.py --binary build/bin/congdanso --engine sqlite|postgres
        [--kills 20] [--threads 6] [--staff-threads 3] [--min-uptime 0.4] [--max-uptime 1.2]
        [--early 0.2] [--seed N]

`make test` runs the short form (20 kills per engine, about a minute each: CTest crash_sqlite
and crash_postgres); `make soak` (scripts/soak.sh) runs the long form, 200 kills per engine
unless SOAK_KILLS says otherwise. Ends with "N passed, M failed"; exit 77 when PostgreSQL is
asked for and CDS_TEST_PG_URL is unset. A failure prints the seed: --seed replays the kill
timing (not the server's interleaving).
"""

from __future__ import annotations

import collections
import json
import os
import random
import re
import secrets
import sys
import threading
import traceback
import time
from dataclasses import dataclass, field

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import REPORT_CODE, SKIP_EXIT, Checks, Client, common_args, make_environment  # noqa: E402
from push_endpoint import PushEndpoint  # noqa: E402

TOKEN = re.compile(r"\[(crash-[0-9a-f]+-\d+-\d+)\]")
CATEGORY = "dien_luc"  # routed to the unit evn-hcmc by the demo seed's rule
UNIT = "evn-hcmc"
BEN_THANH = (10.7725, 106.698)


@dataclass(frozen=True)
class Step:
    action: str           # the route: POST /api/v1/staff/reports/{id}/{action}
    by: str               # "operator" or "unit"
    recorded: str         # the timeline action and the event type's suffix
    status: str           # the report's status afterwards
    body_key: str | None  # the text field the step carries, if any


STEPS = (
    Step("assign", "operator", "assigned", "assigned", None),
    Step("accept", "unit", "accepted", "in_progress", None),
    Step("progress", "unit", "progress", "in_progress", "message"),
    Step("resolve", "unit", "resolved", "resolved", "result"),
)
TOLD_UNIT = {"assigned"}  # steps that tell the unit's staff (unit_queue)


@dataclass
class Acked:
    token: str
    author: int
    id: int
    code: str
    description: str
    keyed: bool = False
    tries: int = 1
    replayed: bool = False


@dataclass
class Moves:
    """What staff did to one acknowledged report: the steps known to be stored, in order (each
    answered 2xx, or found in the timeline after its answer was cut off), and the step whose
    answer a kill cut off, until staff look at the report again and see whether it was stored."""
    report: Acked
    steps: list[str] = field(default_factory=list)
    acked: int = 0  # how many of `steps` were answered 2xx
    uncertain: str | None = None


class Load:
    """Threads that write without pause: citizens submit (each attempt with its own token; a
    failed attempt is never retried, except keyed ones, which are re-sent with the same key
    until answered), staff take acknowledged reports one step further each time."""

    def __init__(self, env, citizens, operator: str, unit_staff: str, threads: int,
                 staff_threads: int, run: str, keyed_every: int):
        self.env = env
        self.citizens = citizens
        self.tokens = {"operator": operator, "unit": unit_staff}
        self.run = run
        self.keyed_every = keyed_every
        self.attempted: set[str] = set()
        self.acked: list[Acked] = []
        self.moves: dict[int, Moves] = {}
        self.work: collections.deque[Moves] = collections.deque()
        self.errors = 0
        self.step_errors = 0
        self.refused: list[str] = []  # answers a live server should not have given
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self.submit_loop, args=(i,), daemon=True)
                        for i in range(threads)]
        self.threads += [threading.Thread(target=self.staff_loop, daemon=True)
                         for _ in range(staff_threads)]

    def start(self):
        for t in self.threads:
            t.start()

    def join(self):
        self.stop.set()
        for t in self.threads:
            t.join(timeout=120)
        return not any(t.is_alive() for t in self.threads)

    def client(self, cached):
        """The thread's client, renewed when a restart moved the server to another port."""
        if cached is None or cached.port != self.env.server.port:
            return Client(self.env.server.port, keep_alive=True, timeout=10)
        return cached

    def submit_loop(self, n: int):
        seq = 0
        client = None
        while not self.stop.is_set():
            who = self.citizens[(n + seq) % len(self.citizens)]
            token = f"crash-{self.run}-{n}-{seq}"
            keyed = seq % self.keyed_every == self.keyed_every - 1
            seq += 1
            description = f"Mất điện khi máy chủ sập [{token}] số {seq}"
            body = {"kind": "report", "category": CATEGORY, "description": description,
                    "lat": BEN_THANH[0], "lon": BEN_THANH[1]}
            headers = {"Idempotency-Key": f"key-{token}"} if keyed else None
            with self.lock:
                self.attempted.add(token)
            tries = 0
            while True:
                tries += 1
                client = self.client(client)
                try:
                    r = client.post("/api/v1/reports", body, token=who.token, headers=headers)
                except Exception:  # noqa: BLE001 - connection refused, reset, timeout: server down
                    r = None
                    with self.lock:
                        self.errors += 1
                # A keyed attempt is sent again, the same, until the server answers it (the
                # last restart stays up, so this ends); a draining server's 503 too.
                if keyed and (r is None or r.status == 503) and tries < 400:
                    time.sleep(0.05)
                    continue
                break
            if r is None:
                time.sleep(0.02)
                continue
            if r.status == 201:
                j = r.json()
                a = Acked(token, who.id, j["id"], j["code"], description, keyed, tries,
                          r.headers.get("idempotent-replayed") == "true")
                with self.lock:
                    self.acked.append(a)
                    m = Moves(a)
                    self.moves[a.id] = m
                    self.work.append(m)
            else:
                with self.lock:
                    self.refused.append(f"submit {r.status} {r.text[:200]}")

    def staff_loop(self):
        client = None
        while not self.stop.is_set():
            with self.lock:
                m = self.work.popleft() if self.work else None
            if m is None:
                time.sleep(0.01)
                continue
            client = self.client(client)
            if m.uncertain:
                self.settle(client, m)
            else:
                self.move(client, m)

    def requeue(self, m: Moves, pause: bool):
        with self.lock:
            if len(m.steps) < len(STEPS) or m.uncertain:
                self.work.append(m)
        if pause:
            time.sleep(0.02)

    def move(self, client, m: Moves):
        """Takes the report one step further."""
        step = STEPS[len(m.steps)]
        body = {step.body_key: f"Bước {step.action} của {m.report.token}"} \
            if step.body_key else None
        try:
            r = client.post(f"/api/v1/staff/reports/{m.report.id}/{step.action}", body,
                            token=self.tokens[step.by])
        except ConnectionRefusedError:  # nothing was sent: the server is down
            return self.requeue(m, pause=True)
        except Exception:  # noqa: BLE001 - sent, and the server went down: outcome unknown
            with self.lock:
                m.uncertain = step.recorded
                self.step_errors += 1
            return self.requeue(m, pause=True)
        if 200 <= r.status < 300:
            with self.lock:
                m.steps.append(step.recorded)
                m.acked += 1
            return self.requeue(m, pause=False)
        if r.status == 503:  # a draining or starting server: the same step again
            return self.requeue(m, pause=True)
        with self.lock:
            self.refused.append(f"{step.action} {r.status} {r.text[:200]}")

    def settle(self, client, m: Moves):
        """After a cut-off answer, looks at the report as staff see it: the step is stored or
        not, and the report goes on from there."""
        try:
            r = client.get(f"/api/v1/staff/reports/{m.report.id}", token=self.tokens["operator"])
        except Exception:  # noqa: BLE001 - still down
            return self.requeue(m, pause=True)
        if r.status == 503:
            return self.requeue(m, pause=True)
        if r.status != 200:
            with self.lock:
                self.refused.append(f"staff view {r.status} {r.text[:200]}")
            return
        actions = [e["action"] for e in r.json()["timeline"][1:] if not e.get("internal")]
        with self.lock:
            if actions == m.steps + [m.uncertain]:
                m.steps.append(m.uncertain)
            elif actions != m.steps:
                self.refused.append(f"report {m.report.id}: timeline {actions} after "
                                    f"{m.steps} + cut-off {m.uncertain}")
                return
            m.uncertain = None
        self.requeue(m, pause=False)


def expected_status(actions: list[str]) -> str:
    status = "received"
    for a in actions:
        status = next(s.status for s in STEPS if s.recorded == a)
    return status


def settle_backends(env, patience: float = 10.0) -> None:
    """PostgreSQL only: waits until the killed server's sessions have ended. A session may still
    run the requests already sent to it (a commit included) after its client died; staff who look
    at a report after the restart should see what will stay, as they would after a real outage
    of more than a moment."""
    if env.engine != "postgres":
        return
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        if int(env.scalar("SELECT count(*) FROM pg_stat_activity WHERE datname = "
                          "current_database() AND pid <> pg_backend_pid()")) == 0:
            return
        time.sleep(0.02)
    print("the killed server's PostgreSQL sessions did not end within "
          f"{patience} s", flush=True)


def wait_for_outbox(env, patience: float) -> bool:
    """Polls until the outbox's cursor has reached the last event (after a restart it works
    through what the kills left behind). A bound, not a timing: False only if it never does."""
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        last = int(env.scalar("SELECT COALESCE(MAX(id), 0) FROM events"))
        cursor = int(env.scalar("SELECT position FROM delivery_cursors WHERE name = "
                                "'notifications'"))
        if cursor >= last:
            return True
        time.sleep(0.2)
    return False


def inbox(client, token: str) -> list[dict]:
    """Every notification of one person, through the API, newest first."""
    items, cursor = [], None
    while True:
        r = client.get("/api/v1/notifications?limit=100" + (f"&cursor={cursor}" if cursor else ""),
                       token=token)
        if r.status != 200:
            raise RuntimeError(f"inbox: {r!r}")
        j = r.json()
        items += j["items"]
        cursor = j.get("next_cursor")
        if not cursor:
            return items


def subscribe_phone(env, push: PushEndpoint, citizen) -> dict:
    """A browser subscription of `citizen` at the local push service (after consent)."""
    client = Client(env.server.port)
    r = client.request("PUT", "/api/v1/me/consents/notifications", {"granted": True},
                       token=citizen.token)
    if r.status != 200:
        raise RuntimeError(f"consent: {r!r}")
    key = client.get("/api/v1/push/key").json()["public_key"]
    sub = push.new_subscription(application_server_key=key)
    r = client.post("/api/v1/push/subscriptions", {"endpoint": sub["endpoint"], "keys": sub["keys"]},
                    token=citizen.token)
    if r.status != 201:
        raise RuntimeError(f"subscribe: {r!r}")
    return {**sub, "device": r.json()["id"]}


def pushes_owed(env, push: PushEndpoint, phone: dict, event_ids: set[int]) -> tuple[list, int, int]:
    """The events of `event_ids` that neither reached the phone nor wait in its push queue (a
    push leased by a killed sender waits there until its lease ends), and how many pushes arrived
    and arrived more than once (pushes are at least once). The queue is read before the arrivals:
    a push leaves the queue only after the push service took it."""
    queued = {int(r[0]) for r in env.query(
        f"SELECT event_id FROM push_deliveries WHERE subscription_id = {phone['device']}")}
    arrived = [json.loads(m["payload"]).get("event_id")
               for m in push.messages(phone["id"])["messages"]]
    owed = sorted(e for e in event_ids if e not in queued and e not in set(arrived))
    return owed, len(arrived), len(arrived) - len(set(arrived))


def main() -> int:
    p = common_args(__doc__)
    p.add_argument("--kills", type=int, default=20, help="SIGKILLs (at least 1)")
    p.add_argument("--threads", type=int, default=6, help="citizens submitting at once")
    p.add_argument("--staff-threads", type=int, default=3, help="staff changing statuses at once")
    p.add_argument("--citizens", type=int, default=4)
    p.add_argument("--keyed-every", type=int, default=3,
                   help="every n-th submission carries an Idempotency-Key")
    p.add_argument("--min-uptime", type=float, default=0.4)
    p.add_argument("--max-uptime", type=float, default=1.2)
    p.add_argument("--early", type=float, default=0.2,
                   help="the share of kills that come within 0.1 s of a restart")
    p.add_argument("--seed", type=int, default=None)
    args = p.parse_args()
    env = make_environment(args)
    if env is None:
        return SKIP_EXIT
    seed = args.seed if args.seed is not None else secrets.randbelow(2**31)
    rng = random.Random(seed)
    print(f"crash test on {args.engine}: {args.kills} kills, seed {seed}", flush=True)
    checks = Checks(f"crash {args.engine}")
    load = None
    push = None
    try:
        env.setup(demo_tokens=False)
        citizens = [env.add_user("citizen", prefix="crash_") for _ in range(args.citizens)]
        # The first citizen's phone takes web pushes, from the local push service.
        push = PushEndpoint(os.path.join(env.tmp, "push.log")).start()
        phone = subscribe_phone(env, push, citizens[0])
        unit_staff = env.add_user("unit_staff", unit=UNIT, prefix="crash_evn_")
        run = secrets.token_hex(4)
        load = Load(env, citizens, env.token("operator1"), unit_staff.token, args.threads,
                    args.staff_threads, run, max(1, args.keyed_every))
        load.start()
        restarts_ok = 0
        for k in range(args.kills):
            # Some kills come right after a restart, while the outbox still works off what the
            # last kill left behind.
            early = rng.random() < args.early
            time.sleep(rng.uniform(0.0, 0.1) if early else
                       rng.uniform(args.min_uptime, args.max_uptime))
            with load.lock:
                acked_before = len(load.acked)
                steps_before = sum(m.acked for m in load.moves.values())
            env.server.kill()
            settle_backends(env)
            print(f"kill {k + 1}: {acked_before} reports and {steps_before} steps acknowledged "
                  f"so far", flush=True)
            time.sleep(rng.uniform(0.0, 0.3))
            try:
                env.server.start()
                restarts_ok += 1
            except RuntimeError as e:
                checks.check(False, f"restart {k + 1}", str(e))
                break
        time.sleep(rng.uniform(args.min_uptime, args.max_uptime))
        print(f"load done after {time.monotonic() - checks.started:.1f} s", flush=True)
        checks.check(load.join(), "every writer finished once the server stayed up",
                     "a thread is still waiting")
        checks.check(restarts_ok == args.kills, f"the server restarted after each of {args.kills} kills",
                     f"{restarts_ok} restarts")
        acked, attempted = load.acked, load.attempted
        moves = list(load.moves.values())
        n_steps = sum(m.acked for m in moves)
        uncertain = load.step_errors
        found = sum(len(m.steps) - m.acked for m in moves)
        keyed = [a for a in acked if a.keyed]
        resent = [a for a in keyed if a.tries > 1]
        print(f"{len(attempted)} submissions, {len(acked)} answered 201, {load.errors} connection "
              f"errors; {n_steps} status changes answered 2xx, {uncertain} cut off ({found} of "
              f"them found stored afterwards); "
              f"{len(keyed)} keyed submissions answered, {len(resent)} of them re-sent after a "
              f"kill, {sum(a.replayed for a in resent)} replayed", flush=True)
        checks.check(len(acked) >= 5 * args.kills, "submissions kept flowing between kills",
                     f"only {len(acked)} answered 201")
        done = collections.Counter(a for m in moves for a in m.steps)
        checks.check(all(done[s.recorded] > 0 for s in STEPS),
                     "every kind of status change was acknowledged at least once", str(done))
        checks.check(not load.refused, "a live server accepted every write",
                     f"{len(load.refused)} other answers, e.g. {load.refused[:3]}")

        # Every acknowledged report is there and intact, with its acknowledged steps, through
        # the API as its author sees it.
        client = Client(env.server.port, keep_alive=True)
        tokens = {c.id: c.token for c in citizens}
        broken, lost_steps = [], []
        committed: dict[int, list[str]] = {}  # report id -> the steps stored
        for a in acked:
            r = client.get(f"/api/v1/reports/{a.id}", token=tokens[a.author])
            if r.status != 200:
                broken.append((a.token, r.status))
                continue
            j = r.json()
            if (j["description"], j["code"], j["category"]["code"], j.get("mine")) != \
                    (a.description, a.code, CATEGORY, True) or \
                    not j.get("timeline") or j["timeline"][0]["action"] != "submitted":
                broken.append((a.token, j["description"], j["code"], j["category"]["code"],
                               j.get("mine"), [e["action"] for e in j.get("timeline", [])][:1]))
                continue
            steps = [e["action"] for e in j["timeline"][1:]]
            m = load.moves[a.id]
            allowed = [m.steps] + ([m.steps + [m.uncertain]] if m.uncertain else [])
            if steps not in allowed or j["status"] != expected_status(steps):
                lost_steps.append((a.token, m.steps, m.uncertain, steps, j["status"]))
            committed[a.id] = steps
        checks.check(not broken, f"all {len(acked)} acknowledged reports read back intact",
                     f"{len(broken)} missing or changed, e.g. {broken[:3]}")
        checks.check(not lost_steps, f"all {n_steps} acknowledged status changes are in the "
                     "timelines and statuses, none twice, none unattempted",
                     f"{len(lost_steps)} reports differ, e.g. {lost_steps[:3]}")
        codes = [a.code for a in acked]
        checks.check(len(set(codes)) == len(codes) and all(REPORT_CODE.match(c) for c in codes),
                     "acknowledged codes are unique and well formed",
                     f"{len(codes) - len(set(codes))} repeated")

        # And in the database: nothing invented, nothing twice, each under its author.
        authors = ",".join(str(c.id) for c in citizens)
        rows = env.query("SELECT id, code, description, author_id FROM reports WHERE author_id "
                         f"IN ({authors})")
        seen: dict[str, int] = {}
        unattempted = []
        for rid, code, description, _ in rows:
            m = TOKEN.search(description)
            if not m or m.group(1) not in attempted:
                unattempted.append((rid, description))
                continue
            seen[m.group(1)] = seen.get(m.group(1), 0) + 1
        checks.check(not unattempted, "no stored report was never attempted", str(unattempted[:3]))
        twice = {t: n for t, n in seen.items() if n > 1}
        checks.check(not twice, "no attempt is stored twice (keyed re-sends included)",
                     str(list(twice.items())[:3]))
        by_id = {int(r[0]): (r[1], r[2], int(r[3])) for r in rows}
        lost = [a.token for a in acked if by_id.get(a.id) != (a.code, a.description, a.author)]
        checks.check(not lost, "every acknowledged report is stored under its id and author",
                     f"{len(lost)} lost, e.g. {lost[:5]}")
        print(f"{len(rows)} stored: {len(acked)} acknowledged + {len(rows) - len(acked)} whose "
              f"answer the kill cut off", flush=True)
        dup = env.query("SELECT code FROM reports GROUP BY code HAVING count(*) > 1")
        checks.check(not dup, "no code is stored twice", str(dup[:5]))
        timeline = env.count("report_timeline",
                             f"action = 'submitted' AND report_id IN (SELECT id FROM reports "
                             f"WHERE author_id IN ({authors}))")
        checks.check(timeline == len(rows), "every stored report has its submitted step",
                     f"{timeline} steps for {len(rows)} reports")
        # Staff touched only acknowledged reports: any other stored report is still received.
        # (Compared here rather than in SQL: a list of every id would outgrow psql's argument.)
        moved = {int(r[0]) for r in env.query(f"SELECT id FROM reports WHERE author_id IN "
                                               f"({authors}) AND status <> 'received'")}
        untouched = sorted(moved - set(committed))
        checks.check(not untouched, "no report changed that staff never touched",
                     f"{len(untouched)}, e.g. {untouched[:5]}")

        print(f"reports checked after {time.monotonic() - checks.started:.1f} s", flush=True)
        # Every stored step told its author (and an assignment the unit's staff), once.
        caught_up = wait_for_outbox(env, patience=120)
        checks.check(caught_up, "the outbox caught up with the event log after the last restart",
                     "its cursor stayed behind for 120 s")
        told: set[tuple[int, int, str]] = set()
        phone_events: set[int] = set()
        for c in citizens:
            for n in inbox(client, c.token):
                told.add((c.id, n.get("report_id", 0), n["type"]))
                if c is citizens[0]:
                    phone_events.add(n["event_id"])
        by_report = {a.id: a for a in acked}
        untold = [(rid, s) for rid, steps in committed.items() for s in steps
                  if (by_report[rid].author, rid, f"report.{s}") not in told]
        n_told = sum(len(s) for s in committed.values())
        checks.check(not untold, f"each author's inbox has all {n_told} stored steps of their "
                     "reports", f"{len(untold)} missing, e.g. {untold[:5]}")
        unit_told = {(n.get("report_id", 0), n["type"]) for n in inbox(client, unit_staff.token)}
        unit_untold = [(rid, s) for rid, steps in committed.items() for s in steps
                       if s in TOLD_UNIT and (rid, f"report.{s}") not in unit_told]
        checks.check(not unit_untold, "the unit's staff were told of every assignment",
                     f"{len(unit_untold)} missing, e.g. {unit_untold[:5]}")
        # Each of the first citizen's notifications went to their phone, or waits to go.
        owed, arrived, repeats = pushes_owed(env, push, phone, phone_events)
        print(f"{len(phone_events)} notifications for the phone: {arrived} pushes arrived "
              f"({repeats} repeats), the rest queued", flush=True)
        checks.check(not owed, "every notification of a citizen with a phone was pushed or is "
                     "queued to be", f"{len(owed)} neither, e.g. {owed[:5]}")
        # Nobody twice: one notification per person and event, one event per stored step.
        twice_told = env.query("SELECT user_id, event_id FROM notifications GROUP BY user_id, "
                               "event_id HAVING count(*) > 1")
        checks.check(not twice_told, "nobody is told of one event twice", str(twice_told[:5]))
        events = collections.Counter(
            (int(rid), t) for rid, t in env.query(
                f"SELECT report_id, type FROM events WHERE type IN "
                f"({','.join(repr('report.' + s.recorded) for s in STEPS)}) AND report_id IN "
                f"(SELECT id FROM reports WHERE author_id IN ({authors}))"))
        stored_steps = collections.Counter((rid, f"report.{s}") for rid, steps in committed.items()
                                           for s in steps)
        checks.check(events == stored_steps, "one event per stored step",
                     f"{sum(events.values())} events for {n_told} steps, e.g. "
                     f"{list((events - stored_steps).items())[:3]} extra, "
                     f"{list((stored_steps - events).items())[:3]} missing")

        # The server is still healthy after all this.
        r = client.get("/readyz")
        checks.check(r.status == 200, "ready after the last restart", repr(r))
    except Exception as e:  # noqa: BLE001 - a crash of the test is a failure with its reason
        checks.check(False, "the test ran to the end", repr(e))
        traceback.print_exc()
        print(env.server.log_tail(20))
    finally:
        if load is not None:
            load.stop.set()
        if push is not None:
            push.stop()
        if checks.failed:
            print(f"seed {seed}", flush=True)
        env.teardown()
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
