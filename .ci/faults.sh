#!/usr/bin/env bash
# The fault-injection suite (issue #15, `npm run test:faults`) on both runtimes. The distributed run gets a
# Postgres and a Kafka of its own, started with the usual .ci scripts on other ports and in another work dir,
# because the suite restarts them: CI's shared servers (55432, 59092) are never touched.
#
#   .ci/faults.sh [all]             build, then the embedded run, then the distributed run
#   .ci/faults.sh embedded          the embedded run alone (PGlite + in-process transport)
#   .ci/faults.sh distributed       the distributed run alone (its own Postgres and Kafka, stopped on exit)
#   .ci/faults.sh restart-postgres  restart the suite's Postgres in place, keeping its data (the suite calls this)
#   .ci/faults.sh restart-kafka     restart the suite's Kafka broker in place, keeping its log (the suite calls this)
#
# Ports and work dir: PAYRAIL_FAULTS_PG_PORT (26432), PAYRAIL_FAULTS_KAFKA_PORT (29192),
# PAYRAIL_FAULTS_KAFKA_CONTROLLER_PORT (29193), PAYRAIL_FAULTS_WORK (.ci/work/faults). Below Linux's ephemeral
# range (32768-60999) on purpose: a port there can be taken by any process listening on port 0 or connecting out,
# and once was (Kafka failed to bind 59192, taken by a test's server).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export CI_ROOT="${CI_ROOT:-$(cd "$HERE/.." && pwd)}"
export CI_WORK="${PAYRAIL_FAULTS_WORK:-$CI_ROOT/.ci/work/faults}"
export PAYRAIL_CI_PG_PORT="${PAYRAIL_FAULTS_PG_PORT:-26432}"
export PAYRAIL_CI_KAFKA_PORT="${PAYRAIL_FAULTS_KAFKA_PORT:-29192}"
export PAYRAIL_CI_KAFKA_CONTROLLER_PORT="${PAYRAIL_FAULTS_KAFKA_CONTROLLER_PORT:-29193}"
# shellcheck source=.ci/env.sh
source "$HERE/env.sh"

T_SUITE=420   # the suite is meant to take at most 6 minutes per runtime

case "$PAYRAIL_CI_PG_PORT:$PAYRAIL_CI_KAFKA_PORT:$PAYRAIL_CI_KAFKA_CONTROLLER_PORT" in
  55432:* | *:59092:* | *:59093) ci_die "the fault suite restarts its servers: it must not use CI's shared ports (55432, 59092, 59093)" ;;
esac

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pg_bin() { dirname "$(printf '%s\n' /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -n 1)"; }

# As start-postgres.sh does: the cluster belongs to `postgres` when we are root.
as_pg_owner() {
  if [ "$(id -u)" -ne 0 ]; then (cd / && "$@"); return; fi
  if command -v runuser >/dev/null 2>&1; then (cd / && runuser -u postgres -- "$@")
  else (cd / && su -s /bin/sh postgres -c "$(printf '%q ' "$@")")
  fi
}

restart_postgres() {
  local data
  data="$(cat "$CI_WORK/pg.datadir")"
  ci_log "restarting Postgres ($data)"
  as_pg_owner "$(pg_bin)/pg_ctl" -D "$data" -l "$data/postgres.log" -m fast -w -t 60 restart >/dev/null
  "$(pg_bin)/pg_isready" -q -h 127.0.0.1 -p "$PAYRAIL_CI_PG_PORT" -U postgres -t 30
}

# Stops the broker start-kafka.sh started and starts it again on the same config and log dirs, as that script does.
restart_kafka() {
  local dir="$CI_WORK/kafka" pid
  pid="$(cat "$dir/kafka.pid")"
  ci_log "restarting Kafka (pid $pid)"
  kill -TERM "$pid"
  for _ in $(seq 1 120); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  kill -KILL "$pid" 2>/dev/null || true
  setsid java -Xms512m -Xmx512m -XX:+UseG1GC -Djava.awt.headless=true -cp "$CI_CACHE/kafka-libs/*" \
    -Dlog4j.configuration="file:$dir/log4j.properties" \
    kafka.Kafka "$dir/server.properties" >>"$dir/kafka.log" 2>&1 </dev/null &
  echo $! >"$dir/kafka.pid"
  local deadline=$((SECONDS + 90))
  until port_open "$PAYRAIL_CI_KAFKA_PORT"; do
    [ "$SECONDS" -lt "$deadline" ] || ci_die "Kafka did not open port $PAYRAIL_CI_KAFKA_PORT again in 90s"
    sleep 0.5
  done
}

run_suite() {
  timeout "$T_SUITE" npm run --ignore-scripts test:faults
}

run_embedded() {
  ci_log "fault suite, embedded runtime"
  DATABASE_URL='' KAFKA_BROKERS='' PAYRAIL_FAULTS_RUNTIME=embedded run_suite
}

stop_servers() {
  "$HERE/start-kafka.sh" stop || true
  "$HERE/start-postgres.sh" stop || true
}

run_distributed() {
  mkdir -p "$CI_WORK"
  trap stop_servers EXIT
  "$HERE/start-postgres.sh" start >"$CI_WORK/postgres.env"
  "$HERE/start-kafka.sh" start >"$CI_WORK/kafka.env"
  ci_log "fault suite, distributed runtime (Postgres :$PAYRAIL_CI_PG_PORT, Kafka :$PAYRAIL_CI_KAFKA_PORT)"
  DATABASE_URL="$PAYRAIL_CI_DATABASE_URL" KAFKA_BROKERS="$PAYRAIL_CI_KAFKA_BROKERS" PAYRAIL_FAULTS_RUNTIME=distributed \
    PAYRAIL_FAULTS_CI_SCRIPT="$HERE/faults.sh" run_suite
}

cd "$CI_ROOT"
case "${1:-all}" in
  all) npm run build --silent; run_embedded; run_distributed ;;
  embedded) run_embedded ;;
  distributed) run_distributed ;;
  restart-postgres) restart_postgres ;;
  restart-kafka) restart_kafka ;;
  *) echo "usage: $0 [all|embedded|distributed|restart-postgres|restart-kafka]" >&2; exit 2 ;;
esac
