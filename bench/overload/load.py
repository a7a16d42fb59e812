"""Open-loop load for the overload benchmark (bench/overload/run.sh). Standard library only.

`drive`: sends GET requests at a fixed rate whatever the server answers (a new request does not
wait for an old one: that is how a crowd behaves), over keep-alive connections, opening another
when all are busy, up to --max-connections (a request with none free is counted as not sent).
`watch`: meanwhile, in a process of its own, asks /healthz every 50 ms on one connection and reads
the server's VmRSS every 100 ms. Each prints one JSON line when done.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time


async def request(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, head: bytes) -> int:
    writer.write(head)
    await writer.drain()
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("closed")
    status = int(status_line.split()[1])
    length = 0
    close = False
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b"\n", b""):
            break
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value.strip())
        elif name == b"connection" and value.strip().lower() == b"close":
            close = True
    if length:
        await reader.readexactly(length)
    if close:
        raise ConnectionResetError(status)
    return status


async def drive(args: argparse.Namespace) -> dict:
    head = (f"GET {args.path} HTTP/1.1\r\nHost: {args.host}:{args.port}\r\n"
            + "".join(f"{h}\r\n" for h in args.header) + "\r\n").encode()
    idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
    opened = 0
    counts: dict[str, int] = {}
    latencies_ok: list[float] = []
    pending: set[asyncio.Task] = set()
    not_sent = 0

    async def one() -> None:
        nonlocal opened
        started = time.perf_counter()
        conn = idle.pop() if idle else None
        if conn is None:
            opened += 1
            try:
                conn = await asyncio.open_connection(args.host, args.port)
            except OSError:
                counts["connect_error"] = counts.get("connect_error", 0) + 1
                opened -= 1
                return
        try:
            status = await request(*conn, head)
        except ConnectionResetError as e:  # answered, then closed by the server
            status = int(e.args[0]) if e.args and isinstance(e.args[0], int) else 0
            conn[1].close()
            opened -= 1
            conn = None
        except (OSError, ConnectionError, ValueError, IndexError, asyncio.IncompleteReadError):
            counts["error"] = counts.get("error", 0) + 1
            conn[1].close()
            opened -= 1
            return
        key = str(status)
        counts[key] = counts.get(key, 0) + 1
        if 200 <= status < 300:
            latencies_ok.append(time.perf_counter() - started)
        if conn is not None:
            idle.append(conn)

    loop = asyncio.get_running_loop()
    start = loop.time()
    sent = 0
    while True:
        now = loop.time()
        if now - start >= args.duration:
            break
        due = int((now - start) * args.rate)
        while sent < due:
            sent += 1
            if not idle and opened >= args.max_connections:
                not_sent += 1
                continue
            task = asyncio.ensure_future(one())
            pending.add(task)
            task.add_done_callback(pending.discard)
        await asyncio.sleep(0.001)
    elapsed = loop.time() - start
    unanswered = len(pending)
    for task in list(pending):
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    for _, w in idle:
        w.close()
    latencies_ok.sort()

    def pct(p: float) -> float:
        if not latencies_ok:
            return 0.0
        return latencies_ok[min(len(latencies_ok) - 1, int(p * len(latencies_ok)))] * 1000

    ok = sum(v for k, v in counts.items() if k.isdigit() and 200 <= int(k) < 300)
    return {"seconds": round(elapsed, 2), "target_rps": args.rate,
            "offered_rps": round((sent - not_sent) / elapsed, 1), "not_sent": not_sent,
            "ok_rps": round(ok / elapsed, 1),
            "r503_rps": round(counts.get("503", 0) / elapsed, 1),
            "r429_rps": round(counts.get("429", 0) / elapsed, 1),
            "unanswered": unanswered, "errors": counts.get("error", 0) + counts.get("connect_error", 0),
            "ok_p50_ms": round(pct(0.50), 1), "ok_p99_ms": round(pct(0.99), 1),
            "statuses": counts, "connections": opened}


async def watch(args: argparse.Namespace) -> dict:
    latencies: list[float] = []
    rss: list[int] = []
    failures = 0
    head = f"GET /healthz HTTP/1.1\r\nHost: {args.host}:{args.port}\r\n\r\n".encode()
    conn = None

    async def memory() -> None:
        while True:
            try:
                with open(f"/proc/{args.pid}/status") as f:
                    for line in f:
                        if line.startswith("VmRSS:"):
                            rss.append(int(line.split()[1]))
            except OSError:
                return
            await asyncio.sleep(0.1)

    sampler = asyncio.ensure_future(memory())
    loop = asyncio.get_running_loop()
    end = loop.time() + args.duration
    while loop.time() < end:
        started = time.perf_counter()
        try:
            if conn is None:
                conn = await asyncio.wait_for(asyncio.open_connection(args.host, args.port), 10)
            status = await asyncio.wait_for(request(*conn, head), 10)
            if status != 200:
                failures += 1
            latencies.append(time.perf_counter() - started)
        except (OSError, ConnectionError, asyncio.TimeoutError, ValueError, IndexError,
                asyncio.IncompleteReadError):
            failures += 1
            if conn is not None:
                conn[1].close()
            conn = None
        await asyncio.sleep(0.05)
    sampler.cancel()
    latencies.sort()

    def pct(p: float) -> float:
        if not latencies:
            return 0.0
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000

    return {"healthz_samples": len(latencies), "healthz_failures": failures,
            "healthz_p50_ms": round(pct(0.50), 2), "healthz_p99_ms": round(pct(0.99), 2),
            "rss_start_mib": round(rss[0] / 1024, 1) if rss else 0,
            "rss_peak_mib": round(max(rss) / 1024, 1) if rss else 0}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("mode", choices=("drive", "watch"))
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--duration", type=float, default=15)
    p.add_argument("--rate", type=float, default=1000, help="drive: requests per second")
    p.add_argument("--path", default="/healthz")
    p.add_argument("--header", action="append", default=[])
    p.add_argument("--max-connections", type=int, default=2000)
    p.add_argument("--pid", type=int, default=0, help="watch: the server's process id")
    args = p.parse_args()
    result = asyncio.run(drive(args) if args.mode == "drive" else watch(args))
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
