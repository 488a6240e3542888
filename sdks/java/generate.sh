#!/usr/bin/env bash
# Regenerates sdks/java/src/main/java/dev/payrail/api from the committed openapi.json with OpenAPI Generator's `java`
# generator, library `native` (java.net.http) with Jackson. `--check` regenerates into a scratch folder and fails when
# the committed code differs. The jar comes from Maven Central into .ci/cache (git-ignored). Nothing here touches the
# hand-written layer (the other files of src/main/java/dev/payrail), the pom or the tests.
set -euo pipefail
SDK_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$SDK_DIR/../.." && pwd)"
CACHE="${CI_CACHE:-$ROOT/.ci/cache}"
GENERATOR_VERSION=7.25.0
JAR="$CACHE/openapi-generator-cli-$GENERATOR_VERSION.jar"
JAR_URL="https://repo1.maven.org/maven2/org/openapitools/openapi-generator-cli/$GENERATOR_VERSION/openapi-generator-cli-$GENERATOR_VERSION.jar"
GENERATED="src/main/java/dev/payrail/api"
# The artifact's version follows the API's (info.version of openapi.json); the pom must say the same.
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
# Two shapes the Java generator turns into code that does not compile, rewritten into equivalent schemas in a scratch
# copy of the document (openapi.json itself is untouched): an anyOf of bare types covering objects and arrays ("any
# JSON value", a request log's bodies) becomes the untyped schema, which Java reads as Object (the generator writes
# `List<Object>.class` for it); a number enum whose values are all whole becomes an integer enum (it writes
# `BigDecimal.valueOf(new BigDecimal("422"))` for it).
python3 - "$ROOT/openapi.json" "$SCRATCH/openapi.json" <<'PY'
import json
import sys

def any_json_value(schema):
    members = schema.get("anyOf")
    if not isinstance(members, list) or not members:
        return False
    if not all(isinstance(m, dict) and set(m) <= {"type", "items"} and "type" in m for m in members):
        return False
    return {"object", "array"} <= {m["type"] for m in members}

def rewrite(node):
    if isinstance(node, list):
        return [rewrite(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: rewrite(value) for key, value in node.items()}
    if any_json_value(node):
        del node["anyOf"]
    enum = node.get("enum")
    if node.get("type") == "number" and isinstance(enum, list) and enum and all(isinstance(v, int) and not isinstance(v, bool) for v in enum):
        node["type"] = "integer"
    return node

with open(sys.argv[1], encoding="utf-8") as source:
    document = json.load(source)
with open(sys.argv[2], "w", encoding="utf-8") as target:
    json.dump(rewrite(document), target, indent=2)
PY

# openApiNullable=false and annotationLibrary=none keep jackson-databind-nullable and swagger annotations out of the
# dependency set.
java -jar "$JAR" generate --input-spec "$SCRATCH/openapi.json" --generator-name java --library native --output "$SCRATCH/out" \
  --global-property apis,models,supportingFiles,apiTests=false,modelTests=false,apiDocs=false,modelDocs=false \
  --additional-properties "groupId=dev.payrail,artifactId=payrail-java,artifactVersion=$API_VERSION,invokerPackage=dev.payrail.api,apiPackage=dev.payrail.api.operations,modelPackage=dev.payrail.api.models,openApiNullable=false,annotationLibrary=none,hideGenerationTimestamp=true,useJakartaEe=true,serializationLibrary=jackson" \
  >"$SCRATCH/generator.log" 2>&1 || { tail -n 40 "$SCRATCH/generator.log" >&2; exit 1; }

POM_VERSION="$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$SDK_DIR/pom.xml" | head -n 1)"
if [ "$POM_VERSION" != "$API_VERSION" ]; then
  echo "sdks/java/pom.xml says version $POM_VERSION but openapi.json's info.version is $API_VERSION" >&2
  exit 1
fi

# Only the package is kept: the pom, README and tests of the SDK are hand-written beside it.
if [ "${1:-}" = "--check" ]; then
  if diff -r -q "$SCRATCH/out/$GENERATED" "$SDK_DIR/$GENERATED"; then
    echo "sdks/java/$GENERATED is up to date with openapi.json"
  else
    echo "sdks/java/$GENERATED is stale against openapi.json: run sdks/java/generate.sh and commit the result" >&2
    exit 1
  fi
else
  rm -rf "${SDK_DIR:?}/$GENERATED"
  mkdir -p "$(dirname "$SDK_DIR/$GENERATED")"
  cp -r "$SCRATCH/out/$GENERATED" "$SDK_DIR/$GENERATED"
  echo "regenerated sdks/java/$GENERATED (API $API_VERSION, openapi-generator $GENERATOR_VERSION)"
fi
