# The two commands of the README:
#   make serve   install what is missing, build the release bundle, serve it with the demo plan
#   make test    install what is missing, run every test (what CI runs)
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/.ci/tools/node_modules/.bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
TRUNK := trunk --skip-version-check --offline=true
PORT ?= 8080

.PHONY: serve dev test setup setup-test build size test-funnel-sql test-clv test-cohorts test-response bench bench-size bench-load bench-tasks bench-tables bench-typing bench-memory bench-library bench-analytics bench-dist test-native test-wasm test-e2e test-webkit lint test-xlsx

# Serves dist/ as a static host should (README "Serving"): the prerendered page of each
# address, .br / .gz by Accept-Encoding, application/wasm.
serve: setup build
	@echo "Serving the release bundle at http://127.0.0.1:$(PORT)/"
	node tests/e2e/serve.mjs dist $(PORT)

# Debug build with rebuild-on-save, for working on the code.
dev: setup
	$(TRUNK) serve --port $(PORT)

test: setup-test lint test-native test-funnel-sql test-clv test-cohorts test-response test-xlsx test-wasm build size test-e2e test-webkit
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

# The funnel's ClickHouse and DuckDB SQL, run in chdb and DuckDB on a generated log of
# ~200k events: their counts in every mode, and pandas' time-to-convert medians, must
# equal the app's (examples/funnel_reference.rs, tests/funnel_sql/check.py).
test-funnel-sql:
	cargo run --locked --quiet --example funnel_reference -- --out target/funnel-sql
	$(PYTHON) tests/funnel_sql/check.py target/funnel-sql

# Predicted customer value against lifetimes 0.11.3 (tests/clv/): on generated orders
# and on lifetimes' CDNOW data, the same per-customer summary, BG/NBD and Gamma-Gamma
# parameters within 1e-3 relative, P(alive) and expected purchases within 1e-6 at
# lifetimes' parameters, expected spend, CLV and the holdout comparison
# (examples/clv_reference.rs, tests/clv/check_lifetimes.py; .ci/setup.sh test makes the venv).
test-clv:
	cargo build --locked --quiet --example clv_reference
	tests/clv/.venv/bin/python tests/clv/check_lifetimes.py $${CARGO_TARGET_DIR:-target}/debug/examples/clv_reference target/clv

# Cohort retention and RFM layer migration recomputed with pandas on generated orders and
# on the sample orders: every count, share, revenue and matrix cell must equal the app's
# (examples/cohort_reference.rs, tests/cohorts/check_pandas.py; venv from .ci/setup.sh).
test-cohorts:
	cargo run --locked --quiet --example cohort_reference -- --out target/cohorts
	tests/cohorts/.venv/bin/python tests/cohorts/check_pandas.py target/cohorts

# The response curves and the optimiser against scipy (curve_fit, SLSQP) on generated
# histories with known curves (tests/response/check_scipy.py; venv from .ci/setup.sh test).
test-response:
	cargo run --locked --quiet --example response_reference -- --out target/response
	tests/response/.venv/bin/python tests/response/check_scipy.py target/response

# The components, in headless Chromium.
test-wasm:
	cargo test --locked --target wasm32-unknown-unknown --test table_component

# The release bundle, then the pages prerendered into its HTML and every file
# precompressed (.ci/prerender.mjs: Chromium renders each address with the demo plan),
# then the service worker that opens the app offline (.ci/service-worker.mjs).
build:
	$(TRUNK) build --release
	node .ci/prerender.mjs dist
	node .ci/service-worker.mjs dist

# Bytes of the bundle: raw, gzip, brotli.
size:
	node .ci/size-report.mjs dist

# Benchmarks print figures; they are not pass / fail tests (tests/bench/, README
# "Benchmarks"). `make bench` builds the release bundle afresh and runs them all; each
# bench-* target runs one part (on dist/ as it is, built if missing; another bundle with
# BENCH_DIST=path, e.g. `make bench-typing BENCH_DIST=/tmp/other-dist`).
PYTHON ?= python3.11
BENCH_DATA := tests/bench/data
BENCH_DIST ?= dist

bench: setup-test build bench-size bench-load bench-tasks bench-tables bench-typing bench-memory bench-library bench-analytics

bench-dist:
	@[ -f $(BENCH_DIST)/index.html ] || { [ "$(BENCH_DIST)" = dist ] && $(MAKE) build; } || { echo "no $(BENCH_DIST)/index.html"; exit 1; }

