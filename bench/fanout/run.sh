#!/usr/bin/env bash
# Fan-out of one broadcast over Server-Sent Events: Công dân số, Nchan and Pushpin, each with the
# same N subscribers on this machine. For each N and target, three runs, each against a freshly
# started server (a second run on the same process would find the first run's freed memory still
# in its heap and measure no growth); prints the medians and keeps every run's JSON line.
# Not a test: nothing passes or fails on a number. docs/PERFORMANCE.md records a run and how.
#
# Usage (no make needed; as root when packages are missing, since it installs them with apt-get):
#   bench/fanout/run.sh
#   CDS_FANOUT_SIZES="1000 5000" CDS_FANOUT_TARGETS="nchan pushpin" CDS_FANOUT_RUNS=1 \
#     bench/fanout/run.sh
# Environment:
#   CDS_FANOUT_SIZES    subscriber counts (default "1000 5000 15000")
#   CDS_FANOUT_TARGETS  any of congdanso nchan pushpin (default all three)
#   CDS_FANOUT_RUNS     runs per N and target (default 3; the table shows medians)
#   CDS_FANOUT_BUILD    CMake build folder (default build; configured like the default preset)
#   CDS_FANOUT_SERVER   a congdanso binary to measure instead of building $CDS_FANOUT_BUILD's
#   CDS_FANOUT_RESULTS  JSON lines file (default var/bench/fanout-<date>.jsonl; var/ is not tracked)
#   CDS_FANOUT_PORT     first of five local ports used (default 18190)
#   CDS_FANOUT_BATCH    connections opened at a time (default 500; Pushpin 100, see below)
#   CDS_FANOUT_NICE     priority of the servers and the client (default -10; 0 to leave it)
set -euo pipefail
cd "$(dirname "$0")/../.."

SIZES=${CDS_FANOUT_SIZES:-1000 5000 15000}
TARGETS=${CDS_FANOUT_TARGETS:-congdanso nchan pushpin}
RUNS=${CDS_FANOUT_RUNS:-3}
BUILD=${CDS_FANOUT_BUILD:-build}
RESULTS=${CDS_FANOUT_RESULTS:-var/bench/fanout-$(date +%Y%m%d-%H%M%S).jsonl}
PORT=${CDS_FANOUT_PORT:-18190}
BATCH=${CDS_FANOUT_BATCH:-500}
# Pushpin's proxy answers 502 to some subscribers when 500 requests to the origin start at once
# (its log: "target error ... condition=8", unavailable: the queue towards zurl is full), so
# Pushpin's subscribers are opened 100 at a time.
PUSHPIN_BATCH=${CDS_FANOUT_PUSHPIN_BATCH:-100}
PYTHON=/usr/bin/python3

cds_port=$PORT
nchan_port=$((PORT + 1))
pushpin_port=$((PORT + 2))
pushpin_publish_port=$((PORT + 3))
origin_port=$((PORT + 4))

work=$(mktemp -d /tmp/cds-fanout.XXXXXX)
started=()  # every process this script started, so that cleanup ends each one by its id

stop_pids() {  # pid... : TERM, up to 10 s to exit, then KILL
  local pid
  for pid in "$@"; do kill -TERM "$pid" 2>/dev/null || true; done
  for _ in $(seq 100); do
    local alive=0
    for pid in "$@"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.1
  done
  for pid in "$@"; do kill -KILL "$pid" 2>/dev/null || true; done
  for pid in "$@"; do wait "$pid" 2>/dev/null || true; done
}

cleanup() {
  if [ "${#started[@]}" -gt 0 ]; then stop_pids "${started[@]}"; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- packages: Debian's, installed only when missing -------------------------------------------
missing=()
case " $TARGETS " in *" nchan "*)
  command -v nginx >/dev/null || missing+=(nginx-light)
  [ -e /usr/lib/nginx/modules/ngx_nchan_module.so ] || missing+=(libnginx-mod-nchan) ;;
esac
case " $TARGETS " in *" pushpin "*)
  command -v pushpin >/dev/null || missing+=(pushpin)
  [ -x "$PYTHON" ] || missing+=(python3) ;;
esac
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing ${missing[*]} (Debian packages)" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}" >/dev/null ||
    { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}" >/dev/null; }
fi
[ -x "$PYTHON" ] || PYTHON=$(command -v python3)

# --- descriptors: one per subscriber in the client and in the server --------------------------
ulimit -n "$(ulimit -Hn)"
nofile=$(ulimit -n)
for n in $SIZES; do
  [ "$n" -lt $((nofile - 100)) ] || echo "warning: ulimit -n is $nofile; N=$n will not fit" >&2
