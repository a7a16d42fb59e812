"""Runs the real congdanso binary against a fresh database for the API, concurrency and crash tests.

Standard library only (Python 3.11). One Environment owns one database (a SQLite file in a temp
dir, or a fresh PostgreSQL database on the server named by CDS_TEST_PG_URL) and one server process
on a random free port; it always kills the server and removes the database at the end.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import pathlib
import re
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass
from typing import Any

# CTest's SKIP_RETURN_CODE for the PostgreSQL variants when no server is configured.
SKIP_EXIT = 77
# Reference data beside the checkout (never copied into it): the city's ward boundaries.
WARD_BOUNDARIES = (pathlib.Path(__file__).resolve().parents[3] / "shared" / "data" / "hcmc"
                   / "hcmc_2025_ward_boundaries.geojson")

DEMO_USERS = ("citizen1", "citizen2", "citizen3", "operator1", "evn1", "saigon1", "benthanh1",
              "cayxanh1", "leader1", "alert1", "editor1", "admin1")

RFC3339_CITY = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?\+07:00$")
REPORT_CODE = re.compile(r"^PA-\d{4}-\d{6}$")
IDEA_CODE = re.compile(r"^GY-\d{4}-\d{6}$")

# The first line of a sanitizer's report (build-asan: AddressSanitizer, LeakSanitizer at exit,
# UndefinedBehaviorSanitizer) in a server's log, where its stderr goes. The sanitizer build stops
# the process after its first report, so the report runs from that line to the end of the log.
SANITIZER_REPORT = re.compile(r"^==\d+==ERROR: \w+Sanitizer|^\S+:\d+:\d+: runtime error: ",
                              re.MULTILINE)
# Servers asked to stop with SIGTERM that did not exit with 0: a drain that hung, a crash, or a
# sanitizer's report at exit (a leak found at exit makes the status 1). The API runner fails on any.
UNCLEAN_STOPS: list[str] = []


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------
# HTTP


class MissingRequestId(AssertionError):
    pass


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes
    method: str = ""
    path: str = ""

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip()

    @property
    def request_id(self) -> str:
        return self.headers.get("x-request-id", "")

    def __repr__(self) -> str:
        body = self.text
        if len(body) > 600:
            body = body[:600] + "..."
        return f"<{self.method} {self.path} -> {self.status} {body}>"


class Client:
    """HTTP/1.1 client for one server. A connection per call unless keep_alive is set, in which
    case each thread reuses its own connection (closed and reopened after any error; the failed
    call is never retried, so a POST is sent at most once)."""

    def __init__(self, port: int, keep_alive: bool = False, timeout: float = 30.0):
        self.port = port
        self.keep_alive = keep_alive
        self.timeout = timeout
        self._local = threading.local()

    def _connection(self) -> http.client.HTTPConnection:
        if not self.keep_alive:
            return http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
            self._local.conn = conn
        return conn

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    def request(self, method: str, path: str, body: Any = None, *, token: str | None = None,
                headers: dict[str, str] | None = None, raw: bytes | None = None,
                lang: str | None = None, content_type: str | None = None) -> Response:
        """`body` is sent as JSON (unless None); `raw` is sent as is."""
        hdrs: dict[str, str] = {}
        data: bytes | None = None
        if raw is not None:
            data = raw
            if content_type:
                hdrs["Content-Type"] = content_type
        elif body is not None:
            data = json.dumps(body, ensure_ascii=False).encode("utf-8")
            hdrs["Content-Type"] = content_type or "application/json"
        if token:
            hdrs["Authorization"] = f"Bearer {token}"
        if lang:
            hdrs["Accept-Language"] = lang
        if headers:
            hdrs.update(headers)
        conn = self._connection()
        try:
            conn.request(method, path, body=data, headers=hdrs)
            resp = conn.getresponse()
            payload = resp.read()
            reply_headers: dict[str, str] = {}
            for k, v in resp.getheaders():
                # Several Set-Cookie lines cannot be folded with commas: the session cookie
                # comes first, as the server sends it.
                k = k.lower()
                if k == "set-cookie" and k in reply_headers:
                    continue
                reply_headers[k] = v
            result = Response(resp.status, reply_headers, payload,
                              method, path)
            if not self.keep_alive or resp.will_close:
                conn.close()
                if self.keep_alive:
                    self._local.conn = None
        except BaseException:
            conn.close()
            if self.keep_alive:
                self._local.conn = None
            raise
        # The server promises a request id on every response; every call checks it.
        if not result.request_id:
            raise MissingRequestId(f"no X-Request-Id on {result!r}")
        return result

    def get(self, path: str, **kw: Any) -> Response:
        return self.request("GET", path, **kw)

    def post(self, path: str, body: Any = None, **kw: Any) -> Response:
        return self.request("POST", path, body, **kw)

    def delete(self, path: str, **kw: Any) -> Response:
        return self.request("DELETE", path, **kw)


def raw_exchange(port: int, request: bytes, timeout: float = 15.0) -> tuple[int, bytes]:
    """Sends bytes on a fresh socket and returns (status, whole response). For requests that
    http.client would not send as they are (oversized or streamed bodies)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        try:
            s.sendall(request)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server may answer and close before reading everything
        chunks = []
        try:
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
                if b"\r\n\r\n" in b"".join(chunks):
                    head, _, rest = b"".join(chunks).partition(b"\r\n\r\n")
                    m = re.search(rb"(?i)content-length:\s*(\d+)", head)
                    if m and len(rest) >= int(m.group(1)):
                        break
        except (ConnectionResetError, socket.timeout):
            pass
    data = b"".join(chunks)
    m = re.match(rb"HTTP/1\.[01] (\d{3})", data)
    return (int(m.group(1)) if m else 0), data


