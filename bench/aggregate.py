#!/usr/bin/env python3
"""Turns the `bench-result` lines of one `make bench` run into tables (bench/all.sh).

Reads RESULTS (every line `bench-result NAME key=value ...` the steps printed, one per run) and
META (JSON: date, commit, machine, runs, mode, note, commands, failed steps), takes the median of
each figure over the runs, writes all of it as JSON to --json, and rewrites in --doc the text
between `<!-- bench:BLOCK begin -->` and `<!-- bench:BLOCK end -->` for each block whose step ran,
leaving everything else in the file as it was.

Usage: aggregate.py --results FILE --meta FILE --doc docs/PERFORMANCE.md --json FILE
"""
import argparse
import json
import re
import statistics
import sys

# Keys that name what was measured rather than measure it: runs are grouped by them.
IDENTITY = ("target", "n")


def parse(path):
    """{name: {identity tuple: {key: [value per run]}}}, values as floats where they are numbers."""
    out = {}
    with open(path, encoding="utf-8") as results:
        for line in results:
            parts = line.split()
            if len(parts) < 2 or parts[0] != "bench-result":
                continue
            fields = {}
            for part in parts[2:]:
                key, _, value = part.partition("=")
                try:
                    fields[key] = float(value)
                except ValueError:
                    fields[key] = value
            ident = tuple(fields.get(k) for k in IDENTITY if k in fields)
            group = out.setdefault(parts[1], {}).setdefault(ident, {})
            for key, value in fields.items():
                group.setdefault(key, []).append(value)
    return out


def median(values):
    numbers = [v for v in values if isinstance(v, float)]
    return statistics.median(numbers) if numbers else None


def fmt(value, digits=0):
    if value is None:
        return "–"
    if digits == 0:
        return f"{value:,.0f}"
    return f"{value:,.{digits}f}"


def spread(values, digits=0):
    """'1,234 (1,100–1,300)' for several runs, '1,234' for one."""
    numbers = [v for v in values if isinstance(v, float)]
    if not numbers:
        return "–"
    text = fmt(statistics.median(numbers), digits)
    if len(numbers) > 1:
        text += f" ({fmt(min(numbers), digits)}–{fmt(max(numbers), digits)})"
    return text


def ratio(a, b, digits=2):
    return "–" if a is None or not b else f"{a / b:.{digits}f}×"


def only(groups):
    """The one group of a step without identity keys."""
    return next(iter(groups.values())) if groups else {}


def caption(meta, step):
    runs = meta["runs"]
    lines = [
        f"_Written by `make bench` (`bench/all.sh`) on {meta['date']}, commit {meta['commit']}; "
        f"{'median of ' + str(runs) + ' runs (range in brackets)' if runs > 1 else 'one run'}. "
        f"Machine: {meta['machine']}. Load average {meta['load_start']} at the start of the run, "
        f"{meta['load_end']} at the end. The run: `{meta.get('invocation', 'make bench')}`; "
        f"this step: `{meta['commands'].get(step, '')}`._",
    ]
    if meta.get("note"):
        lines.append("")
        lines.append(f"**{meta['note']}**")
    return lines


def table(header, rows):
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return out


def block_read(data):
    g = only(data.get("http", {}))
    m = {k: median(v) for k, v in g.items()}
    size = fmt(m.get("report_bytes"))
    rows = [
        ["`GET /healthz` (limit)", spread(g.get("healthz_rps", [])), fmt(m.get("healthz_p50_ms"), 2),
         fmt(m.get("healthz_p99_ms"), 2), "1.00×", "–"],
        [f"nginx serving a {size}-byte file (limit)", spread(g.get("nginx_rps", [])),
         fmt(m.get("nginx_p50_ms"), 2), fmt(m.get("nginx_p99_ms"), 2),
         ratio(m.get("nginx_rps"), m.get("healthz_rps")), "1.00×"],
        [f"`GET /api/v1/reports/{{id}}` ({size} bytes of JSON)", spread(g.get("read_rps", [])),
         fmt(m.get("read_p50_ms"), 2), fmt(m.get("read_p99_ms"), 2),
         ratio(m.get("read_rps"), m.get("healthz_rps")),
         ratio(m.get("read_rps"), m.get("nginx_rps"))],
    ]
    return table(["scenario", "requests/s", "p50 ms", "p99 ms", "÷ `/healthz`", "÷ nginx"], rows)


