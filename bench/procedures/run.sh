#!/usr/bin/env bash
# Procedure search (docs/PERFORMANCE.md, "Procedure search"): builds bench_procedures and runs it
# CDS_BENCH_RUNS times (default 1) over the portal's sample copied CDS_BENCH_PROCEDURE_COPIES
# times (default 10), CDS_BENCH_PROCEDURE_ROUNDS rounds (default 300). Prints its tables and one
# `bench-result procedures` line per run for bench/all.sh. Needs ../shared/data/procedures (or
# CDS_BENCH_PROCEDURES=FILE); says so and stops when the sample is absent.
set -euo pipefail
cd "$(dirname "$0")/../.."
SAMPLE=${CDS_BENCH_PROCEDURES:-../shared/data/procedures/tthc_cap_xa_sample.jsonl}
COPIES=${CDS_BENCH_PROCEDURE_COPIES:-10}
ROUNDS=${CDS_BENCH_PROCEDURE_ROUNDS:-300}
RUNS=${CDS_BENCH_RUNS:-1}
if [ ! -f "$SAMPLE" ]; then
  echo "procedures: $SAMPLE is absent; skipped" >&2
  exit 0
fi
cmake --build --preset default --target bench_procedures >/dev/null
for run in $(seq "$RUNS"); do
  out=$(build/bin/bench_procedures "$SAMPLE" "$COPIES" "$ROUNDS")
  echo "$out"
  echo "$out" | awk '
    /index built in/ { for (i = 1; i <= NF; i++) if ($i == "procedures:") n = $(i + 1);
                       for (i = 1; i <= NF; i++) if ($i == "in" && $(i + 2) == "ms") build = $(i + 1) }
    /^ALL \(wall clock\)/ { p50 = $4; p90 = $5; p99 = $6; max = $7 }
    /^ALL \(thread CPU time\)/ { cpu50 = $5; cpu99 = $7 }
    END { printf "bench-result procedures procedures=%s build_ms=%s p50_us=%s p90_us=%s p99_us=%s max_us=%s cpu_p50_us=%s cpu_p99_us=%s\n",
          n, build, p50, p90, p99, max, cpu50, cpu99 }'
done