# --------------------------------------------------------------------------------------------
# Server process


def _die_with_parent() -> None:
    """In the child before exec: SIGKILL when the thread that started it dies, so that a test
    runner killed by a timeout leaves no server behind (Linux prctl PR_SET_PDEATHSIG)."""
    try:
        import ctypes
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)
    except Exception:  # noqa: BLE001 - best effort: not Linux, or no libc
        pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One `congdanso serve` process. Its stdout (JSON lines) is appended to log_path, across
    restarts."""

    def __init__(self, binary: str, db_url: str, data_dir: str, log_path: str,
                 env: dict[str, str] | None = None):
        self.binary = binary
        self.db_url = db_url
        self.data_dir = data_dir
        self.log_path = log_path
        self.env = env
        self.proc: subprocess.Popen | None = None
        self.port = 0

    def start(self, timeout: float = 30.0) -> None:
        assert self.proc is None, "server already running"
        last_error = ""
        for _ in range(5):
            # Keep the port of a restart when we can, so that clients can keep their address.
            port = self.port or free_port()
            with open(self.log_path, "ab") as out:
                self.proc = subprocess.Popen(
                    [self.binary, "serve", "--db", self.db_url, "--listen", f"127.0.0.1:{port}",
                     "--data-dir", self.data_dir],
                    stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                    env=self.env, preexec_fn=_die_with_parent)
            self.port = port
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                if self.proc.poll() is not None:
                    last_error = f"exited with {self.proc.returncode}"
                    break
                try:
                    c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                    c.request("GET", "/healthz")
                    r = c.getresponse()
                    r.read()
                    c.close()
                    if r.status == 200:
                        return
                except OSError:
                    pass
                time.sleep(0.05)
            else:
                last_error = "no answer on /healthz"
            self._reap(signal.SIGKILL)
            self.port = 0  # the port may be taken: choose another
        tail = self.log_tail(20)
        raise RuntimeError(f"server did not start ({last_error}); log tail:\n{tail}")

    def _reap(self, sig: int) -> None:
        if self.proc is None:
            return
        exited_before = self.proc.poll()
        if exited_before is None:
            try:
                self.proc.send_signal(sig)
            except ProcessLookupError:
                pass
        try:
            # A sanitizer build may spend a while on its leak check at exit.
            self.proc.wait(timeout=60 if sig == signal.SIGTERM else 20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        if sig == signal.SIGTERM and self.proc.returncode != 0:
            when = "before it was stopped" if exited_before is not None else "after SIGTERM"
            UNCLEAN_STOPS.append(f"the server on port {self.port} exited with "
                                 f"{self.proc.returncode} {when} (log {self.log_path})")
        self.proc = None

    def kill(self) -> None:
        """SIGKILL: the crash."""
        self._reap(signal.SIGKILL)

    def stop(self) -> None:
        """SIGTERM (graceful drain), SIGKILL if it does not stop in time."""
        self._reap(signal.SIGTERM)

    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def log_lines(self) -> list[str]:
        try:
            with open(self.log_path, "r", encoding="utf-8", errors="replace") as f:
                return f.read().splitlines()
        except FileNotFoundError:
            return []

    def log_tail(self, n: int) -> str:
        return "\n".join(self.log_lines()[-n:])


def sanitizer_reports(directory: str, max_lines: int = 150) -> list[str]:
    """Every sanitizer report in the logs under `directory` (the servers' and the CLI's), each
    from its first line to the end of its log, at most `max_lines` lines."""
    reports = []
    for path in sorted(pathlib.Path(directory).glob("*.log*")):
        text = path.read_text(encoding="utf-8", errors="replace")
        m = SANITIZER_REPORT.search(text)
        if m:
            lines = text[m.start():].splitlines()
            reports.append(f"--- {path.name} ---\n" + "\n".join(lines[:max_lines]))
    return reports


class StandIn:
    """The VNeID stand-in (tools/vneid-standin, Node.js) on a free port, with fault injection."""

    DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools",
                       "vneid-standin")

    def __init__(self, log_path: str):
        self.log_path = log_path
        self.proc: subprocess.Popen | None = None
        self.port = 0

    @property
    def issuer(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, rp_base: str, timeout: float = 30.0) -> None:
        if not os.path.isdir(os.path.join(self.DIR, "node_modules")):
            raise RuntimeError("tools/vneid-standin has no node_modules: run "
                               "`npm ci --prefix tools/vneid-standin` (make test does)")
        self.port = free_port()
        env = dict(os.environ, VNEID_STANDIN_PORT=str(self.port), VNEID_STANDIN_RP=rp_base,
                   VNEID_STANDIN_FAULTS="1")
        with open(self.log_path, "ab") as out:
            self.proc = subprocess.Popen(["node", os.path.join(self.DIR, "server.mjs")],
                                         stdout=out, stderr=subprocess.STDOUT,
                                         stdin=subprocess.DEVNULL, env=env,
                                         preexec_fn=_die_with_parent)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            with open(self.log_path, "r", encoding="utf-8", errors="replace") as f:
                if " ready" in f.read():
                    return
            time.sleep(0.05)
        with open(self.log_path, "r", encoding="utf-8", errors="replace") as f:
            tail = f.read()[-2000:]
        raise RuntimeError(f"the VNeID stand-in did not start:\n{tail}")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def arm(self, fault: str) -> None:
        """Makes the stand-in's next token response (or request) faulty."""
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        c.request("POST", "/__faults", json.dumps({"fault": fault}),
                  {"Content-Type": "application/json"})
        r = c.getresponse()
        r.read()
        c.close()
        assert r.status == 204, f"arming {fault}: HTTP {r.status}"


