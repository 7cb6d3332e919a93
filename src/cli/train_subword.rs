//! `nlkit train-subword`: trains a BPE or WordPiece model with the
//! `tokenizers` crate and writes a Hugging Face `tokenizer.json`.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::common::InputArgs;
use crate::tokenize::{train_subword, SubwordModel, SubwordTrainConfig};
use crate::Result;

/// The subword model of `--model`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ModelArg {
    /// Byte-pair encoding (Whitespace pre-tokenizer).
    Bpe,
    /// WordPiece (BERT pre-tokenizer, `##` continuations).
    Wordpiece,
}

/// Arguments of `nlkit train-subword`.
#[derive(Debug, Args)]
#[command(after_long_help = "\
Every line of the input files (stdin when none) is one training text. The
model is written as tokenizer.json to a temporary file next to OUTPUT and
renamed into place; load it with `nlkit tokenize --tokenizer subword:OUTPUT`.")]
pub struct TrainSubwordArgs {
    #[command(flatten)]
    input: InputArgs,
    /// The model to train.
    #[arg(long, value_enum, default_value_t = ModelArg::Bpe)]
    model: ModelArg,
    /// Target vocabulary size (including `[UNK]`).
    #[arg(long, default_value_t = 30000)]
    vocab_size: usize,
    /// Minimum pair frequency for a merge (0: the trainer's default).
    #[arg(long, default_value_t = 0)]
    min_frequency: u64,
    /// The tokenizer.json file to write.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: PathBuf,
}

/// Runs `nlkit train-subword`.
pub fn run(a: TrainSubwordArgs) -> Result<()> {
    let config = SubwordTrainConfig {
        model: match a.model {
            ModelArg::Bpe => SubwordModel::Bpe,
            ModelArg::Wordpiece => SubwordModel::WordPiece,
        },
        vocab_size: a.vocab_size,
        min_frequency: a.min_frequency,
    };
    let bar = if std::io::stderr().is_terminal() {
        let b = indicatif::ProgressBar::new_spinner();
        b.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {msg} {pos} lines ({per_sec})")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        b.set_message("reading");
        Some(b)
    } else {
        None
    };
    let lines = a.input.lines().inspect(|_| {
        if let Some(b) = &bar {
            b.inc(1);
        }
    });
    let vocab = train_subword(&config, lines, &a.output)?;
    if let Some(b) = bar {
        b.finish_with_message(format!("wrote {} (vocabulary {vocab})", a.output.display()));
    }
    Ok(())
}
