#!/usr/bin/env python3
"""API tests against the real binary: one fresh database and server, every tests/api/test_*.py.

    run_api_tests.py --binary build/bin/congdanso --engine sqlite|postgres [-k PATTERN] [--keep]

PostgreSQL needs CDS_TEST_PG_URL (a server where the role may CREATE DATABASE); without it the run
prints SKIP and exits 77. Ends with a line "N passed, M failed".
"""

from __future__ import annotations

import os
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import api_case  # noqa: E402
from harness import SKIP_EXIT, common_args, make_environment  # noqa: E402


class TimedResult(unittest.TextTestResult):
    """Remembers how long each test took, to name the slow ones."""

    def startTest(self, test):
        self._started = time.monotonic()
        super().startTest(test)

    def stopTest(self, test):
        super().stopTest(test)
        self.durations = getattr(self, "durations", [])
        self.durations.append((time.monotonic() - self._started, test.id()))


def main() -> int:
    parser = common_args(__doc__)
    parser.add_argument("-k", dest="patterns", action="append", default=[],
                        help="only tests whose name contains this (repeatable)")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    env = make_environment(args)
    if env is None:
        return SKIP_EXIT

    here = os.path.dirname(os.path.abspath(__file__))
    loader = unittest.TestLoader()
    if args.patterns:
        loader.testNamePatterns = [f"*{p}*" for p in args.patterns]
    suite = loader.discover(here, pattern="test_*.py", top_level_dir=here)

    started = time.monotonic()
    result: unittest.TestResult | None = None
    try:
        env.setup(vneid=True)
        api_case.ENV = env
        print(f"{args.engine}: server on 127.0.0.1:{env.server.port}, database {env.db_url}",
              flush=True)
        runner = unittest.TextTestRunner(stream=sys.stdout, verbosity=2 if args.verbose else 1,
                                         resultclass=TimedResult)
        result = runner.run(suite)
        if args.verbose:
            for seconds, name in sorted(getattr(result, "durations", []), reverse=True)[:8]:
                print(f"  {seconds:6.2f} s  {name}")
    except Exception as e:  # noqa: BLE001 - a setup failure is a failed run, with its reason
        print(f"ERROR: {e}", flush=True)
    finally:
        if result is not None and not result.wasSuccessful():
            print("--- server log (last 30 lines) ---")
            print(env.server.log_tail(30))
        env.teardown()

    # A server that answered every request but made a sanitizer report (during the run or at
    # exit) or did not stop cleanly fails the run.
    for finding in env.findings:
        print(f"SERVER: {finding}", flush=True)
    if result is None:
        print("0 passed, 1 failed (setup)")
        return 1
    # A test with several failing subtests is one failed test.
    failed_ids = {getattr(t, "test_case", t).id() for t, _ in result.failures + result.errors}
    failed_ids |= {t.id() for t in result.unexpectedSuccesses}
    failed = len(failed_ids)
    passed = result.testsRun - failed - len(result.skipped)
    for name in sorted(failed_ids):
        print(f"FAILED {name}")
    print(f"api {args.engine}: {passed} passed, {failed} failed"
          f"{', server unclean' if env.findings else ''} "
          f"({time.monotonic() - started:.1f} s)", flush=True)
    return 0 if failed == 0 and result.testsRun > 0 and not env.findings else 1


if __name__ == "__main__":
    sys.exit(main())
