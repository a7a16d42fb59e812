#!/usr/bin/env python3
"""Crash test: while submissions stream in, the server is killed with SIGKILL at random moments
and restarted on the same database. Every report answered 201 must be there afterwards, intact;
no report may exist that was never attempted, and none twice.

    run_crash_test.py --binary build/bin/congdanso --engine sqlite|postgres
        [--kills 5] [--threads 8] [--min-uptime 0.3] [--max-uptime 1.5] [--seed N]

Raise --kills for a soak. Ends with "N passed, M failed"; exit 77 when PostgreSQL is asked for
and CDS_TEST_PG_URL is unset.
"""

from __future__ import annotations

import os
import random
import re
import secrets
import sys
import threading
import traceback
import time
from dataclasses import dataclass

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import REPORT_CODE, SKIP_EXIT, Checks, Client, common_args, make_environment  # noqa: E402

TOKEN = re.compile(r"\[(crash-[0-9a-f]+-\d+-\d+)\]")


@dataclass
class Acked:
    token: str
    author: int
    id: int
    code: str
    description: str


class Stream:
    """Threads that submit reports without pause, each attempt with its own token, and remember
    which attempts were answered 201. A failed attempt is never retried (a retry would be a new
    attempt with a new token)."""

    def __init__(self, env, citizens, threads: int, run: str):
        self.env = env
        self.citizens = citizens
        self.run = run
        self.attempted: set[str] = set()
        self.acked: list[Acked] = []
        self.errors = 0
        self.refused: list[str] = []  # answers other than 201 that a live server gave
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self.loop, args=(i,), daemon=True)
                        for i in range(threads)]

    def start(self):
        for t in self.threads:
            t.start()

    def join(self):
        self.stop.set()
        for t in self.threads:
            t.join(timeout=60)

    def loop(self, n: int):
        seq = 0
        port = 0
        client = None
        while not self.stop.is_set():
            if self.env.server.port != port:
                port = self.env.server.port
                client = Client(port, keep_alive=True, timeout=10)
            who = self.citizens[(n + seq) % len(self.citizens)]
            token = f"crash-{self.run}-{n}-{seq}"
            seq += 1
            description = f"Phản ánh thử khi máy chủ sập [{token}] số {seq}"
            with self.lock:
                self.attempted.add(token)
            try:
                r = client.post("/api/v1/reports", {
                    "kind": "report", "category": "giao_thong", "description": description,
                    "lat": 10.7725, "lon": 106.698}, token=who.token)
            except Exception:  # noqa: BLE001 - connection refused, reset, timeout: server down
                with self.lock:
                    self.errors += 1
                time.sleep(0.02)
                continue
            if r.status == 201:
                j = r.json()
                with self.lock:
                    self.acked.append(Acked(token, who.id, j["id"], j["code"], description))
            else:
                # A draining or starting server may say 503; anything else is suspicious.
                with self.lock:
                    self.refused.append(f"{r.status} {r.text[:200]}")


def main() -> int:
    p = common_args(__doc__)
    p.add_argument("--kills", type=int, default=5, help="SIGKILLs (at least 1)")
    p.add_argument("--threads", type=int, default=8)
    p.add_argument("--citizens", type=int, default=4)
    p.add_argument("--min-uptime", type=float, default=0.3)
    p.add_argument("--max-uptime", type=float, default=1.5)
    p.add_argument("--seed", type=int, default=None)
    args = p.parse_args()
    env = make_environment(args)
    if env is None:
        return SKIP_EXIT
    seed = args.seed if args.seed is not None else secrets.randbelow(2**31)
    rng = random.Random(seed)
    print(f"crash test on {args.engine}: {args.kills} kills, seed {seed}", flush=True)
    checks = Checks(f"crash {args.engine}")
    stream = None
    try:
        env.setup(demo_tokens=False)
        citizens = [env.add_user("citizen", prefix="crash_") for _ in range(args.citizens)]
        run = secrets.token_hex(4)
        stream = Stream(env, citizens, args.threads, run)
        stream.start()
        restarts_ok = 0
        for k in range(args.kills):
            time.sleep(rng.uniform(args.min_uptime, args.max_uptime))
            with stream.lock:
                acked_before = len(stream.acked)
            env.server.kill()
            print(f"kill {k + 1}: {acked_before} acknowledged so far", flush=True)
            time.sleep(rng.uniform(0.0, 0.3))
            try:
                env.server.start()
                restarts_ok += 1
            except RuntimeError as e:
                checks.check(False, f"restart {k + 1}", str(e))
                break
        time.sleep(rng.uniform(args.min_uptime, args.max_uptime))
        stream.join()
        checks.check(restarts_ok == args.kills, f"the server restarted after each of {args.kills} kills",
                     f"{restarts_ok} restarts")
        acked, attempted = stream.acked, stream.attempted
        print(f"{len(attempted)} attempts, {len(acked)} answered 201, {stream.errors} connection "
              f"errors", flush=True)
        checks.check(len(acked) >= 20 * args.kills, "submissions kept flowing between kills",
                     f"only {len(acked)} answered 201")
        checks.check(not stream.refused, "a live server answered every submission 201",
                     f"{len(stream.refused)} other answers, e.g. {stream.refused[:3]}")

        # Every acknowledged report is there and intact, through the API.
        client = Client(env.server.port, keep_alive=True)
        tokens = {c.id: c.token for c in citizens}
        broken = []
        for a in acked:
            r = client.get(f"/api/v1/reports/{a.id}", token=tokens[a.author])
            if r.status != 200:
                broken.append((a.token, r.status))
                continue
            j = r.json()
            if (j["description"], j["code"], j["status"], j.get("mine")) != \
                    (a.description, a.code, "received", True) or \
                    not j.get("timeline") or j["timeline"][0]["action"] != "submitted":
                broken.append((a.token, j))
        checks.check(not broken, f"all {len(acked)} acknowledged reports read back intact",
                     f"{len(broken)} missing or changed, e.g. {broken[:3]}")
        codes = [a.code for a in acked]
        checks.check(len(set(codes)) == len(codes) and all(REPORT_CODE.match(c) for c in codes),
                     "acknowledged codes are unique and well formed",
                     f"{len(codes) - len(set(codes))} repeated")

        # And in the database: nothing invented, nothing twice.
        authors = ",".join(str(c.id) for c in citizens)
        rows = env.query(f"SELECT id, code, description FROM reports WHERE author_id IN ({authors})")
        seen: dict[str, int] = {}
        unattempted = []
        for rid, code, description in rows:
            m = TOKEN.search(description)
            if not m or m.group(1) not in attempted:
                unattempted.append((rid, description))
                continue
            seen[m.group(1)] = seen.get(m.group(1), 0) + 1
        checks.check(not unattempted, "no stored report was never attempted", str(unattempted[:3]))
        twice = {t: n for t, n in seen.items() if n > 1}
        checks.check(not twice, "no attempt is stored twice", str(list(twice.items())[:3]))
        by_id = {int(r[0]): (r[1], r[2]) for r in rows}
        lost = [a.token for a in acked if by_id.get(a.id) != (a.code, a.description)]
        checks.check(not lost, "every acknowledged report is stored under its id",
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
        # The server is still healthy after all this.
        r = client.get("/readyz")
        checks.check(r.status == 200, "ready after the last restart", repr(r))
    except Exception as e:  # noqa: BLE001 - a crash of the test is a failure with its reason
        checks.check(False, "the test ran to the end", repr(e))
        traceback.print_exc()
        print(env.server.log_tail(20))
    finally:
        if stream is not None:
            stream.stop.set()
        env.teardown()
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
