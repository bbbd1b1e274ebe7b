//! The `meridian` command line. Each subcommand lives in its own module; this file only
//! dispatches. Exit codes: 0 success, 1 failure while running, 2 bad input (usage, unknown
//! place, invalid plan), so scripts can tell a user's mistake from a bug.

use std::ffi::OsString;
use std::io::{ErrorKind, Write};

mod example;
mod regions;
mod report;
mod rtt;
mod technologies;

const USAGE: &str = "\
usage: meridian <command> [args]

commands:
  rtt PLACE PLACE            p50 and p99 round trip between two places, with sources
  regions [--provider P]     list the region catalog (P: aws, gcp, azure)
  technologies [--provider P]
                             list the technology catalog with sources (P: aws, gcp, azure, self-managed)
  model-eval                 cross-validated error of the latency model, per provider
  report PLAN.json [--format json|markdown]
                             evaluate a plan and print the report
  example [--large]          print the built-in example plan, or the 20-region benchmark plan (JSON)

A PLACE is provider:code (aws:us-east-1, gcp:europe-west1, azure:westeurope) or lat,lon.";

/// Runs the command line with `args` (without the program name); returns the exit code.
pub fn run(args: Vec<OsString>) -> i32 {
    let mut args = args.into_iter();
    let Some(cmd) = args.next() else {
        eprintln!("{USAGE}");
        return 2;
    };
    let rest: Vec<OsString> = args.collect();
    match cmd.to_string_lossy().as_ref() {
        "rtt" => rtt::run(rest),
        "regions" => regions::run(rest),
        "technologies" => technologies::run(rest),
        "model-eval" => rtt::run_model_eval(rest),
        "report" => report::run(rest),
        "example" => example::run(rest),
        "help" | "--help" | "-h" => emit("help", &format!("{USAGE}\n")),
        other => {
            eprintln!("meridian: unknown command {other:?}\n\n{USAGE}");
            2
        }
    }
}

/// Writes `s` to stdout and returns the exit code: 0 when written, or when the reader went
/// away (`meridian regions | head -1` is not an error); 1 with a message on any other write
/// error (`> /dev/full`). `println!` would panic on both.
/// The one option `regions` and `technologies` take: `--provider VALUE` (or `-p`), lower-cased,
/// read with `parse`. `Err(2)` after printing the message (with `usage`) on anything else.
pub(crate) fn provider_option<T>(
    cmd: &str,
    usage: &str,
    args: Vec<OsString>,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<Option<T>, i32> {
    let fail = |m: String| {
        eprintln!("meridian {cmd}: {m}\n{usage}");
        2
    };
    let mut found = None;
    let mut parser = lexopt::Parser::from_args(args);
    while let Some(arg) = parser.next().map_err(|e| fail(e.to_string()))? {
        match arg {
            lexopt::Arg::Long("provider") | lexopt::Arg::Short('p') => {
                let v = parser
                    .value()
                    .map_err(|e| fail(e.to_string()))?
                    .to_string_lossy()
                    .to_ascii_lowercase();
                found = Some(parse(&v).ok_or_else(|| fail(format!("unknown provider {v:?}")))?);
            }
            other => return Err(fail(format!("unexpected {}", other.unexpected()))),
        }
    }
    Ok(found)
}

pub(crate) fn emit(cmd: &str, s: &str) -> i32 {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => 0,
        Err(e) if e.kind() == ErrorKind::BrokenPipe => 0,
        Err(e) => {
            let _ = writeln!(
                std::io::stderr(),
                "meridian {cmd}: cannot write the output: {e}"
            );
            1
        }
    }
}
