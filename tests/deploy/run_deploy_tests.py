"""The production files in deploy/: the systemd units pass `systemd-analyze verify`, the nginx
site passes `nginx -t`, and a real nginx with that site in front of a real node speaks TLS and
HTTP/2, sends each security header once, serves hashed assets from disk with their .gz copy and
passes a live stream (SSE) on frame by frame.

Needs nginx, curl, openssl and systemd-analyze; a test whose tool is missing is skipped, and the
whole run exits 77 (CTest: skipped) when every test was.
"""

from __future__ import annotations

import argparse
import gzip
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

ROOT = pathlib.Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
sys.path.insert(0, str(ROOT / "tests" / "api"))
from harness import Server, free_port  # noqa: E402

BINARY = ""
ASSET = "assets/index-3f9a1c2b.js"
SHARED_HEADERS = ("strict-transport-security", "x-content-type-options", "referrer-policy",
                  "x-frame-options", "cross-origin-opener-policy", "permissions-policy")


def need(*tools: str) -> None:
    missing = [t for t in tools if not shutil.which(t)]
    if missing:
        raise unittest.SkipTest("not installed: " + ", ".join(missing))


def self_signed(folder: str) -> tuple[str, str]:
    cert, key = os.path.join(folder, "cert.pem"), os.path.join(folder, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:P-256", "-nodes", "-subj", "/CN=congdanso.example.vn",
                    "-days", "1", "-keyout", key, "-out", cert], check=True, capture_output=True)
    return cert, key


