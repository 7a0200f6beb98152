#!/usr/bin/env bash
# Lints the AWS SAM template: cfn-lint (is it a valid template?) and checkov (does it meet the
# security checks?), and the build and deploy scripts with shellcheck. cfn-lint and checkov live
# in the git-ignored virtualenv .venv, created on the first run (under a minute); after that a
# run takes a few seconds. Exits non-zero on any finding.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
template=infra/template.yaml
venv=.venv

if [ ! -x "$venv/bin/python" ]; then
  step "Creating the virtualenv $venv"
  python3 -m venv "$venv"
fi
missing=()
[ -x "$venv/bin/cfn-lint" ] || missing+=(cfn-lint)
[ -x "$venv/bin/checkov" ] || missing+=(checkov)
if ((${#missing[@]})); then
  step "Installing ${missing[*]} into $venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "${missing[@]}"
fi

# cfn-lint exits non-zero on warnings as well as errors; the template has neither.
step "cfn-lint $template ($("$venv/bin/cfn-lint" --version))"
"$venv/bin/cfn-lint" "$template"

# --skip-download: no calls to the Bridgecrew platform, so the scan is offline and quick.
# Deliberate exceptions are skipped inside the template (Metadata: checkov: skip:), each with
# its reason, next to the resource it concerns.
step "checkov $template ($("$venv/bin/checkov" --version))"
"$venv/bin/checkov" -f "$template" --framework cloudformation --skip-download --quiet --compact

# The build and deploy scripts. shellcheck is a Debian package that `make tools` installs; when
# this script runs on its own on a machine without it, the scripts get a syntax check only.
shell_scripts=(scripts/*.sh .ci/run)
if command -v shellcheck >/dev/null; then
  step "shellcheck scripts ($(shellcheck --version | awk '/^version:/ { print $2 }'))"
  shellcheck "${shell_scripts[@]}"
else
  step "shellcheck is not installed (\`make tools\` installs it): syntax check only"
  for script in "${shell_scripts[@]}"; do bash -n "$script"; done
fi

step "Infrastructure lint passed"
