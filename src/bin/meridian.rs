//! The `meridian` command line: the same engine and data as the browser app.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let code = meridian::cli::run(std::env::args_os().skip(1).collect());
    std::process::exit(code);
}

// The CLI is native only; the browser app is `meridian-web`.
#[cfg(target_arch = "wasm32")]
fn main() {}
