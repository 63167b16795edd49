#!/usr/bin/env bash
# Installs whatever this machine is missing to build the app (and, with `test`, to run
# every test). Idempotent: each step checks first, so a second run installs nothing.
#   .ci/setup.sh          build and serve tools (with Chromium and Playwright, which
#                         prerender the pages)
#   .ci/setup.sh test     ... plus chromedriver, and WebKitWebDriver with Xvfb for the
#                         WebKit smoke run
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

TRUNK_VERSION=0.21.14   # 0.22 needs a newer rustc than these machines have
# The CLI must be exactly the wasm-bindgen in Cargo.lock, or Trunk refuses it.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print }' Cargo.lock)

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

command -v cargo >/dev/null || { echo "setup: cargo (rustup) is needed first: https://rustup.rs"; exit 1; }
command -v npm >/dev/null || { echo "setup: Node.js 20 with npm is needed first"; exit 1; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32 target"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -qF "$TRUNK_VERSION"; then
  say "installing Trunk $TRUNK_VERSION (a few minutes, once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if ! wasm-bindgen --version 2>/dev/null | grep -qF "$WASM_BINDGEN_VERSION"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes, once)"
  # Not --locked: one of its locked dependency versions is missing from the index.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# Splits the wasm into lazily loaded pages after Trunk's build (.ci/wasm-split.mjs).
WASM_SPLIT_VERSION=0.2.4
# (The CLI has no --version; cargo's list of installed crates says which one is there.)
if ! command -v wasm-split-cli >/dev/null || ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  say "installing wasm-split-cli $WASM_SPLIT_VERSION (a minute, once)"
  cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --locked
fi

# npm packages: reinstalled only when the lock file changed since the last install.
npm_install() {
  local dir=$1
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    say "installing npm packages in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}
npm_install .ci/tools   # wasm-opt (binaryen 132; Debian's is too old for this rustc)

# Trunk builds offline (it must not try to download tools), so fetch crates now.
cargo fetch --locked --quiet
cargo fetch --locked --quiet --target wasm32-unknown-unknown

# Debian packages, each only if its command is missing. The build needs Chromium (it
# prerenders the pages: .ci/prerender.mjs); the tests also need chromedriver, and
# WebKitWebDriver (its package brings WebKitGTK with MiniBrowser) and Xvfb for the WebKit
# smoke run.
apt_missing=()
command -v chromium >/dev/null || apt_missing+=(chromium)
if [ "${1:-}" = test ]; then
  command -v chromedriver >/dev/null || apt_missing+=(chromium-driver)
  command -v WebKitWebDriver >/dev/null || apt_missing+=(webkit2gtk-driver)
  command -v Xvfb >/dev/null || apt_missing+=(xvfb)
fi
if [ ${#apt_missing[@]} -gt 0 ]; then
  say "installing ${apt_missing[*]} from Debian"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_missing[@]}" >/dev/null
fi
# The funnel's reference check (make test-funnel-sql): chdb (in-process ClickHouse),
# DuckDB and pandas in the Python the Makefile uses, pinned (DuckDB and pandas as in
# tests/bench/requirements.txt).
if [ "${1:-}" = test ]; then
  FUNNEL_PYTHON=${PYTHON:-python3.11}
  if ! "$FUNNEL_PYTHON" -c 'import chdb, duckdb, pandas, sys; sys.exit(chdb.__version__ != "4.4.0" or duckdb.__version__ != "2.0.0" or pandas.__version__ != "3.1.1")' 2>/dev/null; then
    say "installing chdb, duckdb and pandas for $FUNNEL_PYTHON"
    "$FUNNEL_PYTHON" -m pip install --quiet --disable-pip-version-check chdb==4.4.0 duckdb==2.0.0 pandas==3.1.1
  fi
fi

# Excel workbooks (make test-xlsx): LibreOffice Calc, headless, from Debian, and openpyxl
# (PyPI) in a venv of the Makefile's python3.11 (tests/xlsx/requirements.txt).
if [ "${1:-}" = test ]; then
  if ! command -v soffice >/dev/null; then
    say "installing LibreOffice Calc (headless) from Debian"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-calc-nogui >/dev/null
  fi
  if [ ! -f tests/xlsx/.venv/.installed ] || [ tests/xlsx/requirements.txt -nt tests/xlsx/.venv/.installed ]; then
    say "installing openpyxl in tests/xlsx/.venv"
    python3.11 -m venv tests/xlsx/.venv
    tests/xlsx/.venv/bin/pip install --quiet --disable-pip-version-check -r tests/xlsx/requirements.txt
    touch tests/xlsx/.venv/.installed
  fi
fi
# Predicted customer value (make test-clv): lifetimes 0.11.3 with its dependencies pinned,
# in a venv of the Makefile's python3.11 (tests/clv/requirements.txt).
if [ "${1:-}" = test ]; then
  if [ ! -f tests/clv/.venv/.installed ] || [ tests/clv/requirements.txt -nt tests/clv/.venv/.installed ]; then
    say "installing lifetimes in tests/clv/.venv"
    python3.11 -m venv tests/clv/.venv
    tests/clv/.venv/bin/pip install --quiet --disable-pip-version-check -r tests/clv/requirements.txt
    touch tests/clv/.venv/.installed
  fi
fi
# Cohorts and segment migration against pandas (make test-cohorts): pandas and numpy
# pinned as tests/bench/requirements.txt, in a venv of python3.11 (tests/cohorts/).
if [ "${1:-}" = test ]; then
  if [ ! -f tests/cohorts/.venv/.installed ] || [ tests/cohorts/requirements.txt -nt tests/cohorts/.venv/.installed ]; then
    say "installing pandas in tests/cohorts/.venv"
    python3.11 -m venv tests/cohorts/.venv
    tests/cohorts/.venv/bin/pip install --quiet --disable-pip-version-check -r tests/cohorts/requirements.txt
    touch tests/cohorts/.venv/.installed
  fi
fi
# The response curves' reference check (make test-response): scipy and numpy, pinned
# (tests/response/requirements.txt), in a venv of python3.11.
if [ "${1:-}" = test ]; then
  if [ ! -f tests/response/.venv/.installed ] || [ tests/response/requirements.txt -nt tests/response/.venv/.installed ]; then
    say "installing scipy and numpy in tests/response/.venv"
    python3.11 -m venv tests/response/.venv
    tests/response/.venv/bin/pip install --quiet --disable-pip-version-check -r tests/response/requirements.txt
    touch tests/response/.venv/.installed
  fi
fi
# Playwright (it drives Debian's Chromium; it never downloads one): the e2e tests, and the
# build's prerendering.
npm_install tests/e2e
say "ready"
