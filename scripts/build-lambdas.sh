#!/usr/bin/env bash
# Builds every Lambda function as an arm64 (Graviton) zip holding `bootstrap`, the artefacts that
# infra/template.yaml deploys (CodeUri ../target/lambda-arm64/lambda/<bin>/bootstrap.zip).
#
# cargo-lambda cross-compiles with zig; both come from PyPI into the git-ignored .venv (the one
# scripts/lint-infra.sh uses), installed on the first run only. The aarch64 standard library is
# built from source with Debian's Rust (rustc-web + rust-web-src, installed by `make tools`),
# because rustup cannot download extra targets on our machines (see ../shared/TOOLCHAIN.md,
# "Lambda artefacts with cargo-lambda"). First build about 5 minutes on 2 cores; later ones reuse
# target/lambda-arm64.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
export PATH="$HOME/.cargo/bin:$PATH"

# The Lambda binaries: package and binary name. Add a line here for each new function (and a
# resource in infra/template.yaml pointing at its zip).
functions=(
  "wgll-functions api"
)
venv=.venv
target_dir=$PWD/target/lambda-arm64

# Debian's rustc and its std source, for -Zbuild-std.
if [ ! -x /usr/bin/rustc ] || [ ! -d "$(/usr/bin/rustc --print sysroot)/lib/rustlib/src/rust/library" ]; then
  echo "Debian's Rust (rustc-web, rust-web-src) is missing: run \`make tools\` first." >&2
  exit 1
fi

if [ ! -x "$venv/bin/python" ]; then
  step "Creating the virtualenv $venv"
  python3 -m venv "$venv"
fi
missing=()
[ -x "$venv/bin/cargo-lambda" ] || missing+=(cargo-lambda)
"$venv/bin/python" -c 'import ziglang' 2>/dev/null || missing+=(ziglang)
if ((${#missing[@]})); then
  step "Installing ${missing[*]} into $venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "${missing[@]}"
fi
# cargo-lambda finds zig through `python3 -m ziglang`, so the venv's python must come first.
export PATH="$PWD/$venv/bin:$PATH"

args=()
for function in "${functions[@]}"; do
  read -r package bin <<<"$function"
  args+=(--package "$package" --bin "$bin")
done

step "Building ${#functions[@]} Lambda function(s) for arm64 ($(cargo lambda --version))"
# The variable, not --target-dir (which breaks cargo-lambda's metadata call). cargo-lambda first
# tries `rustup target add`, which fails here; it then carries on with build-std. No default
# features: the deployed function has no development sign-in in it.
start=$SECONDS
CARGO_TARGET_DIR=$target_dir RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 \
  cargo lambda build --release --arm64 --output-format zip -Zbuild-std=std,panic_abort --no-default-features "${args[@]}"
echo "Built in $((SECONDS - start)) s"

step "Checking the artefacts"
for function in "${functions[@]}"; do
  read -r _ bin <<<"$function"
  zip=$target_dir/lambda/$bin/bootstrap.zip
  if [ ! -f "$zip" ]; then
    echo "Missing $zip" >&2
    exit 1
  fi
  # The zip must hold an executable `bootstrap` for aarch64 at its root: that is what the
  # provided.al2023 runtime runs.
  python3 - "$zip" "${zip#"$PWD"/}" <<'EOF'
import os, sys, zipfile
path, name = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(path) as archive:
    if "bootstrap" not in archive.namelist():
        sys.exit(f"{name} has no bootstrap")
    info = archive.getinfo("bootstrap")
    head = archive.read("bootstrap")[:20]
if head[:4] != b"\x7fELF" or int.from_bytes(head[18:20], "little") != 183:  # EM_AARCH64
    sys.exit(f"{name}: bootstrap is not an aarch64 ELF executable")
if not (info.external_attr >> 16) & 0o111:
    sys.exit(f"{name}: bootstrap is not executable")
# Built without the development sign-in (--no-default-features): none of its code is in the
# binary. Its issuer's name and its key errors are strings only that code has (a build with the
# feature holds them; the OpenAPI text describing the sign-in form may still mention its path).
with zipfile.ZipFile(path) as archive:
    binary = archive.read("bootstrap")
for marker in (b"wgll-dev-sign-in", b"no randomness for a signing key"):
    if marker in binary:
        sys.exit(f"{name}: bootstrap holds the development sign-in ({marker.decode()})")
print(f"{name}: {os.path.getsize(path) / 1e6:.1f} MB zipped, bootstrap {info.file_size / 1e6:.1f} MB")
EOF
done

step "Lambda artefacts built"
