"""A small browser for signing in with VNeID in tests: keeps cookies per host (as browsers do,
ignoring ports), follows redirects one hop at a time, and answers the stand-in's sign-in page by
choosing a citizen. Standard library only."""

from __future__ import annotations

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # noqa: D401 - urllib's hook
        return None


@dataclass
class Page:
    status: int
    url: str
    headers: dict[str, list[str]]
    body: bytes

    @property
    def location(self) -> str:
        return urllib.parse.urljoin(self.url, self.headers.get("location", [""])[0])

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class Browser:
    def __init__(self) -> None:
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar),
                                                  _NoRedirect())

    def open(self, url: str, form: dict[str, str] | None = None,
             headers: dict[str, str] | None = None) -> Page:
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        req = urllib.request.Request(url, data=data, headers=headers or {})
        try:
            with self.opener.open(req, timeout=30) as r:
                status, raw_headers, body = r.status, r.headers, r.read()
        except urllib.error.HTTPError as e:
            status, raw_headers, body = e.code, e.headers, e.read()
        hs: dict[str, list[str]] = {}
        for k, v in raw_headers.items():
            hs.setdefault(k.lower(), []).append(v)
        return Page(status, url, hs, body)

    def cookie(self, name: str) -> str | None:
        for c in self.jar:
            if c.name == name:
                return c.value
        return None

    def cookie_header(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.jar if c.name.startswith("cds_"))


def to_callback(browser: Browser, start_url: str, issuer: str, sub: str | None) -> Page:
    """Opens `start_url` and follows the redirects through the stand-in, choosing the citizen
    `sub` on its page (or cancelling when sub is None), until a redirect leaves the stand-in.
    Returns that last redirect (its location is the callback URL, not yet opened)."""
    page = browser.open(start_url)
    assert page.status == 303, f"start: HTTP {page.status} {page.text[:300]}"
    url, form = page.location, None
    for _ in range(12):
        page = browser.open(url, form)
        form = None
        if 300 <= page.status < 400:
            if not page.location.startswith(issuer):
                return page
            url = page.location
            continue
        assert page.status == 200, f"{url}: HTTP {page.status} {page.text[:300]}"
        if sub is None:
            abort = re.search(r'href="(/interaction/[^"]+/abort)"', page.text)
            assert abort, "the stand-in's page has no cancel link"
            url = urllib.parse.urljoin(issuer, abort.group(1))
            continue
        action = re.search(r'<form method="post" action="(/interaction/[^"]+/login)">', page.text)
        assert action, f"no sign-in form at {url}"
        url, form = urllib.parse.urljoin(issuer, action.group(1)), {"sub": sub}
    raise AssertionError("too many redirects")


def sign_in(browser: Browser, base: str, issuer: str, sub: str, query: str = "accept_terms=1",
            ) -> Page:
    """The whole sign-in: returns the answer to the callback."""
    last = to_callback(browser, f"{base}/api/v1/auth/vneid/start?{query}", issuer, sub)
    assert last.location.startswith(f"{base}/api/v1/auth/vneid/callback"), last.location
    return browser.open(last.location)