def block_intake(data):
    g = only(data.get("http", {}))
    m = {k: median(v) for k, v in g.items()}
    batches = [w / c for w, c in zip(g.get("writes", []), g.get("commits", [])) if c]
    rows = [
        ["`POST /api/v1/reports`, answered after commit", "reports/s",
         spread(g.get("intake_rps", [])), ratio(m.get("intake_rps"), m.get("raw_1"))],
    ]
    for per in (1, 16, 64, 256):
        rows.append([f"raw SQLite, {per} row{'s' if per > 1 else ''} per transaction (limit)",
                     "rows/s", spread(g.get(f"raw_{per}", [])),
                     ratio(m.get(f"raw_{per}"), m.get("raw_1"))])
    out = table(["scenario (WAL, `synchronous=FULL`)", "unit", "rate", "÷ 1 row per transaction"],
                rows)
    out += ["", f"Intake latency p50 {fmt(m.get('intake_p50_ms'), 2)} ms, p99 "
            f"{fmt(m.get('intake_p99_ms'), 2)} ms; answers other than 2xx: "
            f"{fmt(m.get('intake_non2xx'))}; mean group-commit batch "
            f"{fmt(statistics.median(batches) if batches else None, 1)} reports per commit."]
    return out


def block_procedures(data):
    g = only(data.get("procedures", {}))
    m = {k: median(v) for k, v in g.items()}
    rows = [
        ["p50, wall clock", spread(g.get("p50_us", [])), ""],
        ["p90, wall clock", spread(g.get("p90_us", [])), ""],
        ["p99, wall clock", spread(g.get("p99_us", [])), "2,000"],
        ["p50, thread CPU time", spread(g.get("cpu_p50_us", [])), ""],
        ["p99, thread CPU time", spread(g.get("cpu_p99_us", [])), "2,000"],
    ]
    out = table([f"over all queries ({fmt(m.get('procedures'))} procedures), µs", "figure", "aim"],
                rows)
    out += ["", f"Building the index: {spread(g.get('build_ms', []), 1)} ms."]
    return out


def block_wards(data):
    g = only(data.get("wards", {}))
    m = {k: median(v) for k, v in g.items()}
    rows = [
        ["boundaries: R-tree + exact point-in-polygon", spread(g.get("polygon_lps", [])),
         fmt(m.get("polygon_p50_us"), 2), fmt(m.get("polygon_p99_us"), 2),
         ratio(m.get("polygon_lps"), m.get("centroid_lps"))],
        ["nearest ward centre (the fallback; the limit)", spread(g.get("centroid_lps", [])),
         fmt(m.get("centroid_p50_us"), 2), fmt(m.get("centroid_p99_us"), 2), "1.00×"],
    ]
    out = table([f"lookup ({fmt(m.get('points'))} points)", "lookups/s", "p50 µs", "p99 µs",
                 "÷ nearest centre"], rows)
    out += ["", f"Building the index from the 168 wards' boundaries: "
            f"{spread(g.get('build_ms', []))} ms."]
    return out


