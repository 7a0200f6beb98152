#!/usr/bin/env bash
# Mutation testing (cargo-mutants): small bugs are put into the rules one at a time, and the tests
# that cover them run against each. A mutant that no test notices ("missed") is a missing test, or
# a change that makes no difference a user could see (an equivalent mutant, to be judged and noted).
#   - shared/ (the model: framework, scoring, lifecycle, validation, outcomes, offer...), against
#     its own unit tests;
#   - functions/src/auth (tokens, the development sign-in, the rules table), against the API suites
#     that exercise sign-in and access (tests/tests/access.rs, cognito_tokens.rs), on DynamoDB Local.
# Slow (an hour or more on 2 cores): not part of `make test`. Results are in target/mutants/.
#   scripts/mutants.sh [shared|auth]...   # default: both
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

if ! cargo mutants --version >/dev/null 2>&1; then
  step "Installing cargo-mutants (about 5 minutes, once)"
  cargo install --root "$HOME/.cargo" cargo-mutants --locked
fi

parts=("$@")
((${#parts[@]})) || parts=(shared auth)
out=$PWD/target/mutants
mkdir -p "$out"

for part in "${parts[@]}"; do
  case $part in
    shared)
      step "Mutating shared/ against its unit tests"
      cargo mutants --package wgll-shared --output "$out/shared" --no-shuffle -- --lib || true
      ;;
    auth)
      # One DynamoDB Local for every mutant's API tests (the suites use it through DYNAMODB_ENDPOINT),
      # started in a scratch folder, where it leaves its metadata file.
      port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
      scratch=$(mktemp -d)
      (cd "$scratch" && exec java -Djava.library.path="$OLDPWD/.tools/dynamodb-local/DynamoDBLocal_lib" \
        -jar "$OLDPWD/.tools/dynamodb-local/DynamoDBLocal.jar" -inMemory -port "$port" >/dev/null 2>&1) &
      database=$!
      trap 'kill $database 2>/dev/null || true; rm -rf "$scratch"' EXIT
      export DYNAMODB_ENDPOINT=http://127.0.0.1:$port
      step "Mutating functions/src/auth against the access and token suites"
      # cargo-mutants runs `cargo test --package=wgll-functions` plus what follows `--`: naming the
      # tests package there too is what brings in its suites (its --test-package and
      # --test-workspace options did not, in 27.1).
      cargo mutants --package wgll-functions --file 'functions/src/auth/**' --output "$out/auth" --no-shuffle \
        -- -p wgll-tests --lib --test access --test cognito_tokens || true
      kill $database 2>/dev/null || true
      ;;
    *)
      echo "unknown part: $part (shared or auth)" >&2
      exit 2
      ;;
  esac
done

step "Missed mutants (each is a missing test or an equivalent change: judge each one)"
for part in "${parts[@]}"; do
  echo "--- $part: $(wc -l <"$out/$part/mutants.out/caught.txt") caught, $(wc -l <"$out/$part/mutants.out/missed.txt") missed, $(wc -l <"$out/$part/mutants.out/timeout.txt") timed out, $(wc -l <"$out/$part/mutants.out/unviable.txt") unviable"
  cat "$out/$part/mutants.out/missed.txt"
done
