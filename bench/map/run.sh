#!/usr/bin/env bash
# The map index under a million reports (docs/PERFORMANCE.md, "Map"): builds bench_map, then runs
# it CDS_BENCH_RUNS times (default 3; each loads its own fresh SQLite database of synthetic public
# reports, builds the index the server uses and times typical views). CDS_BENCH_MAP_REPORTS and
# CDS_BENCH_MAP_QUERIES change the sizes (1,000,000 reports, 2,000 queries per view by default).
# After each run's own output, one `bench-result map` line for bench/all.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
cmake --build --preset default --target bench_map >/dev/null
reports="${CDS_BENCH_MAP_REPORTS:-1000000}"
queries="${CDS_BENCH_MAP_QUERIES:-2000}"
runs="${CDS_BENCH_RUNS:-3}"
for run in $(seq "$runs"); do
  echo "== run $run"
  dir=$(mktemp -d /tmp/cds-bench-map.XXXXXX)
  out=$(build/bin/bench_map --reports "$reports" --queries "$queries" --dir "$dir")
  rm -rf "$dir"
  echo "$out"
  # "city z11 category   p50 31.0 us  p99 69.0 us ..." becomes city_z11_category_p50_us=31.0 ...
  echo "$out" | awk -v reports="$reports" '
    /^loaded/ { load = $(NF - 1) }
    /^index built in/ { build = $4; for (i = 1; i <= NF; i++) if ($i == "RSS") rss = $(i + 1) }
    /^incremental refresh/ { refresh = $(NF - 1) }
    / p50 .* p99 / {
      name = substr($0, 1, index($0, " p50 ") - 1); sub(/ +$/, "", name); gsub(/ /, "_", name)
      for (i = 1; i <= NF; i++) { if ($i == "p50") p50 = $(i + 1); if ($i == "p99") p99 = $(i + 1) }
      views = views " " name "_p50_us=" p50 " " name "_p99_us=" p99
    }
    END { printf "bench-result map reports=%s load_s=%s build_s=%s rss_mib=%s refresh_ms=%s%s\n",
          reports, load, build, rss, refresh, views }'
done
