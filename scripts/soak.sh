#!/usr/bin/env bash
# `make soak`: the long form of the crash test (tests/api/run_crash_test.py) on both engines:
# SOAK_KILLS SIGKILLs each (200 unless set) under reports, status changes and notifications,
# then the concurrency test. Starts a throwaway PostgreSQL 15 cluster like scripts/test.sh and
# removes it afterwards. Extra arguments go to both crash runs (e.g. --seed N, --threads 8).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
kills=${SOAK_KILLS:-200}
binary="$root/build/bin/congdanso"

pgdir=$(mktemp -d /tmp/cds-pg.XXXXXX)
cleanup() { "$root/scripts/pg_cluster.sh" stop "$pgdir" >/dev/null 2>&1 || true; }
trap cleanup EXIT

if url=$("$root/scripts/pg_cluster.sh" start "$pgdir"); then
  export CDS_TEST_PG_URL="$url"
  echo "soak: PostgreSQL cluster at $url"
else
  echo "soak: could not start PostgreSQL" >&2
  exit 1
fi

failed=0
for engine in sqlite postgres; do
  echo "soak: crash test on $engine, $kills kills"
  python3 tests/api/run_crash_test.py --binary "$binary" --engine "$engine" --kills "$kills" "$@" \
    || failed=1
  echo "soak: concurrency test on $engine"
  python3 tests/api/run_concurrency_test.py --binary "$binary" --engine "$engine" || failed=1
done
if [[ $failed -ne 0 ]]; then
  echo "soak: FAILED" >&2
  exit 1
fi
echo "soak: passed"