def nginx_site(folder: str, *, https_port: int = 443, http_port: int = 80, node_port: int = 8080,
               web_dist: str = "/opt/congdanso/web/dist") -> str:
    """deploy/nginx.conf with a throwaway certificate, local ports and paths, inside a main
    configuration of its own; returns the main file's path."""
    cert, key = self_signed(folder)
    site = (DEPLOY / "nginx.conf").read_text()
    site = site.replace("/etc/ssl/congdanso/fullchain.pem", cert)
    site = site.replace("/etc/ssl/congdanso/privkey.pem", key)
    site = site.replace("/opt/congdanso/web/dist", web_dist)
    site = site.replace("server 127.0.0.1:8080", f"server 127.0.0.1:{node_port}")
    site = re.sub(r"listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;", site)
    site = re.sub(r"listen 80;", f"listen 127.0.0.1:{http_port};", site)
    site = re.sub(r"listen \[::\]:\d+[^;]*;", "", site)  # no IPv6 in every container
    pathlib.Path(folder, "site.conf").write_text(site)
    main = os.path.join(folder, "main.conf")
    pathlib.Path(main).write_text(
        f"error_log {folder}/error.log;\npid {folder}/nginx.pid;\nevents {{}}\n"
        f"http {{\n  include /etc/nginx/mime.types;\n  access_log off;\n"
        # Temporary files in the test's folder: nginx's own (/var/lib/nginx) may not be
        # writable by whoever runs the tests.
        + "".join(f"  {kind}_temp_path {folder}/{kind};\n"
                  for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        + f"  include {folder}/site.conf;\n}}\n")
    return main


class DeployFilesTest(unittest.TestCase):
    def setUp(self) -> None:
        self.dir = tempfile.mkdtemp(prefix="cds-deploy-")
        self.addCleanup(shutil.rmtree, self.dir, True)

    def test_units_pass_systemd_analyze_verify(self) -> None:
        need("systemd-analyze")
        units = []
        for unit in ("congdanso.service", "congdanso-backup.service", "congdanso-backup.timer"):
            text = (DEPLOY / unit).read_text()
            # The binary is installed in /opt/congdanso/bin in production; here it is the build's.
            text = text.replace("/opt/congdanso/bin/congdanso", BINARY)
            pathlib.Path(self.dir, unit).write_text(text)
            units.append(os.path.join(self.dir, unit))
        r = subprocess.run(["systemd-analyze", "verify", *units], capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        service = (DEPLOY / "congdanso.service").read_text()
        for line in ("ProtectSystem=strict", "PrivateTmp=yes", "NoNewPrivileges=yes",
                     "ReadWritePaths=/var/lib/congdanso", "Restart=on-failure", "User=congdanso"):
            self.assertIn(line + "\n", service)
        # The stop timeout leaves the server's 10 s drain grace time to finish.
        stop = int(re.search(r"TimeoutStopSec=(\d+)", service).group(1))
        self.assertGreater(stop, 10)
        self.assertGreaterEqual(int(re.search(r"LimitNOFILE=(\d+)", service).group(1)), 20000)

    def test_nginx_site_passes_nginx_t(self) -> None:
        need("nginx", "openssl")
        main = nginx_site(self.dir)
        r = subprocess.run(["nginx", "-t", "-p", self.dir, "-c", main], capture_output=True,
                           text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("test is successful", r.stderr)


class ThroughNginxTest(unittest.TestCase):
    """A node (SQLite, a fake web build) behind the nginx of deploy/nginx.conf."""

    @classmethod
    def setUpClass(cls) -> None:
        need("nginx", "openssl", "curl")
        cls.dir = tempfile.mkdtemp(prefix="cds-nginx-")
        dist = os.path.join(cls.dir, "dist")
        js = b"console.log('cong dan so');\n" * 50
        for name, data in {"app/index.html": b"<!doctype html><title>app</title>",
                           "staff/index.html": b"<!doctype html><title>staff</title>",
                           ASSET: js, ASSET + ".gz": gzip.compress(js)}.items():
            path = os.path.join(dist, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            pathlib.Path(path).write_bytes(data)
        os.chmod(cls.dir, 0o755)  # nginx's workers run as another user when started by root
        db = f"sqlite:{cls.dir}/cds.db"
        env = {**os.environ, "CDS_KEYS_FILE": f"{cls.dir}/keys", "CDS_WEB_DIR": dist,
               "CDS_STREAM_HEARTBEAT_MS": "1000"}
        for cmd in (["migrate"], ["seed"]):
            subprocess.run([BINARY, *cmd, "--db", db], env=env, check=True, capture_output=True)
        cls.https_port = free_port()
        env["CDS_PUBLIC_URL"] = f"https://127.0.0.1:{cls.https_port}"
        cls.node = Server(BINARY, db, f"{cls.dir}/media", f"{cls.dir}/node.log", env=env)
        cls.node.port = free_port()
        cls.node.start()
        main = nginx_site(cls.dir, https_port=cls.https_port, http_port=free_port(),
                          node_port=cls.node.port, web_dist=dist)
        cls.main = main
        subprocess.run(["nginx", "-p", cls.dir, "-c", main], check=True)

    @classmethod
    def tearDownClass(cls) -> None:
        subprocess.run(["nginx", "-p", cls.dir, "-c", cls.main, "-s", "stop"],
                       capture_output=True)
        cls.node.stop()
        shutil.rmtree(cls.dir, ignore_errors=True)

    def curl(self, path: str, *extra: str) -> tuple[str, list[tuple[str, str]], bytes]:
        r = subprocess.run(["curl", "-sk", "--http2", "-D", "-", "-o", f"{self.dir}/body",
                            *extra, f"https://127.0.0.1:{self.https_port}{path}"],
                           capture_output=True, timeout=30)
        head = r.stdout.decode("latin-1").strip().split("\r\n")
        headers = [(k.strip().lower(), v.strip()) for k, _, v in
                   (line.partition(":") for line in head[1:])]
        return head[0], headers, pathlib.Path(f"{self.dir}/body").read_bytes()

    def assert_once(self, headers: list[tuple[str, str]], where: str) -> None:
        names = [k for k, _ in headers]
        for name in SHARED_HEADERS + ("content-security-policy",):
            self.assertEqual(names.count(name), 1, f"{where}: {name} in {headers}")

    def test_api_pages_and_errors_over_http2_with_each_header_once(self) -> None:
        for path in ("/api/v1/categories", "/api/v1/me", "/app/reports/12", "/news.atom"):
            with self.subTest(path=path):
                status, headers, _ = self.curl(path)
                self.assertTrue(status.startswith("HTTP/2 "), status)
                self.assert_once(headers, path)

    def test_hashed_assets_come_from_disk_compressed_and_cached_for_a_year(self) -> None:
        status, headers, body = self.curl("/" + ASSET, "-H", "Accept-Encoding: gzip")
        self.assertEqual(status.split()[1], "200")
        h = dict(headers)
        self.assertEqual(h.get("content-encoding"), "gzip")
        self.assertIn("immutable", h.get("cache-control", ""))
        self.assertEqual(gzip.decompress(body)[:11], b"console.log")
        self.assert_once(headers, ASSET)

    def test_a_stream_passes_frame_by_frame(self) -> None:
        # The stream never ends: curl gives up after a few seconds, by which time the opening
        # frames and a heartbeat (every second here) must have come through nginx unbuffered.
        r = subprocess.run(["curl", "-skN", "--http2", "--max-time", "4",
                            f"https://127.0.0.1:{self.https_port}/api/v1/events/stream"],
                           capture_output=True, timeout=30)
        text = r.stdout.decode()
        self.assertIn("event: ready", text)
        self.assertIn("\n:", "\n" + text)  # a heartbeat comment


def main() -> int:
    global BINARY
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    args = parser.parse_args()
    BINARY = os.path.abspath(args.binary)
    suite = unittest.defaultTestLoader.loadTestsFromModule(sys.modules[__name__])
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    if result.wasSuccessful() and result.testsRun and len(result.skipped) == result.testsRun:
        return 77
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
