//! The `nlkit` command line: flags and wiring only. Every capability is a
//! library call; this module parses arguments, opens inputs and prints.
//!
//! Exit codes: 0 success, 1 failure, 2 usage error. A closed output pipe
//! (`nlkit ... | head`) ends the program quietly with 0.

use clap::{Parser, Subcommand};

use crate::Result;

pub mod common;
mod pipeline;

/// nlkit: NLTK's tools at native speed.
#[derive(Debug, Parser)]
#[command(name = "nlkit", version, about, long_about = None)]
pub struct Cli {
    /// The subcommand to run.
    #[command(subcommand)]
    pub command: Command,
}

/// nlkit's subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the text pipeline: sentences, tokens (and tags, lemmas where available), one JSON record per sentence.
    Pipeline(pipeline::PipelineArgs),
}

/// Runs a parsed command line.
///
/// # Errors
/// Whatever the subcommand's library calls return.
pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Pipeline(a) => pipeline::run(a),
    }
}
