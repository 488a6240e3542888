#!/usr/bin/env bash
# The Java SDK (sdks/java): fails when its generated code is stale against openapi.json, then builds it and runs its
# JUnit 5 suite (`mvn verify`) against the embedded platform (PGlite + in-process transport), started here on a free
# loopback port with its sandbox credentials. Needs `npm run build` first, and Java 17 + Maven. Maven's local
# repository is $CI_CACHE/m2, so the pinned plugins and dependencies are downloaded from Maven Central once. Exits
# non-zero on any failure; the platform is stopped on every exit. Its log: $CI_WORK/sdk-java/platform.log.
set -euo pipefail
# shellcheck source=.ci/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
# shellcheck source=.ci/embedded-platform.sh
source "$(dirname "${BASH_SOURCE[0]}")/embedded-platform.sh"
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

# status_read low enough that the rate-limit test reaches it in about a hundred requests with a fresh key (its
# own bucket), and refills fast enough (2 per second) that Retry-After stays about a second.
start_platform "$WORK" "status_read=120"
URL="$PLATFORM_URL"
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
