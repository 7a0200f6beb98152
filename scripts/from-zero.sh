#!/usr/bin/env bash
# The README's two commands as a newcomer meets them: a fresh clone in a temporary folder and an
# empty cargo cache (a new CARGO_HOME), so nothing can come from a warm cache on this machine.
#   1. `make run`, until /api/health answers 200 and the app's home page renders in Chromium;
#   2. stop it, then `make test`.
# Prints how long each step took and exits non-zero on the first failure. Tools already installed
# in ~/.cargo/bin (trunk, wasm-bindgen) stay on PATH; delete them first to time their install too.
#
#   scripts/from-zero.sh [repository]   # default: this checkout's committed HEAD
set -euo pipefail

source_repo=${1:-$(cd "$(dirname "$0")/.." && pwd)}
scratch=$(mktemp -d -t wgll-from-zero.XXXXXX)
export CARGO_HOME=$scratch/cargo-home
export npm_config_cache=$scratch/npm-cache
export PIP_CACHE_DIR=$scratch/pip-cache
export PATH="$HOME/.cargo/bin:$PATH"
port=${PORT:-18080}
server=""

cleanup() {
  if [ -n "$server" ]; then
    kill -- "-$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  if [ -z "${KEEP_SCRATCH:-}" ]; then rm -rf "$scratch"; else echo "Kept $scratch"; fi
}
trap cleanup EXIT

timings=()
started=$SECONDS
step_started=$SECONDS
begin() {
  step_started=$SECONDS
  printf '\n\033[1m### %s\033[0m\n' "$1"
}
finish() {
  timings+=("$(printf '%-46s %4d s' "$1" $((SECONDS - step_started)))")
  printf '\033[1m### %s: %d s\033[0m\n' "$1" $((SECONDS - step_started))
}
report() {
  echo
  echo "From zero ($(git -C "$scratch/wgll" rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) cores):"
  printf '  %s\n' "${timings[@]}"
  printf '  %-46s %4d s\n' "total" $((SECONDS - started))
}
fail() {
  echo "FAILED: $*" >&2
  report
  exit 1
}

begin "git clone into $scratch/wgll"
git clone --quiet "$source_repo" "$scratch/wgll" || fail "git clone"
cd "$scratch/wgll"
finish "clone"

# `make run` until the server answers and Chromium renders the app's home page, then stop it.
make_run() {
  local label=$1 log=$scratch/make-run-$1.log
  begin "make run ($label), until /api/health answers and the app renders"
  # A process group of its own, so stopping it stops the server and DynamoDB Local with it.
  set -m
  PORT=$port make run >"$log" 2>&1 &
  server=$!
  set +m
  until curl -sf "http://127.0.0.1:$port/api/health" >/dev/null; do
    if ! kill -0 "$server" 2>/dev/null; then
      tail -40 "$log"
      fail "make run ($label) stopped before the server answered"
    fi
    sleep 2
  done
  local dom
  dom=$(chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$scratch/chromium-profile-$label" --virtual-time-budget=15000 \
    --dump-dom "http://127.0.0.1:$port/" 2>/dev/null) || fail "chromium could not open the app"
  grep -q "Peer review of digital maturity" <<<"$dom" || {
    echo "$dom" | head -40
    fail "the app's home page did not render its heading"
  }
  finish "make run ($label): serving, app renders"
  kill -- "-$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  server=""
}

# `make test`, showing its steps and results as they come.
make_test() {
  local label=$1 log=$scratch/make-test-$1.log
  begin "make test ($label)"
  if ! make test 2>&1 | tee "$log" | grep --line-buffered -E '^==>|^test result|FAILED|panicked|^error'; then
    tail -60 "$log"
    fail "make test ($label)"
  fi
  finish "make test ($label)"
}

make_run "first time"
make_test "first time"
make_run "again"
make_test "again"

report
