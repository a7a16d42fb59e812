#!/usr/bin/env bash
# Point → ward lookups (docs/PERFORMANCE.md, "Point → ward"): builds bench_ward_lookup
# (bench/ward_lookup.cpp) and runs it CDS_BENCH_RUNS times (default 1) over CDS_BENCH_WARD_POINTS
# random points (default 200,000): the boundaries' R-tree with the exact point-in-polygon test,
# against the nearest-centroid scan it replaces. Prints its lines and one `bench-result wards` line
# per run for bench/all.sh. Needs ../shared/data/hcmc (or CDS_BENCH_WARDS=FILE); says so and stops
# when the boundaries are absent.
set -euo pipefail
cd "$(dirname "$0")/../.."
BOUNDARIES=${CDS_BENCH_WARDS:-../shared/data/hcmc/hcmc_2025_ward_boundaries.geojson}
POINTS=${CDS_BENCH_WARD_POINTS:-200000}
RUNS=${CDS_BENCH_RUNS:-1}
if [ ! -f "$BOUNDARIES" ]; then
  echo "wards: $BOUNDARIES is absent; skipped" >&2
  exit 0
fi
cmake --build --preset default --target bench_ward_lookup >/dev/null
for run in $(seq "$RUNS"); do
  out=$(build/bin/bench_ward_lookup "$BOUNDARIES" "$POINTS")
  echo "$out"
  # "r-tree + polygon   482000 lookups/s  p50 1.03 us  p99 4.07 us ..." -> polygon_lps=482000 ...
  echo "$out" | awk -v points="$POINTS" '
    /^index of/ { for (i = 1; i <= NF; i++) if ($i == "in") build = $(i + 1) }
    / lookups\/s / {
      key = ($0 ~ /^r-tree/) ? "polygon" : "centroid"
      for (i = 1; i <= NF; i++) {
        if ($i == "lookups/s") v[key "_lps"] = $(i - 1)
        if ($i == "p50") v[key "_p50_us"] = $(i + 1)
        if ($i == "p99") v[key "_p99_us"] = $(i + 1)
      }
    }
    END { printf "bench-result wards points=%s build_ms=%s polygon_lps=%s polygon_p50_us=%s polygon_p99_us=%s centroid_lps=%s centroid_p50_us=%s centroid_p99_us=%s\n",
          points, build, v["polygon_lps"], v["polygon_p50_us"], v["polygon_p99_us"],
          v["centroid_lps"], v["centroid_p50_us"], v["centroid_p99_us"] }'
done
