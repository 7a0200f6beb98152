#!/usr/bin/env bash
# Installs everything the project needs on a fresh Debian 12 machine, skipping what is already
# there, so it is safe (and quick) to run before every `make run` and `make test`.
# See ../shared/TOOLCHAIN.md (beside the checkout) for why each piece is installed this way.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
# Cargo tools go to ~/.cargo/bin whatever CARGO_HOME says, so that a run with a fresh, empty
# CARGO_HOME (as CI and scripts/from-zero.sh do) still finds the tools already installed.
tools_root=$HOME/.cargo
export PATH="$tools_root/bin:$PATH"

# --- Debian packages --------------------------------------------------------------------------
# rustc-web + rust-web-src: Debian's Rust 1.96 and its std source, to build the wasm32 std
# (rustup cannot download the wasm32 target here); lld-19: the wasm linker; chromium and its
# driver: the browser tests; a Java runtime: DynamoDB Local; shellcheck: the scripts' lint;
# brotli: the app's files are precompressed at build time (scripts/precompress.sh).
packages=()
dpkg -s rustc-web rust-web-src >/dev/null 2>&1 || packages+=(rustc-web cargo-web rust-web-src)
command -v wasm-ld-19 >/dev/null || packages+=(lld-19)
command -v chromium >/dev/null || packages+=(chromium)
command -v chromedriver >/dev/null || packages+=(chromium-driver)
command -v java >/dev/null || packages+=(default-jre-headless)
command -v python3 >/dev/null || packages+=(python3 python3-venv)
command -v shellcheck >/dev/null || packages+=(shellcheck)
command -v brotli >/dev/null || packages+=(brotli)
if ((${#packages[@]})); then
  step "Installing Debian packages: ${packages[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${packages[@]}"
fi

# --- Cargo tools ------------------------------------------------------------------------------
if ! trunk --version 2>/dev/null | grep -q '^trunk 0\.21\.'; then
  step "Installing trunk 0.21 (builds from source: about 11 minutes on 2 cores, once)"
  cargo install --root "$tools_root" trunk --version '~0.21' --locked
fi
# The wasm-bindgen CLI must match the wasm-bindgen library in Cargo.lock exactly.
bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$bindgen_version" ]; then
  step "Installing wasm-bindgen-cli $bindgen_version (about 4 minutes, once)"
  # Not --locked: one of its locked dependencies is not served by the registry.
  cargo install --root "$tools_root" wasm-bindgen-cli --version "$bindgen_version" --force
fi

# s3s-fs: a real S3 implementation over a folder (it checks SigV4 signatures, presigned links
# included), the evidence bucket of `make run` and of the tests (functions/src/s3_local.rs).
# 0.14: the newest release that builds with rustup's Rust 1.95 (0.17 needs 1.96).
if [ "$(s3s-fs --version 2>/dev/null | awk '{print $2}')" != "0.14.1" ]; then
  step "Installing s3s-fs 0.14.1 (the local S3 server; about 3 minutes, once)"
  cargo install --root "$tools_root" s3s-fs --version 0.14.1 --features binary --locked
fi

# --- npm packages: NHS.UK frontend styles, axe-core (accessibility), Lighthouse (make bench) --
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "Installing npm packages (nhsuk-frontend, axe-core, lighthouse, puppeteer-core)"
  npm ci --no-audit --no-fund --loglevel=error
fi

# --- DynamoDB Local: AWS's own implementation, shipped inside an npm package -------------------
if [ ! -f .tools/dynamodb-local/DynamoDBLocal.jar ]; then
  step "Installing DynamoDB Local 1.25.1 (from the npm package amplify-dynamodb-simulator)"
  scratch=$(mktemp -d)
  (cd "$scratch" && npm pack --silent amplify-dynamodb-simulator@2.9.30 >/dev/null && tar xzf amplify-dynamodb-simulator-2.9.30.tgz)
  mkdir -p .tools
  rm -rf .tools/dynamodb-local
  mv "$scratch/package/emulator" .tools/dynamodb-local
  rm -rf "$scratch"
fi

# --- Crates -----------------------------------------------------------------------------------
# trunk builds the app (and the benchmark's counter) with --offline, and build-std compiles the
# standard library's source, whose own dependencies (moto-rt among them) are not the workspace's:
# every crate those builds use must be in the cargo cache first, or a machine that has never
# built the project fails with "no matching package named ...". Offline first, so a warm machine
# needs no network; online only when something is missing.
fetch_crates() {
  cargo fetch --locked "$@" || return 1
  for folder in frontend bench/counter; do
    (cd "$folder" && RUSTC_BOOTSTRAP=1 cargo fetch --locked -Zbuild-std=std,panic_abort "$@") || return 1
  done
}
if ! fetch_crates --offline --quiet 2>/dev/null; then
  step "Fetching the crates the builds use, the wasm32 standard library's among them"
  fetch_crates
fi
