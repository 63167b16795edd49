# The two commands of the README:
#   make serve   install what is missing, build the release bundle, serve it with the demo plan
#   make test    install what is missing, run every test (what CI runs)
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/.ci/tools/node_modules/.bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
TRUNK := trunk --skip-version-check --offline=true
PORT ?= 8080

.PHONY: serve dev test setup setup-test build size bench test-native test-wasm test-e2e lint

serve: setup
	@echo "Building the release bundle, then serving it at http://127.0.0.1:$(PORT)/"
	$(TRUNK) serve --release --port $(PORT)

# Debug build with rebuild-on-save, for working on the code.
dev: setup
	$(TRUNK) serve --port $(PORT)

test: setup-test lint test-native test-wasm build size test-e2e
	@echo "All tests passed."

setup:
	@.ci/setup.sh

setup-test:
	@.ci/setup.sh test

lint:
	cargo fmt --check
	cargo clippy --locked --all-targets -- -D warnings
	cargo clippy --locked --target wasm32-unknown-unknown --all-targets -- -D warnings

# The computing core, natively.
test-native:
	cargo test --locked

# The components, in headless Chromium.
test-wasm:
	cargo test --locked --target wasm32-unknown-unknown --test table_component

build:
	$(TRUNK) build --release

# Bytes of the bundle: raw, gzip, brotli.
size:
	node .ci/size-report.mjs dist

# Benchmarks print figures; they are not pass / fail tests.
bench: setup-test build size
	node tests/bench/table-edit.mjs

# The built app, driven by Playwright in real Chromium.
test-e2e:
	cd tests/e2e && npx playwright test
