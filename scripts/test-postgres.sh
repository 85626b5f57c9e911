#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: its own data folder, on 127.0.0.1, run as the postgres
# user (the server refuses to run as root). Nothing is kept: `stop` deletes the folder.
#   scripts/test-postgres.sh start   prints the URL to put in PARLEY_TEST_POSTGRES_URL
#   scripts/test-postgres.sh stop
set -euo pipefail

PORT="${PARLEY_TEST_POSTGRES_PORT:-54329}"
DIR="${PARLEY_TEST_POSTGRES_DIR:-/tmp/parley-test-postgres-$PORT}"
BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"

if [ -z "$BIN" ] || [ ! -x "$BIN/postgres" ]; then
  echo "PostgreSQL's server is not installed (looked in /usr/lib/postgresql/*/bin). Install it: sudo apt-get install -y postgresql postgresql-contrib" >&2
  exit 1
fi

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then
    su postgres -s /bin/bash -c "$*"
  elif [ "$(id -un)" = "postgres" ]; then
    bash -c "$*"
  else
    # An ordinary user may run a cluster of their own.
    bash -c "$*"
  fi
}

case "${1:-}" in
  start)
    if [ -f "$DIR/postmaster.pid" ] && as_postgres "'$BIN/pg_ctl' -D '$DIR' status" >/dev/null 2>&1; then
      echo "postgres://parley:parley@127.0.0.1:$PORT/postgres"
      exit 0
    fi
    rm -rf "$DIR"
    mkdir -p "$DIR"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$DIR"
    as_postgres "'$BIN/initdb' -D '$DIR' -A trust -U parley -E UTF8 --locale=C.UTF-8 >'$DIR.initdb.log' 2>&1" || {
      cat "$DIR.initdb.log" >&2
      exit 1
    }
    # Tuned for throwaway test data on a small machine: nothing needs to survive a crash.
    as_postgres "'$BIN/pg_ctl' -D '$DIR' -l '$DIR/server.log' -w -o \"-h 127.0.0.1 -p $PORT -k '$DIR' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300\" start >/dev/null"
    echo "postgres://parley:parley@127.0.0.1:$PORT/postgres"
    ;;
  stop)
    if [ -d "$DIR" ]; then
      as_postgres "'$BIN/pg_ctl' -D '$DIR' -m immediate stop" >/dev/null 2>&1 || true
      rm -rf "$DIR" "$DIR.initdb.log"
    fi
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
