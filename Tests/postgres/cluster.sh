#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for airledger's tests (issue 18), from Debian's `postgresql` package:
# initdb into a temporary folder, pg_ctl start on a free loopback port (its unix socket in that folder
# too), one database for the tests. CI (.ci/run) and a developer run the same script:
#
#   eval "$(Tests/postgres/cluster.sh start)"    # prints export lines: AIRLEDGER_TEST_PG_URL, ..._DIR
#   swift test --filter Postgres
#   Tests/postgres/cluster.sh stop "$AIRLEDGER_TEST_PG_DIR"
#
# The cluster trusts the test role `airledger` on 127.0.0.1 (no password: it is a throwaway on
# loopback) and asks a password of every other role (scram-sha-256), so the tests can check password
# log-in with the role `team` (password in AIRLEDGER_TEST_PG_TEAM_URL). initdb refuses to run as root:
# as root the cluster belongs to the user `nobody`, in a folder that user owns.
set -euo pipefail

find_bin() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && { echo "$d"; return; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(readlink -f "$(command -v initdb)")"; return; }
  echo "cluster.sh: PostgreSQL's server programs (initdb, pg_ctl) are not installed: apt-get install postgresql" >&2
  exit 1
}

# Runs a command as the cluster's owner: ourselves, or `nobody` when we are root.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start() {
  local bin dir port
  bin=$(find_bin)
  dir=$(mktemp -d "${TMPDIR:-/tmp}/airledger-pg.XXXXXX")
  chmod 0755 "$dir"
  [ "$(id -u)" = 0 ] && chown nobody "$dir"
  as_owner "$bin/initdb" -D "$dir/data" -U airledger -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  as_owner tee "$dir/data/pg_hba.conf" >/dev/null <<HBA
# airledger's throwaway test cluster: loopback only.
local all airledger trust
host  all airledger 127.0.0.1/32 trust
host  all all       127.0.0.1/32 scram-sha-256
HBA
  # A free port can be taken between asking and starting: try a few.
  local tries=0
  while :; do
    port=$(free_port)
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
         -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=60" \
         start >/dev/null 2>&1; then
      break
    fi
    tries=$((tries + 1))
    if [ $tries -ge 5 ]; then cat "$dir/server.log" >&2; exit 1; fi
  done
  local psql="$bin/psql"; [ -x "$psql" ] || psql=psql
  "$psql" -X -q -h 127.0.0.1 -p "$port" -U airledger -d postgres -v ON_ERROR_STOP=1 \
    -c "CREATE DATABASE airledger_test" \
    -c "CREATE ROLE team LOGIN PASSWORD 'team-secret-42' CREATEDB" >/dev/null
  echo "export AIRLEDGER_TEST_PG_DIR='$dir'"
  echo "export AIRLEDGER_TEST_PG_URL='postgres://airledger@127.0.0.1:$port/airledger_test'"
  echo "export AIRLEDGER_TEST_PG_TEAM_URL='postgres://team:team-secret-42@127.0.0.1:$port/postgres'"
  echo "export AIRLEDGER_TEST_PG_BIN='$bin'"
}

stop() {
  local dir=${1:-${AIRLEDGER_TEST_PG_DIR:-}}
  [ -n "$dir" ] && [ -d "$dir" ] || { echo "cluster.sh stop: give the cluster's folder (AIRLEDGER_TEST_PG_DIR)" >&2; exit 1; }
  case "$dir" in *airledger-pg.*) ;; *) echo "cluster.sh stop: '$dir' is not a folder this script made" >&2; exit 1 ;; esac
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$(find_bin)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start | stop DIR" >&2; exit 64 ;;
esac
