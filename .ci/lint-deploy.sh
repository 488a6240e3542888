#!/usr/bin/env bash
# Lints the deployment files offline:
#   docker/Dockerfile         hadolint
#   docker/compose.yaml       dclint (Compose-spec schema and its error rules)
#   k8s/ (base, overlays)     kustomize build, then kubernetes-validate --strict on what it renders
#   k8s/secret.example.yaml   kubernetes-validate --strict (it is in no kustomization)
#   k8s/observability/        dashboard JSON and alert rules parse; every expression names a metric Payrail exports
#   .ci/*.sh, .ci/run         shellcheck
# Tools go to .ci/cache (git-ignored) once: a Python venv from .ci/lint-tools/requirements.txt, dclint from
# .ci/lint-tools/package-lock.json, kustomize built by `go install`. Reruns only check the stamps.
set -euo pipefail
# shellcheck source=.ci/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$CI_ROOT"

TOOLS="$CI_ROOT/.ci/lint-tools"
VENV="$CI_CACHE/deploy-venv"
NODE_TOOLS="$CI_CACHE/lint-node"
BIN="$CI_CACHE/bin"
KUSTOMIZE_VERSION=v5.8.1
K8S_VERSION=1.33   # the oldest Kubernetes these manifests are meant for
failures=()

stamp() { cat "$@" | sha256sum | cut -d' ' -f1; }

install_venv() {
  local want; want="$(stamp "$TOOLS/requirements.txt")"
  [ -x "$VENV/bin/python" ] && [ "$(cat "$VENV/.stamp" 2>/dev/null)" = "$want" ] && return
  ci_log "installing hadolint, kubernetes-validate and shellcheck into ${VENV#"$CI_ROOT"/}"
  rm -rf "$VENV"
  python3 -m venv "$VENV" 2>/dev/null || { ci_apt_install python3-venv; python3 -m venv "$VENV"; }
  "$VENV/bin/pip" install -q --disable-pip-version-check -r "$TOOLS/requirements.txt"
  echo "$want" >"$VENV/.stamp"
}

install_dclint() {
  local want; want="$(stamp "$TOOLS/package.json" "$TOOLS/package-lock.json")"
  [ -x "$NODE_TOOLS/node_modules/.bin/dclint" ] && [ "$(cat "$NODE_TOOLS/.stamp" 2>/dev/null)" = "$want" ] && return
  ci_log "installing dclint into ${NODE_TOOLS#"$CI_ROOT"/}"
  rm -rf "$NODE_TOOLS"
  mkdir -p "$NODE_TOOLS"
  cp "$TOOLS/package.json" "$TOOLS/package-lock.json" "$NODE_TOOLS/"
  (cd "$NODE_TOOLS" && npm ci --silent --no-audit --no-fund)
  echo "$want" >"$NODE_TOOLS/.stamp"
}

# Prints the kustomize to use, or nothing when none can be had (no Go toolchain).
install_kustomize() {
  if [ -x "$BIN/kustomize" ] && "$BIN/kustomize" version 2>/dev/null | grep -qx "$KUSTOMIZE_VERSION"; then
    echo "$BIN/kustomize"; return
  fi
  command -v go >/dev/null 2>&1 || return 0
  ci_log "building kustomize $KUSTOMIZE_VERSION with go install (once; about a minute)"
  mkdir -p "$BIN"
  GOBIN="$BIN" GOFLAGS=-buildvcs=false go install "sigs.k8s.io/kustomize/kustomize/v5@$KUSTOMIZE_VERSION" >&2 || return 0
  echo "$BIN/kustomize"
}

check() { # name, command...
  local name="$1"; shift
  printf '\n--- %s\n' "$name"
  if "$@"; then echo "ok: $name"; else echo "FAILED: $name"; failures+=("$name"); fi
}

validate_k8s() { "$VENV/bin/kubernetes-validate" --strict --quiet -k "$K8S_VERSION" "$@"; }

kustomize_validate() { # kustomize, dir
  local out; out="$(mktemp)"
  "$1" build "$2" >"$out" || { rm -f "$out"; return 1; }
  echo "$(grep -c '^kind:' "$out") resources rendered"
  validate_k8s "$out"
  local rc=$?
  rm -f "$out"
  return $rc
}

t0=$SECONDS
install_venv
install_dclint
KUSTOMIZE="$(install_kustomize)"
ci_log "deployment linters ready in $((SECONDS - t0))s"

check "hadolint docker/Dockerfile" "$VENV/bin/hadolint" --no-color docker/Dockerfile
check "dclint docker/compose.yaml" "$NODE_TOOLS/node_modules/.bin/dclint" --color=false --quiet docker/compose.yaml
if [ -n "$KUSTOMIZE" ]; then
  for dir in k8s/base k8s/overlays/*/; do
    dir="${dir%/}"
    check "kustomize build $dir | kubernetes-validate (k8s $K8S_VERSION, strict)" kustomize_validate "$KUSTOMIZE" "$dir"
  done
else
  echo "WARNING: no Go toolchain, so no kustomize: validating the base manifests one by one (overlays unchecked)"
  manifests=()
  for f in k8s/base/*.yaml; do [ "${f##*/}" = kustomization.yaml ] || manifests+=("$f"); done
  check "kubernetes-validate k8s/base/*.yaml (k8s $K8S_VERSION, strict)" validate_k8s "${manifests[@]}"
fi
check "kubernetes-validate k8s/secret.example.yaml" validate_k8s k8s/secret.example.yaml
check "k8s/observability: dashboard and alert rules name exported metrics" "$VENV/bin/python" .ci/check-observability.py
check "shellcheck .ci" "$VENV/bin/shellcheck" -x .ci/run .ci/*.sh

echo
if [ "${#failures[@]}" -gt 0 ]; then
  printf 'deployment lint FAILED: %s\n' "${failures[@]}"
  exit 1
fi
echo "deployment lint passed"
