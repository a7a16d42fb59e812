#!/usr/bin/env python3
"""Prints the table of bench/fanout/run.sh from its JSON lines (one per client run): per target and
N, the median over runs of each figure. Usage: summarize.py RESULTS.jsonl

Then one `bench-result fanout` line per run (key=value, for bench/all.sh)."""
import json
import statistics
import sys


def main(path):
    groups = {}
    order = []
    with open(path, encoding="utf-8") as results:
        for line in results:
            line = line.strip()
            if not line.startswith("{"):
                continue
            run = json.loads(line)
            key = (run["target"], run["n"])
            if key not in groups:
                groups[key] = []
                order.append(key)
            groups[key].append(run)

    header = ("target", "N", "runs", "live/received", "first ms", "p50 ms", "p99 ms", "last ms",
              "server CPU ms", "KiB/conn RSS", "KiB/conn PSS")
    print("%-10s %6s %4s %15s %8s %8s %8s %8s %13s %12s %12s" % header)
    for key in order:
        runs = groups[key]

        def median(field):
            return statistics.median(r[field] for r in runs)

        # The worst run's completeness: a run where some subscribers missed the event shows here.
        worst = min(runs, key=lambda r: r["received"] - r["n"])
        print("%-10s %6d %4d %15s %8.1f %8.1f %8.1f %8.1f %13.1f %12.1f %12.1f" % (
            key[0], key[1], len(runs), "%d/%d" % (worst["connected"], worst["received"]),
            median("first_ms"), median("p50_ms"), median("p99_ms"), median("max_ms"),
            median("server_cpu_ms"),
            median("kib_per_conn"), median("pss_kib_per_conn")))

    fields = ("connected", "received", "first_ms", "p50_ms", "p99_ms", "max_ms", "server_cpu_ms",
              "kib_per_conn", "pss_kib_per_conn")
    for key in order:
        for run in groups[key]:
            print("bench-result fanout target=%s n=%d " % key +
                  " ".join("%s=%s" % (f, run[f]) for f in fields if f in run))


if __name__ == "__main__":
    main(sys.argv[1])
