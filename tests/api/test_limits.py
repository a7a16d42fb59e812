"""Rate limits (429 with Retry-After) per client address, per signed-in caller and per route class,
the client address behind a trusted proxy, and admission control (503 with Retry-After when the
worker pool's queue is full while /healthz keeps answering).

These start servers of their own on the suite's database: the suite's server runs with the limits
lifted (harness.py), and these need tight ones. Each test sends from loopback addresses of its own
(127.0.x.y) so that no two tests share an allowance.
"""

from __future__ import annotations

import http.client
import itertools
import json
import os
import re
import sqlite3
import subprocess
import threading
import time

import api_case
from api_case import ApiCase
from harness import Response, Server

# Three a minute for searches per address, two writes a minute per caller, two sign-ins a minute
# per address; everything else unlimited.
TIGHT = "ip.*=0,user.*=0,ip.search=3,user.write=2,ip.sign_in=2"

_addresses = (f"127.0.{a}.{b}" for a, b in itertools.product(range(10, 40), range(2, 250)))


def send(port: int, method: str, path: str, *, source: str, body: object = None,
         token: str | None = None, headers: dict | None = None) -> Response:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60, source_address=(source, 0))
    try:
        hdrs = dict(headers or {})
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            hdrs["Content-Type"] = "application/json"
        if token:
            hdrs["Authorization"] = f"Bearer {token}"
        conn.request(method, path, body=data, headers=hdrs)
        r = conn.getresponse()
        hs = {k.lower(): v for k, v in r.getheaders()}
        return Response(r.status, hs, r.read(), method, path)
    finally:
        conn.close()


def metric(port: int, name: str) -> float:
    """A sample of the server's /metrics (0 when absent)."""
    text = send(port, "GET", "/metrics", source="127.0.0.1").text
    m = re.search(rf"^{re.escape(name)} (\S+)$", text, re.M)
    return float(m.group(1)) if m else 0.0


class LimitsCase(ApiCase):
    server: Server | None = None
    extra_env: dict[str, str] = {}

    @classmethod
    def setUpClass(cls) -> None:
        env = api_case.ENV
        assert env is not None
        name = cls.__name__.lower()
        cls.server = Server(env.binary, env.db_url, env.data_dir,
                            os.path.join(env.tmp, f"{name}.log"),
                            env=dict(env.proc_env, **cls.extra_env))
        cls.server.start()

    @classmethod
    def tearDownClass(cls) -> None:
        if cls.server:
            cls.server.stop()

    @property
    def port(self) -> int:
        assert self.server is not None
        return self.server.port

    def assertRetryAfter(self, r: Response, most: int) -> int:
        self.assertIn("retry-after", r.headers, r)
        seconds = int(r.headers["retry-after"])
        self.assertTrue(1 <= seconds <= most, r.headers)
        return seconds


