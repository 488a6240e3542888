#!/usr/bin/env bash
# The Python SDK (sdks/python): fails when its generated code is stale against openapi.json, then runs its pytest
# suite against the embedded platform (PGlite + in-process transport), started here on a free loopback port with its
# sandbox credentials, after a strict mypy of the hand-written layer. Needs `npm run build` first, and Java 17 for the generator. Pytest and the SDK's dependencies
# are installed, pinned, into a venv under .ci/cache. Exits non-zero on any failure; the platform is stopped on every
# exit. Its log: $CI_WORK/sdk-python/platform.log.
set -euo pipefail
# shellcheck source=.ci/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$CI_ROOT"

# Pinned: what the suite last passed with (pyproject.toml gives the ranges users get).
PYTHON_DEPS=(pytest==8.3.4 mypy==1.15.0 urllib3==2.8.0 pydantic==2.14.4 python-dateutil==2.9.0.post0 typing-extensions==4.16.0 websockets==17.4)
VENV="$CI_CACHE/sdk-python-venv"
WORK="$CI_WORK/sdk-python"
rm -rf "$WORK"
mkdir -p "$WORK"

ci_log "checking sdks/python/payrail_api against openapi.json"
timeout 300 sdks/python/generate.sh --check

if [ ! -f "$VENV/.deps" ] || [ "$(cat "$VENV/.deps")" != "${PYTHON_DEPS[*]}" ]; then
  ci_log "installing ${PYTHON_DEPS[*]} into $VENV"
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "${PYTHON_DEPS[@]}"
  echo "${PYTHON_DEPS[*]}" >"$VENV/.deps"
fi
# The SDK itself, from the working tree, as a user installs it (without re-resolving its pinned dependencies).
"$VENV/bin/pip" install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e sdks/python >/dev/null 2>&1 \
  || "$VENV/bin/pip" install --quiet --disable-pip-version-check --no-deps -e sdks/python

# The hand-written layer and the tests type-check strictly against the generated package (py.typed is shipped).
ci_log "mypy --strict on sdks/python/payrail and its tests"
(cd sdks/python && timeout 300 "$VENV/bin/mypy" --strict --implicit-reexport --follow-imports=silent payrail tests)

PLATFORM_PID=""
# shellcheck disable=SC2329  # invoked by the EXIT trap
stop_platform() {
  if [ -n "$PLATFORM_PID" ] && kill -0 "$PLATFORM_PID" 2>/dev/null; then
    kill -TERM "$PLATFORM_PID"
    for _ in $(seq 1 50); do kill -0 "$PLATFORM_PID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$PLATFORM_PID" 2>/dev/null || true
  fi
}
trap stop_platform EXIT
platform_log() { echo "----- last $1 lines of the platform's log -----"; grep -vE '^ +(secret_key|publishable_key|client_secret|password|signing_secret) ' "$WORK/platform.log" | grep -v 'Try: curl' | tail -n "$1"; }

# status_read low enough that the rate-limit test reaches it in about a hundred requests with a fresh key (its
# own bucket), and refills fast enough (2 per second) that Retry-After stays about a second.
env -u DATABASE_URL -u KAFKA_BROKERS -u KAFKA_NAMESPACE -u PAYRAIL_REDIS_URL \
  PORT=0 HOST=127.0.0.1 PAYRAIL_DATA_DIR="$WORK/data" PAYRAIL_RATE_LIMITS="status_read=120" LOG_LEVEL=warn \
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
ci_log "platform up at $URL (pid $PLATFORM_PID); running the Python SDK's tests"

rc=0
cd "$CI_ROOT/sdks/python"
PAYRAIL_URL="$URL" PAYRAIL_SANDBOX_CREDENTIALS="$WORK/data/sandbox-credentials.json" \
  timeout -k 10 180 "$VENV/bin/python" -m pytest -p no:cacheprovider -q -rA --junitxml "$WORK/junit.xml" || rc=$?
if [ "$rc" -ne 0 ]; then
  echo "the Python SDK's tests failed (exit $rc)"
  platform_log 40
fi
exit "$rc"
