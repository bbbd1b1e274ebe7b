#!/usr/bin/env bash
# Installs what Meridian needs to build, serve and test, from the package registries only
# (crates.io, npm, Debian, rustup). Idempotent: anything already at the pinned version is
# left alone, and then this script prints nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.130 # must equal the `wasm-bindgen = "=…"` pin in Cargo.toml
TRUNK_VERSION=0.21.14        # 0.22 needs rustc 1.96.1; this machine has 1.95
export PATH="$HOME/.cargo/bin:$PATH"

say() { echo "setup: $*" >&2; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target (rustup)"
  rustup target add wasm32-unknown-unknown
fi
for component in clippy rustfmt; do
  if ! rustup component list --installed | grep -q "^$component"; then
    say "adding $component (rustup)"
    rustup component add "$component"
  fi
done

# The CLI must match the crate exactly; it also brings wasm-bindgen-test-runner.
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (crates.io, ~3 min)"
  cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION" --force
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (crates.io, ~9 min)"
  cargo install trunk --version "$TRUNK_VERSION" --locked --force
fi

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  say "installing Debian's chromium and chromium-driver (apt)"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# npm: wasm-opt (binaryen 132), playwright-core (drives /usr/bin/chromium), axe-core.
# The stamp makes this a no-op until package-lock.json changes.
if [ ! -f node_modules/.setup-stamp ] || [ package-lock.json -nt node_modules/.setup-stamp ]; then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  touch node_modules/.setup-stamp
fi
