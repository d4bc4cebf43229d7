#!/usr/bin/env bash
# Makes a PostgreSQL server present on 127.0.0.1:54329 with role, password and database `payhooks`,
# for the store tests (PAYHOOKS_TEST_PG_URL defaults to postgres://payhooks:payhooks@127.0.0.1:54329/payhooks).
# Idempotent: a server already answering is kept; a stopped one is started; a missing one is created.
# Works on a fresh Debian 12 (installs the `postgresql` package with apt) and on machines that have it.
set -euo pipefail

PORT="${PAYHOOKS_PG_PORT:-54329}"
DATA_DIR="${PAYHOOKS_PG_DIR:-/tmp/payhooks-pg}"
APP_ROLE=payhooks
APP_PASSWORD=payhooks
APP_DB=payhooks
# The server's own superuser; reached only over the unix socket in DATA_DIR (trust), never over TCP.
SUPERUSER=postgres

step() { echo "postgres.sh: $*"; }
fail() { echo "postgres.sh: FAILED: $*" >&2; exit 1; }

# initdb, pg_ctl and postgres live together; Debian keeps them off PATH under /usr/lib/postgresql/<ver>/bin.
find_bin_dir() {
  local initdb_path
  if initdb_path="$(command -v initdb)" && command -v pg_ctl >/dev/null && command -v postgres >/dev/null; then
    dirname "$(readlink -f "$initdb_path")"
    return 0
  fi
  local newest
  newest="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  [[ -n "$newest" && -x "$newest/initdb" ]] || return 1
  echo "$newest"
}

as_root() {
  if [[ "$(id -u)" == 0 ]]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else fail "need root (or sudo) to run: $*"
  fi
}

if ! BIN_DIR="$(find_bin_dir)"; then
  step "PostgreSQL binaries not found; installing the postgresql package with apt-get"
  command -v apt-get >/dev/null || fail "no initdb/pg_ctl and no apt-get; install PostgreSQL and put its bin directory on PATH"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  BIN_DIR="$(find_bin_dir)" || fail "apt-get installed postgresql but initdb was not found under /usr/lib/postgresql/*/bin"
fi
step "using PostgreSQL $("$BIN_DIR/postgres" --version | awk '{print $3}') from $BIN_DIR"

APP_URL="postgres://$APP_ROLE:$APP_PASSWORD@127.0.0.1:$PORT/$APP_DB"
app_can_connect() { PGCONNECT_TIMEOUT=5 "$BIN_DIR/psql" "$APP_URL" -qtAc 'SELECT 1' >/dev/null 2>&1; }

if "$BIN_DIR/pg_isready" -q -h 127.0.0.1 -p "$PORT" && app_can_connect; then
  step "a server on 127.0.0.1:$PORT already accepts $APP_ROLE; nothing to do"
  exit 0
fi

# PostgreSQL refuses to run as root, so root runs it as the `postgres` system user.
if [[ "$(id -u)" == 0 ]]; then
  RUN_USER=postgres
  if ! id "$RUN_USER" >/dev/null 2>&1; then
    step "creating system user $RUN_USER"
    useradd --system --user-group --home-dir /var/lib/postgresql --shell /bin/bash "$RUN_USER"
  fi
  as_server() { runuser -u "$RUN_USER" -- "$@"; }
else
  RUN_USER="$(id -un)"
  as_server() { "$@"; }
fi

if [[ ! -s "$DATA_DIR/PG_VERSION" ]]; then
  step "initdb into $DATA_DIR as $RUN_USER"
  mkdir -p "$DATA_DIR"
  if [[ "$(id -u)" == 0 ]]; then chown "$RUN_USER:" "$DATA_DIR"; fi
  chmod 700 "$DATA_DIR"
  as_server "$BIN_DIR/initdb" -D "$DATA_DIR" -U "$SUPERUSER" -E UTF8 --locale=C \
    --auth-local=trust --auth-host=scram-sha-256 >"$DATA_DIR.initdb.log" 2>&1 \
    || fail "initdb failed; see $DATA_DIR.initdb.log"
fi

if "$BIN_DIR/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
  step "a server already listens on 127.0.0.1:$PORT"
else
  step "starting postgres on 127.0.0.1:$PORT (fsync=off, log $DATA_DIR/server.log)"
  as_server "$BIN_DIR/pg_ctl" -D "$DATA_DIR" -l "$DATA_DIR/server.log" -w -t 60 start -o \
    "-c listen_addresses=127.0.0.1 -p $PORT -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c unix_socket_directories=$DATA_DIR" \
    >/dev/null || fail "pg_ctl start failed; see $DATA_DIR/server.log"
fi

step "waiting until the server accepts connections"
for _ in $(seq 1 60); do
  "$BIN_DIR/pg_isready" -q -h 127.0.0.1 -p "$PORT" && break
  sleep 1
done
"$BIN_DIR/pg_isready" -q -h 127.0.0.1 -p "$PORT" || fail "server on 127.0.0.1:$PORT not ready after 60s; see $DATA_DIR/server.log"

[[ -S "$DATA_DIR/.s.PGSQL.$PORT" ]] \
  || fail "127.0.0.1:$PORT is taken by a server this script did not start (no socket in $DATA_DIR), and it does not accept $APP_URL"
superuser_sql() { "$BIN_DIR/psql" -h "$DATA_DIR" -p "$PORT" -U "$SUPERUSER" -d postgres -v ON_ERROR_STOP=1 -qtAc "$1"; }

if [[ "$(superuser_sql "SELECT 1 FROM pg_roles WHERE rolname = '$APP_ROLE'")" != 1 ]]; then
  step "creating role $APP_ROLE"
  superuser_sql "CREATE ROLE $APP_ROLE LOGIN PASSWORD '$APP_PASSWORD'" >/dev/null
else
  step "role $APP_ROLE exists; resetting its password"
  superuser_sql "ALTER ROLE $APP_ROLE LOGIN PASSWORD '$APP_PASSWORD'" >/dev/null
fi
if [[ "$(superuser_sql "SELECT 1 FROM pg_database WHERE datname = '$APP_DB'")" != 1 ]]; then
  step "creating database $APP_DB owned by $APP_ROLE"
  superuser_sql "CREATE DATABASE $APP_DB OWNER $APP_ROLE" >/dev/null
fi

app_can_connect || fail "the server runs but $APP_ROLE cannot connect to $APP_DB; see $DATA_DIR/server.log"
step "ready: postgres://$APP_ROLE:***@127.0.0.1:$PORT/$APP_DB"
