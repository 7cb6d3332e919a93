//! The `nlkit` binary: parses flags, runs the library, turns errors into one
//! clear message and an exit code (0 ok, 1 failure, 2 usage).

use std::process::ExitCode;

use clap::Parser;

fn is_broken_pipe(e: &nlkit::Error) -> bool {
    let mut src: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(s) = src {
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            if io.kind() == std::io::ErrorKind::BrokenPipe {
                return true;
            }
        }
        src = s.source();
    }
    false
}

fn main() -> ExitCode {
    let cli = nlkit::cli::Cli::parse();
    match nlkit::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("nlkit: {e}");
            ExitCode::FAILURE
        }
    }
}