# Bytes of everything the first load fetches: raw, gzip, brotli, and the budget.
bench-size: bench-dist
	node .ci/size-report.mjs $(BENCH_DIST)

# Mobile first load (4x CPU, Fast 3G) and Lighthouse scores of the main pages.
# LOAD_BASE=path prints another bundle's figures beside (e.g. today's main build).
bench-load: setup-test bench-dist tests/bench/node_modules/.package-lock.json
	node tests/bench/load.mjs $(BENCH_DIST) $(LOAD_BASE)

# The long tasks after the first paint of the main pages (4x CPU, phone), each named by
# what ran in it. TASKS_BASE=path prints another bundle's figures beside.
bench-tasks: setup-test bench-dist tests/bench/node_modules/.package-lock.json
	node tests/bench/tasks.mjs $(BENCH_DIST) $(TASKS_BASE)

# Task-table operations, the app beside a vanilla JS table, at full CPU speed and slowed
# 4× (TABLE_SIZES, TABLE_CPU, TABLE_RUNS: see the script).
bench-tables: setup-test bench-dist tests/bench/node_modules/.package-lock.json
	node tests/bench/tables.mjs $(BENCH_DIST)

# One keystroke → paint in a cell of every page, phone viewport, CPU slowed 4×, on the
# demo plan and with 1,000 rows in the page's main table.
bench-typing: setup-test bench-dist tests/bench/node_modules/.package-lock.json
	node tests/bench/typing.mjs $(BENCH_DIST)

# JS heap and wasm memory on /tasks: demo plan, 10,000 tasks, 200 undo steps, undone.
bench-memory: setup-test bench-dist tests/bench/node_modules/.package-lock.json
	node tests/bench/memory.mjs $(BENCH_DIST)

# The plan library at scale: 50 plans of 10,000 tasks in the browser's database; list,
# open, start and autosave times (LIBRARY_PLANS, LIBRARY_TASKS, LIBRARY_RUNS).
bench-library: setup-test bench-dist tests/bench/node_modules/.package-lock.json
	node tests/bench/library.mjs $(BENCH_DIST)

# The analytics core on 1M events / 1M orders / 100k journeys: natively, as wasm in
# Chromium, and in Python (pandas, DuckDB, numpy) on the same files; ratios and agreement.
bench-analytics: setup-test tests/bench/.venv/.installed
	nice -n 10 cargo run --release --locked --example analytics_bench -- --out $(BENCH_DATA)
	WASM_BINDGEN_TEST_TIMEOUT=1800 nice -n 10 cargo test --release --locked --target wasm32-unknown-unknown \
	  --test analytics_wasm_bench -- --nocapture 2>&1 | tee $(BENCH_DATA)/wasm.log | grep -v "^BENCH "
	tests/bench/.venv/bin/python tests/bench/analytics.py $(BENCH_DATA)

tests/bench/node_modules/.package-lock.json: tests/bench/package-lock.json
	cd tests/bench && npm ci --no-audit --no-fund --loglevel=error

tests/bench/.venv/.installed: tests/bench/requirements.txt
	$(PYTHON) -m venv tests/bench/.venv
	tests/bench/.venv/bin/pip install --quiet --disable-pip-version-check -r tests/bench/requirements.txt
	touch $@

# The built app, driven by Playwright in real Chromium.
test-e2e:
	cd tests/e2e && npx playwright test

# The built app in WebKit (the engine of Safari and of every iPhone webview): MiniBrowser
# driven by WebKitWebDriver under Xvfb, phone-sized; every page by its address, a funnel
# cell typed key by key, a reload, no console error (tests/webkit/).
test-webkit:
	tests/webkit/run.sh dist

# The app's Excel workbooks in real spreadsheet software (tests/xlsx/): LibreOffice Calc
# (headless) shows every figure of the demo plan's workbook as the app's value, openpyxl
# reads the cell types and number formats, and LibreOffice's own .xlsx / .ods / .xls of a
# CSV read back through the app's reader as the CSV held them. (.ci/setup.sh test installs
# LibreOffice and the venv with openpyxl.)
test-xlsx:
	cargo build --locked --example xlsx_check
	tests/xlsx/.venv/bin/python tests/xlsx/check_libreoffice.py $${CARGO_TARGET_DIR:-target}/debug/examples/xlsx_check
