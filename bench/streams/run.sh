#!/usr/bin/env bash
# Memory per Server-Sent Events stream (docs/PERFORMANCE.md, "Memory per stream"): starts
# `congdanso serve` on a fresh SQLite database, reads its VmRSS, opens CDS_BENCH_STREAMS anonymous
# streams (GET /api/v1/events/stream, each waited for until its `ready` frame), reads VmRSS again:
# (after - before) / streams is the server's memory per stream (the kernel's socket buffers are
# not in it).
# CDS_BENCH_RUNS runs, a fresh server each; one `bench-result streams` line per run for
# bench/all.sh. Not a test: nothing passes or fails on a number.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${CDS_BENCH_BIN:-build/bin/congdanso}
STREAMS=${CDS_BENCH_STREAMS:-10000}
RUNS=${CDS_BENCH_RUNS:-3}
PORT=${CDS_BENCH_STREAMS_PORT:-18096}
ulimit -n "$(ulimit -Hn)"
[ "$STREAMS" -lt $(($(ulimit -n) - 100)) ] || echo "warning: ulimit -n is $(ulimit -n)" >&2

work=$(mktemp -d /tmp/cds-streams.XXXXXX)
server_pid=""
holder_pid=""
cleanup() {
  for pid in $holder_pid $server_pid; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }

db="sqlite:$work/streams.sqlite"
"$BIN" migrate --db "$db" >/dev/null
"$BIN" seed --db "$db" >/dev/null
printf "%-4s %8s %14s %14s %12s\n" run streams "RSS before MiB" "RSS after MiB" "B/stream"
for run in $(seq "$RUNS"); do
  mkdir -p "$work/data"
  CDS_RATE_LIMITS=off CDS_STREAM_MAX_PER_NODE=$((STREAMS + 100)) "$BIN" serve --db "$db" \
    --listen "127.0.0.1:$PORT" --data-dir "$work/data" >"$work/server.log" 2>&1 &
  server_pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$PORT/healthz"; do
    kill -0 "$server_pid" 2>/dev/null || { tail -n 5 "$work/server.log" >&2; exit 1; }
    sleep 0.05
  done
  # One stream first and closed: what the first stream allocates once (the hub, buffers) is not
  # counted against every stream.
  curl -s -o /dev/null -m 1 -H 'Accept: text/event-stream' \
    "http://127.0.0.1:$PORT/api/v1/events/stream" || true
  sleep 0.5
  before=$(rss_kib "$server_pid")
  mkfifo "$work/hold"
  python3 bench/streams/hold_streams.py "$PORT" /api/v1/events/stream "$STREAMS" 500 \
    "event: ready" <"$work/hold" >"$work/holder.out" 2>&1 &
  holder_pid=$!
  exec 9>"$work/hold"  # the holder reads its stdin until this closes
  until grep -q '^ready' "$work/holder.out"; do
    kill -0 "$holder_pid" 2>/dev/null || { cat "$work/holder.out" >&2; exit 1; }
    sleep 0.1
  done
  sleep 1  # let the streams' first writes settle
  after=$(rss_kib "$server_pid")
  exec 9>&-
  wait "$holder_pid" 2>/dev/null || true
  holder_pid=""
  rm -f "$work/hold"
  kill "$server_pid"
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
  per=$(((after - before) * 1024 / STREAMS))
  printf "%-4s %8s %14s %14s %12s\n" "$run" "$STREAMS" "$((before / 1024))" \
    "$((after / 1024))" "$per"
  echo "bench-result streams streams=$STREAMS rss_before_kib=$before rss_after_kib=$after" \
    "bytes_per_stream=$per"
done
