"""The congdanso command line and the life of a server process, against the real binary.

Standard library only. SQLite in a temporary folder: migrate, seed, user add, token issue,
holiday, keys vapid, --help for every command, configuration from a TOML file and CDS_* variables,
a refusal to serve an unmigrated database, and a graceful stop on SIGTERM.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request

BINARY = ""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(*args: str, stdin: str | None = None, env: dict[str, str] | None = None):
    return subprocess.run([BINARY, *args], input=stdin, capture_output=True, text=True,
                          timeout=60, env={**os.environ, **(env or {})})


class CliTest(unittest.TestCase):
    def setUp(self) -> None:
        self.dir = tempfile.TemporaryDirectory(prefix="cds-cli-")
        self.db = f"sqlite:{self.dir.name}/cli.db"

    def tearDown(self) -> None:
        self.dir.cleanup()

    def migrated(self) -> None:
        self.assertEqual(run("migrate", "--db", self.db).returncode, 0)
        self.assertEqual(run("seed", "--db", self.db).returncode, 0)

    def test_every_command_has_help(self) -> None:
        for cmd in ([], ["serve"], ["migrate"], ["seed"], ["user", "add"], ["token", "issue"],
                    ["holiday", "add"], ["holiday", "list"], ["keys", "rotate"],
                    ["keys", "vapid"], ["import", "procedures"], ["import", "pois"]):
            r = run(*cmd, "--help")
            self.assertEqual(r.returncode, 0, (cmd, r.stderr))
            self.assertIn("--", r.stdout, cmd)

    def test_migrate_is_idempotent_and_seed_writes_reference_data(self) -> None:
        first = run("migrate", "--db", self.db)
        self.assertEqual(first.returncode, 0, first.stderr)
        self.assertRegex(first.stdout, r"applied [1-9]\d* migration")
        self.assertIn("applied 0", run("migrate", "--db", self.db).stdout)
        self.assertEqual(run("seed", "--db", self.db).returncode, 0)
        self.assertEqual(run("seed", "--db", self.db).returncode, 0)  # idempotent

    def test_user_add_checks_roles_and_units(self) -> None:
        self.migrated()
        ok = run("user", "add", "--db", self.db, "--username", "ward1", "--role", "unit_staff",
                 "--unit", "ubnd-26740", "--name", "Cán bộ phường")
        self.assertEqual(ok.returncode, 0, ok.stderr)
        no_unit = run("user", "add", "--db", self.db, "--username", "w2", "--role", "unit_staff")
        self.assertNotEqual(no_unit.returncode, 0)
        self.assertIn("unit", no_unit.stderr.lower())
        bad_unit = run("user", "add", "--db", self.db, "--username", "w3", "--role", "unit_staff",
                       "--unit", "no-such-unit")
        self.assertNotEqual(bad_unit.returncode, 0)
        bad_role = run("user", "add", "--db", self.db, "--username", "w4", "--role", "mayor")
        self.assertNotEqual(bad_role.returncode, 0)
        taken = run("user", "add", "--db", self.db, "--username", "ward1", "--role", "citizen")
        self.assertNotEqual(taken.returncode, 0)
        with_password = run("user", "add", "--db", self.db, "--username", "op9", "--role",
                            "operator", "--password-stdin", stdin="mật-khẩu-dài\n")
        self.assertEqual(with_password.returncode, 0, with_password.stderr)
        short = run("user", "add", "--db", self.db, "--username", "op10", "--role", "operator",
                    "--password-stdin", stdin="short\n")
        self.assertNotEqual(short.returncode, 0)

    def test_tokens_are_printed_once_and_stored_hashed(self) -> None:
        self.migrated()
        run("user", "add", "--db", self.db, "--username", "an", "--role", "citizen")
        r = run("token", "issue", "--db", self.db, "--username", "an", "--ttl", "2h")
        self.assertEqual(r.returncode, 0, r.stderr)
        token = r.stdout.strip()
        self.assertGreaterEqual(len(token), 40)
        with open(self.db.removeprefix("sqlite:"), "rb") as f:
            self.assertNotIn(token.encode(), f.read())
        self.assertNotEqual(run("token", "issue", "--db", self.db, "--username", "nobody").returncode, 0)
        self.assertNotEqual(run("token", "issue", "--db", self.db, "--username", "an",
                                "--ttl", "forever").returncode, 0)

    def test_holidays_can_be_added_listed_and_removed(self) -> None:
        self.migrated()
        self.assertEqual(run("holiday", "add", "--db", self.db, "--date", "2027-01-01",
                             "--name", "Tết Dương lịch").returncode, 0)
        self.assertIn("2027-01-01  Tết Dương lịch", run("holiday", "list", "--db", self.db).stdout)
        self.assertEqual(run("holiday", "remove", "--db", self.db, "--date", "2027-01-01").returncode, 0)
        self.assertNotEqual(run("holiday", "remove", "--db", self.db, "--date", "2027-01-01").returncode, 0)
        self.assertNotEqual(run("holiday", "add", "--db", self.db, "--date", "2027-13-01",
                                "--name", "x").returncode, 0)

    def test_import_procedures_is_idempotent_and_skips_bad_lines(self) -> None:
        sample = (pathlib.Path(__file__).resolve().parents[3] / "shared" / "data" / "procedures"
                  / "tthc_cap_xa_sample.jsonl")
        self.migrated()
        lines = pathlib.Path(self.dir.name) / "some.jsonl"
        lines.write_text(
            '{"ma_thu_tuc": "9.000001", "ten_thu_tuc": "Thủ tục thử", "linh_vuc": "Hộ tịch"}\n'
            "not json\n\n"
            '{"ten_thu_tuc": "no code"}\n'
            '{"ma_thu_tuc": "9.000002", "ten_thu_tuc": "Thủ tục thử hai"}\n', encoding="utf-8")
        r = run("import", "procedures", str(lines), "--db", self.db)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("line 2: not JSON", r.stderr)
        self.assertIn("line 4: ", r.stderr)
        self.assertIn("2 new, 0 updated, 0 unchanged, 2 bad line(s)", r.stderr)
        self.assertNotIn("\r", r.stderr)  # no progress display when stderr is not a terminal
        nothing = pathlib.Path(self.dir.name) / "nothing.jsonl"
        nothing.write_text("[1, 2]\nnot json\n", encoding="utf-8")
        self.assertNotEqual(run("import", "procedures", str(nothing), "--db", self.db).returncode, 0)
        self.assertNotEqual(run("import", "procedures", "/no/such/file", "--db", self.db).returncode,
                            0)
        if not sample.exists():
            self.skipTest(f"{sample} is absent")
        first = run("import", "procedures", str(sample), "--db", self.db)
        self.assertEqual(first.returncode, 0, first.stderr)
        self.assertIn("imported 319 of 319 procedures: 319 new", first.stderr)
        second = run("import", "procedures", str(sample), "--db", self.db)
        self.assertEqual(second.returncode, 0, second.stderr)
        self.assertIn("0 new, 0 updated, 319 unchanged, 0 bad line(s)", second.stderr)

    def test_keys_vapid_makes_the_key_pair_once_and_prints_its_public_key(self) -> None:
        keys_file = self.db.removeprefix("sqlite:") + ".keys"
        missing = run("keys", "vapid", "--db", self.db)  # no key file before migrate
        self.assertNotEqual(missing.returncode, 0)
        self.assertIn("migrate", missing.stderr)
        self.assertEqual(run("migrate", "--db", self.db).returncode, 0)

        first = run("keys", "vapid", "--db", self.db)
        self.assertEqual(first.returncode, 0, first.stderr)
        public_key = first.stdout.strip().splitlines()[-1]
        # base64url, no padding, of the 65-byte uncompressed point 0x04 || x || y.
        self.assertRegex(public_key, r"^B[A-Za-z0-9_-]{86}$")
        with open(keys_file, encoding="utf-8") as f:
            kept = f.read()
        self.assertEqual([l.split()[0] for l in kept.splitlines()].count("vapid"), 1)

        # Never replaced: a new key would cut off every browser subscription.
        again = run("keys", "vapid", "--db", self.db, "--keys-file", keys_file)
        self.assertEqual(again.returncode, 0, again.stderr)
        self.assertEqual(again.stdout.strip().splitlines()[-1], public_key)
        self.assertIn("kept", again.stdout)
        with open(keys_file, encoding="utf-8") as f:
            self.assertEqual(f.read(), kept)
        # The rest of the key file still works: personal data keys rotate as before.
        self.assertEqual(run("keys", "rotate", "--db", self.db).returncode, 0)
        self.assertEqual(run("keys", "vapid", "--db", self.db).stdout.strip().splitlines()[-1],
                         public_key)


class ProcessTest(unittest.TestCase):
    def setUp(self) -> None:
        self.dir = tempfile.TemporaryDirectory(prefix="cds-proc-")
        self.db = f"sqlite:{self.dir.name}/proc.db"

    def tearDown(self) -> None:
        self.dir.cleanup()

    def start(self, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen:
        return subprocess.Popen([BINARY, "serve", *args], stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True,
                                env={**os.environ, **(env or {})})

    def wait_ready(self, port: int) -> None:
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=1) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        self.fail("the server never became ready")

    def test_refuses_an_unmigrated_database(self) -> None:
        p = self.start("--db", self.db, "--listen", f"127.0.0.1:{free_port()}")
        out, _ = p.communicate(timeout=30)
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("migrate", out)

    def test_configuration_from_file_then_environment_and_sigterm_drains(self) -> None:
        self.assertEqual(run("migrate", "--db", self.db).returncode, 0)
        port_in_file, port_in_env = free_port(), free_port()
        config = os.path.join(self.dir.name, "congdanso.toml")
        with open(config, "w", encoding="utf-8") as f:
            f.write(f'db = "{self.db}"\nlisten = "127.0.0.1:{port_in_file}"\n'
                    f'data_dir = "{self.dir.name}"\n[server]\nworker_threads = 4\n')
        # The environment overrides the file.
        p = self.start("--config", config, env={"CDS_LISTEN": f"127.0.0.1:{port_in_env}"})
        try:
            self.wait_ready(port_in_env)
            with urllib.request.urlopen(f"http://127.0.0.1:{port_in_env}/healthz") as r:
                self.assertEqual(json.load(r), {"status": "ok"})
        finally:
            p.send_signal(signal.SIGTERM)
            out, _ = p.communicate(timeout=30)
        self.assertEqual(p.returncode, 0, out)
        lines = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
        # Start-up notes (such as the web app not being built here) may come first.
        self.assertIn("serving", [l["msg"] for l in lines if "route" not in l])
        self.assertEqual(lines[-1]["msg"], "stopped")
        self.assertTrue(any(l.get("route") == "/healthz" for l in lines))

    def test_bad_configuration_is_refused_clearly(self) -> None:
        r = run("serve", "--db", self.db, "--listen", "nowhere")
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("HOST:PORT", r.stderr)
        r = run("migrate", "--db", "mysql://x")
        self.assertNotEqual(r.returncode, 0)


def main() -> int:
    global BINARY
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    args, rest = parser.parse_known_args()
    BINARY = os.path.abspath(args.binary)
    suite = unittest.defaultTestLoader.loadTestsFromModule(sys.modules[__name__])
    result = unittest.TextTestRunner(verbosity=1).run(suite)
    failed = len(result.failures) + len(result.errors)
    print(f"{result.testsRun - failed} passed, {failed} failed")
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
