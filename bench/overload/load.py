"""The overload benchmark's observer (bench/overload/run.sh). Standard library only.

`watch`: while bench_openloop loads the server, in a process of its own, asks /healthz every 50 ms
on one keep-alive connection (reconnecting when it is closed) and reads the server's VmRSS from
/proc every 100 ms; prints one JSON line with the /healthz percentiles and the peak RSS when done.

`row`: one mode's line of the table and, on a second line, its figures in the order run.sh reads
them, from bench_openloop's output (its `offered_rps=...` line) and watch's JSON; "-" for a
figure that a failed generator did not give.
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


ROW_KEYS = ("offered_rps", "answered_rps", "ok_rps", "r503_rps", "r429_rps", "p99_ms",
            "healthz_p50_ms", "healthz_p99_ms", "rss_peak_mib", "not_sent", "errors",
            "healthz_failures")
ROW_WIDTHS = (9, 9, 8, 8, 8, 9, 8, 8, 9, 8, 8, 7)


def row(args: argparse.Namespace) -> None:
    figures: dict[str, str] = {}
    with open(args.drive, encoding="utf-8") as drive:
        for line in drive:
            if line.startswith("offered_rps="):
                figures.update(kv.split("=", 1) for kv in line.split())
    with open(args.watch, encoding="utf-8") as watch_file:
        figures.update({k: str(v) for k, v in json.load(watch_file).items()})
    values = [figures.get(key, "-") for key in ROW_KEYS]
    print(f"{args.name:<26} " + " ".join(f"{v:>{w}}" for v, w in zip(values, ROW_WIDTHS)))
    print(" ".join(values))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("mode", choices=("watch", "row"))
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int)
    p.add_argument("--duration", type=float, default=15)
    p.add_argument("--pid", type=int, help="the server's process id")
    p.add_argument("--name", help="row: the mode's name")
    p.add_argument("--drive", help="row: bench_openloop's output")
    p.add_argument("--watch", help="row: watch's JSON")
    args = p.parse_args()
    if args.mode == "row":
        row(args)
        return
    if args.port is None or args.pid is None:
        p.error("watch needs --port and --pid")
    result = asyncio.run(watch(args))
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
