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

# The function's role must allow every DynamoDB call the store makes (or the deployed API fails
# where the local one works), and should allow nothing else. store/table.rs only runs locally.
step "The API function's DynamoDB permissions against the calls in functions/src/store"
"$venv/bin/python" - "$template" functions/src/store <<'EOF'
import pathlib, re, sys
from cfnlint.decode import decode

template, _ = decode(sys.argv[1])
statements = template["Resources"]["ApiFunctionRole"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"]
granted = {action.split(":", 1)[1] for statement in statements for action in statement["Action"]
           if isinstance(action, str) and action.startswith("dynamodb:")}
# SDK calls (and transaction item types) -> the IAM action DynamoDB checks for them.
calls = {r"\.get_item\(": "GetItem", r"\.put_item\(": "PutItem", r"\.update_item\(": "UpdateItem",
         r"\.delete_item\(": "DeleteItem", r"\.query\(": "Query", r"\.scan\(": "Scan",
         r"\.batch_get_item\(": "BatchGetItem", r"\.batch_write_item\(": "BatchWriteItem",
         r"\.describe_table\(": "DescribeTable", r"\bGet::builder\(": "GetItem",
         r"\bPut::builder\(": "PutItem", r"\bUpdate::builder\(": "UpdateItem",
         r"\bDelete::builder\(": "DeleteItem", r"\bConditionCheck::builder\(": "ConditionCheckItem",
         r"\.execute_statement\(": "PartiQL", r"\.create_table\(": "CreateTable",
         r"\.delete_table\(": "DeleteTable", r"\.update_table\(": "UpdateTable"}
needed = {}
for source in sorted(pathlib.Path(sys.argv[2]).glob("**/*.rs")):
    if source.name == "table.rs":
        continue
    text = source.read_text()
    for pattern, action in calls.items():
        if re.search(pattern, text):
            needed.setdefault(action, []).append(source.name)
missing = sorted(set(needed) - granted)
for action in missing:
    print(f"dynamodb:{action} is used by {', '.join(needed[action])} but ApiFunctionRole does not allow it")
for action in sorted(granted - set(needed)):
    print(f"note: ApiFunctionRole allows dynamodb:{action}, which functions/src/store no longer calls")
print(f"Allowed and used: {', '.join(sorted(granted & set(needed)))}")
sys.exit(1 if missing else 0)
EOF

# The CloudFront function that maps the site's paths to the bucket's files, run in Node (the
# engine CloudFront Functions' JavaScript is a subset of) against the cases web.rs handles
# locally, with the first-view routes read from functions/src/first_views.rs.
step "The CloudFront function against the site's paths"
site_function=$(mktemp --suffix=.js)
trap 'rm -f "$site_function"' EXIT
"$venv/bin/python" - "$template" > "$site_function" <<'EOF'
import sys
from cfnlint.decode import decode

template, _ = decode(sys.argv[1])
print(template["Resources"]["SpaRoutesFunction"]["Properties"]["FunctionCode"])
print("module.exports = { handler, FIRST_VIEWS };")
EOF
node - "$site_function" functions/src/first_views.rs <<'EOF'
const fs = require("fs");
const { handler, FIRST_VIEWS } = require(process.argv[2]);
const rust = fs.readFileSync(process.argv[3], "utf8");
const list = rust.match(/pub const FIRST_VIEWS[^=]*=\s*\[([^\]]*)\]/)[1];
const expected = Object.fromEntries([...list.matchAll(/\("([^"]*)", "([^"]*)"\)/g)].map((m) => [m[1], m[2]]));
let failures = 0;
const check = (what, actual, wanted) => {
  if (actual !== wanted) {
    failures++;
    console.log(`FAIL ${what}: ${actual}, expected ${wanted}`);
  }
};
check("the first-view routes", JSON.stringify(FIRST_VIEWS), JSON.stringify(expected));
const sent = (uri, encoding) => {
  const headers = encoding === undefined ? {} : { "accept-encoding": { value: encoding } };
  return handler({ request: { uri, headers } }).uri;
};
check("/", sent("/"), "/pages/home.html");
check("/framework", sent("/framework"), "/pages/framework.html");
check("/sign-in", sent("/sign-in"), "/pages/sign-in.html");
check("a review", sent("/reviews/3f2a"), "/pages/loading.html");
// The assessment form, a bundle of its own (wgll_shared::server_views::ASSESSMENT_FORM).
check("an assessment", sent("/reviews/3f2a/measures/1"), "/pages/assessment.html");
check("an assessment, trailing slash", sent("/reviews/3f2a/measures/1/"), "/pages/assessment.html");
check("a review's measures", sent("/reviews/3f2a/measures"), "/pages/loading.html");
check("deeper than an assessment", sent("/reviews/3f2a/measures/1/more"), "/pages/loading.html");
check("an unknown route", sent("/toString"), "/pages/loading.html");
check("a script", sent("/wgll-frontend-fcb7ad552fabbab0.js", "gzip, br"), "/wgll-frontend-fcb7ad552fabbab0.js");
check("wasm, brotli", sent("/app_bg.wasm", "gzip, deflate, br"), "/app_bg.wasm.br");
check("wasm, gzip", sent("/app_bg.wasm", "gzip"), "/app_bg.wasm.gz");
check("wasm, neither", sent("/app_bg.wasm", "identity"), "/app_bg.wasm");
check("wasm, no header", sent("/app_bg.wasm"), "/app_bg.wasm");
check("wasm, br inside another word", sent("/app_bg.wasm", "xbr"), "/app_bg.wasm");
if (failures) process.exit(1);
console.log("The function sends each path where web.rs does");
EOF

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