def block_map(data):
    g = only(data.get("map", {}))
    m = {k: median(v) for k, v in g.items()}
    views = [k[: -len("_p50_us")] for k in g if k.endswith("_p50_us")]
    rows = [[v.replace("_", " "), spread(g.get(v + "_p50_us", []), 1),
             spread(g.get(v + "_p99_us", []), 1), "10,000"] for v in views]
    out = table([f"view ({fmt(m.get('reports'))} reports)", "p50 µs", "p99 µs", "aim p99 µs"], rows)
    out += ["", f"Loading the reports took {spread(g.get('load_s', []), 1)} s, building the index "
            f"{spread(g.get('build_s', []), 2)} s (resident memory then "
            f"{fmt(m.get('rss_mib'))} MiB); the incremental refresh of 1,000 new reports "
            f"{spread(g.get('refresh_ms', []), 1)} ms."]
    return out


def block_fanout(data):
    groups = data.get("fanout", {})
    names = {"congdanso": "Công dân số", "nchan": "Nchan", "pushpin": "Pushpin"}
    nchan_last = {ident[1]: median(g.get("max_ms", [])) for ident, g in groups.items()
                  if ident[0] == "nchan"}
    rows = []
    for ident in sorted(groups, key=lambda i: (i[1], list(names).index(i[0]) if i[0] in names else 9)):
        g = groups[ident]
        m = {k: median(v) for k, v in g.items()}
        complete = all(r == c for r, c in zip(g.get("received", []), g.get("connected", [])))
        rows.append([fmt(ident[1]), names.get(ident[0], ident[0]), fmt(m.get("first_ms"), 1),
                     fmt(m.get("p50_ms"), 1), fmt(m.get("p99_ms"), 1),
                     spread(g.get("max_ms", []), 1),
                     ratio(m.get("max_ms"), nchan_last.get(ident[1])),
                     fmt(m.get("server_cpu_ms"), 1), fmt(m.get("kib_per_conn"), 1),
                     "yes" if complete else "**no**"])
    return table(["N", "target", "first ms", "p50 ms", "p99 ms", "last subscriber ms",
                  "last ÷ Nchan", "server CPU ms", "KiB per connection", "all received"], rows)


def block_streams(data):
    g = only(data.get("streams", {}))
    m = {k: median(v) for k, v in g.items()}
    fan = {ident[1]: median(v.get("kib_per_conn", [])) for ident, v in data.get("fanout", {}).items()
           if ident[0] == "congdanso"}
    nearest = min(fan, key=lambda n: abs(n - (m.get("streams") or 0))) if fan else None
    rows = [[fmt(m.get("streams")), fmt((m.get("rss_before_kib") or 0) / 1024),
             fmt((m.get("rss_after_kib") or 0) / 1024),
             spread(g.get("bytes_per_stream", [])),
             fmt((m.get("bytes_per_stream") or 0) / 1024, 1),
             f"{fmt(fan[nearest], 1)} (N = {fmt(nearest)})" if nearest else "–"]]
    return table(["streams", "server RSS before, MiB", "after, MiB", "bytes per stream",
                  "KiB per stream",
                  "fan-out bench, KiB per connection"], rows)


def block_startup(data, name="startup"):
    g = only(data.get(name, {}))
    m = {k: median(v) for k, v in g.items()}
    rows = [
        ["empty (reference data only; the limit)", "0", "–", "–",
         spread(g.get("empty_ready_ms", [])), spread(g.get("empty_map_ms", [])),
         fmt(m.get("empty_rss_mib"))],
        [f"{fmt(m.get('reports'))} reports", fmt(m.get("reports")),
         fmt((m.get("db_bytes") or 0) / 1048576), fmt(m.get("bytes_per_report")),
         spread(g.get("ready_ms", [])), spread(g.get("map_ms", [])), fmt(m.get("rss_mib"))],
    ]
    engine = "SQLite" if name == "startup" else "PostgreSQL"
    out = table([f"{engine} database", "reports", "size MiB", "bytes per report",
                 "start → `/healthz` 200, ms", "start → first map answer, ms",
                 "RSS after the map, MiB"], rows)
    out += ["", f"The reports came with {fmt(m.get('timeline_rows'))} timeline entries and "
            f"{fmt(m.get('event_rows'))} events; writing them with `bench/startup/generate"
            f"{'' if name == 'startup' else '_postgres'}.sql` "
            f"took {fmt((m.get('generate_ms') or 0) / 1000, 1)} s."]
    return out


