#!/usr/bin/env python3
"""The origin behind Pushpin in bench/fanout/run.sh: it answers every GET with a GRIP hold, so that
Pushpin keeps the client's response open as an SSE stream subscribed to the channel "bench" and
sends it a first "ready" frame. Usage: grip_origin.py PORT"""
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

FIRST_FRAME = b"event: ready\ndata: {}\n\n"


class GripHold(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive towards Pushpin

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Grip-Hold", "stream")
        self.send_header("Grip-Channel", "bench")
        self.send_header("Content-Length", str(len(FIRST_FRAME)))
        self.end_headers()
        self.wfile.write(FIRST_FRAME)

    def log_message(self, format, *args):
        pass  # one line per subscriber would only slow the origin down


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024


if __name__ == "__main__":
    Server(("127.0.0.1", int(sys.argv[1])), GripHold).serve_forever()
