#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for tests.
#
#   scripts/pg_cluster.sh start DIR   creates (or restarts) a cluster in DIR and prints its URL:
#                                     postgresql://cds@127.0.0.1:PORT/congdanso_test
#   scripts/pg_cluster.sh stop DIR    stops it and removes DIR
#   scripts/pg_cluster.sh url DIR     prints the URL of a running cluster
#
# The cluster listens on a Unix socket in DIR and on 127.0.0.1 at a free port, trusts local
# connections, and keeps fsync on so that durability tests mean something. Role `cds` (CREATEDB,
# so tests can make a database each) owns database `congdanso_test`. Run as root, the server runs
# as the `postgres` system user of the Debian package (or `cds-pg`, created if that is missing).
# Quiet on success; exit 3 if PostgreSQL 15 is not installed, 1 on any other failure.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

die() {
  echo "pg_cluster.sh: $*" >&2
  exit 1
}

usage() {
  echo "usage: $0 start|stop|url DIR" >&2
  exit 2
}

[[ $# -eq 2 ]] || usage
command=$1
dir=$(realpath -m -- "$2")
data=$dir/data
log=$dir/server.log

# The user the server runs as, and how to run a command as that user.
run_as=()
server_user=$(id -un)
if [[ $(id -u) -eq 0 ]]; then
  if id postgres >/dev/null 2>&1; then
    server_user=postgres
  else
    server_user=cds-pg
    id "$server_user" >/dev/null 2>&1 ||
      useradd --system --no-create-home --shell /usr/sbin/nologin "$server_user" ||
      die "cannot create system user $server_user"
  fi
  run_as=(runuser -u "$server_user" --)
fi
as_server() { "${run_as[@]}" "$@"; }

port_of() { cat "$dir/port"; }
url_of() { echo "postgresql://cds@127.0.0.1:$(port_of)/congdanso_test"; }
running() { [[ -f $data/postmaster.pid ]] && as_server "$PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1; }

# A TCP port on 127.0.0.1 that nothing listens on now.
free_port() {
  local port _
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  die "no free TCP port found on 127.0.0.1"
}

psql_admin() {
  as_server "$PG_BIN/psql" -h "$dir" -p "$(port_of)" -U postgres -d postgres -X -q -A -t \
    -v ON_ERROR_STOP=1 "$@"
}

start() {
  if [[ ! -x $PG_BIN/initdb || ! -x $PG_BIN/pg_ctl ]]; then
    echo "pg_cluster.sh: PostgreSQL 15 is not installed ($PG_BIN/initdb is missing);" \
      "install it with: apt-get install -y postgresql-15" >&2
    exit 3
  fi
  # The server creates its socket DIR/.s.PGSQL.PORT; Unix socket paths hold at most 107 bytes.
  ((${#dir} <= 80)) || die "DIR is too long for a Unix socket path (at most 80 bytes): $dir"

  if running; then
    url_of
    return 0
  fi

  mkdir -p -- "$dir"
  chown "$server_user" "$dir"
  chmod 700 "$dir"
  as_server test -w "$dir" ||
    die "user $server_user cannot write to $dir (is a parent directory closed to it?)"

  if [[ ! -f $data/PG_VERSION ]]; then
    rm -rf -- "$data"
    as_server "$PG_BIN/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C \
      >"$dir/initdb.log" 2>&1 || die "initdb failed; see $dir/initdb.log"
    free_port >"$dir/port"
    chown "$server_user" "$dir/port"
    cat >>"$data/postgresql.conf" <<EOF

# scripts/pg_cluster.sh: a throwaway test cluster.
listen_addresses = '127.0.0.1'
port = $(port_of)
unix_socket_directories = '$dir'
fsync = on
synchronous_commit = on
full_page_writes = on
max_connections = 300
shared_buffers = 64MB
logging_collector = off
log_min_messages = warning
EOF
  fi

  if ! as_server "$PG_BIN/pg_ctl" -D "$data" -l "$log" -w -t 60 start >/dev/null 2>&1; then
    # The port may have been taken since it was chosen: pick another one and try once more.
    if grep -q "could not bind\|Address already in use" "$log" 2>/dev/null; then
      free_port >"$dir/port"
      sed -i "s/^port = .*/port = $(port_of)/" "$data/postgresql.conf"
      as_server "$PG_BIN/pg_ctl" -D "$data" -l "$log" -w -t 60 start >/dev/null 2>&1 ||
        die "the server did not start; see $log"
    else
      die "the server did not start; see $log"
    fi
  fi

  if [[ -z $(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = 'cds'") ]]; then
    psql_admin -c "CREATE ROLE cds LOGIN CREATEDB" || die "cannot create role cds"
  fi
  if [[ -z $(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = 'congdanso_test'") ]]; then
    psql_admin -c "CREATE DATABASE congdanso_test OWNER cds" || die "cannot create database"
  fi
  as_server "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$(port_of)" -d congdanso_test -U cds ||
    die "the server does not answer on 127.0.0.1:$(port_of); see $log"
  url_of
}

stop() {
  [[ -e $dir ]] || return 0
  if [[ -f $data/postmaster.pid ]]; then
    if ! as_server "$PG_BIN/pg_ctl" -D "$data" -m fast -w -t 60 stop >/dev/null 2>&1 && running; then
      die "the server in $data did not stop; see $log"
    fi
  fi
  rm -rf -- "$dir"
}

case $command in
  start) start ;;
  stop) stop ;;
  url)
    running || die "no cluster is running in $dir"
    url_of
    ;;
  *) usage ;;
esac
