#!/usr/bin/env bash
# Schemathesis (PyPI, pinned) over the committed openapi.json against the embedded platform (PGlite + in-process
# transport), started here on a free loopback port with its sandbox credentials: no 5xx on any input, and every
# response matches the schema documented for its status. Needs `npm run build` first. Exits non-zero on any
# failure; the platform is stopped on every exit. Its log: $CI_WORK/schemathesis/platform.log.
set -euo pipefail
# shellcheck source=.ci/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$CI_ROOT"

SCHEMATHESIS_VERSION=4.32.5
# The fuzzing budget: examples per operation and a bound on the whole run (well under the stage's 5 minutes).
MAX_EXAMPLES="${PAYRAIL_SCHEMATHESIS_MAX_EXAMPLES:-10}"
MAX_SECONDS="${PAYRAIL_SCHEMATHESIS_MAX_SECONDS:-180}"
VENV="$CI_CACHE/schemathesis-$SCHEMATHESIS_VERSION"
WORK="$CI_WORK/schemathesis"
rm -rf "$WORK"
mkdir -p "$WORK"

if [ ! -x "$VENV/bin/schemathesis" ]; then
  ci_log "installing schemathesis==$SCHEMATHESIS_VERSION into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi

PLATFORM_PID=""
# shellcheck disable=SC2329 # called by the EXIT trap below
stop_platform() {
  if [ -n "$PLATFORM_PID" ] && kill -0 "$PLATFORM_PID" 2>/dev/null; then
    kill -TERM "$PLATFORM_PID"
    for _ in $(seq 1 50); do kill -0 "$PLATFORM_PID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$PLATFORM_PID" 2>/dev/null || true
  fi
}
trap stop_platform EXIT
# The platform's log, without the throwaway sandbox credentials its banner prints.
platform_log() { echo "----- last $1 lines of the platform's log -----"; grep -vE '^ +(secret_key|publishable_key|client_secret|password|signing_secret) ' "$WORK/platform.log" | grep -v 'Try: curl' | tail -n "$1"; }

# Limits far above the budget: the run is about answers, not about being refused (429s are documented anyway).
limits=""
for class in payment_creation mpesa_initiation status_read default unauthenticated failed_authentication; do limits="$limits${limits:+,}$class=1000000"; done
env -u DATABASE_URL -u KAFKA_BROKERS -u KAFKA_NAMESPACE -u PAYRAIL_REDIS_URL \
  PORT=0 HOST=127.0.0.1 PAYRAIL_DATA_DIR="$WORK/data" PAYRAIL_RATE_LIMITS="$limits" LOG_LEVEL=warn \
  node dist/apps/platform/src/main.js >"$WORK/platform.log" 2>&1 &
PLATFORM_PID=$!

for _ in $(seq 1 240); do
  [ -s "$WORK/data/runtime.json" ] && [ -s "$WORK/data/sandbox-credentials.json" ] && break
  kill -0 "$PLATFORM_PID" 2>/dev/null || { platform_log 60; ci_die "the platform exited before it was up"; }
  sleep 0.5
done
[ -s "$WORK/data/runtime.json" ] || { platform_log 60; ci_die "the platform did not come up in 120 s"; }
read_json() { node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))[process.argv[2]])' "$1" "$2"; }
URL="$(read_json "$WORK/data/runtime.json" url)"
SECRET_KEY="$(read_json "$WORK/data/sandbox-credentials.json" secret_key)"
ci_log "platform up at $URL (pid $PLATFORM_PID); schemathesis $SCHEMATHESIS_VERSION, $MAX_EXAMPLES examples per operation, at most ${MAX_SECONDS}s"

rc=0
# From the work folder: Schemathesis keeps a cache of the failures it found (.schemathesis/) where it runs.
cd "$WORK"
timeout -k 10 "$((MAX_SECONDS + 60))" "$VENV/bin/schemathesis" run "$CI_ROOT/openapi.json" \
  --url "$URL" \
  --header "Authorization: Bearer $SECRET_KEY" \
  --checks not_a_server_error,response_schema_conformance \
  --max-examples "$MAX_EXAMPLES" \
  --max-time "$MAX_SECONDS" \
  --phases examples,coverage,fuzzing \
  --workers 2 \
  --seed 14 \
  --generation-database none \
  --suppress-health-check all \
  --request-timeout 20 \
  --no-color \
  --report junit --report-dir "$WORK/report" || rc=$?
if [ "$rc" -ne 0 ]; then
  echo "schemathesis failed (exit $rc); the platform's last lines:"
  platform_log 40
fi
exit "$rc"