class RateLimitTest(LimitsCase):
    extra_env = {"CDS_RATE_LIMITS": TIGHT, "CDS_TRUSTED_PROXIES": "127.0.0.1"}

    def test_per_address_per_class_with_retry_after(self) -> None:
        me, other = next(_addresses), next(_addresses)
        for _ in range(3):
            self.assertEqual(send(self.port, "GET", "/api/v1/procedures?q=khai+sinh",
                                  source=me).status, 200)
        limited = send(self.port, "GET", "/api/v1/procedures?q=khai+sinh", source=me,
                       headers={"Accept-Language": "en"})
        p = self.assertProblem(limited, 429, "rate_limited")
        seconds = self.assertRetryAfter(limited, 20)  # three a minute: one every 20 s
        self.assertIn(f"{seconds} seconds", p["detail"])
        vi = send(self.port, "GET", "/api/v1/procedures?q=khai+sinh", source=me)
        self.assertIn("quá nhiều yêu cầu", self.assertProblem(vi, 429, "rate_limited")["detail"])
        # Another address keeps its allowance; the same address its other classes'.
        self.assertEqual(send(self.port, "GET", "/api/v1/procedures?q=khai+sinh",
                              source=other).status, 200)
        self.assertEqual(send(self.port, "GET", "/api/v1/categories", source=me).status, 200)
        # Health and metrics are never limited.
        for _ in range(5):
            self.assertEqual(send(self.port, "GET", "/healthz", source=me).status, 200)
        self.assertGreaterEqual(
            metric(self.port, 'cds_http_rate_limited_total{scope="ip",class="search"}'), 2)

    def test_per_signed_in_caller(self) -> None:
        first, second = self.citizen(), self.citizen()
        # Each write from an address of its own: only the caller's allowance can run out.
        for _ in range(2):
            r = send(self.port, "POST", "/api/v1/reports", source=next(_addresses),
                     body=self.report_body(), token=first.token)
            self.assertEqual(r.status, 201, r)
        limited = send(self.port, "POST", "/api/v1/reports", source=next(_addresses),
                       body=self.report_body(), token=first.token)
        self.assertProblem(limited, 429, "rate_limited")
        self.assertRetryAfter(limited, 30)  # two a minute
        # Nothing was written by the refused request.
        self.assertEqual(int(self.env.scalar(
            f"SELECT COUNT(*) FROM reports WHERE author_id = {first.id}")), 2)
        # Another citizen is not held back, nor are the first one's reads.
        r = send(self.port, "POST", "/api/v1/reports", source=next(_addresses),
                 body=self.report_body(), token=second.token)
        self.assertEqual(r.status, 201, r)
        self.assertEqual(send(self.port, "GET", "/api/v1/me", source=next(_addresses),
                              token=first.token).status, 200)

    def test_sign_in_route_class(self) -> None:
        me = next(_addresses)
        body = {"username": "operator1", "password": "not-the-password"}
        for _ in range(2):
            r = send(self.port, "POST", "/api/v1/auth/staff/login", source=me, body=body)
            self.assertEqual(r.status, 401, r)
        limited = send(self.port, "POST", "/api/v1/auth/staff/login", source=me, body=body)
        self.assertProblem(limited, 429, "sign_ins_too_many")
        self.assertRetryAfter(limited, 30)
        # Not even the right password passes until the allowance refills...
        right = {"username": "operator1", "password": "congdanso-demo"}
        self.assertEqual(send(self.port, "POST", "/api/v1/auth/staff/login", source=me,
                              body=right).status, 429)
        # ...but from elsewhere it does.
        self.assertEqual(send(self.port, "POST", "/api/v1/auth/staff/login",
                              source=next(_addresses), body=right).status, 200)

    def test_client_address_from_a_trusted_proxy_only(self) -> None:
        client, neighbour = "203.0.113.7", "203.0.113.8"
        # Through the proxy (127.0.0.1 is trusted here): the address it names counts.
        via = {"X-Forwarded-For": client}
        for _ in range(3):
            self.assertEqual(send(self.port, "GET", "/api/v1/procedures?q=thue",
                                  source="127.0.0.1", headers=via).status, 200)
        self.assertEqual(send(self.port, "GET", "/api/v1/procedures?q=thue", source="127.0.0.1",
                              headers=via).status, 429)
        # A client's own X-Forwarded-For left of the proxy's entry changes nothing.
        spoof = {"X-Forwarded-For": f"{neighbour}, {client}"}
        self.assertEqual(send(self.port, "GET", "/api/v1/procedures?q=thue", source="127.0.0.1",
                              headers=spoof).status, 429)
        self.assertEqual(send(self.port, "GET", "/api/v1/procedures?q=thue", source="127.0.0.1",
                              headers={"X-Forwarded-For": neighbour}).status, 200)
        # A peer that is not a trusted proxy cannot borrow another's allowance (nor spend it).
        stranger = next(_addresses)
        self.assertEqual(send(self.port, "GET", "/api/v1/procedures?q=thue", source=stranger,
                              headers={"X-Forwarded-For": neighbour}).status, 200)


