#!/usr/bin/env bash
# `make bench`: every benchmark, CDS_BENCH_RUNS times each (default 3), then the medians written
# into docs/PERFORMANCE.md between its `<!-- bench:NAME begin/end -->` markers (the prose around
# them is left alone), each figure next to its limit measured in the same run. Every step prints
# its own output (kept in the run's folder) and `bench-result` lines that bench/aggregate.py reads.
# Not a test: nothing passes or fails on a number.
#
#   make bench                                   # the full run (15-20 minutes on 2 cores)
#   CDS_BENCH_QUICK=1 make bench                 # one run, short durations, small sizes: ~2 min
#   CDS_BENCH_STEPS="http map" bench/all.sh      # some steps only; the other tables stay as they are
#   CDS_BENCH_NOTE="..." bench/all.sh            # a sentence printed under every table written
# Environment:
#   CDS_BENCH_RUNS   runs of each step (default 3; 1 in quick mode)
#   CDS_BENCH_QUICK  1: one run, 3 s per HTTP scenario, 100,000 reports for the map and start-up,
#                    2,000 streams, fan-out at N = 1,000 only
#   CDS_BENCH_STEPS  any of http procedures wards map startup startup_pg streams fanout overload
#                    (default all but startup_pg)
#   CDS_BENCH_PG     1: add startup_pg, start-up and size on PostgreSQL (a throwaway cluster;
#                    writing a million reports there takes ~5 minutes more)
#   CDS_BENCH_DOC    the document to rewrite (default docs/PERFORMANCE.md)
#   CDS_BENCH_OUT    the run's folder: logs, results.txt, results.json (default var/bench/run-DATE;
#                    var/ is not tracked)
# The steps need wrk, sqlite3, curl and python3; the HTTP and fan-out steps install nginx-light,
# libnginx-mod-nchan and pushpin with apt-get when they are missing (as root).
set -uo pipefail
cd "$(dirname "$0")/.."

