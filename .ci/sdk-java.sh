#!/usr/bin/env bash
# The Java SDK (sdks/java): fails when its generated code is stale against openapi.json, then builds it and runs its
# JUnit 5 suite (`mvn verify`) against the embedded platform (PGlite + in-process transport), started here on a free
# loopback port with its sandbox credentials. Needs `npm run build` first, and Java 17 + Maven. Maven's local
# repository is $CI_CACHE/m2, so the pinned plugins and dependencies are downloaded from Maven Central once. Exits
# non-zero on any failure; the platform is stopped on every exit. Its log: $CI_WORK/sdk-java/platform.log.
set -euo pipefail
# shellcheck source=.ci/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$CI_ROOT"

WORK="$CI_WORK/sdk-java"
rm -rf "$WORK"
mkdir -p "$WORK"
command -v mvn >/dev/null || ci_die "mvn not found (Debian: apt-get install maven)"

ci_log "checking sdks/java/src/main/java/dev/payrail/api against openapi.json"
timeout 300 sdks/java/generate.sh --check

MVN=(mvn -B -q -Dmaven.repo.local="$CI_CACHE/m2" -f sdks/java/pom.xml)
# Compiled first, and its dependencies resolved, before the platform is started: a download is not a test's time.
ci_log "compiling sdks/java (Maven repository $CI_CACHE/m2)"
timeout 600 "${MVN[@]}" test-compile

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
ci_log "platform up at $URL (pid $PLATFORM_PID); running the Java SDK's tests"

rc=0
PAYRAIL_URL="$URL" PAYRAIL_SANDBOX_CREDENTIALS="$WORK/data/sandbox-credentials.json" \
  timeout -k 10 300 "${MVN[@]}" verify || rc=$?
# Maven runs quietly: the test runner's summary, from surefire's reports.
# shellcheck disable=SC2016 # JavaScript template literals, not shell expansions
node -e '
  const fs = require("fs"); const dir = process.argv[1]; let tests = 0, failures = 0, errors = 0, skipped = 0;
  for (const file of fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => name.endsWith(".xml")) : []) {
    const suite = /<testsuite[^>]*>/.exec(fs.readFileSync(`${dir}/${file}`, "utf8"))?.[0] ?? "";
    const count = (name) => Number(new RegExp(` ${name}="(\\d+)"`).exec(suite)?.[1] ?? 0);
    tests += count("tests"); failures += count("failures"); errors += count("errors"); skipped += count("skipped");
  }
  console.log(`Java SDK tests: ${tests} run, ${failures} failed, ${errors} errors, ${skipped} skipped`);
' sdks/java/target/surefire-reports
if [ "$rc" -ne 0 ]; then
  echo "the Java SDK's tests failed (exit $rc)"
  for report in sdks/java/target/surefire-reports/*.txt; do
    [ -f "$report" ] && grep -q -E 'FAILURE|ERROR' "$report" && cat "$report"
  done
  platform_log 40
fi
exit "$rc"
