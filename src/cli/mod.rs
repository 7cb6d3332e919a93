//! The `nlkit` command line: flags and wiring only. Every capability is a
//! library call; this module parses arguments, opens inputs and prints.
//!
//! Exit codes: 0 success, 1 failure, 2 usage error. A closed output pipe
//! (`nlkit ... | head`) ends the program quietly with 0.

use clap::{Parser, Subcommand};

use crate::Result;

pub mod common;
mod download;
mod eval_tagger;
mod pipeline;
mod stem;
mod tag;
mod train_tagger;

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
    /// Download and install NLTK data packages (index.xml, NLTK's data-folder layout), or list their status.
    Download(download::DownloadArgs),
    /// Evaluate a tagger on gold-tagged data: accuracy, known/unknown words, per-tag P/R/F1, confusion matrix.
    EvalTagger(eval_tagger::EvalTaggerArgs),
    /// Run the text pipeline: sentences, tokens (and tags, lemmas where available), one JSON record per sentence.
    Pipeline(pipeline::PipelineArgs),
    /// Stem words (one per line) or every token of each line (--tokens) with an NLTK stemmer.
    Stem(stem::StemArgs),
    /// Part-of-speech tag each input line (default: nlkit's embedded English model).
    Tag(tag::TagArgs),
    /// Train a part-of-speech tagger (averaged perceptron) and save it in nlkit's model format.
    TrainTagger(train_tagger::TrainTaggerArgs),
}

/// Runs a parsed command line.
///
/// # Errors
/// Whatever the subcommand's library calls return.
pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Download(a) => download::run(a),
        Command::EvalTagger(a) => eval_tagger::run(a),
        Command::Pipeline(a) => pipeline::run(a),
        Command::Stem(a) => stem::run(a),
        Command::Tag(a) => tag::run(a),
        Command::TrainTagger(a) => train_tagger::run(a),
    }
}