QUICK=${CDS_BENCH_QUICK:-0}
CDS_BENCH_RUNS_SET=${CDS_BENCH_RUNS:-}
if [ "$QUICK" = 1 ]; then RUNS=${CDS_BENCH_RUNS:-1}; else RUNS=${CDS_BENCH_RUNS:-3}; fi
default_steps="http procedures wards map startup streams fanout overload"
[ "${CDS_BENCH_PG:-0}" = 1 ] && default_steps="${default_steps/startup/startup startup_pg}"
STEPS=${CDS_BENCH_STEPS:-$default_steps}
DOC=${CDS_BENCH_DOC:-docs/PERFORMANCE.md}
OUT=${CDS_BENCH_OUT:-var/bench/run-$(date -u +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
results="$OUT/results.txt"
: >"$results"

# --- sizes: full and quick -----------------------------------------------------------------------
if [ "$QUICK" = 1 ]; then
  duration=3s map_reports=100000 map_queries=300 startup_reports=100000 streams=2000
  fanout_sizes="1000"
else
  duration=10s map_reports=1000000 map_queries=2000 startup_reports=1000000 streams=10000
  fanout_sizes="1000 5000 15000"
fi
duration=${CDS_BENCH_DURATION:-$duration}
map_reports=${CDS_BENCH_MAP_REPORTS:-$map_reports}
startup_reports=${CDS_BENCH_STARTUP_REPORTS:-$startup_reports}
streams=${CDS_BENCH_STREAMS:-$streams}
fanout_sizes=${CDS_FANOUT_SIZES:-$fanout_sizes}
seconds=${duration%s}

# --- what each step runs, and how long it takes on the 2-core development machine ----------------
# Estimates in seconds, from the runs recorded in docs/PERFORMANCE.md: the HTTP step is four wrk
# scenarios plus the raw SQLite inserts and the server's start (~25 s); the map loads its reports
# at ~25,000/s, builds its index and runs 24,000 queries; start-up writes its reports once (~100 s
# a million) and starts the server once more than it has runs (the first start turns the file to
# WAL); a stream costs ~1 ms to open; a fan-out run is ~3 s plus ~1 s per 1,000 subscribers, per
# target. The full run recorded there took 20 minutes at a load average of ~20 (this estimate: 14).
declare -A command estimate
command[http]="CDS_BENCH_DURATION=$duration bench/run.sh  (× $RUNS)"
estimate[http]=$(((4 * seconds + 25) * RUNS))
command[procedures]="CDS_BENCH_RUNS=$RUNS bench/procedures/run.sh"
estimate[procedures]=$((3 * RUNS + 2))
command[wards]="CDS_BENCH_RUNS=$RUNS bench/wards/run.sh"
estimate[wards]=$((3 * RUNS + 2))
command[map]="CDS_BENCH_RUNS=$RUNS CDS_BENCH_MAP_REPORTS=$map_reports CDS_BENCH_MAP_QUERIES=$map_queries bench/map/run.sh"
estimate[map]=$(((map_reports / 25000 + 10) * RUNS))
command[startup]="CDS_BENCH_RUNS=$RUNS CDS_BENCH_STARTUP_REPORTS=$startup_reports bench/startup/run.sh"
estimate[startup]=$((startup_reports * 100 / 1000000 + 5 + (startup_reports * 15 / 1000000 + 3) * (RUNS + 1)))
command[startup_pg]="CDS_BENCH_STARTUP_ENGINE=postgres ${command[startup]}"
estimate[startup_pg]=$((startup_reports * 300 / 1000000 + 10 + (startup_reports * 15 / 1000000 + 3) * (RUNS + 1)))
command[streams]="CDS_BENCH_RUNS=$RUNS CDS_BENCH_STREAMS=$streams bench/streams/run.sh"
estimate[streams]=$(((streams / 1000 + 4) * RUNS))
command[fanout]="CDS_FANOUT_SIZES=\"$fanout_sizes\" CDS_FANOUT_RUNS=$RUNS bench/fanout/run.sh"
fanout_s=0
for n in $fanout_sizes; do fanout_s=$((fanout_s + 3 * (3 + n / 1000) * RUNS)); done
estimate[fanout]=$fanout_s
command[overload]="bench/overload/run.sh  (× $RUNS)"
estimate[overload]=$((100 * RUNS))  # bench/overload/run.sh prints its own estimate: ~97 s

selected=()
total=0
for step in $STEPS; do
  if [ -z "${command[$step]+x}" ]; then echo "unknown step: $step" >&2; exit 2; fi
  if [ "$step" = overload ] && [ ! -x bench/overload/run.sh ]; then
    echo "overload: bench/overload/run.sh is not here yet; skipped" >&2
    continue
  fi
  selected+=("$step")
  total=$((total + estimate[$step]))
done

cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
ram=$(awk '/^MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)
os=$( (. /etc/os-release && echo "$PRETTY_NAME") 2>/dev/null || echo unknown)
machine="$(nproc) cores, $cpu, $ram RAM, $os, Linux $(uname -r)"
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD -- src bench migrations 2>/dev/null || commit="$commit (with uncommitted changes)"
load_start=$(cut -d' ' -f1 /proc/loadavg)

echo "make bench: $([ "$QUICK" = 1 ] && echo "QUICK mode, ")$RUNS run(s) of each step; results in $OUT"
echo "machine: $machine; load average $load_start"
echo "estimated time on a quiet machine (a loaded one is slower):"
for step in "${selected[@]}"; do
  printf "  %-11s ~%3d min %02d s   %s\n" "$step" $((estimate[$step] / 60)) $((estimate[$step] % 60)) \
    "${command[$step]}"
done
printf "  %-11s ~%3d min %02d s\n" total $((total / 60)) $((total % 60))

# --- the steps -----------------------------------------------------------------------------------
export CDS_BENCH_RUNS=$RUNS CDS_BENCH_DURATION=$duration
export CDS_BENCH_MAP_REPORTS=$map_reports CDS_BENCH_MAP_QUERIES=$map_queries
export CDS_BENCH_STARTUP_REPORTS=$startup_reports CDS_BENCH_STREAMS=$streams
export CDS_FANOUT_SIZES=$fanout_sizes CDS_FANOUT_RUNS=$RUNS
export CDS_FANOUT_RESULTS=$OUT/fanout.jsonl

run_step() {  # step: runs it, keeping its output; the bench-result lines go to $results
  local step=$1 log="$OUT/$1.log" rc=0
  case "$step" in
    http)  # one run per invocation: a fresh database and server each time
      for run in $(seq "$RUNS"); do
        echo "== run $run" >>"$log"
        CDS_BENCH_RUNS=1 bench/run.sh >>"$log" 2>&1 || rc=$?
      done ;;
    procedures) bench/procedures/run.sh >"$log" 2>&1 || rc=$? ;;
    wards) bench/wards/run.sh >"$log" 2>&1 || rc=$? ;;
    map) bench/map/run.sh >"$log" 2>&1 || rc=$? ;;
    startup) bench/startup/run.sh >"$log" 2>&1 || rc=$? ;;
    startup_pg) CDS_BENCH_STARTUP_ENGINE=postgres bench/startup/run.sh >"$log" 2>&1 || rc=$? ;;
    streams) bench/streams/run.sh >"$log" 2>&1 || rc=$? ;;
    fanout) bench/fanout/run.sh >"$log" 2>&1 || rc=$? ;;
    overload)
      for run in $(seq "$RUNS"); do
        bench/overload/run.sh >>"$log" 2>&1 || rc=$?
        # Its summary: the last line made only of key=value pairs.
        line=$(grep -E '^([A-Za-z0-9_.]+=[^ ]+ *)+$' "$log" | tail -n 1)
        [ -n "$line" ] && echo "bench-result overload $line" >>"$log"
      done ;;
  esac
  grep '^bench-result ' "$log" >>"$results"
  return "$rc"
}

