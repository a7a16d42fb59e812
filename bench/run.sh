#!/usr/bin/env bash
# `make bench`: the trivial endpoint (the limit), reading a report, and durable report intake on
# SQLite, in one run on this machine. Prints a table; docs/PERFORMANCE.md records a run and how.
# Not a test: nothing here passes or fails on a number.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=build/bin/congdanso
DURATION=${CDS_BENCH_DURATION:-10s}
CONNECTIONS=${CDS_BENCH_CONNECTIONS:-64}
PORT=${CDS_BENCH_PORT:-18090}

work=$(mktemp -d /tmp/cds-bench.XXXXXX)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# CDS_BENCH_DB: an empty PostgreSQL database (postgresql://...) to measure that engine instead.
DB="${CDS_BENCH_DB:-sqlite:$work/bench.db}"
$BIN migrate --db "$DB" >/dev/null
$BIN seed --db "$DB" --demo >/dev/null
token=$($BIN token issue --db "$DB" --username citizen1)
# The access log stays on, as in production, written to a file.
# Rate limits off: the whole load comes from one address (bench/overload measures the limits).
CDS_RATE_LIMITS=off $BIN serve --db "$DB" --listen "127.0.0.1:$PORT" --data-dir "$work" \
  >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done

run() {  # name script
  local out
  out=$(CDS_BENCH_TOKEN="$token" CDS_BENCH_REPORT=1 wrk -t1 -c"$CONNECTIONS" -d"$DURATION" \
        -s "bench/$2" "http://127.0.0.1:$PORT" 2>&1)
  local rps p50 p99 errors
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | sed -n 's/.*latency_p50_ms=\([0-9.]*\).*/\1/p')
  p99=$(echo "$out" | sed -n 's/.*latency_p99_ms=\([0-9.]*\).*/\1/p')
  errors=$(echo "$out" | awk '/Non-2xx/ {print $4}')
  printf "%-28s %12s %10s %10s %8s\n" "$1" "$rps" "$p50" "$p99" "${errors:-0}"
  eval "rps_$3=$rps"
}

engine="SQLite synchronous=FULL"
case "$DB" in postgres*) engine="PostgreSQL (fsync on), one transaction per request" ;; esac
echo "wrk -t1 -c$CONNECTIONS -d$DURATION on $(nproc) cores; server: one I/O thread per core, 64 workers, $engine"
printf "%-28s %12s %10s %10s %8s\n" "scenario" "requests/s" "p50 ms" "p99 ms" "non-2xx"
run "GET /healthz (limit)" trivial.lua trivial
run "GET /api/v1/reports/{id}" read.lua read
run "POST /api/v1/reports" intake.lua intake

echo
ninja -C build bench_sqlite_limit >/dev/null
build/bin/bench_sqlite_limit "$work"
echo
case "$DB" in
  sqlite:*) stored=$(sqlite3 "${DB#sqlite:}" 'SELECT COUNT(*) FROM reports') ;;
  *) stored=$(psql "$DB" -Atc 'SELECT COUNT(*) FROM reports') ;;
esac
commits=$(curl -s "http://127.0.0.1:$PORT/metrics" | awk '/^cds_store_commits_total/ {print $2}')
writes=$(curl -s "http://127.0.0.1:$PORT/metrics" | awk '/^cds_store_writes_total/ {print $2}')
echo
echo "read / trivial = $(awk "BEGIN {printf \"%.2f\", $rps_read / $rps_trivial}")"
echo "reports stored: $stored; store commits: $commits for $writes writes" \
     "(mean batch $(awk "BEGIN {printf \"%.1f\", $writes / ($commits > 0 ? $commits : 1)}"))"
