# shellcheck shell=bash disable=SC2034  # (a library: PLATFORM_URL is read by the scripts that source it)
# Sourced by the stages that run a suite against the embedded platform (Schemathesis and the SDKs' suites), after
# .ci/env.sh and `npm run build`. start_platform WORK RATE_LIMITS starts dist/apps/platform/src/main.js on a free
# loopback port (PGlite + in-process transport, whatever the caller's environment names) with its data in WORK/data,
# its log in WORK/platform.log and PAYRAIL_RATE_LIMITS=RATE_LIMITS; waits until it has written its URL and sandbox
# credentials; sets PLATFORM_PID and PLATFORM_URL; and stops it when the script exits.

PLATFORM_PID=""
PLATFORM_URL=""
PLATFORM_WORK=""

# shellcheck disable=SC2329 # called by the EXIT trap start_platform sets
stop_platform() {
  if [ -n "$PLATFORM_PID" ] && kill -0 "$PLATFORM_PID" 2>/dev/null; then
    kill -TERM "$PLATFORM_PID"
    for _ in $(seq 1 50); do kill -0 "$PLATFORM_PID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$PLATFORM_PID" 2>/dev/null || true
  fi
}

# The platform's log, without the throwaway sandbox credentials its banner prints.
platform_log() {
  echo "----- last $1 lines of the platform's log -----"
  grep -vE '^ +(secret_key|publishable_key|client_secret|password|signing_secret) ' "$PLATFORM_WORK/platform.log" | grep -v 'Try: curl' | tail -n "$1"
}

# read_json FILE KEY: one top-level value of a JSON file.
read_json() { node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))[process.argv[2]])' "$1" "$2"; }

start_platform() {
  PLATFORM_WORK="$1"
  trap stop_platform EXIT
  env -u DATABASE_URL -u KAFKA_BROKERS -u KAFKA_NAMESPACE -u PAYRAIL_REDIS_URL \
    PORT=0 HOST=127.0.0.1 PAYRAIL_DATA_DIR="$PLATFORM_WORK/data" PAYRAIL_RATE_LIMITS="$2" LOG_LEVEL=warn \
    node --max-semi-space-size=32 dist/apps/platform/src/main.js >"$PLATFORM_WORK/platform.log" 2>&1 &
  PLATFORM_PID=$!
  for _ in $(seq 1 240); do
    [ -s "$PLATFORM_WORK/data/runtime.json" ] && [ -s "$PLATFORM_WORK/data/sandbox-credentials.json" ] && break
    kill -0 "$PLATFORM_PID" 2>/dev/null || { platform_log 60; ci_die "the platform exited before it was up"; }
    sleep 0.5
  done
  [ -s "$PLATFORM_WORK/data/runtime.json" ] || { platform_log 60; ci_die "the platform did not come up in 120 s"; }
  PLATFORM_URL="$(read_json "$PLATFORM_WORK/data/runtime.json" url)"
}
