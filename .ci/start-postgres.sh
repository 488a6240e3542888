#!/usr/bin/env bash
# PostgreSQL for CI, from Debian's packages, on 127.0.0.1:$PAYRAIL_CI_PG_PORT (55432) with trust auth,
# a fresh cluster in .ci/work/pg and one database, payrail (every service has its own schema in it).
#
#   .ci/start-postgres.sh [start]   install if missing, initdb, start, wait, create the database;
#                                   prints DATABASE_URL=... on stdout
#   .ci/start-postgres.sh stop      stop the server this script started (no error if none)
#
# Postgres refuses to run as root: as root the cluster belongs to the `postgres` user (runuser). When that
# user cannot reach .ci/work (a checkout under /root, say), the cluster goes to /tmp instead; the path
# used is written to .ci/work/pg.datadir.
set -euo pipefail
# shellcheck source=.ci/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

DATADIR_FILE="$CI_WORK/pg.datadir"

find_pg_bin() {
  local initdb
  initdb="$(printf '%s\n' /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)"
  [ -x "$initdb" ] && dirname "$initdb"
}

# Runs a command as the cluster's owner: ourselves, or `postgres` when we are root.
as_owner() {
  if [ "$(id -u)" -ne 0 ]; then (cd / && "$@"); return; fi
  if command -v runuser >/dev/null 2>&1; then (cd / && runuser -u postgres -- "$@")
  else (cd / && su -s /bin/sh postgres -c "$(printf '%q ' "$@")")
  fi
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

stop_pg() {
  local bin data
  [ -f "$DATADIR_FILE" ] || return 0
  data="$(cat "$DATADIR_FILE")"
  [ -f "$data/postmaster.pid" ] || return 0
  bin="$(find_pg_bin)" || return 0
  ci_log "stopping Postgres ($data)"
  as_owner "$bin/pg_ctl" -D "$data" -m fast -w -t 30 stop >/dev/null 2>&1 || {
    local pid; pid="$(head -n 1 "$data/postmaster.pid" 2>/dev/null || true)"
    [ -n "$pid" ] && kill -QUIT "$pid" 2>/dev/null || true
  }
  case "$data" in /tmp/payrail-ci-pg-*) rm -rf "$data" ;; esac
}

start_pg() {
  local t0=$SECONDS bin
  bin="$(find_pg_bin || true)"
  if [ -z "$bin" ]; then
    ci_log "PostgreSQL server not installed: installing Debian's postgresql"
    ci_apt_install postgresql
    bin="$(find_pg_bin)" || ci_die "postgresql installed but no /usr/lib/postgresql/*/bin/initdb"
    ci_log "PostgreSQL installed in $((SECONDS - t0))s"
  fi
  local t1=$SECONDS

  stop_pg   # a server left by an earlier run of this checkout
  if port_open "$PAYRAIL_CI_PG_PORT"; then
    ci_die "127.0.0.1:$PAYRAIL_CI_PG_PORT is already taken by another process (set PAYRAIL_CI_PG_PORT)"
  fi

  mkdir -p "$CI_WORK"
  local data="$CI_WORK/pg"
  rm -rf "$data"
  mkdir -p "$data"
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --user-group --no-create-home --shell /usr/sbin/nologin postgres
    chown postgres: "$data"
    if ! as_owner test -w "$data"; then
      rm -rf "$data"
      data="/tmp/payrail-ci-pg-$(printf %s "$CI_ROOT" | md5sum | cut -c1-10)"
      ci_log "user postgres cannot reach $CI_WORK: using $data"
      rm -rf "$data"
      mkdir -p "$data"
      chown postgres: "$data"
    fi
  fi
  chmod 700 "$data"
  printf '%s\n' "$data" >"$DATADIR_FILE"

  as_owner "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C --no-instructions >/dev/null
  cat >>"$data/postgresql.conf" <<CONF

# --- Payrail CI (.ci/start-postgres.sh) ---
listen_addresses = '127.0.0.1'
port = $PAYRAIL_CI_PG_PORT
max_connections = 200
unix_socket_directories = ''      # TCP on loopback only
# A throwaway cluster: no crash safety needed, and tests run faster without the fsyncs.
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
  printf '# Payrail CI: loopback TCP only, no passwords.\nhost all all 127.0.0.1/32 trust\n' >"$data/pg_hba.conf"

  as_owner "$bin/pg_ctl" -D "$data" -l "$data/postgres.log" -w -t 60 start >/dev/null \
    || { ci_tail 40 "$data/postgres.log"; ci_die "Postgres did not start"; }
  "$bin/pg_isready" -q -h 127.0.0.1 -p "$PAYRAIL_CI_PG_PORT" -U postgres -d postgres -t 30 \
    || { ci_tail 40 "$data/postgres.log"; ci_die "Postgres is not accepting connections"; }
  "$bin/createdb" -h 127.0.0.1 -p "$PAYRAIL_CI_PG_PORT" -U postgres "$PAYRAIL_CI_PG_DB"
  local version
  version="$("$bin/psql" -h 127.0.0.1 -p "$PAYRAIL_CI_PG_PORT" -U postgres -d "$PAYRAIL_CI_PG_DB" -tAc 'show server_version')"
  ci_log "Postgres $version ready on 127.0.0.1:$PAYRAIL_CI_PG_PORT (data $data) in $((SECONDS - t1))s"
  echo "DATABASE_URL=$PAYRAIL_CI_DATABASE_URL"
}

case "${1:-start}" in
  start) start_pg ;;
  stop) stop_pg ;;
  *) echo "usage: $0 [start|stop]" >&2; exit 2 ;;
esac
