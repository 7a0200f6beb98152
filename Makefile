# The two commands a newcomer needs:
#   make run    install what is missing, build the app, serve it on http://127.0.0.1:8080
#   make test   install what is missing and run every test (what CI runs)
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)
PORT ?= 8080

.PHONY: run test tools frontend server test-rust api-fuzz lint-infra lambdas fuzz mutants fmt clean-data load-synthetic bench

run: tools frontend server
	@echo "==> Starting the server with the embedded DynamoDB Local (records kept in .data/)"
	PORT=$(PORT) ./target/debug/local

test: tools frontend
	@echo "==> Checking formatting and lints"
	cargo fmt --all --check
	cargo clippy --all-targets --all-features --quiet -- -D warnings
	cargo clippy -p wgll-functions --no-default-features --lib --bin api --quiet -- -D warnings
	@$(MAKE) --no-print-directory test-rust api-fuzz lint-infra lambdas

# Installs Debian packages, cargo tools, npm packages and DynamoDB Local, skipping what is present.
tools:
	@scripts/install-tools.sh

# The browser app: Debian's Rust builds the wasm32 std from source (see frontend/.cargo/config.toml);
# then each page's first view is written into it (functions/src/first_views.rs) and its files are
# precompressed (brotli and gzip copies beside them).
# The assessment form is a bundle of its own (frontend/assessment.html), built beside the app and
# copied into its dist (its start-up page as assessment.html, the template of its first view).
ASSESSMENT_DIST := $(CURDIR)/target/assessment-dist
frontend:
	@echo "==> Building the browser app (frontend/dist) and the assessment form's bundle"
	cd frontend && RUSTC_BOOTSTRAP=1 trunk build --release --offline
	cd frontend && RUSTC_BOOTSTRAP=1 trunk build assessment.html --release --offline --dist $(ASSESSMENT_DIST)
	cp $(ASSESSMENT_DIST)/*.js $(ASSESSMENT_DIST)/*.wasm $(ASSESSMENT_DIST)/*.css frontend/dist/
	cp $(ASSESSMENT_DIST)/index.html frontend/dist/assessment.html
	cargo run --quiet -p wgll-functions --bin first_views -- frontend/dist
	scripts/precompress.sh frontend/dist

# The same debug build serves `make run` and the tests, so nothing is compiled twice.
server:
	@echo "==> Building the server"
	cargo build -p wgll-functions --bin local

# Unit tests, API tests against DynamoDB Local, and the browser tests in headless Chromium.
# (The default workspace members: the frontend is tested through the browser, not natively.)
test-rust:
	@echo "==> Running the Rust tests (unit, API, browser)"
	cargo test --no-fail-fast

# Generated requests against the OpenAPI description: no answer may be a 5xx.
api-fuzz:
	@echo "==> Fuzzing the API from its OpenAPI description (schemathesis)"
	scripts/api-fuzz.sh

lint-infra:
	@echo "==> Linting the infrastructure template"
	scripts/lint-infra.sh

# The Lambda artefacts the template deploys: one arm64 zip holding `bootstrap` per function, in
# target/lambda-arm64/lambda/<bin>/ (cargo-lambda; about 5 minutes the first time on 2 cores).
lambdas:
	@echo "==> Building the Lambda artefacts (arm64 zips)"
	scripts/build-lambdas.sh

# The performance figures, each beside a reference built and measured in the same run (see
# docs/performance.md): the app's download against a minimal Leptos counter built the same way,
# the API's Lambda cold start against a minimal lambda_http function, latency under load against
# one DynamoDB GetItem, the dashboards at 1×/10×/100× the data, and render and keystroke times in
# Chromium, and Lighthouse on the app's and the public pages beside the counter. Prints a table (and
# target/bench/results.md); an over-budget figure is reported, not a
# failure. Not part of `make test`. ARGS="--only size,cold-start --quick" runs less, faster.
BENCH_COUNTER_DIST := $(CURDIR)/target/bench/counter-dist
bench: tools frontend
	@echo "==> Building the references: a minimal Leptos counter (as the app) and the Lambda binaries"
	cd bench/counter && RUSTC_BOOTSTRAP=1 trunk build --release --offline --dist $(BENCH_COUNTER_DIST)
	scripts/precompress.sh $(BENCH_COUNTER_DIST)
	cargo build --release --no-default-features -p wgll-functions -p bench-hello-lambda --bin api --bin bench-hello-lambda
	@echo "==> Measuring (about 6 minutes)"
	BENCH_COUNTER_DIST=$(BENCH_COUNTER_DIST) cargo bench -p wgll-tests --features bench --bench performance -- $(ARGS)

# Coverage-guided fuzzing of the model's parsing and validation (cargo-fuzz; not part of `make test`).
FUZZ_SECONDS ?= 60
fuzz:
	@command -v cargo-fuzz >/dev/null || { echo "==> Installing cargo-fuzz"; cargo install --root $(HOME)/.cargo cargo-fuzz --locked; }
	cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run requests -s none -- -max_total_time=$(FUZZ_SECONDS)

# Mutation testing of the rules (cargo-mutants over shared/ and functions/src/auth): each missed
# mutant is a missing test or an equivalent change. An hour or more; not part of `make test`.
mutants: tools
	scripts/mutants.sh $(ARGS)

fmt:
	cargo fmt --all

# Loads the synthetic data set (42 ICSs × 40 organisations × 5 periods) into the local database
# that `make run` uses; ARGS="--icss 4 --organisations 10 --periods 3" loads less.
load-synthetic: tools server
	cargo build --quiet -p wgll-functions --bin load_synthetic
	./target/debug/load_synthetic $(ARGS)

# Deletes the local database (records kept between `make run`s).
clean-data:
	rm -rf .data
