#!/usr/bin/env bash
# make fuzz: builds the libFuzzer targets (the fuzz preset: clang 14, ASan, UBSan) and runs each one
# for CDS_FUZZ_SECONDS (60 by default) on a scratch copy of its seed corpus, so that what the fuzzer
# adds stays out of the repository. A crash, a sanitizer report or a failed check stops that
# target; its reproducer is listed at the end and the command exits 1. docs/FUZZING.md.
#   CDS_FUZZ_SECONDS=300 make fuzz            longer runs
#   CDS_FUZZ_TARGETS="markdown fold" make fuzz   some targets only
#   build-fuzz/fuzz/markdown_fuzz CRASH_FILE  replays one reproducer
set -uo pipefail
cd "$(dirname "$0")/.."

seconds="${CDS_FUZZ_SECONDS:-60}"
all_targets=$(ls fuzz/*_fuzz.cpp | sed 's|fuzz/||; s|_fuzz.cpp||')
targets="${CDS_FUZZ_TARGETS:-$all_targets}"
work="build-fuzz/runs"

export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$PWD}"
cmake --preset fuzz >/dev/null || exit 1
cmake --build --preset fuzz || exit 1

export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
failed=()
printf '%-18s %8s %12s %10s %8s\n' target seconds executions exec/s corpus
for t in $targets; do
  binary="build-fuzz/fuzz/${t}_fuzz"
  corpus="$work/$t/corpus"
  crashes="$work/$t/crashes"
  log="$work/$t/fuzz.log"
  mkdir -p "$corpus" "$crashes"
  cp -n fuzz/corpus/"$t"/* "$corpus"/ 2>/dev/null || true
  "$binary" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$crashes/" "$corpus" >"$log" 2>&1
  rc=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  size=$(ls "$corpus" | wc -l)
  printf '%-18s %8s %12s %10s %8s\n' "$t" "$seconds" "${runs:-?}" "${speed:-?}" "$size"
  if [ "$rc" -ne 0 ]; then
    reproducer=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
    failed+=("$t: exit $rc, reproducer ${reproducer:-none (see $log)}, log $log")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: ${#failed[@]} target(s) failed:"
  printf '  %s\n' "${failed[@]}"
  exit 1
fi
echo "fuzz: no crash"
