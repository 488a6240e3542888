#!/usr/bin/env bash
# The TypeScript SDK (sdks/typescript): fails when its generated code is stale against openapi.json (OpenAPI
# Generator's CLI jar from Maven Central, cached in $CI_CACHE), compiles it, and runs its tests (node's test runner)
# against the embedded platform (PGlite + in-process transport) started here on a free loopback port with its
# sandbox credentials. Needs `npm run build` first. Exits non-zero on any failure; the platform is stopped on every
# exit. Its log: $CI_WORK/sdk-typescript/platform.log.
set -euo pipefail
# shellcheck source=.ci/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
# shellcheck source=.ci/embedded-platform.sh
source "$(dirname "${BASH_SOURCE[0]}")/embedded-platform.sh"
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

# payment_creation at 30 a minute (a bucket of 30, one back every 2 s): the rate-limit test empties a key's bucket
# and sees the SDK wait out Retry-After; every other class keeps the documented table.
start_platform "$WORK" "payment_creation=30"
ci_log "platform up (pid $PLATFORM_PID); running the SDK's tests"

rc=0
(cd "$SDK" && PAYRAIL_SDK_TEST_DATA_DIR="$WORK/data" timeout -k 10 150 \
  node --test --test-concurrency=1 --test-reporter=spec --test-timeout=60000 dist/test/*.test.js) || rc=$?
if [ "$rc" -ne 0 ]; then
  echo "the TypeScript SDK's tests failed (exit $rc); the platform's last lines:"
  platform_log 40
fi
exit "$rc"
