# Meridian: `make serve` and `make test` are all a newcomer needs (see README).
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export TRUNK_SKIP_VERSION_CHECK := true
export CHROMEDRIVER := /usr/bin/chromedriver
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER := wasm-bindgen-test-runner

.PHONY: setup serve build test lint test-native test-wasm test-e2e size engine-size bench model-eval

setup:
	@scripts/setup.sh

## Build the release bundle and serve it at http://127.0.0.1:8080
serve: setup
	trunk serve --release

build: setup
	@trunk build --release >/dev/null
	@echo "built dist/ (release)"

## Every test layer; non-zero on any failure.
test: setup lint test-native test-wasm build test-e2e
	@echo "make test: all layers passed"

lint:
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib --bins -- -D warnings

test-native:
	cargo test

# Component tests: tests/web.rs in headless Chromium through chromedriver (flags in webdriver.json);
# tests/latency_wasm.rs under Node (V8): start-up cost of the catalog and latency model, reported.
test-wasm:
	cargo test --target wasm32-unknown-unknown --test web --test latency_wasm

# End-to-end: serves dist/ on loopback and drives it with Playwright; screenshots go to target/screenshots.
test-e2e:
	node --test --test-concurrency=1 e2e/

## Gzipped size of everything a browser downloads.
size: build
	@scripts/size.sh

## The engine alone (plan in, report out), built like the app's wasm: a floor for any download.
engine-size:
	@scripts/engine-size.sh

bench:
	cargo bench --bench engine

model-eval:
	cargo run --release --bin meridian -- model-eval
