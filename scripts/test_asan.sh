#!/usr/bin/env bash
# `make test-asan`, and the last step of `make test`: the unit, contract, CLI and API suites again
# against a build with AddressSanitizer, LeakSanitizer and UndefinedBehaviorSanitizer (preset
# asan, tree build-asan; the list is tests/sanitize.cmake). Builds only what those suites run.
# Uses the PostgreSQL cluster named by CDS_TEST_PG_URL when set (scripts/test.sh sets it), else
# starts a throwaway one. Arguments go to ctest (e.g. -R asan_unit).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

if [ -z "${CDS_TEST_PG_URL:-}" ]; then
  pgdir=$(mktemp -d /tmp/cds-pg.XXXXXX)
  cleanup() { "$root/scripts/pg_cluster.sh" stop "$pgdir" >/dev/null 2>&1 || true; }
  trap cleanup EXIT
  if ! CDS_TEST_PG_URL=$("$root/scripts/pg_cluster.sh" start "$pgdir"); then
    echo "test-asan: could not start PostgreSQL; its suites will fail" >&2
    exit 1
  fi
  export CDS_TEST_PG_URL
fi

started=$(date +%s)
cmake --preset asan >/dev/null
cmake --build --preset asan --target sanitize_build
echo "test-asan: build-asan built in $(($(date +%s) - started)) s"
ctest --test-dir build-asan --output-on-failure "$@"
