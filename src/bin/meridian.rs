//! The `meridian` command line: the same engine and data as the browser app.

fn main() {
    let code = meridian::cli::run(std::env::args_os().skip(1).collect());
    std::process::exit(code);
}
