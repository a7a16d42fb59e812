#!/usr/bin/env bash
# Start-up time and database size with many reports (docs/PERFORMANCE.md, "Start-up and database
# size"): migrates and seeds a fresh SQLite database, writes CDS_BENCH_STARTUP_REPORTS synthetic
# reports into it with bench/startup/generate.sql (the real schema, realistic text lengths, their
# timelines and events), then starts `congdanso serve` on it CDS_BENCH_RUNS times and measures the
# time to the first 200 from /healthz and to the first answer of the map (whose index is built on
# the first map request), and the server's memory then. Each run also starts the server on the
# empty database first, the limit: what start-up costs without reports. Prints one `bench-result
# startup` line per run for bench/all.sh. Not a test: nothing passes or fails on a number.
#
# CDS_BENCH_STARTUP_ENGINE=postgres does the same on PostgreSQL 15: a throwaway cluster of
# scripts/pg_cluster.sh (fsync on) in a temporary folder, two databases in it, the reports written
# by bench/startup/generate_postgres.sql; the size is pg_database_size. Lines `bench-result
# startup_pg`.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${CDS_BENCH_BIN:-build/bin/congdanso}
REPORTS=${CDS_BENCH_STARTUP_REPORTS:-1000000}
RUNS=${CDS_BENCH_RUNS:-3}
PORT=${CDS_BENCH_STARTUP_PORT:-18095}
ENGINE=${CDS_BENCH_STARTUP_ENGINE:-sqlite}

work=$(mktemp -d /tmp/cds-startup.XXXXXX)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  [ "$ENGINE" = postgres ] && scripts/pg_cluster.sh stop "$work/pg" >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

now_ms() { echo $(($(date +%s%N) / 1000000)); }

case "$ENGINE" in
  sqlite) result=startup ;;
  postgres)
    result=startup_pg
    chmod a+rx "$work"  # the cluster runs as the postgres system user
    export CDS_KEYS_FILE="$work/personal-data.keys"  # migrate writes it, serve reads it
    pg_url=$(scripts/pg_cluster.sh start "$work/pg" | tail -1)
    psql "$pg_url" -qc 'CREATE DATABASE bench_empty' -c 'CREATE DATABASE bench_reports' ;;
  *) echo "CDS_BENCH_STARTUP_ENGINE: sqlite or postgres" >&2; exit 2 ;;
esac

url() {  # name -> the database's URL
  case "$ENGINE" in
    sqlite) echo "sqlite:$work/$1.sqlite" ;;
    postgres) echo "${pg_url%/*}/bench_$1" ;;
  esac
}

bytes() {  # name -> the database's size on disk
  case "$ENGINE" in
    sqlite) stat -c %s "$work/$1.sqlite" ;;
    postgres) psql "$(url "$1")" -Atc 'SELECT pg_database_size(current_database())' ;;
  esac
}

prepare() {  # name
  "$BIN" migrate --db "$(url "$1")" >/dev/null
  "$BIN" seed --db "$(url "$1")" >/dev/null
}

# Starts the server on the database, prints "ready_ms map_ms rss_kib", stops it.
measure() {  # name
  mkdir -p "$work/data"
  local start ready map rss
  start=$(now_ms)
  CDS_RATE_LIMITS=off "$BIN" serve --db "$(url "$1")" --listen "127.0.0.1:$PORT" --data-dir "$work/data" \
    >"$work/server.log" 2>&1 &
  server_pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$PORT/healthz"; do
    kill -0 "$server_pid" 2>/dev/null || { tail -n 5 "$work/server.log" >&2; exit 1; }
    sleep 0.02
  done
  ready=$(($(now_ms) - start))
  curl -fs -o /dev/null -m 600 \
    "http://127.0.0.1:$PORT/api/v1/map/reports?bbox=106.6,10.7,106.8,10.85&zoom=12"
  map=$(($(now_ms) - start))
  rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$server_pid/status")
  kill "$server_pid"
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
  echo "$ready $map $rss"
}

empty=empty
prepare "$empty"
db=reports
prepare "$db"
base_bytes=$(bytes "$db")
t0=$(now_ms)
counting="SELECT (SELECT COUNT(*) FROM reports) || ' ' || (SELECT COUNT(*) FROM report_timeline) || ' ' || (SELECT COUNT(*) FROM events)"
case "$ENGINE" in
  sqlite)
    echo "writing $REPORTS reports into $(url "$db") (bench/startup/generate.sql)"
    sed "s/@REPORTS@/$REPORTS/" bench/startup/generate.sql | sqlite3 "$work/$db.sqlite" >/dev/null
    counts=$(sqlite3 "$work/$db.sqlite" "$counting") ;;
  postgres)
    echo "writing $REPORTS reports into $(url "$db") (bench/startup/generate_postgres.sql)"
    sed "s/@REPORTS@/$REPORTS/" bench/startup/generate_postgres.sql |
      psql "$(url "$db")" -q -v ON_ERROR_STOP=1 >/dev/null
    psql "$(url "$db")" -qc 'VACUUM ANALYZE reports, report_timeline, events'
    counts=$(psql "$(url "$db")" -Atc "$counting") ;;
esac
generate_ms=$(($(now_ms) - t0))
read -r report_rows timeline_rows event_rows <<<"$counts"
# The first start turns a SQLite file to WAL; the size is taken after it, as the server keeps it.
measure "$db" >/dev/null
db_bytes=$(bytes "$db")
echo "generated in $((generate_ms / 1000)) s: $report_rows reports, $timeline_rows timeline entries," \
  "$event_rows events; file $((db_bytes / 1048576)) MiB," \
  "$(((db_bytes - base_bytes) / REPORTS)) bytes per report"
printf "%-6s %14s %14s %14s %16s %16s\n" run "empty ready ms" "ready ms" "map ready ms" \
  "empty RSS MiB" "RSS MiB (map)"
for run in $(seq "$RUNS"); do
  read -r empty_ready empty_map empty_rss <<<"$(measure "$empty")"
  read -r ready map rss <<<"$(measure "$db")"
  printf "%-6s %14s %14s %14s %16s %16s\n" "$run" "$empty_ready" "$ready" "$map" \
    "$((empty_rss / 1024))" "$((rss / 1024))"
  echo "bench-result $result reports=$REPORTS generate_ms=$generate_ms" \
    "db_bytes=$db_bytes bytes_per_report=$(((db_bytes - base_bytes) / REPORTS))" \
    "timeline_rows=$timeline_rows event_rows=$event_rows empty_ready_ms=$empty_ready" \
    "empty_map_ms=$empty_map empty_rss_mib=$((empty_rss / 1024)) ready_ms=$ready map_ms=$map" \
    "rss_mib=$((rss / 1024))"
done