# --------------------------------------------------------------------------------------------
# Environment: database + server + accounts


def copy_settled_binary(source: str, target: str, patience: float = 180.0) -> None:
    """Copies the binary once it is complete: executable and unchanged for half a second (the
    tree may be relinked by someone else right now; a half-written file is not executable)."""
    deadline = time.monotonic() + patience
    while True:
        try:
            before = os.stat(source)
            if os.access(source, os.X_OK):
                time.sleep(0.5)
                if (os.stat(source).st_mtime_ns, os.stat(source).st_size) == \
                        (before.st_mtime_ns, before.st_size):
                    shutil.copy2(source, target)
                    after = os.stat(source)
                    if (after.st_mtime_ns, after.st_size) == (before.st_mtime_ns, before.st_size) \
                            and os.access(target, os.X_OK):
                        return
        except OSError:
            pass  # being replaced right now
        if time.monotonic() > deadline:
            raise RuntimeError(f"{source} did not settle into an executable within {patience} s")
        time.sleep(1)


class SkipEngine(Exception):
    pass


class Environment:
    def __init__(self, binary: str, engine: str, keep: bool = False):
        self.engine = engine
        self.keep = keep
        self.pg_url = ""
        self.pg_admin_url = ""
        self.pg_db = ""
        if engine == "postgres":
            admin = os.environ.get("CDS_TEST_PG_URL", "")
            if not admin:
                raise SkipEngine("CDS_TEST_PG_URL is not set")
            if not shutil.which("psql"):
                raise SkipEngine("psql is not installed")
            self.pg_admin_url = admin
            self.pg_db = "cds_api_" + secrets.token_hex(6)
            parts = urllib.parse.urlsplit(admin)
            self.pg_url = urllib.parse.urlunsplit(parts._replace(path="/" + self.pg_db))
        elif engine != "sqlite":
            raise ValueError(f"unknown engine {engine}")
        self.tmp = tempfile.mkdtemp(prefix=f"cds-api-{engine}-")
        # A private copy of the binary: restarts keep running the same build even if the tree
        # is rebuilt meanwhile (others may be building in the same tree).
        self.binary = os.path.join(self.tmp, "congdanso")
        try:
            copy_settled_binary(os.path.abspath(binary), self.binary)
        except BaseException:
            shutil.rmtree(self.tmp, ignore_errors=True)
            raise
        self.data_dir = os.path.join(self.tmp, "media")
        self.sqlite_path = os.path.join(self.tmp, "cds.sqlite") if engine == "sqlite" else ""
        self.db_url = f"sqlite:{self.sqlite_path}" if engine == "sqlite" else self.pg_url
        self._tokens: dict[str, str] = {}
        self._user_ids: dict[str, int] = {}
        self._lock = threading.Lock()
        self._seq = 0
        # Every process of this environment shares one key file for personal data at rest.
        self.keys_file = os.path.join(self.tmp, "personal-data.keys")
        # No web build, wherever the tests run from: the web routes answer web_app_not_built.
        # Web push may go to the tests' local push service over plain http; streams send a
        # heartbeat every second so that tests see one without waiting long. The whole suite
        # comes from one address, faster than people do: rate limits are lifted (test_limits.py
        # starts servers of its own with tight ones), except the dossier lookups' own.
        self.proc_env = dict(os.environ, CDS_KEYS_FILE=self.keys_file,
                             CDS_WEB_DIR=os.path.join(self.tmp, "no-web-build"),
                             CDS_PUSH_ALLOW_HTTP="1", CDS_STREAM_HEARTBEAT_MS="1000",
                             CDS_RATE_LIMITS="ip.*=0,user.*=0,ip.lookup=10")
        self.standin: StandIn | None = None
        self.second_port = 0
        # What teardown found wrong with the servers' lives: sanitizer reports in their logs and
        # unclean stops (see shutdown_findings).
        self.findings: list[str] = []
        self.server = Server(self.binary, self.db_url, self.data_dir,
                             os.path.join(self.tmp, "server.log"), env=self.proc_env)
        self.client = Client(0)

    # -- setup and teardown

    def setup(self, seed_demo: bool = True, demo_tokens: bool = True,
              vneid: bool = False) -> None:
        """With `vneid`, the VNeID stand-in is started too (with fault injection) and the server
        is configured to sign citizens in through it."""
        if vneid:
            # A second address is registered too, for a second server in the same environment
            # configured another way (client_secret_basic, no PAR).
            self.server.port = free_port()
            self.second_port = free_port()
            self.standin = StandIn(os.path.join(self.tmp, "standin.log"))
            self.standin.start(f"http://127.0.0.1:{self.server.port},"
                               f"http://127.0.0.1:{self.second_port}")
            self.proc_env["CDS_OIDC_ISSUER"] = self.standin.issuer
        if self.engine == "postgres":
            self.psql(self.pg_admin_url, f'CREATE DATABASE "{self.pg_db}"')
        os.makedirs(self.data_dir, exist_ok=True)
        self.cli("migrate", "--db", self.db_url)
        self.cli("keys", "vapid", "--db", self.db_url)
        if seed_demo:
            self.cli("seed", "--db", self.db_url, "--demo")
        # The city's real ward boundaries, when ../shared/data is beside the checkout
        # (docs/GEOGRAPHY.md); without them points are placed by the nearest ward centre.
        if WARD_BOUNDARIES.exists():
            self.cli("import", "areas", str(WARD_BOUNDARIES), "--db", self.db_url)
            if demo_tokens:
                for u in DEMO_USERS:
                    self.token(u)
        self.server.start()
        self.client = Client(self.server.port)

    def teardown(self) -> None:
        try:
            self.server.stop()
            if self.standin:
                self.standin.stop()
        finally:
            self.findings = sanitizer_reports(self.tmp) + UNCLEAN_STOPS
            if self.engine == "postgres" and self.pg_db:
                try:
                    self.psql(self.pg_admin_url, f'DROP DATABASE IF EXISTS "{self.pg_db}" WITH (FORCE)')
                except Exception as e:  # noqa: BLE001 - report and go on cleaning up
                    log(f"warning: could not drop {self.pg_db}: {e}")
            if self.keep:
                log(f"kept {self.tmp}")
            else:
                shutil.rmtree(self.tmp, ignore_errors=True)

    def restart_client(self) -> None:
        self.client = Client(self.server.port)

    # -- CLI

    def cli(self, *args: str, stdin: str | None = None) -> str:
        r = subprocess.run([self.binary, *args], input=stdin, capture_output=True, text=True,
                           timeout=120, env=self.proc_env)
        if r.returncode != 0:
            raise RuntimeError(f"congdanso {' '.join(args)} failed ({r.returncode}): "
                               f"{r.stdout}{r.stderr}")
        return r.stdout

    def token(self, username: str) -> str:
        with self._lock:
            if username in self._tokens:
                return self._tokens[username]
        tok = self.cli("token", "issue", "--db", self.db_url, "--username", username).strip()
        with self._lock:
            self._tokens[username] = tok
        return tok

    def unique(self, prefix: str) -> str:
        with self._lock:
            self._seq += 1
            return f"{prefix}{self._seq}{secrets.token_hex(3)}"

    def add_user(self, role: str, unit: str | None = None, name: str | None = None,
                 prefix: str | None = None, password: str | None = None) -> "User":
        username = self.unique(prefix or f"t_{role}_")
        args = ["user", "add", "--db", self.db_url, "--username", username, "--role", role]
        if unit:
            args += ["--unit", unit]
        if name:
            args += ["--name", name]
        if password:
            args += ["--password-stdin"]
        out = self.cli(*args, stdin=(password + "\n") if password else None)
        m = re.search(r"id (\d+)", out)
        user_id = int(m.group(1)) if m else int(self.scalar(
            "SELECT id FROM users WHERE username = '%s'" % username))
        return User(username, self.token(username), user_id, name or "", role, unit)

    def user_id(self, username: str) -> int:
        if username not in self._user_ids:
            self._user_ids[username] = int(
                self.scalar("SELECT id FROM users WHERE username = '%s'" % username))
        return self._user_ids[username]

    # -- direct database access (for checks that the API cannot make)

    @staticmethod
    def psql(url: str, sql: str) -> str:
        r = subprocess.run(["psql", url, "-X", "-v", "ON_ERROR_STOP=1", "-Atc", sql],
                           capture_output=True, text=True, timeout=120)
        if r.returncode != 0:
            raise RuntimeError(f"psql failed: {r.stderr.strip()} ({sql})")
        return r.stdout

    def query(self, sql: str) -> list[tuple]:
        """Read-only query; SQL in the subset both engines accept."""
        if self.engine == "sqlite":
            conn = sqlite3.connect(f"file:{self.sqlite_path}?mode=ro", uri=True, timeout=30)
            try:
                return [tuple(r) for r in conn.execute(sql).fetchall()]
            finally:
                conn.close()
        out = subprocess.run(["psql", self.pg_url, "-X", "-v", "ON_ERROR_STOP=1", "-At",
                              "-F", "\x1f", "-R", "\x1e", "-c", sql],
                             capture_output=True, text=True, timeout=120)
        if out.returncode != 0:
            raise RuntimeError(f"psql failed: {out.stderr.strip()} ({sql})")
        text = out.stdout
        if text.endswith("\n"):
            text = text[:-1]
        if not text:
            return []
        return [tuple(row.split("\x1f")) for row in text.split("\x1e")]

    def scalar(self, sql: str) -> Any:
        rows = self.query(sql)
        return rows[0][0] if rows else None

    def count(self, table: str = "reports", where: str = "") -> int:
        return int(self.scalar(f"SELECT count(*) FROM {table}" + (f" WHERE {where}" if where else "")))

    def execute(self, sql: str) -> None:
        """A write behind the server's back (e.g. moving a deadline into the past)."""
        if self.engine == "sqlite":
            conn = sqlite3.connect(self.sqlite_path, timeout=30)
            try:
                conn.execute(sql)
                conn.commit()
            finally:
                conn.close()
        else:
            self.psql(self.pg_url, sql)


