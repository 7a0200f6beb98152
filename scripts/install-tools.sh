#!/usr/bin/env bash
# Installs everything the project needs on a fresh Debian 12 machine, skipping what is already
# there, so it is safe (and quick) to run before every `make run` and `make test`.
# See ../shared/TOOLCHAIN.md (beside the checkout) for why each piece is installed this way.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
export PATH="$HOME/.cargo/bin:$PATH"

# --- Debian packages --------------------------------------------------------------------------
# rustc-web + rust-web-src: Debian's Rust 1.96 and its std source, to build the wasm32 std
# (rustup cannot download the wasm32 target here); lld-19: the wasm linker; chromium and its
# driver: the browser tests; a Java runtime: DynamoDB Local; shellcheck: the scripts' lint.
packages=()
dpkg -s rustc-web rust-web-src >/dev/null 2>&1 || packages+=(rustc-web cargo-web rust-web-src)
command -v wasm-ld-19 >/dev/null || packages+=(lld-19)
command -v chromium >/dev/null || packages+=(chromium)
command -v chromedriver >/dev/null || packages+=(chromium-driver)
command -v java >/dev/null || packages+=(default-jre-headless)
command -v python3 >/dev/null || packages+=(python3 python3-venv)
command -v shellcheck >/dev/null || packages+=(shellcheck)
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
  cargo install trunk --version '~0.21' --locked
fi
# The wasm-bindgen CLI must match the wasm-bindgen library in Cargo.lock exactly.
bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$bindgen_version" ]; then
  step "Installing wasm-bindgen-cli $bindgen_version (about 4 minutes, once)"
  # Not --locked: one of its locked dependencies is not served by the registry.
  cargo install wasm-bindgen-cli --version "$bindgen_version" --force
fi

# --- npm packages: NHS.UK frontend styles, axe-core for accessibility checks ------------------
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "Installing npm packages (nhsuk-frontend, axe-core)"
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
