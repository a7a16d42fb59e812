#!/usr/bin/env bash
# `make bench-overload`: the server at ten times its capacity (docs/PERFORMANCE.md, "Overload").
# Measures the capacity of a blocking endpoint (a report search, GET /api/v1/reports?q=, over
# CDS_OVERLOAD_REPORTS extra reports) with wrk and 32 connections, then offers it a fixed rate of
# CDS_OVERLOAD_FACTOR times that capacity with bench_openloop (bench/overload/openloop.cpp: open
# loop, each request sent at its scheduled time whether or not the earlier ones were answered)
# while another process (bench/overload/load.py) times /healthz every 50 ms and reads the server's
# VmRSS every 100 ms: once with admission control (the defaults), once without it, and once with
# the default rate limits too (all the load comes from one address). Prints a table, the
# generator's own reports and one `key=value` summary line. Not a test: nothing here passes or
# fails on a number.
#
#   CDS_OVERLOAD_FACTOR    offered rate as a multiple of the measured capacity (default 10)
#   CDS_OVERLOAD_SECONDS   length of each overload run (default 15)
#   CDS_OVERLOAD_GRACE     seconds after each run for the last answers; later ones count as
#                          timeouts (default 5)
#   CDS_OVERLOAD_REPORTS   reports added to the demo data, to give the search work (default 3000)
#   CDS_OVERLOAD_PORT      the server's port (default 18290)
#   CDS_OVERLOAD_WORKERS   the server's worker threads (default 8: a SQLite node's searches are
#                          CPU work, and 64 threads on two cores starve the event loop)
#   CDS_OVERLOAD_CONNECTIONS  the generator's connection limit (default 15000: below the 16384
#                          descriptors the server gets here, so that it can accept every one)
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=build/bin/congdanso
GENERATOR=build/bin/bench_openloop
SECONDS_PER_RUN=${CDS_OVERLOAD_SECONDS:-15}
GRACE=${CDS_OVERLOAD_GRACE:-5}
FACTOR=${CDS_OVERLOAD_FACTOR:-10}
REPORTS=${CDS_OVERLOAD_REPORTS:-3000}
PORT=${CDS_OVERLOAD_PORT:-18290}
WORKERS=${CDS_OVERLOAD_WORKERS:-8}
CONNECTIONS=${CDS_OVERLOAD_CONNECTIONS:-15000}
SEARCH="/api/v1/reports?q=khongtimthay"
ulimit -n 16384 2>/dev/null || ulimit -n "$(ulimit -Hn)"

# The generator and the watcher run ahead of the server's threads where the system lets us
# (nice -n -5 needs root): on two shared cores, a client that waits for the CPU would show its
# own delay as the server's. They take only the CPU they need (bench_openloop: 16-34% of one
# core in the runs of docs/PERFORMANCE.md).
PRIORITY=""
if nice -n -5 true 2>/dev/null; then PRIORITY="nice -n -5"; fi

# Set-up and capacity take ~25 s; each run its seconds, its grace and ~4 s of server start and stop.
echo "bench-overload: about $((25 + 3 * (SECONDS_PER_RUN + GRACE + 4))) s"
cmake --build --preset default --target bench_openloop >/dev/null

work=$(mktemp -d /tmp/cds-overload.XXXXXX)
server_pid=""
stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
trap 'stop_server; rm -rf "$work"' EXIT

DB="sqlite:$work/overload.db"
$BIN migrate --db "$DB" >/dev/null
$BIN seed --db "$DB" --demo >/dev/null
# Copies of the demo reports under new codes: a search that matches none reads them all.
cols=$(sqlite3 "$work/overload.db" \
  "SELECT group_concat(name, ', ') FROM pragma_table_info('reports') WHERE name NOT IN ('id','code')")
rcols=$(sqlite3 "$work/overload.db" \
  "SELECT group_concat('r.' || name, ', ') FROM pragma_table_info('reports') WHERE name NOT IN ('id','code')")
copies=$(( (REPORTS + 5) / 6 ))
sqlite3 "$work/overload.db" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
  WHERE i < $copies) INSERT INTO reports (code, $cols) SELECT 'PB-' || n.i || '-' || r.id, $rcols
  FROM n, (SELECT * FROM reports ORDER BY id LIMIT 6) r"
stored=$(sqlite3 "$work/overload.db" 'SELECT COUNT(*) FROM reports')

