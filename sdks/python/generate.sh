#!/usr/bin/env bash
# Regenerates sdks/python/payrail_api from the committed openapi.json with OpenAPI Generator's `python` generator
# (pydantic v2, urllib3). `--check` regenerates into a scratch folder and fails when the committed code differs.
# The jar comes from Maven Central into .ci/cache (git-ignored). Nothing here touches the hand-written `payrail/`.
set -euo pipefail
SDK_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$SDK_DIR/../.." && pwd)"
CACHE="${CI_CACHE:-$ROOT/.ci/cache}"
GENERATOR_VERSION=7.25.0
JAR="$CACHE/openapi-generator-cli-$GENERATOR_VERSION.jar"
JAR_URL="https://repo1.maven.org/maven2/org/openapitools/openapi-generator-cli/$GENERATOR_VERSION/openapi-generator-cli-$GENERATOR_VERSION.jar"
# The package's version follows the API's (info.version of openapi.json).
API_VERSION="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["info"]["version"])' "$ROOT/openapi.json")"

if [ ! -s "$JAR" ]; then
  mkdir -p "$CACHE"
  echo "downloading openapi-generator-cli $GENERATOR_VERSION into $CACHE" >&2
  curl -sSfL -o "$JAR.part" "$JAR_URL"
  curl -sSfL "$JAR_URL.sha1" | awk '{print $1"  '"$JAR.part"'"}' | sha1sum -c --quiet -
  mv "$JAR.part" "$JAR"
fi

SCRATCH="$(mktemp -d)"
trap 'rm -rf "$SCRATCH"' EXIT
java -jar "$JAR" generate --input-spec "$ROOT/openapi.json" --generator-name python --output "$SCRATCH/out" \
  --global-property apis,models,supportingFiles,apiTests=false,modelTests=false,apiDocs=false,modelDocs=false \
  --additional-properties "packageName=payrail_api,projectName=payrail-api,packageVersion=$API_VERSION,library=urllib3,hideGenerationTimestamp=true" \
  >"$SCRATCH/generator.log" 2>&1 || { tail -n 40 "$SCRATCH/generator.log" >&2; exit 1; }
# Only the package is kept: packaging, README and tests of the SDK are hand-written beside it.
find "$SCRATCH/out/payrail_api" -name '__pycache__' -prune -exec rm -rf {} +

if [ "${1:-}" = "--check" ]; then
  if diff -r -q "$SCRATCH/out/payrail_api" "$SDK_DIR/payrail_api" -x __pycache__; then
    echo "sdks/python/payrail_api is up to date with openapi.json"
  else
    echo "sdks/python/payrail_api is stale against openapi.json: run sdks/python/generate.sh and commit the result" >&2
    exit 1
  fi
else
  rm -rf "$SDK_DIR/payrail_api"
  cp -r "$SCRATCH/out/payrail_api" "$SDK_DIR/payrail_api"
  echo "regenerated sdks/python/payrail_api (API $API_VERSION, openapi-generator $GENERATOR_VERSION)"
fi
