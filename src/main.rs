//! The `nlkit` binary: parses flags, runs the library, turns errors into one
//! clear message and an exit code (0 ok, 1 failure, 2 usage).

use std::process::ExitCode;

use clap::Parser;

// mimalloc: the CLI's `--jobs N` moves every line and result between
// threads; glibc malloc serialises those cross-thread frees, mimalloc does not.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn is_broken_pipe(e: &nlkit::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    match e {
        nlkit::Error::RawIo(io) | nlkit::Error::Io { source: io, .. } => io.kind() == BrokenPipe,
        nlkit::Error::Json { source, .. } => source.io_error_kind() == Some(BrokenPipe),
        _ => false,
    }
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
