#!/usr/bin/env bash
# The HTTP benchmarks: the trivial endpoint and nginx serving a file of the report's size (the
# limits), reading a report, and durable report intake on SQLite with raw SQLite inserts at the same
# durability, in one run on this machine. Prints a table, then one `bench-result` line that
# bench/all.sh (`make bench`) parses. Not a test: nothing here passes or fails on a number.
# CDS_BENCH_NGINX=0 leaves nginx out (it is installed with apt-get when missing, as root).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${CDS_BENCH_BIN:-build/bin/congdanso}
DURATION=${CDS_BENCH_DURATION:-10s}
CONNECTIONS=${CDS_BENCH_CONNECTIONS:-64}
PORT=${CDS_BENCH_PORT:-18090}
NGINX_PORT=$((PORT + 1))
NGINX=${CDS_BENCH_NGINX:-1}

work=$(mktemp -d /tmp/cds-bench.XXXXXX)
server_pid=""
nginx_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
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

# The limit for reading: nginx serving a file of exactly the bytes of the report's JSON.
report_bytes=$(curl -fs "http://127.0.0.1:$PORT/api/v1/reports/1" | wc -c)
if [ "$NGINX" = 1 ]; then
  if ! command -v nginx >/dev/null; then
    echo "installing nginx-light (Debian package)" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y nginx-light >/dev/null
  fi
  mkdir -p "$work/nginx/www"
  curl -fs "http://127.0.0.1:$PORT/api/v1/reports/1" >"$work/nginx/www/report.json"
  # nginx's workers run as an unprivileged user when started as root: they must read the file.
  chmod a+rx "$work" "$work/nginx" "$work/nginx/www"
  chmod a+r "$work/nginx/www/report.json"
  sed -e "s#@PORT@#$NGINX_PORT#g; s#@PREFIX@#$work/nginx#g; s#@WORKERS@#$(nproc)#g" \
    bench/static_nginx.conf.in >"$work/nginx/nginx.conf"
  nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" -e "$work/nginx/error.log" \
    >"$work/nginx/out.log" 2>&1 &
  nginx_pid=$!
  for _ in $(seq 50); do curl -fs "http://127.0.0.1:$NGINX_PORT/report.json" >/dev/null && break; sleep 0.1; done
  cmp -s "$work/nginx/www/report.json" <(curl -fs "http://127.0.0.1:$NGINX_PORT/report.json") ||
    { echo "nginx does not serve the file; see $work/nginx/error.log" >&2; cat "$work/nginx/error.log" >&2; exit 1; }
fi

run() {  # name script key [port]
  local out
  out=$(CDS_BENCH_TOKEN="$token" CDS_BENCH_REPORT=1 wrk -t1 -c"$CONNECTIONS" -d"$DURATION" \
        -s "bench/$2" "http://127.0.0.1:${4:-$PORT}" 2>&1)
  local rps p50 p99 errors
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | sed -n 's/.*latency_p50_ms=\([0-9.]*\).*/\1/p')
  p99=$(echo "$out" | sed -n 's/.*latency_p99_ms=\([0-9.]*\).*/\1/p')
  errors=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  printf "%-28s %12s %10s %10s %8s\n" "$1" "$rps" "$p50" "$p99" "${errors:-0}"
  eval "rps_$3=${rps:-0} p50_$3=${p50:-0} p99_$3=${p99:-0} errors_$3=${errors:-0}"
}

engine="SQLite synchronous=FULL"
case "$DB" in postgres*) engine="PostgreSQL (fsync on), one transaction per request" ;; esac
echo "wrk -t1 -c$CONNECTIONS -d$DURATION on $(nproc) cores; server: one I/O thread per core, 64 workers, $engine"
printf "%-28s %12s %10s %10s %8s\n" "scenario" "requests/s" "p50 ms" "p99 ms" "non-2xx"
run "GET /healthz (limit)" trivial.lua trivial
rps_static=0 p50_static=0 p99_static=0
[ -n "$nginx_pid" ] && run "nginx, $report_bytes B file (limit)" static.lua static "$NGINX_PORT"
run "GET /api/v1/reports/{id}" read.lua read
run "POST /api/v1/reports" intake.lua intake

echo
ninja -C build bench_sqlite_limit >/dev/null
limit_out=$(build/bin/bench_sqlite_limit "$work")
echo "$limit_out"
raw() {  # rows per transaction -> rows/s from bench_sqlite_limit's table
  echo "$limit_out" | awk -v per="$1" '$1 == per && $2 ~ /^row/ {print $NF}'
}
echo
case "$DB" in
  sqlite:*) stored=$(sqlite3 "${DB#sqlite:}" 'SELECT COUNT(*) FROM reports') ;;
  *) stored=$(psql "$DB" -Atc 'SELECT COUNT(*) FROM reports') ;;
esac
commits=$(curl -s "http://127.0.0.1:$PORT/metrics" | awk '/^cds_store_commits_total/ {print $2}')
writes=$(curl -s "http://127.0.0.1:$PORT/metrics" | awk '/^cds_store_writes_total/ {print $2}')
echo
echo "read / trivial = $(awk "BEGIN {printf \"%.2f\", $rps_read / $rps_trivial}")"
[ -n "$nginx_pid" ] && echo "read / nginx file = $(awk "BEGIN {printf \"%.2f\", $rps_read / $rps_static}")"
echo "reports stored: $stored; store commits: $commits for $writes writes" \
     "(mean batch $(awk "BEGIN {printf \"%.1f\", $writes / ($commits > 0 ? $commits : 1)}"))"
# One line for bench/all.sh: the scenario's figures, then the limits of the same run.
echo "bench-result http healthz_rps=$rps_trivial healthz_p50_ms=$p50_trivial" \
  "healthz_p99_ms=$p99_trivial nginx_rps=$rps_static nginx_p50_ms=$p50_static" \
  "nginx_p99_ms=$p99_static report_bytes=$report_bytes read_rps=$rps_read read_p50_ms=$p50_read" \
  "read_p99_ms=$p99_read intake_rps=$rps_intake intake_p50_ms=$p50_intake" \
  "intake_p99_ms=$p99_intake intake_non2xx=$errors_intake stored=$stored" \
  "commits=${commits:-0} writes=${writes:-0} raw_1=$(raw 1) raw_16=$(raw 16) raw_64=$(raw 64)" \
  "raw_256=$(raw 256)"
