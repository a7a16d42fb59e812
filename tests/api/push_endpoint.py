"""The local Web Push service (tests/push-endpoint, Node.js) on a free port, for API tests.

Standard library only. It hands out fake browser subscriptions whose endpoint is on this
service, checks the VAPID token of every push, decrypts it as the browser would, and tells a test
what arrived. Start it, let the server under test send to http:// endpoints (this one is
http://127.0.0.1:N; push::SendOptions::allow_insecure_endpoints), subscribe with
new_subscription(), and read messages(id):

    with PushEndpoint() as push:
        sub = push.new_subscription()            # {"id", "endpoint", "keys": {"p256dh", "auth"}}
        ...                                      # POST sub to /api/v1/push/subscriptions
        push.wait_for_messages(sub["id"], 1)     # [{"payload", "ttl", "urgency", "topic", ...}]
        push.respond(sub["id"], 410)             # the subscription is gone from now on
"""

from __future__ import annotations

import http.client
import json
import os
import select
import signal
import subprocess
import time
from typing import Any

from harness import _die_with_parent

DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "push-endpoint")


class PushEndpoint:
    """tests/push-endpoint/server.mjs on a free port of 127.0.0.1, and its control API.

    Its log (one line per push, with the reason of each refusal) goes to `log_path`, or is
    dropped when none is given."""

    def __init__(self, log_path: str | None = None):
        self.log_path = log_path
        self.proc: subprocess.Popen | None = None
        self.port = 0

    @property
    def origin(self) -> str:
        """http://127.0.0.1:N: the aud that every VAPID token sent here must name."""
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30.0) -> "PushEndpoint":
        if not os.path.isdir(os.path.join(DIR, "node_modules")):
            raise RuntimeError("tests/push-endpoint has no node_modules: run "
                               "`npm ci --prefix tests/push-endpoint` (make test does)")
        log = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL
        try:
            self.proc = subprocess.Popen(
                ["node", os.path.join(DIR, "server.mjs"), "--port", "0"],
                stdout=subprocess.PIPE, stderr=log, stdin=subprocess.DEVNULL,
                preexec_fn=_die_with_parent)
        finally:
            if self.log_path:
                log.close()
        # The first line on stdout is {"port": N}; the server writes nothing there after it.
        deadline = time.monotonic() + timeout
        line = b""
        while not line.endswith(b"\n"):
            remaining = deadline - time.monotonic()
            if remaining <= 0 or self.proc.poll() is not None:
                self.stop()
                raise RuntimeError("the push endpoint did not start"
                                   + (f"; see {self.log_path}" if self.log_path else ""))
            ready, _, _ = select.select([self.proc.stdout], [], [], remaining)
            if ready:
                chunk = os.read(self.proc.stdout.fileno(), 256)
                if not chunk:
                    continue  # closed: poll() above reports the exit
                line += chunk
        self.port = int(json.loads(line)["port"])
        return self

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc and self.proc.stdout:
            self.proc.stdout.close()

    def __enter__(self) -> "PushEndpoint":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ---- control API ----------------------------------------------------------------------

    def _call(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            headers = {"Content-Type": "application/json"} if body is not None else {}
            c.request(method, path, None if body is None else json.dumps(body), headers)
            r = c.getresponse()
            text = r.read()
            return r.status, json.loads(text) if text else None
        finally:
            c.close()

    def new_subscription(self, application_server_key: str | None = None) -> dict[str, Any]:
        """A new fake browser subscription, as PushSubscription.toJSON() gives it plus its id:
        {"id": "s1", "endpoint": "http://127.0.0.1:N/push/s1", "keys": {"p256dh", "auth"}}.
        With `application_server_key` (base64url, the server's VAPID public key) it accepts
        only pushes signed with that key, as a real push service does."""
        body = {} if application_server_key is None else {
            "application_server_key": application_server_key}
        status, sub = self._call("POST", "/__subscriptions", body)
        assert status == 201, f"new subscription: HTTP {status} {sub}"
        return sub

    def messages(self, sub_id: str) -> dict[str, Any]:
        """What reached `sub_id`: {"messages": [{"payload", "ttl", "urgency", "topic",
        "vapid_public_key", "vapid_claims", ...}], "rejections": [{"status", "reason"}],
        "answers": [the HTTP status of every push, in order]}."""
        status, record = self._call("GET", f"/__messages/{sub_id}")
        assert status == 200, f"messages of {sub_id}: HTTP {status} {record}"
        return record

    def wait_for_messages(self, sub_id: str, count: int, timeout: float = 10.0) -> list[dict]:
        """The delivered messages of `sub_id` once there are at least `count` (delivery is
        asynchronous); AssertionError with what did arrive when the time runs out."""
        deadline = time.monotonic() + timeout
        while True:
            record = self.messages(sub_id)
            if len(record["messages"]) >= count:
                return record["messages"]
            if time.monotonic() > deadline:
                raise AssertionError(f"{sub_id}: {len(record['messages'])} of {count} message(s) "
                                     f"after {timeout} s; rejections {record['rejections']}, "
                                     f"answers {record['answers']}")
            time.sleep(0.05)

    def respond(self, sub_id: str, status: int, retry_after: int | str | None = None,
                times: int | None = None) -> None:
        """The next `times` pushes to `sub_id` get `status` (with Retry-After: `retry_after`,
        seconds or an HTTP date, when given). `times` defaults to 1, but 404 and 410 stay until
        replaced; times=0 clears whatever was set."""
        body: dict[str, Any] = {"status": status}
        if retry_after is not None:
            body["retry_after"] = retry_after
        if times is not None:
            body["times"] = times
        code, answer = self._call("POST", f"/__respond/{sub_id}", body)
        assert code == 204, f"respond {sub_id}: HTTP {code} {answer}"

    def clear_response(self, sub_id: str) -> None:
        """Pushes to `sub_id` are handled normally again."""
        code, answer = self._call("POST", f"/__respond/{sub_id}", {"times": 0})
        assert code == 204, f"clear {sub_id}: HTTP {code} {answer}"
