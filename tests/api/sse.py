"""A Server-Sent Events client for the tests: reads a stream on a thread of its own and keeps every
frame, so that a test can wait for the one it expects and then look at everything that came."""

from __future__ import annotations

import http.client
import json
import queue
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Frame:
    event: str = "message"
    id: str | None = None
    data: str = ""
    retry: int | None = None
    comment: bool = False
    received: float = field(default_factory=time.monotonic)

    def json(self) -> Any:
        return json.loads(self.data)


class SseClient:
    """GET /api/v1/events/stream (or `path`) with an optional bearer token and Last-Event-ID."""

    def __init__(self, port: int, token: str | None = None, last_event_id: str | None = None,
                 path: str = "/api/v1/events/stream", headers: dict | None = None,
                 timeout: float = 30.0):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        h = {"Accept": "text/event-stream"}
        if token:
            h["Authorization"] = f"Bearer {token}"
        if last_event_id is not None:
            h["Last-Event-ID"] = last_event_id
        h.update(headers or {})
        self.conn.request("GET", path, headers=h)
        # Kept: http.client hands the socket to the response and forgets it.
        self.sock = self.conn.sock
        self.response = self.conn.getresponse()
        self.status = self.response.status
        self.headers = {k.lower(): v for k, v in self.response.getheaders()}
        self.frames: list[Frame] = []
        self.ended = threading.Event()
        self._queue: queue.Queue[Frame] = queue.Queue()
        self._closed = False
        if self.status == 200:
            self._thread = threading.Thread(target=self._read, daemon=True)
            self._thread.start()
        else:
            self.body = self.response.read()
            self.ended.set()

    def _read(self) -> None:
        frame = Frame()
        try:
            while True:
                raw = self.response.readline()
                if not raw:
                    break
                line = raw.decode("utf-8").rstrip("\n").rstrip("\r")
                if line == "":
                    if frame.data or frame.id is not None or frame.retry is not None or \
                            frame.event != "message" or frame.comment:
                        frame.data = frame.data[:-1] if frame.data.endswith("\n") else frame.data
                        frame.received = time.monotonic()
                        self.frames.append(frame)
                        self._queue.put(frame)
                    frame = Frame()
                    continue
                if line.startswith(":"):
                    frame.comment = True
                    continue
                name, _, value = line.partition(":")
                value = value[1:] if value.startswith(" ") else value
                if name == "event":
                    frame.event = value
                elif name == "data":
                    frame.data += value + "\n"
                elif name == "id":
                    frame.id = value
                elif name == "retry":
                    frame.retry = int(value)
        except (OSError, ValueError, AttributeError, http.client.HTTPException):
            pass
        finally:
            self.ended.set()

    def next(self, event: str | None = None, timeout: float = 10.0,
             where: Any = None) -> Frame:
        """The next frame (of `event`, and for which where(frame) holds), waiting up to
        `timeout` seconds; AssertionError when none comes."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no {event or 'frame'} within {timeout} s; got "
                                     f"{[(f.event, f.id) for f in self.frames][-12:]}")
            try:
                frame = self._queue.get(timeout=left)
            except queue.Empty:
                continue
            if event is not None and frame.event != event:
                continue
            if where is not None and not where(frame):
                continue
            return frame

    def drain(self, seconds: float) -> list[Frame]:
        """Every frame that arrives within `seconds`."""
        out = []
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            try:
                out.append(self._queue.get(timeout=left))
            except queue.Empty:
                pass
        return out

    def events(self, name: str) -> list[Frame]:
        return [f for f in self.frames if f.event == name]

    def last_id(self) -> str | None:
        ids = [f.id for f in self.frames if f.id is not None]
        return ids[-1] if ids else None

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            if self.sock is not None:
                self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        try:
            self.response.close()
        except (AttributeError, OSError):
            pass  # the reading thread closed it first
        self.conn.close()
        self.ended.wait(5)

    def __enter__(self) -> "SseClient":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
