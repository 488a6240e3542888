#!/usr/bin/env bash
# stripe-mock v0.203.0, Stripe's own mock of its API, for the Stripe connector's integration specs:
# built from the Go module proxy into .ci/cache/go-bin (kept between runs) unless already there.
# Writes STRIPE_MOCK_BIN=<path> to the file named by its argument (or stdout); the specs start it themselves
# on free ports.
set -euo pipefail
# shellcheck source=.ci/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

STRIPE_MOCK_VERSION=v0.203.0
GOBIN_DIR="$CI_CACHE/go-bin"
BIN="$GOBIN_DIR/stripe-mock"
STAMP="$GOBIN_DIR/stripe-mock.version"

if [ -x "$BIN" ] && [ "$(cat "$STAMP" 2>/dev/null)" = "$STRIPE_MOCK_VERSION" ]; then
  ci_log "stripe-mock $STRIPE_MOCK_VERSION already built ($BIN)"
else
  GO="$(command -v go || true)"
  [ -n "$GO" ] || GO=/usr/local/go/bin/go
  [ -x "$GO" ] || ci_die "Go is needed to build stripe-mock (go install github.com/stripe/stripe-mock@$STRIPE_MOCK_VERSION)"
  mkdir -p "$GOBIN_DIR"
  ci_log "go install github.com/stripe/stripe-mock@$STRIPE_MOCK_VERSION"
  GOBIN="$GOBIN_DIR" GOFLAGS=-mod=mod "$GO" install "github.com/stripe/stripe-mock@$STRIPE_MOCK_VERSION"
  echo "$STRIPE_MOCK_VERSION" > "$STAMP"
fi
if [ $# -gt 0 ]; then echo "STRIPE_MOCK_BIN=$BIN" > "$1"; else echo "STRIPE_MOCK_BIN=$BIN"; fi