class StoreLock:
    """Holds the reports table against writers (not readers) until released: a handler that
    writes a report then waits on a worker thread, holding it."""

    def __init__(self, env) -> None:
        self.env = env
        self.sqlite: sqlite3.Connection | None = None
        self.psql: subprocess.Popen | None = None

    def __enter__(self) -> "StoreLock":
        if self.env.engine == "sqlite":
            self.sqlite = sqlite3.connect(self.env.sqlite_path, timeout=30,
                                          isolation_level=None)
            self.sqlite.execute("BEGIN IMMEDIATE")
        else:
            self.psql = subprocess.Popen(["psql", self.env.pg_url, "-X", "-q", "-At"],
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
            assert self.psql.stdin and self.psql.stdout
            self.psql.stdin.write("BEGIN;\nLOCK TABLE reports IN EXCLUSIVE MODE;\n"
                                  "SELECT 'locked';\n")
            self.psql.stdin.flush()
            assert self.psql.stdout.readline().strip() == "locked"
        return self

    def __exit__(self, *exc) -> None:
        if self.sqlite:
            self.sqlite.execute("ROLLBACK")
            self.sqlite.close()
        if self.psql:
            assert self.psql.stdin
            self.psql.stdin.write("ROLLBACK;\n")
            self.psql.stdin.close()
            self.psql.wait(timeout=30)


class AdmissionTest(LimitsCase):
    # One worker and room for one request waiting for it; no bound on the wait, so that what is
    # refused depends on the queue alone, not on how fast this machine is.
    extra_env = {"CDS_WORKER_THREADS": "1", "CDS_WORKER_QUEUE": "1",
                 "CDS_WORKER_QUEUE_WAIT_MS": "0"}

    def wait_for(self, name: str, value: float) -> None:
        deadline = time.monotonic() + 30
        while metric(self.port, name) != value:
            self.assertLess(time.monotonic(), deadline, f"{name} never reached {value}")
            time.sleep(0.02)

    def test_full_queue_answers_503_at_once_and_health_keeps_answering(self) -> None:
        citizen = self.citizen()
        existing = self.submit(citizen.token)["id"]
        answers: dict[str, Response] = {}

        def call(name: str, method: str, path: str, body: object = None) -> None:
            answers[name] = send(self.port, method, path, source=next(_addresses), body=body,
                                 token=citizen.token)

        with StoreLock(self.env):
            # The one worker takes a report whose commit waits for the lock...
            holder = threading.Thread(target=call, args=("held", "POST", "/api/v1/reports",
                                                         self.report_body()))
            holder.start()
            self.wait_for("cds_http_workers_busy", 1)
            # ...the next request waits in the queue...
            queued = threading.Thread(target=call, args=("queued", "GET",
                                                         f"/api/v1/reports/{existing}"))
            queued.start()
            self.wait_for("cds_http_worker_queue", 1)
            # ...and the one after is refused at once, in the caller's language.
            refused = send(self.port, "GET", f"/api/v1/reports/{existing}",
                           source=next(_addresses), token=citizen.token,
                           headers={"Accept-Language": "en"})
            p = self.assertProblem(refused, 503, "overloaded")
            self.assertEqual(refused.headers.get("retry-after"), "1", refused.headers)
            self.assertIn("overloaded", p["detail"])
            # Answers made on the event loop keep flowing.
            self.assertEqual(send(self.port, "GET", "/healthz", source="127.0.0.1").status, 200)
            self.assertEqual(metric(self.port,
                                    'cds_http_overload_refused_total{reason="queue_full"}'), 1)
        holder.join(60)
        queued.join(60)
        self.assertEqual(answers["held"].status, 201, answers["held"])
        self.assertEqual(answers["queued"].status, 200, answers["queued"])
        # Nothing is left waiting, and the server serves as before.
        self.wait_for("cds_http_worker_queue", 0)
        self.assertEqual(send(self.port, "GET", f"/api/v1/reports/{existing}",
                              source=next(_addresses), token=citizen.token).status, 200)


class ConnectionCapTest(LimitsCase):
    # Two connections at most: the third is answered 503 with Retry-After and closed.
    extra_env = {"CDS_MAX_CONNECTIONS": "2"}

    def test_connections_beyond_the_cap_get_503(self) -> None:
        held = []
        try:
            # Earlier connections (the start-up probes) may not be counted as closed yet: a place
            # is taken once a connection is answered 200.
            deadline = time.monotonic() + 30
            while len(held) < 2:
                self.assertLess(time.monotonic(), deadline, "no place among the connections")
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                conn.request("GET", "/healthz")
                r = conn.getresponse()
                r.read()
                if r.status == 200:
                    held.append(conn)  # kept alive: it holds its place
                else:
                    conn.close()
                    time.sleep(0.05)
            refused = send(self.port, "GET", "/healthz", source=next(_addresses))
            self.assertProblem(refused, 503, "unavailable")
            self.assertRetryAfter(refused, 60)
        finally:
            for conn in held:
                conn.close()
