"""The harness's own checks on the server's life: a sanitizer report in a log, or a server that does
not exit with 0 after SIGTERM, must be noticed (the sanitizer tree depends on it; see
tests/sanitize.cmake). No server is needed: fake logs and a stand-in process."""

from __future__ import annotations

import os
import subprocess
import tempfile
import unittest

import harness

LEAK_REPORT = """=================================================================
==4242==ERROR: LeakSanitizer: detected memory leaks

Direct leak of 77 byte(s) in 1 object(s) allocated from:
    #0 0x7f in __interceptor_malloc
    #1 0x56 in cds::reports::ReportService::create src/reports/report_service.cpp:120

SUMMARY: AddressSanitizer: 77 byte(s) leaked in 1 allocation(s).
"""

UB_REPORT = ("src/geo/tiles.cpp:41:17: runtime error: signed integer overflow: "
             "2147483647 + 1 cannot be represented in type 'int'\n")

CLEAN_LOG = ('{"level":"info","msg":"serving"}\n'
             '{"level":"error","msg":"request","detail":"ERROR: not a sanitizer"}\n'
             '{"level":"info","msg":"stopped"}\n')


class SanitizerReportsTest(unittest.TestCase):
    def setUp(self) -> None:
        self.dir = tempfile.TemporaryDirectory(prefix="cds-harness-")
        self.addCleanup(self.dir.cleanup)

    def write(self, name: str, text: str) -> None:
        with open(os.path.join(self.dir.name, name), "w", encoding="utf-8") as f:
            f.write(text)

    def test_a_clean_log_has_no_report(self) -> None:
        self.write("server.log", CLEAN_LOG)
        self.assertEqual(harness.sanitizer_reports(self.dir.name), [])

    def test_a_leak_at_exit_is_found_from_its_first_line_to_its_summary(self) -> None:
        self.write("server.log", CLEAN_LOG + LEAK_REPORT)
        self.write("standin.log", "ready\n")
        reports = harness.sanitizer_reports(self.dir.name)
        self.assertEqual(len(reports), 1)
        self.assertIn("server.log", reports[0])
        self.assertIn("ERROR: LeakSanitizer", reports[0])
        self.assertIn("report_service.cpp:120", reports[0])
        self.assertIn("SUMMARY: AddressSanitizer", reports[0])
        self.assertNotIn("serving", reports[0])

    def test_undefined_behaviour_in_a_second_servers_log_is_found(self) -> None:
        self.write("server.log", CLEAN_LOG)
        self.write("server.log.b", CLEAN_LOG + UB_REPORT)
        reports = harness.sanitizer_reports(self.dir.name)
        self.assertEqual(len(reports), 1)
        self.assertIn("signed integer overflow", reports[0])


class UncleanStopTest(unittest.TestCase):
    def stopped(self, script: str, exits_first: bool = False) -> list[str]:
        """Stops a stand-in for the server (a shell running `script`, which prints a line once it
        is ready for the signal) as the harness stops the server, and returns what it recorded,
        leaving the shared record as it was."""
        before = len(harness.UNCLEAN_STOPS)
        server = harness.Server("sh", "", "", os.devnull)
        server.proc = subprocess.Popen(["sh", "-c", script], stdin=subprocess.DEVNULL,
                                       stdout=subprocess.PIPE)
        server.proc.stdout.readline()
        server.proc.stdout.close()
        if exits_first:
            server.proc.wait()
        server.stop()
        recorded = harness.UNCLEAN_STOPS[before:]
        del harness.UNCLEAN_STOPS[before:]
        return recorded

    def test_a_server_that_exits_with_0_on_sigterm_is_clean(self) -> None:
        self.assertEqual(self.stopped("trap 'exit 0' TERM; echo; while :; do sleep 0.1; done"), [])

    def test_a_server_that_reports_at_exit_is_recorded(self) -> None:
        # LeakSanitizer's exit status after a leak report.
        recorded = self.stopped("trap 'exit 1' TERM; echo; while :; do sleep 0.1; done")
        self.assertEqual(len(recorded), 1)
        self.assertIn("exited with 1 after SIGTERM", recorded[0])

    def test_a_server_that_died_before_it_was_stopped_is_recorded(self) -> None:
        recorded = self.stopped("echo; exit 66", exits_first=True)
        self.assertEqual(len(recorded), 1)
        self.assertIn("exited with 66 before it was stopped", recorded[0])


if __name__ == "__main__":
    unittest.main()
