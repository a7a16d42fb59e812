#!/usr/bin/env bash
# The map index under a million reports (docs/PERFORMANCE.md, "Map"): builds bench_map, then runs
# it three times (each loads its own fresh SQLite database of synthetic public reports, builds the
# index the server uses and times typical views). CDS_BENCH_MAP_REPORTS and CDS_BENCH_MAP_QUERIES
# change the sizes (1,000,000 reports, 2,000 queries per view by default).
set -euo pipefail
cd "$(dirname "$0")/../.."
cmake --build --preset default --target bench_map >/dev/null
reports="${CDS_BENCH_MAP_REPORTS:-1000000}"
queries="${CDS_BENCH_MAP_QUERIES:-2000}"
for run in 1 2 3; do
  echo "== run $run"
  build/bin/bench_map --reports "$reports" --queries "$queries" --dir "$(mktemp -d)"
done
