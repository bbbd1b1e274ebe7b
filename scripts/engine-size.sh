#!/usr/bin/env bash
# How much of the download the engine alone is: builds, under target/engine-size/, a wasm that
# exports one function (plan JSON in, report JSON out: plan parsing, `engine::evaluate`, the
# report's serde) from this crate, the way the app's wasm is built (opt-level "z", LTO,
# wasm-bindgen, wasm-opt -Oz), and prints its raw, gzip -9 and brotli size, code and data apart.
# Nothing of the page (views, charts, exports, share links) is in it: a lower bound for any
# build that evaluates plans in the browser. `make engine-size`; the first build takes minutes.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
probe="$root/target/engine-size"
# The app's own pin (the probe is its own package, so it cannot inherit it).
wasm_bindgen=$(sed -n 's/^wasm-bindgen = "\(=[0-9.]*\)"$/\1/p' "$root/Cargo.toml")
[ -n "$wasm_bindgen" ] || { echo "no wasm-bindgen pin in Cargo.toml" >&2; exit 1; }
mkdir -p "$probe/src"
cat > "$probe/Cargo.toml" <<TOML
[package]
name = "engine-size"
version = "0.0.0"
edition = "2021"
publish = false

[lib]
crate-type = ["cdylib"]

[dependencies]
meridian = { path = "$root" }
serde_json = { version = "1", features = ["float_roundtrip"] }
wasm-bindgen = "$wasm_bindgen"

# Cargo.toml's wasm-release profile, which a separate package cannot inherit.
[profile.release]
opt-level = "z"
lto = true
codegen-units = 1
panic = "abort"

[patch.crates-io]
tachys = { path = "$root/vendor/tachys" }
TOML
cat > "$probe/src/lib.rs" <<'RUST'
use wasm_bindgen::prelude::*;

/// The engine alone: a plan's JSON in, its report's JSON (or the first problem) out.
#[wasm_bindgen]
pub fn evaluate_json(plan: &str) -> String {
    match meridian::plan::Plan::from_json(plan) {
        Ok(plan) => match meridian::engine::evaluate(&plan) {
            Ok(report) => serde_json::to_string(&report).unwrap_or_default(),
            Err(problems) => problems.0.first().map(|p| p.to_string()).unwrap_or_default(),
        },
        Err(e) => e.message,
    }
}
RUST
cp "$root/Cargo.lock" "$probe/Cargo.lock"
cd "$probe"
cargo build --quiet --release --target wasm32-unknown-unknown --target-dir "$probe/target"
wasm-bindgen --target web --no-typescript --out-dir "$probe/out" \
  "$probe/target/wasm32-unknown-unknown/release/engine_size.wasm"
"$root/node_modules/.bin/wasm-opt" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-reference-types --enable-sign-ext --enable-mutable-globals \
  "$probe/out/engine_size_bg.wasm" -o "$probe/out/engine.wasm"
wasm="$probe/out/engine.wasm"
# Brotli at quality 11, as scripts/precompress.mjs writes the .br copies a host would send.
brotli=$(node -e "const z = require('node:zlib'); const b = require('node:fs').readFileSync(process.argv[1]);
  console.log(z.brotliCompressSync(b, { params: { [z.constants.BROTLI_PARAM_QUALITY]: 11 } }).length)" "$wasm")
printf 'engine alone: wasm %d bytes, gzip -9 %d bytes, brotli %d bytes\n' \
  "$(stat -c %s "$wasm")" "$(gzip -9 -c "$wasm" | wc -c)" "$brotli"
if command -v twiggy >/dev/null; then
  twiggy top -n 1000000 --format csv "$wasm" | awk -F, 'NR > 1 {
    kind = ($1 ~ /^"?data\[/) ? "data" : (($1 ~ /^"?code\[/) ? "code" : "other")
    size[kind] += $2 } END { printf "of which code %d, data %d, other %d bytes raw\n", size["code"], size["data"], size["other"] }'
fi
