#!/usr/bin/env python3
"""Opens N Server-Sent Events streams to one server and holds them, for bench/streams/run.sh.

Connects BATCH at a time, sends each a GET of PATH with Accept: text/event-stream, and waits until
every stream has sent MARKER (its first frame). Then prints "ready N", flushes, and holds the
connections until stdin closes. Usage: hold_streams.py PORT PATH N BATCH MARKER"""
import selectors
import socket
import sys


def main(port, path, n, batch, marker):
    request = (f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
               "Accept: text/event-stream\r\n\r\n").encode()
    marker = marker.encode()
    sel = selectors.DefaultSelector()
    held = []
    ready = 0
    opened = 0
    while opened < n:
        pending = {}
        for _ in range(min(batch, n - opened)):
            s = socket.create_connection(("127.0.0.1", port))
            s.sendall(request)
            s.setblocking(False)
            pending[s.fileno()] = (s, bytearray())
            sel.register(s, selectors.EVENT_READ)
            opened += 1
        while pending:
            events = sel.select(timeout=30)
            if not events:
                sys.exit(f"timed out with {len(pending)} streams not ready ({ready} ready)")
            for key, _ in events:
                s, seen = pending[key.fd]
                data = s.recv(65536)
                if not data:
                    sys.exit(f"a stream closed before its first frame ({ready} ready)")
                seen += data
                if marker in seen:
                    sel.unregister(s)
                    del pending[key.fd]
                    held.append(s)
                    ready += 1
    print(f"ready {ready}", flush=True)
    sys.stdin.read()  # hold until the caller is done measuring
    for s in held:
        s.close()


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
