#!/usr/bin/env python3
"""bench/aggregate.py, the last step of `make bench`: medians over runs, tables written only
between their markers, the prose and the tables of steps that did not run left as they were.
Standard library only. Usage: test_aggregate.py REPO_ROOT"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

REPO = sys.argv.pop(1) if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
AGGREGATE = os.path.join(REPO, "bench", "aggregate.py")

DOC = """# Performance

Prose before, written by hand.

<!-- bench:read begin -->
old read table
<!-- bench:read end -->

Prose between.

<!-- bench:startup begin -->
old start-up table
<!-- bench:startup end -->

<!-- bench:streams begin -->
old streams table
<!-- bench:streams end -->

Prose after.
"""

HTTP = ("bench-result http healthz_rps={h} nginx_rps=60000 report_bytes=1534 read_rps={r} "
        "read_p50_ms=5 read_p99_ms=10 intake_rps=5000 raw_1=4000 commits=10 writes=100")


class AggregateTest(unittest.TestCase):
    def run_aggregate(self, results, steps, failed=()):
        with tempfile.TemporaryDirectory() as tmp:
            paths = {name: os.path.join(tmp, name) for name in ("results", "meta", "doc", "json")}
            with open(paths["results"], "w", encoding="utf-8") as f:
                f.write("some human output\n" + "\n".join(results) + "\n")
            meta = {"date": "2026-11-29 05:00 UTC", "commit": "abc1234",
                    "machine": "2 cores, Test CPU, 4 GiB RAM", "load_start": "0.5",
                    "load_end": "0.7", "runs": 3, "quick": False, "note": "A note.",
                    "steps": list(steps), "failed": list(failed),
                    "commands": {s: f"bench/{s}.sh" for s in steps},
                    "logs": {s: f"var/{s}.log" for s in steps}}
            with open(paths["meta"], "w", encoding="utf-8") as f:
                json.dump(meta, f)
            with open(paths["doc"], "w", encoding="utf-8") as f:
                f.write(DOC)
            subprocess.run([sys.executable, AGGREGATE, "--results", paths["results"], "--meta",
                            paths["meta"], "--doc", paths["doc"], "--json", paths["json"]],
                           check=True)
            with open(paths["doc"], encoding="utf-8") as f:
                doc = f.read()
            with open(paths["json"], encoding="utf-8") as f:
                return doc, json.load(f)

    def test_medians_and_ratios_against_the_limit_of_the_same_runs(self):
        runs = [HTTP.format(h=40000, r=8000), HTTP.format(h=50000, r=12000),
                HTTP.format(h=45000, r=10000)]
        doc, summary = self.run_aggregate(runs, ["http"])
        self.assertEqual(summary["medians"]["http"]["read_rps"], 10000)
        self.assertEqual(summary["runs"]["http"]["healthz_rps"], [40000, 50000, 45000])
        self.assertIn("10,000 (8,000–12,000)", doc)
        self.assertIn("0.22×", doc)  # 10,000 / 45,000: medians of the same runs
        self.assertIn("commit abc1234", doc)
        self.assertIn("2 cores, Test CPU, 4 GiB RAM", doc)
        self.assertIn("`bench/http.sh`", doc)
        self.assertIn("A note.", doc)

    def test_only_the_blocks_of_steps_that_ran_are_rewritten(self):
        doc, _ = self.run_aggregate([HTTP.format(h=1, r=1)], ["http"])
        self.assertNotIn("old read table", doc)
        self.assertIn("old start-up table", doc)
        self.assertIn("old streams table", doc)
        for prose in ("Prose before, written by hand.", "Prose between.", "Prose after."):
            self.assertIn(prose, doc)
        self.assertEqual(doc.count("<!-- bench:read begin -->"), 1)
        self.assertEqual(doc.count("<!-- bench:read end -->"), 1)

    def test_a_failed_step_says_so_instead_of_keeping_old_figures(self):
        doc, _ = self.run_aggregate([], ["startup"], failed=["startup"])
        self.assertNotIn("old start-up table", doc)
        self.assertIn("gave no figures in this run", doc)
        self.assertIn("var/startup.log", doc)

    def test_start_up_against_the_empty_database(self):
        line = ("bench-result startup reports=1000000 generate_ms=90000 db_bytes=2097152000 "
                "bytes_per_report=2000 timeline_rows=3000000 event_rows=3000000 "
                "empty_ready_ms={e} empty_map_ms=130 empty_rss_mib=40 ready_ms={r} map_ms=4000 "
                "rss_mib=400")
        doc, _ = self.run_aggregate([line.format(e=100, r=300), line.format(e=120, r=500)],
                                    ["startup"])
        self.assertIn("| empty (reference data only; the limit) | 0 | – | – | 110 (100–120) |", doc)
        self.assertIn("| 1,000,000 reports | 1,000,000 | 2,000 | 2,000 | 400 (300–500) |", doc)


if __name__ == "__main__":
    unittest.main()
