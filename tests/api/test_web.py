"""The web front end as the real server sends it: without a build (the suite's server) every web
route says so; with a fake build (a second server with CDS_WEB_DIR) files, shells, encodings,
validators and headers arrive on the wire as a browser would see them."""

from __future__ import annotations

import gzip
import os
import shutil

import api_case
from api_case import ApiCase
from harness import Client, Server, free_port

ASSET = "assets/index-3f9a1c2b.js"
ASSET_JS = b"console.log('c\xc3\xb4ng d\xc3\xa2n s\xe1\xbb\x91');\n" * 40
SHELL = b"<!doctype html><html lang=vi><title>C\xc3\xb4ng d\xc3\xa2n s\xe1\xbb\x91</title>"


def write_fake_build(root: str) -> None:
    files = {
        "app/index.html": SHELL,
        "app/manifest.webmanifest": b'{"name":"Cong dan so","start_url":"/app/"}',
        "app/sw.js": b"self.addEventListener('fetch', () => {});",
        "staff/index.html": b"<!doctype html><title>staff</title>",
        ASSET: ASSET_JS,
        ASSET + ".gz": gzip.compress(ASSET_JS),
        ASSET + ".br": b"not really brotli",
    }
    for name, data in files.items():
        path = os.path.join(root, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)


class WebNotBuiltTest(ApiCase):
    def test_every_web_route_says_the_app_is_not_built(self) -> None:
        for path in ("/app/", "/app/reports/12", "/app/sw.js", "/staff/", "/staff/reports/1",
                     "/" + ASSET):
            with self.subTest(path=path):
                r = self.http.get(path, lang="en")
                self.assertEqual(r.status, 404)
                self.assertEqual(r.content_type, "application/problem+json")
                self.assertEqual(r.json()["code"], "web_app_not_built")
                self.assertEqual(r.json()["detail"], "The web app is not built (run make build).")
        self.assertEqual(self.http.get("/app/").json()["detail"],
                         "Ứng dụng web chưa được build (chạy make build).")

    def test_root_keeps_the_welcome_page(self) -> None:
        r = self.http.get("/")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.content_type, "text/html")
        self.assertIn("Công dân số", r.text)
        r = self.http.get("/staff?x=1")
        self.assertEqual((r.status, r.headers["location"]), (301, "/staff/?x=1"))


class WebBuiltTest(ApiCase):
    server: Server
    client: Client

    @classmethod
    def setUpClass(cls) -> None:
        env = api_case.ENV
        assert env is not None, "run through run_api_tests.py"
        cls.build = os.path.join(env.tmp, "web-build")
        write_fake_build(cls.build)
        cls.server = Server(env.binary, env.db_url, env.data_dir, env.server.log_path,
                            env=dict(env.proc_env, CDS_WEB_DIR=cls.build))
        cls.server.port = free_port()
        cls.server.start()
        cls.client = Client(cls.server.port)

    @classmethod
    def tearDownClass(cls) -> None:
        cls.server.stop()
        shutil.rmtree(cls.build, ignore_errors=True)

    def test_root_redirects_to_the_app(self) -> None:
        r = self.client.get("/")
        self.assertEqual((r.status, r.headers["location"]), (302, "/app/"))

    def test_a_deep_link_gets_the_shell_with_its_security_headers(self) -> None:
        r = self.client.get("/app/reports/PA-2611-000123")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.body, SHELL)
        self.assertEqual(r.headers["content-type"], "text/html; charset=utf-8")
        self.assertEqual(r.headers["cache-control"], "no-cache")
        self.assertEqual(r.headers["x-content-type-options"], "nosniff")
        self.assertEqual(r.headers["referrer-policy"], "no-referrer")
        csp = r.headers["content-security-policy"]
        self.assertIn("script-src 'self'", csp)
        self.assertIn("frame-ancestors 'none'", csp)
        self.assertEqual(self.client.get("/app/missing.js").status, 404)

    def test_hashed_assets_are_immutable_and_precompressed(self) -> None:
        r = self.client.get("/" + ASSET, headers={"Accept-Encoding": "gzip"})
        self.assertEqual(r.status, 200)
        self.assertEqual(r.headers["content-encoding"], "gzip")
        self.assertEqual(r.headers["vary"], "Accept-Encoding")
        self.assertEqual(r.headers["cache-control"], "public, max-age=31536000, immutable")
        self.assertEqual(r.headers["content-type"], "text/javascript; charset=utf-8")
        self.assertEqual(gzip.decompress(r.body), ASSET_JS)
        self.assertEqual(int(r.headers["content-length"]), len(r.body))

        br = self.client.get("/" + ASSET, headers={"Accept-Encoding": "gzip, deflate, br"})
        self.assertEqual((br.headers["content-encoding"], br.body), ("br", b"not really brotli"))
        plain = self.client.get("/" + ASSET, headers={"Accept-Encoding": "br;q=0, gzip;q=0"})
        self.assertNotIn("content-encoding", plain.headers)
        self.assertEqual(plain.body, ASSET_JS)

    def test_head_and_if_none_match(self) -> None:
        get = self.client.get("/" + ASSET, headers={"Accept-Encoding": "gzip"})
        head = self.client.request("HEAD", "/" + ASSET, headers={"Accept-Encoding": "gzip"})
        self.assertEqual(head.status, 200)
        self.assertEqual(head.body, b"")
        self.assertEqual(head.headers["content-length"], get.headers["content-length"])
        self.assertEqual(head.headers["etag"], get.headers["etag"])

        again = self.client.get("/" + ASSET, headers={"Accept-Encoding": "gzip",
                                                      "If-None-Match": get.headers["etag"]})
        self.assertEqual(again.status, 304)
        self.assertEqual(again.body, b"")
        self.assertEqual(again.headers["etag"], get.headers["etag"])

    def test_service_worker_and_manifest_are_revalidated(self) -> None:
        sw = self.client.get("/app/sw.js")
        self.assertEqual(sw.headers["cache-control"], "no-cache")
        self.assertEqual(sw.headers["service-worker-allowed"], "/app/")
        manifest = self.client.get("/app/manifest.webmanifest")
        self.assertEqual(manifest.headers["content-type"], "application/manifest+json")
        self.assertEqual(manifest.headers["cache-control"], "no-cache")

    def test_traversal_finds_nothing(self) -> None:
        for path in ("/assets/..%2F..%2Fetc%2Fpasswd", "/assets/%2e%2e/app/index.html",
                     "/app/..%2F..%2Fpersonal-data.keys", "/staff/../app/sw.js"):
            with self.subTest(path=path):
                self.assertEqual(self.client.get(path).status, 404)
