"""`congdanso backup` and `congdanso restore` against the real binary (SQLite), and PostgreSQL's
pg_dump -Fc / pg_restore on the test cluster when CDS_TEST_PG_URL is set.

A backup taken while a write load runs against a live server holds every report acknowledged
before it started and passes PRAGMA integrity_check; restored into a new path, a server starts on
it and serves those reports. A restore of a corrupt or non-SQLite file, or while a server has the
database open, is refused with a clear error and changes nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import pathlib
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.parse

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from harness import Client, Server, free_port  # noqa: E402

BINARY = ""
BEN_THANH = (10.7725, 106.698)


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([BINARY, *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, **(env or {})})


def digest(path: str) -> str:
    return hashlib.sha256(pathlib.Path(path).read_bytes()).hexdigest()


class BackupTest(unittest.TestCase):
    def setUp(self) -> None:
        self.dir = tempfile.mkdtemp(prefix="cds-backup-")
        self.env = {"CDS_KEYS_FILE": os.path.join(self.dir, "personal-data.keys"),
                    "CDS_WEB_DIR": os.path.join(self.dir, "no-web-build"),
                    # four writers with one account, faster than a person: limits lifted
                    "CDS_RATE_LIMITS": "off"}
        self.path = os.path.join(self.dir, "live.db")
        self.db = f"sqlite:{self.path}"
        self.servers: list[Server] = []
        for cmd in (["migrate"], ["seed"]):
            r = run(*cmd, "--db", self.db, env=self.env)
            self.assertEqual(r.returncode, 0, r.stderr)

    def tearDown(self) -> None:
        for s in self.servers:
            if s.running():
                s.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    def serve(self, db: str) -> Server:
        server = Server(BINARY, db, os.path.join(self.dir, "media"),
                        os.path.join(self.dir, "server.log"), env={**os.environ, **self.env})
        server.port = free_port()
        server.start()
        self.servers.append(server)
        return server

    def citizen_token(self) -> str:
        r = run("user", "add", "--db", self.db, "--username", "dan1", "--role", "citizen",
                env=self.env)
        self.assertEqual(r.returncode, 0, r.stderr)
        r = run("token", "issue", "--db", self.db, "--username", "dan1", env=self.env)
        self.assertEqual(r.returncode, 0, r.stderr)
        return r.stdout.strip()

    def backup(self, out: str, db: str | None = None) -> subprocess.CompletedProcess:
        return run("backup", "--db", db or self.db, out, env=self.env)

    def test_a_backup_while_serving_holds_every_acknowledged_report(self) -> None:
        server = self.serve(self.db)
        token = self.citizen_token()
        client = Client(server.port, keep_alive=True)
        acked: list[tuple[float, int]] = []  # (when the 201 arrived, report id)
        stop = threading.Event()
        errors: list[str] = []

        def write() -> None:
            n = 0
            while not stop.is_set():
                n += 1
                r = client.post("/api/v1/reports", {
                    "kind": "report", "category": "dien_luc", "lat": BEN_THANH[0],
                    "lon": BEN_THANH[1],
                    "description": f"Đèn đường số {n} không sáng {threading.get_ident()}"},
                    token=token)
                if r.status == 201:
                    acked.append((time.monotonic(), r.json()["id"]))
                else:
                    errors.append(repr(r))
                    return

        writers = [threading.Thread(target=write) for _ in range(4)]
        for w in writers:
            w.start()
        while len(acked) < 200 and not errors:
            time.sleep(0.05)
        out = os.path.join(self.dir, "live.backup")
        started = time.monotonic()
        result = self.backup(out)
        finished = time.monotonic()
        time.sleep(0.3)  # the load goes on after the backup too
        stop.set()
        for w in writers:
            w.join()
        self.assertEqual(errors, [])
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("integrity ok", result.stdout)
        self.assertIn("is not in the backup", result.stdout)  # the key file reminder

        before = {rid for at, rid in acked if at < started}
        during = [rid for at, rid in acked if started <= at <= finished]
        with sqlite3.connect(f"file:{out}?mode=ro", uri=True) as copy:
            self.assertEqual(copy.execute("PRAGMA integrity_check").fetchone()[0], "ok")
            in_copy = {row[0] for row in copy.execute("SELECT id FROM reports")}
        self.assertGreaterEqual(len(before), 200)
        self.assertEqual(before - in_copy, set(), "acknowledged before the backup, not in it")
        print(f"\n  {len(before)} reports acknowledged before the backup, {len(during)} during "
              f"it, {len(in_copy)} in the copy", file=sys.stderr)
        # No temporary file is left beside the backup.
        self.assertEqual(sorted(os.listdir(self.dir)).count("live.backup"), 1)
        self.assertFalse([f for f in os.listdir(self.dir) if ".tmp-" in f])

        # Restored into a new path, a server starts on it and serves the reports.
        restored_path = os.path.join(self.dir, "restored.db")
        r = run("restore", out, "--db", f"sqlite:{restored_path}", env=self.env)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertFalse(os.path.exists(restored_path + ".before-restore"))
        second = self.serve(f"sqlite:{restored_path}")
        reader = Client(second.port)
        for rid in sorted(before)[:: max(1, len(before) // 20)]:
            got = reader.get(f"/api/v1/reports/{rid}", token=token)
            self.assertEqual(got.status, 200, got)
            self.assertIn("Đèn đường số", got.json()["description"])

    def test_restore_replaces_the_database_and_keeps_the_old_one(self) -> None:
        out = os.path.join(self.dir, "seeded 100%?#.backup")  # characters SQLite URIs give a sense
        self.assertEqual(self.backup(out).returncode, 0)
        # The live database moves on after the backup: a user the backup does not have.
        self.citizen_token()
        old = digest(self.path)
        r = run("restore", out, "--db", self.db, env=self.env)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(".before-restore", r.stdout)
        self.assertEqual(digest(self.path + ".before-restore"), old)
        with sqlite3.connect(self.path) as db:
            self.assertEqual(db.execute("PRAGMA integrity_check").fetchone()[0], "ok")
            self.assertEqual(db.execute("SELECT COUNT(*) FROM users WHERE username = 'dan1'")
                             .fetchone()[0], 0)
        with sqlite3.connect(self.path + ".before-restore") as db:
            self.assertEqual(db.execute("SELECT COUNT(*) FROM users WHERE username = 'dan1'")
                             .fetchone()[0], 1)

    def test_restore_refuses_what_is_not_a_good_backup_and_changes_nothing(self) -> None:
        good = os.path.join(self.dir, "good.backup")
        self.assertEqual(self.backup(good).returncode, 0)
        text = os.path.join(self.dir, "notes.txt")
        pathlib.Path(text).write_text("không phải cơ sở dữ liệu\n" * 400)
        corrupt = os.path.join(self.dir, "corrupt.backup")
        data = bytearray(pathlib.Path(good).read_bytes())
        page = 4096
        for offset in range(page * 2, min(len(data), page * 40), page):  # b-tree pages
            data[offset:offset + 64] = b"\xff" * 64
        pathlib.Path(corrupt).write_bytes(bytes(data))
        truncated = os.path.join(self.dir, "truncated.backup")
        pathlib.Path(truncated).write_bytes(pathlib.Path(good).read_bytes()[:page * 3 + 100])
        other = os.path.join(self.dir, "other.sqlite")
        with sqlite3.connect(other) as db:
            db.execute("CREATE TABLE t (x)")
        cases = {text: "not a usable SQLite database", corrupt: "",
                 truncated: "", other: "not a congdanso database",
                 os.path.join(self.dir, "missing.backup"): "is not a file"}
        before = digest(self.path)
        listing = sorted(os.listdir(self.dir))
        for backup, why in cases.items():
            with self.subTest(backup=os.path.basename(backup)):
                r = run("restore", backup, "--db", self.db, env=self.env)
                self.assertEqual(r.returncode, 1, r.stdout)
                self.assertIn("restore refused, nothing changed", r.stderr)
                self.assertIn(why, r.stderr)
                self.assertEqual(digest(self.path), before)
                self.assertEqual(sorted(os.listdir(self.dir)), listing)

    def test_restore_refuses_while_a_server_has_the_database_open(self) -> None:
        good = os.path.join(self.dir, "good.backup")
        self.assertEqual(self.backup(good).returncode, 0)
        server = self.serve(self.db)
        r = run("restore", good, "--db", self.db, env=self.env)
        self.assertEqual(r.returncode, 1, r.stdout)
        self.assertIn("stop the server", r.stderr)
        self.assertFalse(os.path.exists(self.path + ".before-restore"))
        server.stop()
        r = run("restore", good, "--db", self.db, env=self.env)
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_a_backup_refuses_a_missing_database_and_points_postgresql_at_pg_dump(self) -> None:
        out = os.path.join(self.dir, "x.backup")
        r = self.backup(out, db=f"sqlite:{self.dir}/missing.db")
        self.assertEqual(r.returncode, 1)
        self.assertIn("does not exist", r.stderr)
        self.assertFalse(os.path.exists(out))
        for cmd in (["backup", out], ["restore", out]):
            r = run(*cmd, "--db", "postgresql://127.0.0.1:1/none", env=self.env)
            self.assertEqual(r.returncode, 2, cmd)
            self.assertIn("pg_dump -Fc", r.stderr)
        for cmd in ("backup", "restore"):
            self.assertEqual(run(cmd, "--help").returncode, 0)


class PostgresDumpTest(unittest.TestCase):
    """The procedure docs/OPERATIONS.md gives for PostgreSQL, run: pg_dump -Fc of a served
    database, pg_restore into a new one, a server on it."""

    def test_pg_dump_and_pg_restore_round_trip(self) -> None:
        admin = os.environ.get("CDS_TEST_PG_URL", "")
        if not admin or not shutil.which("pg_dump") or not shutil.which("pg_restore"):
            self.skipTest("CDS_TEST_PG_URL, pg_dump and pg_restore are needed")
        tmp = tempfile.mkdtemp(prefix="cds-pgdump-")
        self.addCleanup(shutil.rmtree, tmp, True)
        parts = urllib.parse.urlsplit(admin)
        names = [f"cds_dump_{os.getpid()}_a", f"cds_dump_{os.getpid()}_b"]
        urls = [urllib.parse.urlunsplit(parts._replace(path="/" + n)) for n in names]
        env = {"CDS_KEYS_FILE": os.path.join(tmp, "keys"), "CDS_WEB_DIR": tmp + "/none"}
        for n in names:
            subprocess.run(["psql", admin, "-qc", f'CREATE DATABASE "{n}"'], check=True)
            self.addCleanup(subprocess.run, ["psql", admin, "-qc", f'DROP DATABASE "{n}"'])
        for cmd in (["migrate"], ["seed", "--demo"]):
            r = run(*cmd, "--db", urls[0], env=env)
            self.assertEqual(r.returncode, 0, r.stderr)
        count = subprocess.run(["psql", urls[0], "-tAc", "SELECT COUNT(*) FROM reports"],
                               capture_output=True, text=True, check=True).stdout.strip()
        dump = os.path.join(tmp, "cds.dump")
        subprocess.run(["pg_dump", "-Fc", "-f", dump, urls[0]], check=True)
        subprocess.run(["pg_restore", "--no-owner", "-d", urls[1], dump], check=True)
        server = Server(BINARY, urls[1], os.path.join(tmp, "media"),
                        os.path.join(tmp, "server.log"), env={**os.environ, **env})
        server.port = free_port()
        server.start()
        try:
            r = Client(server.port).get("/api/v1/categories")
            self.assertEqual(r.status, 200, r)
        finally:
            server.stop()
        again = subprocess.run(["psql", urls[1], "-tAc", "SELECT COUNT(*) FROM reports"],
                               capture_output=True, text=True, check=True).stdout.strip()
        self.assertEqual(again, count)
        self.assertGreater(int(count), 0)


def main() -> int:
    global BINARY
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    args, rest = parser.parse_known_args()
    BINARY = os.path.abspath(args.binary)
    suite = unittest.defaultTestLoader.loadTestsFromModule(sys.modules[__name__])
    if rest:
        suite = unittest.defaultTestLoader.loadTestsFromNames(rest, sys.modules[__name__])
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
