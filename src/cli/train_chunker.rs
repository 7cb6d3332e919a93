//! `nlkit train-chunker`: train the averaged-perceptron chunker on
//! CoNLL-2000-style data and save it in nlkit's chunker model format.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use crate::chunk::{ChunkModelMeta, PerceptronChunkerTrainer};
use crate::corpus::ConllChunkCorpusReader;
use crate::{Error, Result};

/// Arguments of `nlkit train-chunker`.
#[derive(Debug, Args)]
pub struct TrainChunkerArgs {
    /// Training data in CoNLL-2000 layout (`word TAG IOB`, blank line between sentences).
    #[arg(long, value_name = "FILE")]
    train: PathBuf,
    /// Where to write the model.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: PathBuf,
    /// Passes over the training data.
    #[arg(long, default_value_t = 10)]
    iterations: usize,
    /// Beam width (1: greedy).
    #[arg(long, default_value_t = 4)]
    beam: usize,
    /// Shuffle seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Do not use the embedded word clusters as features.
    #[arg(long)]
    no_clusters: bool,
    /// Free-text description stored in the model.
    #[arg(long, default_value = "")]
    description: String,
}

/// Runs `nlkit train-chunker`.
pub fn run(a: TrainChunkerArgs) -> Result<()> {
    let text = std::fs::read_to_string(&a.train).map_err(|e| Error::io(&a.train, e))?;
    let sents = ConllChunkCorpusReader::parse_grid(&a.train.display().to_string(), &text)?;
    let trainer = PerceptronChunkerTrainer::new()
        .iterations(a.iterations)
        .beam(a.beam)
        .seed(a.seed)
        .clusters(!a.no_clusters);
    let model = trainer.train_with_progress(&sents, |it, acc| {
        eprintln!("iteration {it}: {:.2}% of training tags right", acc * 100.0);
    })?;
    let meta = ChunkModelMeta {
        description: a.description.clone(),
        training_data: a.train.display().to_string(),
        iterations: a.iterations as u32,
        beam: a.beam as u32,
        seed: a.seed,
        nlkit_version: env!("CARGO_PKG_VERSION").to_string(),
    };
    let mut f = std::io::BufWriter::new(
        std::fs::File::create(&a.output).map_err(|e| Error::io(&a.output, e))?,
    );
    model.save(&mut f, &meta)?;
    f.flush().map_err(|e| Error::io(&a.output, e))?;
    Ok(())
}