start_server() {  # env assignments for the server
  env CDS_WORKER_THREADS="$WORKERS" "$@" $BIN serve --db "$DB" --listen "127.0.0.1:$PORT" --data-dir "$work" \
    >>"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 100); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && return; sleep 0.1; done
  echo "server did not start" >&2; tail "$work/server.log" >&2; exit 1
}

# --- capacity: closed loop, rate limits off (one client address) ---------------------------
start_server CDS_RATE_LIMITS=off
wrk -t1 -c32 -d3s "http://127.0.0.1:$PORT$SEARCH" >/dev/null  # warm the page cache
cap_out=$(wrk -t1 -c32 -d10s "http://127.0.0.1:$PORT$SEARCH")
stop_server
capacity=$(echo "$cap_out" | awk '/Requests\/sec/ {printf "%d", $2}')
if [ -z "$capacity" ] || [ "$capacity" -lt 1 ]; then
  echo "capacity not measured:" >&2
  echo "$cap_out" >&2
  exit 1
fi
rate=$((capacity * FACTOR))
echo "machine: $(nproc) cores, load average at start $(cut -d' ' -f1-3 /proc/loadavg) (shared)"
echo "endpoint: GET $SEARCH over $stored reports (SQLite, $WORKERS workers); capacity (wrk -t1 -c32 -d10s): $capacity requests/s"
echo "overload: bench_openloop --rate $rate (${FACTOR}x capacity) --seconds $SECONDS_PER_RUN" \
  "--max-connections $CONNECTIONS --grace $GRACE; answers/s = answers (2xx and refusals) within" \
  "the $SECONDS_PER_RUN s; p99 = of every answer, from its scheduled time; not sent = no" \
  "connection to be had (must be ~0); hz = /healthz every 50 ms from another process"
printf "%-26s %9s %9s %8s %8s %8s %9s %8s %8s %9s %8s %8s %7s\n" mode "offered/s" "answers/s" \
  "2xx/s" "503/s" "429/s" "p99" "hz p50" "hz p99" "peak RSS" "not sent" "errors" "hz fail"
printf "%-26s %9s %9s %8s %8s %8s %9s %8s %8s %9s %8s %8s %7s\n" "" "" "" "" "" "" ms ms ms MiB "" "" ""

declare -A result
overload_run() {  # name, then env assignments for the server
  local name=$1
  shift
  start_server "$@"
  $PRIORITY python3 bench/overload/load.py watch --port "$PORT" --pid "$server_pid" \
    --duration "$((SECONDS_PER_RUN + 2))" >"$work/watch.json" &
  local watch_pid=$!
  sleep 1
  $PRIORITY $GENERATOR --url "http://127.0.0.1:$PORT$SEARCH" --rate "$rate" --seconds "$SECONDS_PER_RUN" \
    --max-connections "$CONNECTIONS" --grace "$GRACE" >"$work/drive.txt" 2>&1 || true
  { echo "$name:"; grep -v '^offered_rps=' "$work/drive.txt"; } >>"$work/reports.txt"
  wait "$watch_pid"
  stop_server
  python3 bench/overload/load.py row --name "$name" --drive "$work/drive.txt" \
    --watch "$work/watch.json" >"$work/row"
  head -1 "$work/row"
  result[$name]=$(tail -1 "$work/row")
}

overload_run "admission (defaults)" CDS_RATE_LIMITS=off
overload_run "no admission control" CDS_RATE_LIMITS=off CDS_WORKER_QUEUE=0 CDS_WORKER_QUEUE_WAIT_MS=0
overload_run "admission + rate limits" CDS_RATE_LIMITS=

echo
echo "bench_openloop's own reports:"
sed 's/^/  /' "$work/reports.txt"

summary="bench=overload capacity_rps=$capacity factor=$FACTOR connections=$CONNECTIONS"
for pair in "admission (defaults):adm" "no admission control:noadm" "admission + rate limits:limits"; do
  read -r offered answers ok r503 r429 p99 hz50 hz99 rss notsent errors hzfail <<<"${result[${pair%%:*}]}"
  tag=${pair##*:}
  summary+=" ${tag}_offered_rps=$offered ${tag}_answers_rps=$answers ${tag}_ok_rps=$ok"
  summary+=" ${tag}_503_rps=$r503 ${tag}_429_rps=$r429 ${tag}_p99_ms=$p99"
  summary+=" ${tag}_healthz_p50_ms=$hz50 ${tag}_healthz_p99_ms=$hz99 ${tag}_peak_rss_mib=$rss"
  summary+=" ${tag}_errors=$errors ${tag}_healthz_failures=$hzfail ${tag}_not_sent=$notsent"
done
echo
echo "$summary"
