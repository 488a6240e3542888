#!/usr/bin/env bash
# The TypeScript SDK (sdks/typescript): fails when its generated code is stale against openapi.json (OpenAPI
# Generator's CLI jar from Maven Central, cached in $CI_CACHE), compiles it, and runs its tests (node's test runner)
# against the embedded platform (PGlite + in-process transport) started here on a free loopback port with its
# sandbox credentials. Needs `npm run build` first. Exits non-zero on any failure; the platform is stopped on every
# exit. Its log: $CI_WORK/sdk-typescript/platform.log.
set -euo pipefail
# shellcheck source=.ci/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$CI_ROOT"

SDK="$CI_ROOT/sdks/typescript"
WORK="$CI_WORK/sdk-typescript"
rm -rf "$WORK" "$SDK/dist"
mkdir -p "$WORK" "$CI_CACHE"
export CI_CACHE

command -v java >/dev/null 2>&1 || ci_apt_install openjdk-17-jre-headless
ci_log "checking sdks/typescript/src/generated against openapi.json"
timeout -k 5 120 node "$SDK/scripts/generate.mjs" --check

ci_log "compiling the SDK and its tests"
timeout -k 5 120 "$CI_ROOT/node_modules/.bin/tsc" -p "$SDK/tsconfig.json"

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

# payment_creation at 30 a minute (a bucket of 30, one back every 2 s): the rate-limit test empties a key's bucket
# and sees the SDK wait out Retry-After; every other class keeps the documented table.
env -u DATABASE_URL -u KAFKA_BROKERS -u KAFKA_NAMESPACE -u PAYRAIL_REDIS_URL \
  PORT=0 HOST=127.0.0.1 PAYRAIL_DATA_DIR="$WORK/data" PAYRAIL_RATE_LIMITS="payment_creation=30" LOG_LEVEL=warn \
  node dist/apps/platform/src/main.js >"$WORK/platform.log" 2>&1 &
PLATFORM_PID=$!

for _ in $(seq 1 240); do
  [ -s "$WORK/data/runtime.json" ] && [ -s "$WORK/data/sandbox-credentials.json" ] && break
  kill -0 "$PLATFORM_PID" 2>/dev/null || { platform_log 60; ci_die "the platform exited before it was up"; }
  sleep 0.5
done
[ -s "$WORK/data/runtime.json" ] || { platform_log 60; ci_die "the platform did not come up in 120 s"; }
ci_log "platform up (pid $PLATFORM_PID); running the SDK's tests"

rc=0
(cd "$SDK" && PAYRAIL_SDK_TEST_DATA_DIR="$WORK/data" timeout -k 10 150 \
  node --test --test-concurrency=1 --test-reporter=spec --test-timeout=60000 dist/test/*.test.js) || rc=$?
if [ "$rc" -ne 0 ]; then
  echo "the TypeScript SDK's tests failed (exit $rc); the platform's last lines:"
  platform_log 40
fi
exit "$rc"
