#!/usr/bin/env bash
# Start a private PostgreSQL server for the tests and print its connection URL.
#
#   eval "$(bash .ci/start_postgres.sh)"   # sets NPS_ID_TEST_POSTGRES_URL and NPS_ID_TEST_POSTGRES_DIR
#
# Installs Debian's `postgresql` when no server binaries are found, makes a
# throw-away cluster in a temporary folder (initdb as the `postgres` user when
# run as root), listens on 127.0.0.1 only, and creates a superuser `nps_admin`
# with database `nps_test`.  Stop it with: pg_ctl -D "$NPS_ID_TEST_POSTGRES_DIR/data" stop
set -euo pipefail

find_bin() {
  for dir in /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/initdb" ]; then echo "$dir"; return 0; fi
  done
  return 1
}

if ! BIN=$(find_bin); then
  export DEBIAN_FRONTEND=noninteractive
  (apt-get update -qq && apt-get install -y -qq postgresql) >&2
  BIN=$(find_bin)
fi

PORT=${NPS_ID_TEST_POSTGRES_PORT:-54329}
DIR=$(mktemp -d /tmp/nps-id-pg.XXXXXX)
chmod 755 "$DIR"
PASSWORD=nps_admin_pw

as_pg() {
  if [ "$(id -u)" = "0" ]; then
    chown -R postgres:postgres "$DIR"
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

as_pg "$BIN/initdb" -D "$DIR/data" -U postgres -A trust --no-sync >&2
as_pg "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
  -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >&2
as_pg "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -q >&2 <<SQL
CREATE ROLE nps_admin LOGIN SUPERUSER PASSWORD '$PASSWORD';
CREATE DATABASE nps_test OWNER nps_admin;
SQL

echo "export NPS_ID_TEST_POSTGRES_URL='postgresql://nps_admin:$PASSWORD@127.0.0.1:$PORT/nps_test'"
echo "export NPS_ID_TEST_POSTGRES_DIR='$DIR'"
echo "export NPS_ID_TEST_POSTGRES_BIN='$BIN'"