failed=()
started_at=$(date +%s)
for step in "${selected[@]}"; do
  t0=$(date +%s)
  echo "[$(date -u +%H:%M:%S)] $step: ${command[$step]}"
  if run_step "$step"; then
    status=done
  else
    status="FAILED (exit $?; see $OUT/$step.log)"
    failed+=("$step")
  fi
  echo "[$(date -u +%H:%M:%S)] $step: $status in $(($(date +%s) - t0)) s" \
    "(estimated ${estimate[$step]} s); $(grep -c "^bench-result $step" "$OUT/$step.log" || true) result line(s)"
done
echo "all steps: $(($(date +%s) - started_at)) s"

# --- the tables --------------------------------------------------------------------------------
note=${CDS_BENCH_NOTE:-}
if [ -z "$note" ] && [ "$QUICK" = 1 ]; then
  note="Quick mode (CDS_BENCH_QUICK=1): one run, short durations, smaller sizes; a check that the benchmarks run, not figures to compare."
fi
invocation="make bench"
[ "$QUICK" = 1 ] && invocation="CDS_BENCH_QUICK=1 $invocation"
[ -n "${CDS_BENCH_RUNS_SET:-}" ] && invocation="CDS_BENCH_RUNS=$RUNS $invocation"
[ -n "${CDS_BENCH_STEPS:-}" ] && invocation="CDS_BENCH_STEPS=\"$STEPS\" $invocation"
commands=$(for s in "${selected[@]}"; do echo "${command[$s]}"; done)
BENCH_DATE=$(date -u '+%Y-%m-%d %H:%M UTC') BENCH_COMMIT=$commit BENCH_MACHINE=$machine \
BENCH_LOAD_START=$load_start BENCH_LOAD_END=$(cut -d' ' -f1 /proc/loadavg) BENCH_RUNS=$RUNS \
BENCH_QUICK=$QUICK BENCH_NOTE=$note BENCH_STEPS="${selected[*]}" BENCH_FAILED="${failed[*]}" \
BENCH_COMMANDS=$commands BENCH_OUT=$OUT BENCH_INVOCATION=$invocation python3 - "$OUT/meta.json" <<'EOF'
import json, os, sys
e = os.environ
steps = e["BENCH_STEPS"].split()
json.dump({
    "date": e["BENCH_DATE"], "commit": e["BENCH_COMMIT"], "machine": e["BENCH_MACHINE"],
    "load_start": e["BENCH_LOAD_START"], "load_end": e["BENCH_LOAD_END"],
    "runs": int(e["BENCH_RUNS"]), "quick": e["BENCH_QUICK"] == "1", "note": e["BENCH_NOTE"],
    "steps": steps, "failed": e["BENCH_FAILED"].split(),
    "commands": dict(zip(steps, e["BENCH_COMMANDS"].splitlines())),
    "invocation": e["BENCH_INVOCATION"],
    "logs": {s: e["BENCH_OUT"] + "/" + s + ".log" for s in steps},
}, open(sys.argv[1], "w"), indent=1, ensure_ascii=False)
EOF
python3 bench/aggregate.py --results "$results" --meta "$OUT/meta.json" --doc "$DOC" \
  --json "$OUT/results.json"
echo "tables written into $DOC; figures as JSON in $OUT/results.json"
if [ "${#failed[@]}" -gt 0 ]; then
  echo "failed steps: ${failed[*]}" >&2
  exit 1
fi
