#!/usr/bin/env bash
# Deploys one stage of the service into the AWS account of your current credentials, or updates
# it (the same command both times):
#
#   scripts/deploy.sh <stage> [region]      stage: dev, staging or prod; region: eu-west-2 unless
#                                           given here or in AWS_REGION / AWS_DEFAULT_REGION
#
# It installs what is missing, builds the browser app and the Lambda artefacts, deploys
# infra/template.yaml as the CloudFormation stack wgll-<stage> with `sam deploy`, uploads the app
# to the stack's bucket and refreshes CloudFront. See infra/README.md for the whole guide.
#
# Optional settings, as environment variables (each becomes the template parameter named after
# it; one left unset keeps the value of the last deploy, or the default on the first):
#   DOMAIN_NAME, CERTIFICATE_ARN   a custom domain and its ACM certificate (in us-east-1)
#   COGNITO_DOMAIN_PREFIX          the hosted sign-in's <prefix>.auth.<region>.amazoncognito.com
#   WEB_ACL_ARN                    an AWS WAF web ACL (CLOUDFRONT scope) for the distribution
#   SES_IDENTITY_ARN, EMAIL_FROM   send Cognito's emails through SES (more than 50 a day)
#   LOCAL_ORIGIN                   e.g. http://localhost:8080: a local server may use the sign-in
#   EXISTING_TABLE_NAME            a restored table to use instead of wgll-<stage>
#   LOG_RETENTION_DAYS             30, 60, 90 (default), 180, 365 or 731
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
fail() {
  echo "deploy: $*" >&2
  exit 1
}

stage=${1:-}
region=${2:-${AWS_REGION:-${AWS_DEFAULT_REGION:-eu-west-2}}}
case "$stage" in
  dev | staging | prod) ;;
  *) fail "usage: scripts/deploy.sh <dev|staging|prod> [region]" ;;
esac
stack=wgll-$stage
export AWS_REGION=$region AWS_DEFAULT_REGION=$region

# --- Deploy tools: the AWS CLI and the SAM CLI, from PyPI into their own virtualenv ------------
# (not .venv: checkov pins different versions of the libraries they share). An `aws` or `sam`
# already on PATH is not used, so every operator runs the same versions.
venv=.venv-deploy
if [ ! -x "$venv/bin/python" ]; then
  step "Creating the virtualenv $venv"
  python3 -m venv "$venv"