done

# --- build -------------------------------------------------------------------------------------
if [ ! -f "$BUILD/CMakeCache.txt" ]; then
  cmake --preset default -B "$BUILD" >/dev/null
fi
build_targets=(bench_fanout)
case " $TARGETS " in *" congdanso "*) [ -n "${CDS_FANOUT_SERVER:-}" ] || build_targets+=(congdanso) ;; esac
cmake --build "$BUILD" --target "${build_targets[@]}" >/dev/null
CLIENT=$BUILD/bin/bench_fanout
CDS=${CDS_FANOUT_SERVER:-$BUILD/bin/congdanso}

# --- priority: on a shared machine, other work (compilers) would otherwise decide the figures.
# Every process started from here on (servers, origin, client) inherits it, the same for each
# target. Raising priority needs root; without it the run goes on at the normal priority.
NICE=${CDS_FANOUT_NICE:--10}
renice -n "$NICE" -p $$ >/dev/null 2>&1 || echo "note: could not renice to $NICE; running at $(nice)" >&2

wait_for_port() {  # port pid : until something accepts on 127.0.0.1:port, or the pid has gone
  for _ in $(seq 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    kill -0 "$2" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

# Each start_* sets: target_pids (to stop), mem_pids (whose memory is the server's),
# sub_port, sub_path, ready_marker, batch; publish_args MARKER sets pub_args.

# --- Công dân số ------------------------------------------------------------------------------
cds_db=""
cds_token=""
start_congdanso() {  # n
  if [ -z "$cds_db" ]; then
    cds_db="sqlite:$work/cds.db"
    "$CDS" migrate --db "$cds_db" >/dev/null
    "$CDS" seed --db "$cds_db" --demo >/dev/null
    cds_token=$("$CDS" token issue --db "$cds_db" --username admin1)
    mkdir -p "$work/cds-data"
  fi
  CDS_RATE_LIMITS=off CDS_STREAM_MAX_PER_NODE=$(($1 + 100)) "$CDS" serve --db "$cds_db" \
    --listen "127.0.0.1:$cds_port" --data-dir "$work/cds-data" >>"$work/congdanso.log" 2>&1 &
  local pid=$!
  started+=("$pid")
  target_pids=("$pid")
  mem_pids=("$pid")
  for _ in $(seq 100); do
    curl -fs "http://127.0.0.1:$cds_port/healthz" >/dev/null && break
    sleep 0.1
  done
  sub_port=$cds_port
  sub_path=/api/v1/events/stream
  ready_marker="event: ready"
  batch=$BATCH
  # The stream's status line comes at once; curl then waits for frames until -m ends it.
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' -m 1 -H 'Accept: text/event-stream' \
    "http://127.0.0.1:$cds_port$sub_path" || true)
  if [ "$code" != 200 ]; then
    echo "congdanso: GET $sub_path answered $code; this build has no event stream yet" >&2
    return 1
  fi
}
publish_args_congdanso() {  # marker
  pub_args=(--publish-url "http://127.0.0.1:$cds_port/api/v1/admin/broadcasts"
    --publish-header "Authorization: Bearer $cds_token"
    --publish-header "Content-Type: application/json"
    --publish-body "{\"title\":{\"vi\":\"Thông báo $1\",\"en\":\"Notice $1\"},\"body\":{\"vi\":\"Kiểm tra phát tin.\",\"en\":\"Broadcast test.\"}}")
}

# --- Nchan --------------------------------------------------------------------------------------
start_nchan() {  # n
  local prefix
  prefix=$(mktemp -d "$work/nginx.XXXX")
  sed -e "s#@PORT@#$nchan_port#g; s#@PREFIX@#$prefix#g; s#@NOFILE@#$nofile#g" \
    bench/fanout/nchan.conf.in >"$prefix/nginx.conf"
  nginx -c "$prefix/nginx.conf" -p "$prefix" -e "$prefix/error.log" >"$prefix/out.log" 2>&1 &
  local master=$!
  started+=("$master")
  target_pids=("$master")
  wait_for_port "$nchan_port" "$master" || { cat "$prefix/error.log" >&2; return 1; }
  local workers=()
  for _ in $(seq 50); do  # the master listens before it forks its worker
    mapfile -t workers < <(pgrep -P "$master")
    [ "${#workers[@]}" -gt 0 ] && break
    sleep 0.1
  done
  mem_pids=("$master" "${workers[@]}")
  sub_port=$nchan_port
  sub_path=/sub
  ready_marker=": hi"  # Nchan's first frame on an EventSource subscription
  batch=$BATCH
}
publish_args_nchan() {
  pub_args=(--publish-url "http://127.0.0.1:$nchan_port/pub" --publish-body "$1")
}

# --- Pushpin ------------------------------------------------------------------------------------
start_pushpin() {  # n
  local prefix
  prefix=$(mktemp -d "$work/pushpin.XXXX")
  mkdir -p "$prefix/run" "$prefix/log"
  sed -e "s#@PORT@#$pushpin_port#g; s#@PUBLISH_PORT@#$pushpin_publish_port#g" \
      -e "s#@PREFIX@#$prefix#g; s#@MAXCONN@#$nofile#g" \
    bench/fanout/pushpin.conf.in >"$prefix/pushpin.conf"
  echo "* 127.0.0.1:$origin_port" >"$prefix/routes"
  "$PYTHON" bench/fanout/grip_origin.py "$origin_port" >"$prefix/origin.log" 2>&1 &
  local origin=$!
  started+=("$origin")
  pushpin --config "$prefix/pushpin.conf" >"$prefix/pushpin.out" 2>&1 &
  local runner=$!
  started+=("$runner")
  wait_for_port "$origin_port" "$origin" || return 1
  wait_for_port "$pushpin_publish_port" "$runner" || { cat "$prefix/pushpin.out" >&2; return 1; }
  # Pushpin's processes: the runner and the four it starts (condure, zurl, proxy, handler).
  local children=()
  for _ in $(seq 50); do
    mapfile -t children < <(pgrep -P "$runner")
    [ "${#children[@]}" -ge 4 ] && break
    sleep 0.1
  done
  started+=("${children[@]}")
  target_pids=("$runner" "${children[@]}" "$origin")
  mem_pids=("$runner" "${children[@]}")
  sub_port=$pushpin_port
  sub_path=/stream
  ready_marker="event: ready"  # the origin's first frame, relayed once the hold is in place
  batch=$PUSHPIN_BATCH
  # The proxy reaches the origin through zurl; wait until a request gets through.
  for _ in $(seq 100); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' -m 0.5 "http://127.0.0.1:$pushpin_port/" || true)" = 200 ] &&
      return 0
    sleep 0.1
  done
  return 1
}
publish_args_pushpin() {
  local content="event: broadcast\\ndata: {\\\"title\\\":\\\"$1\\\"}\\n\\n"
  pub_args=(--publish-url "http://127.0.0.1:$pushpin_publish_port/publish/"
    --publish-header "Content-Type: application/json"
    --publish-body "{\"items\":[{\"channel\":\"bench\",\"formats\":{\"http-stream\":{\"content\":\"$content\"}}}]}")
}

stop_target() {
  stop_pids "${target_pids[@]}"
  local kept=() pid gone
  for pid in "${started[@]}"; do
    gone=0
    for stopped in "${target_pids[@]}"; do [ "$pid" = "$stopped" ] && gone=1; done
    [ "$gone" = 0 ] && kept+=("$pid")
  done
  started=("${kept[@]+"${kept[@]}"}")
}

# --- runs ---------------------------------------------------------------------------------------
mkdir -p "$(dirname "$RESULTS")"
: >"$RESULTS"
echo "fan-out of one broadcast: $(nproc) cores, N in {$SIZES}, $RUNS runs each (medians below)"
echo "raw results: $RESULTS; client progress: $work/client.log (removed at exit)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg); servers and client at nice $(nice)"
for n in $SIZES; do
  for target in $TARGETS; do
    for run in $(seq "$RUNS"); do
      if ! "start_$target" "$n"; then
        echo "$target: did not start; skipped" >&2
        stop_target
        continue 2
      fi
      marker="fanout-$n-$run-$RANDOM$RANDOM"
      "publish_args_$target" "$marker"
      mem_args=()
      for pid in "${mem_pids[@]}"; do mem_args+=(--server-pid "$pid"); done
      args=(--label "$target" --port "$sub_port" --path "$sub_path" --n "$n" --batch "$batch"
        --marker "$marker" "${pub_args[@]}" "${mem_args[@]}")
      [ -n "$ready_marker" ] && args+=(--ready-marker "$ready_marker")
      line=$("$CLIENT" "${args[@]}" 2>>"$work/client.log" || true)
      stop_target
      if [ -z "$line" ]; then
        echo "$target N=$n run $run: no result (see the client's log above)" >&2
        tail -n 5 "$work/client.log" >&2
        continue
      fi
      echo "{\"run\":$run,${line#\{}" >>"$RESULTS"
      echo "  $line" >&2
    done
  done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
"$PYTHON" bench/fanout/summarize.py "$RESULTS"
