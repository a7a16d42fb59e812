#!/usr/bin/env bash
# `make test`: every suite. Starts a throwaway PostgreSQL 15 cluster for the store contract and
# API tests on PostgreSQL, and removes it afterwards. Then the sanitizer tree's suites
# (scripts/test_asan.sh) on the same cluster, unless CDS_TEST_ASAN=0. Arguments go to the first
# ctest only. Fails if either fails; both always run.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

pgdir=$(mktemp -d /tmp/cds-pg.XXXXXX)
cleanup() { "$root/scripts/pg_cluster.sh" stop "$pgdir" >/dev/null 2>&1 || true; }
trap cleanup EXIT

if url=$("$root/scripts/pg_cluster.sh" start "$pgdir"); then
  export CDS_TEST_PG_URL="$url"
  echo "test: PostgreSQL cluster at $url"
else
  echo "test: could not start PostgreSQL; its suites will fail" >&2
  exit 1
fi

status=0
(cd build && ctest --output-on-failure --timeout 900 "$@") || status=1

if [ "${CDS_TEST_ASAN:-1}" != 0 ]; then
  echo "test: the unit, contract, CLI and API suites under AddressSanitizer and UBSan (build-asan)"
  "$root/scripts/test_asan.sh" || status=1
fi
exit $status
