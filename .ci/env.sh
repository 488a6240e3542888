# shellcheck shell=bash disable=SC2034  # (a library: its variables are used by the scripts that source it)
# Sourced by the .ci/ scripts: where things live and which loopback ports CI's Postgres and Kafka use.
# Every value can be overridden from the environment (e.g. to run two checkouts side by side).
CI_ROOT="${CI_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
CI_CACHE="${CI_CACHE:-$CI_ROOT/.ci/cache}"   # git-ignored; kept between runs on the same machine
CI_WORK="${CI_WORK:-$CI_ROOT/.ci/work}"      # git-ignored; thrown away by every run

PAYRAIL_CI_PG_PORT="${PAYRAIL_CI_PG_PORT:-55432}"
PAYRAIL_CI_PG_DB="${PAYRAIL_CI_PG_DB:-payrail}"
PAYRAIL_CI_KAFKA_PORT="${PAYRAIL_CI_KAFKA_PORT:-59092}"
PAYRAIL_CI_KAFKA_CONTROLLER_PORT="${PAYRAIL_CI_KAFKA_CONTROLLER_PORT:-59093}"
PAYRAIL_CI_KAFKA_VERSION=3.9.1

PAYRAIL_CI_DATABASE_URL="postgres://postgres@127.0.0.1:${PAYRAIL_CI_PG_PORT}/${PAYRAIL_CI_PG_DB}"
PAYRAIL_CI_KAFKA_BROKERS="127.0.0.1:${PAYRAIL_CI_KAFKA_PORT}"

ci_log() { printf '[ci %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
ci_die() { ci_log "ERROR: $*"; exit 1; }

# Runs a command as root: directly when we are root, through sudo when it exists.
ci_as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"
  else ci_die "need root for: $* (not root, and no sudo)"
  fi
}

# apt-get install, updating the package lists once first.
ci_apt_install() {
  ci_log "apt-get install $*"
  ci_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  ci_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

# Prints the last lines of each file given that exists.
ci_tail() {
  local lines="$1"; shift
  local f
  for f in "$@"; do
    [ -f "$f" ] || continue
    printf '\n----- last %s lines of %s -----\n' "$lines" "${f#"$CI_ROOT"/}"
    tail -n "$lines" "$f"
  done
}