fi
missing=()
[ -x "$venv/bin/aws" ] || missing+=(awscli)
[ -x "$venv/bin/sam" ] || missing+=(aws-sam-cli)
if ((${#missing[@]})); then
  step "Installing ${missing[*]} into $venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "${missing[@]}"
fi
aws() { "$venv/bin/aws" "$@"; }
sam() { "$venv/bin/sam" "$@"; }

step "Checking the AWS credentials"
account=$(aws sts get-caller-identity --query Account --output text) ||
  fail "no usable AWS credentials: set AWS_PROFILE, or run \`aws configure\` / \`aws sso login\`"
echo "Deploying $stack to account $account in $region"

# --- Build ------------------------------------------------------------------------------------
step "Building the browser app and the Lambda artefacts"
make --no-print-directory tools frontend lambdas

# The CSP allows trunk's inline start-up scripts and the stylesheets the first views carry inline
# by their hashes, like functions/src/web.rs does locally: the same rule (every <script> or
# <style> element with content, in the loading page, whose head every page but one shares, and
# in the assessment form's page, which starts its own bundle), the same digest (SHA-256 of its
# text, base64), each hash once.
index=frontend/dist/index.html
page=frontend/dist/pages/loading.html
assessment=frontend/dist/pages/assessment.html
[ -f "$index" ] || fail "$index is missing after the build"
for first_view in "$page" "$assessment"; do
  [ -f "$first_view" ] || fail "$first_view (a first view) is missing after the build"
done
inline_hashes() { # <tag>
  python3 - "$1" "$page" "$assessment" <<'EOF'
import base64, hashlib, sys
tag, hashes = sys.argv[1], []
for page in sys.argv[2:]:
    html = open(page, encoding="utf-8").read()
    for rest in html.split("<" + tag)[1:]:
        start, end = rest.find(">"), rest.find("</" + tag + ">")
        if start == -1 or end == -1 or end <= start:
            continue
        body = rest[start + 1:end]
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        if body.strip() and digest not in hashes:
            hashes.append(digest)
print(",".join(hashes))
EOF
}
hashes=$(inline_hashes script)
[[ "$hashes" =~ ^[A-Za-z0-9+/]{43}=(,[A-Za-z0-9+/]{43}=)*$ ]] ||
  fail "found no inline script hash in $page (got '$hashes'); the app would not start under the CSP"
style_hashes=$(inline_hashes style)
[[ "$style_hashes" =~ ^[A-Za-z0-9+/]{43}=(,[A-Za-z0-9+/]{43}=)*$ ]] ||
  fail "found no inline stylesheet hash in $page (got '$style_hashes'); the pages would be unstyled under the CSP"
echo "Inline script hashes for the CSP: $hashes; stylesheets: $style_hashes"

# --- Infrastructure ---------------------------------------------------------------------------
# sam reads the overrides as one string of Name="value" pairs.
overrides=("Stage=\"$stage\"" "ScriptHashes=\"$hashes\"" "StyleHashes=\"$style_hashes\"")
add_override() { # <parameter> <environment variable>
  local value=${!2:-}
  if [ -n "$value" ]; then
    [[ "$value" != *[\"\\]* ]] || fail "$2 must not contain double quotes or backslashes"
    overrides+=("$1=\"$value\"")
  fi
}
add_override DomainName DOMAIN_NAME
add_override CertificateArn CERTIFICATE_ARN
add_override CognitoDomainPrefix COGNITO_DOMAIN_PREFIX
add_override WebAclArn WEB_ACL_ARN
add_override SesIdentityArn SES_IDENTITY_ARN
add_override EmailFrom EMAIL_FROM
add_override LocalOrigin LOCAL_ORIGIN
add_override ExistingTableName EXISTING_TABLE_NAME
add_override LogRetentionDays LOG_RETENTION_DAYS

step "Deploying the stack $stack (sam deploy)"
# --resolve-s3: SAM keeps the uploaded function zips in a bucket of its own (stack
# aws-sam-cli-managed-default). CAPABILITY_IAM: the template creates the function's role.
sam deploy \
  --template-file infra/template.yaml \
  --stack-name "$stack" \
  --region "$region" \
  --resolve-s3 \
  --s3-prefix "$stack" \
  --capabilities CAPABILITY_IAM CAPABILITY_AUTO_EXPAND \
  --no-confirm-changeset \
  --no-fail-on-empty-changeset \
  --parameter-overrides "${overrides[*]}" \
  --tags "Service=wgll-peer-review Stage=$stage"

output() {
  aws cloudformation describe-stacks --stack-name "$stack" \
    --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue" --output text
}
bucket=$(output SiteBucketName)
distribution=$(output DistributionId)
site=$(output SiteUrl)
if [ -z "$bucket" ] || [ -z "$distribution" ]; then
  fail "the stack has no SiteBucketName/DistributionId outputs"
fi

# --- The browser app --------------------------------------------------------------------------
# trunk puts a content hash in the names of the files it builds (wgll-frontend-<16 hex>.js, its
# _bg.wasm, the CSS), so those never change and browsers may keep them for a year. The pages
# (pages/*.html: each route's first view, functions/src/first_views.rs) must be checked on every
# visit, since they name the current files; the files copied as they are (assets/: NHS.UK icons
# and logos) may change with an nhsuk-frontend upgrade, so a day. The WebAssembly goes up as it
# is and as its brotli and gzip copies (scripts/precompress.sh), each with its Content-Encoding:
# CloudFront does not compress application/wasm, so its function sends whichever copy the
# browser accepts. The other copies are not uploaded: CloudFront compresses those types itself.
# The pages go last, so that they never name a file that is not there yet.
step "Uploading frontend/dist to s3://$bucket"
# (The hash is a 64-bit number in hex without leading zeros: 16 digits, or now and then fewer.)
hashed=()
for digits in 12 13 14 15 16; do
  hashed+=(--include "*-$(printf '[0-9a-f]%.0s' $(seq "$digits"))[._]*")
done
not_hashed=("${hashed[@]/--include/--exclude}")
immutable="public, max-age=31536000, immutable"
for wasm in frontend/dist/*.wasm; do
  name=$(basename "$wasm")
  aws s3 cp "$wasm" "s3://$bucket/$name" --content-type application/wasm --cache-control "$immutable"
  aws s3 cp "$wasm.br" "s3://$bucket/$name.br" --content-type application/wasm \
    --content-encoding br --cache-control "$immutable"
  aws s3 cp "$wasm.gz" "s3://$bucket/$name.gz" --content-type application/wasm \
    --content-encoding gzip --cache-control "$immutable"
done
aws s3 sync frontend/dist "s3://$bucket/" --exclude "*" "${hashed[@]}" \
  --exclude "*.wasm*" --exclude "*.br" --exclude "*.gz" --cache-control "$immutable"
aws s3 sync frontend/dist "s3://$bucket/" --exclude "*.html" --exclude "*.wasm*" "${not_hashed[@]}" \
  --exclude "*.br" --exclude "*.gz" --cache-control "public, max-age=86400"
# (Not the development sign-in's first view: the live service signs in through Cognito.)
aws s3 sync frontend/dist/pages "s3://$bucket/pages/" --exclude "*" --include "*.html" \
  --exclude "sign-in-development.html" --content-type "text/html; charset=utf-8" --cache-control "no-cache"
aws s3 cp "$index" "s3://$bucket/index.html" \
  --content-type "text/html; charset=utf-8" --cache-control "no-cache"
# Removes what the new build no longer has (earlier builds' hashed files). Everything else is
# already there with the same size, so nothing is uploaded again. (The bucket is versioned: the
# removed files can be restored for 30 days.)
aws s3 sync frontend/dist "s3://$bucket/" --delete --size-only \
  --exclude "*.html.br" --exclude "*.html.gz" --exclude "*.js.*" --exclude "*.css.*" \
  --exclude "*.svg.*" --exclude "*.json.*" --exclude "*.ico.*" --exclude "pages/sign-in-development.html*"

# The hashed files are new names, so only what keeps its name must be refreshed at the edges.
# (Every client-side route is served as one of /pages/*.html, so that path covers them all.)
step "Refreshing CloudFront ($distribution)"
aws cloudfront create-invalidation --distribution-id "$distribution" \
  --paths "/pages/*" "/index.html" "/assets/*" --query Invalidation.Id --output text

step "Deployed $stack: $site"
cat <<EOF
User pool:   $(output UserPoolId)
Sign-in:     $(output CognitoDomain)
Table:       $(output TableName)
First deploy? Create the first administrator as infra/README.md shows ("First administrator").
EOF