def block_overload(data):
    g = only(data.get("overload", {}))
    if not g:
        return ["(no overload figures in this run)"]
    rows = []
    for tag, mode in (("adm", "admission control (defaults)"), ("noadm", "no admission control"),
                      ("limits", "admission + default rate limits")):
        def cell(key, digits=0):
            return spread(g.get(f"{tag}_{key}", []), digits)
        rows.append([mode, cell("offered_rps"), cell("answers_rps"), cell("ok_rps"),
                     cell("503_rps"), cell("429_rps"), cell("p99_ms"), cell("healthz_p50_ms", 1),
                     cell("healthz_p99_ms", 1), cell("peak_rss_mib"), cell("not_sent"),
                     cell("errors")])
    factor, connections = median(g.get("factor", [])), median(g.get("connections", []))
    out = [f"Capacity measured first in the same run: {spread(g.get('capacity_rps', []))} "
           f"requests/s; then {fmt(factor)} times that rate offered open-loop (bench_openloop, "
           f"at most {fmt(connections)} connections).", ""]
    return out + table(["mode", "offered/s", "answers/s", "2xx/s", "503/s", "429/s",
                        "p99 of answers, ms", "`/healthz` p50, ms", "`/healthz` p99, ms",
                        "peak RSS, MiB", "not sent", "errors"], rows)


BLOCKS = {  # block in the document -> (step that feeds it, renderer)
    "read": ("http", block_read),
    "intake": ("http", block_intake),
    "procedures": ("procedures", block_procedures),
    "wards": ("wards", block_wards),
    "map": ("map", block_map),
    "fanout": ("fanout", block_fanout),
    "streams": ("streams", block_streams),
    "startup": ("startup", block_startup),
    "startup_pg": ("startup_pg", lambda data: block_startup(data, "startup_pg")),
    "overload": ("overload", block_overload),
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--results", required=True)
    parser.add_argument("--meta", required=True)
    parser.add_argument("--doc", required=True)
    parser.add_argument("--json", required=True)
    args = parser.parse_args()
    data = parse(args.results)
    with open(args.meta, encoding="utf-8") as f:
        meta = json.load(f)

    summary = {"meta": meta, "medians": {}, "runs": {}}
    for name, groups in data.items():
        for ident, g in groups.items():
            label = name + "".join(f"/{v}" for v in ident if v is not None)
            summary["medians"][label] = {k: median(v) if median(v) is not None else v[0]
                                         for k, v in g.items()}
            summary["runs"][label] = g
    with open(args.json, "w", encoding="utf-8") as f:
        json.dump(summary, f, indent=1, ensure_ascii=False)

    with open(args.doc, encoding="utf-8") as f:
        doc = f.read()
    for block, (step, render) in BLOCKS.items():
        if step not in meta["steps"]:
            continue  # not run this time: the document keeps the last figures
        begin, end = f"<!-- bench:{block} begin -->", f"<!-- bench:{block} end -->"
        if begin not in doc or end not in doc:
            print(f"aggregate: {args.doc} has no {begin} ... {end}; not written", file=sys.stderr)
            continue
        if step in meta["failed"] or step not in data:
            body = caption(meta, step) + ["", f"_The step `{step}` gave no figures in this run "
                                          f"(see its log, `{meta['logs'].get(step, '')}`)._"]
        else:
            body = caption(meta, step) + [""] + render(data)
        pattern = re.compile(re.escape(begin) + ".*?" + re.escape(end), re.S)
        doc = pattern.sub(lambda _: "\n".join([begin] + body + [end]), doc, count=1)
    with open(args.doc, "w", encoding="utf-8") as f:
        f.write(doc)


if __name__ == "__main__":
    main()
