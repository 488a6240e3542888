#!/usr/bin/env bash
# Redis for CI, from Debian's redis-server: the store the edge replicas share their rate limits through.
#
#   .ci/start-redis.sh install   install redis-server if missing (the Redis specs start their own servers)
#   .ci/start-redis.sh [start]   install if missing, start on the first free loopback port from
#                                $PAYRAIL_CI_REDIS_PORT (56379), nothing persisted; prints PAYRAIL_REDIS_URL=...
#   .ci/start-redis.sh stop      stop the server this script started (no error if none)
set -euo pipefail
# shellcheck source=.ci/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

PID_FILE="$CI_WORK/redis.pid"
FIRST_PORT="${PAYRAIL_CI_REDIS_PORT:-56379}"

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

install_redis() {
  command -v redis-server >/dev/null 2>&1 && return 0
  local t0=$SECONDS
  ci_log "redis-server not installed: installing Debian's redis-server"
  ci_apt_install redis-server
  command -v redis-server >/dev/null 2>&1 || ci_die "redis-server installed but not on PATH"
  ci_log "redis-server installed in $((SECONDS - t0))s"
}

stop_redis() {
  [ -f "$PID_FILE" ] || return 0
  local pid; pid="$(cat "$PID_FILE")"
  if kill -0 "$pid" 2>/dev/null; then
    ci_log "stopping Redis (pid $pid)"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f "$PID_FILE"
}

start_redis() {
  install_redis
  stop_redis   # a server left by an earlier run of this checkout
  local port=$FIRST_PORT
  while port_open "$port"; do port=$((port + 1)); done
  mkdir -p "$CI_WORK"
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --pidfile "$PID_FILE" --logfile "$CI_WORK/redis.log" --dir "$CI_WORK"
  for _ in $(seq 1 100); do port_open "$port" && break; sleep 0.1; done
  port_open "$port" || { ci_tail 40 "$CI_WORK/redis.log"; ci_die "Redis did not start on 127.0.0.1:$port"; }
  ci_log "Redis $(redis-server --version | grep -o 'v=[0-9.]*') ready on 127.0.0.1:$port"
  echo "PAYRAIL_REDIS_URL=redis://127.0.0.1:$port"
}

case "${1:-start}" in
  install) install_redis ;;
  start) start_redis ;;
  stop) stop_redis ;;
  *) echo "usage: $0 [install|start|stop]" >&2; exit 2 ;;
esac