@dataclass
class User:
    username: str
    token: str
    id: int
    name: str
    role: str
    unit: str | None = None


def common_args(description: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--binary", required=True, help="path to the congdanso binary")
    p.add_argument("--engine", choices=("sqlite", "postgres"), default="sqlite")
    p.add_argument("--keep", action="store_true", help="keep the temp dir (database, server log)")
    return p


def make_environment(args: argparse.Namespace) -> Environment | None:
    """Returns None (after printing a SKIP line) when the engine is not available."""
    # SIGTERM (a CTest timeout, Ctrl-C in a wrapper) unwinds, so that teardown still runs.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        return Environment(args.binary, args.engine, keep=args.keep)
    except SkipEngine as e:
        print(f"SKIP: {args.engine} tests not run: {e} "
              "(start a cluster with scripts/pg_cluster.sh start DIR and export CDS_TEST_PG_URL)",
              flush=True)
        return None


class Checks:
    """Named checks for the scripted (non-unittest) suites: each prints PASS or FAIL, and
    finish() prints "N passed, M failed" and returns the exit code."""

    def __init__(self, suite: str):
        self.suite = suite
        self.passed = 0
        self.failed = 0
        self.started = time.monotonic()

    def check(self, ok: bool, what: str, detail: str = "") -> bool:
        if ok:
            self.passed += 1
            print(f"PASS {what}", flush=True)
        else:
            self.failed += 1
            print(f"FAIL {what}: {detail}", flush=True)
        return ok

    def finish(self) -> int:
        print(f"{self.suite}: {self.passed} passed, {self.failed} failed "
              f"({time.monotonic() - self.started:.1f} s)", flush=True)
        return 0 if self.failed == 0 and self.passed > 0 else 1
