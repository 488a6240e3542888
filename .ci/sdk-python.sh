#!/usr/bin/env bash
# The Python SDK (sdks/python): fails when its generated code is stale against openapi.json, then runs its pytest
# suite against the embedded platform (PGlite + in-process transport), started here on a free loopback port with its
# sandbox credentials, after a strict mypy of the hand-written layer. Needs `npm run build` first, and Java 17 for the generator. Pytest and the SDK's dependencies
# are installed, pinned, into a venv under .ci/cache. Exits non-zero on any failure; the platform is stopped on every
# exit. Its log: $CI_WORK/sdk-python/platform.log.
set -euo pipefail
# shellcheck source=.ci/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
# shellcheck source=.ci/embedded-platform.sh
source "$(dirname "${BASH_SOURCE[0]}")/embedded-platform.sh"
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

# status_read low enough that the rate-limit test reaches it in about a hundred requests with a fresh key (its
# own bucket), and refills fast enough (2 per second) that Retry-After stays about a second.
start_platform "$WORK" "status_read=120"
URL="$PLATFORM_URL"
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
