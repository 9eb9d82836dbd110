#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on 127.0.0.1 for the test run, creates the test database and prints its URL
# (the only line on stdout). Installs Debian's postgresql package when no server binaries are found. Exports nothing.
#   NEWSLEDGER_PG_PORT  port to listen on (default 5432); a server already answering there is reused
#   NEWSLEDGER_PG_DATA  data directory of the throwaway cluster (default /tmp/newsledger-pg)
set -euo pipefail

port="${NEWSLEDGER_PG_PORT:-5432}"
data="${NEWSLEDGER_PG_DATA:-/tmp/newsledger-pg}"
database="newsledger_test"

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

if [ -z "$(pg_bin)" ]; then
  echo "installing postgresql (apt-get)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi
bin="$(pg_bin)"

# initdb and postgres refuse to run as root: the cluster belongs to the postgres user then.
if [ "$(id -u)" = 0 ]; then
  as_owner() { runuser -u postgres -- "$@"; }
else
  as_owner() { "$@"; }
fi

if ! "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
  if [ ! -s "$data/PG_VERSION" ]; then
    mkdir -p "$data"
    [ "$(id -u)" = 0 ] && chown postgres: "$data"
    as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >&2
  fi
  as_owner "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w \
    -o "-h 127.0.0.1 -p $port -k $data -c fsync=off" start >&2
fi

psql=("$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA)
if [ "$("${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = '$database'")" != 1 ]; then
  "${psql[@]}" -c "CREATE DATABASE $database" >&2
fi
echo "postgresql://postgres@127.0.0.1:$port/$database"
