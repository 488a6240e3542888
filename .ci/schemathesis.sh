#!/usr/bin/env bash
# Schemathesis (PyPI, pinned) over the committed openapi.json against the embedded platform (PGlite + in-process
# transport), started here on a free loopback port with its sandbox credentials: no 5xx on any input, and every
# response matches the schema documented for its status. Needs `npm run build` first. Exits non-zero on any
# failure; the platform is stopped on every exit. Its log: $CI_WORK/schemathesis/platform.log.
set -euo pipefail
# shellcheck source=.ci/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
# shellcheck source=.ci/embedded-platform.sh
source "$(dirname "${BASH_SOURCE[0]}")/embedded-platform.sh"
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

# Limits far above the budget: the run is about answers, not about being refused (429s are documented anyway).
limits=""
for class in payment_creation mpesa_initiation status_read default unauthenticated failed_authentication; do limits="$limits${limits:+,}$class=1000000"; done
start_platform "$WORK" "$limits"
URL="$PLATFORM_URL"
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
