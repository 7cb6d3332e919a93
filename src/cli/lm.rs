//! `nlkit lm train|perplexity|generate`: n-gram language models (NLTK's
//! `nltk.lm`).

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use super::common::{stdout, InputArgs};
use crate::lm::{
    load_model, padded_ngrams, Estimator, LanguageModel, LmModelMeta, PyRandom, Vocabulary,
};
use crate::sentiment::py_float_repr;
use crate::{Error, Result};

/// Arguments of `nlkit lm`.
#[derive(Debug, Args)]
#[command(after_long_help = "\
Input is one sentence per line, tokens separated by whitespace; blank lines
are skipped. Training pads each sentence with order-1 <s> and </s> and counts
all 1- to order-grams (NLTK's padded_everygram_pipeline + fit). Perplexity
scores the padded order-grams of each sentence (NLTK's
ngrams(pad_both_ends(sent, n), n)) and prints NLTK's perplexity of all of
them, or of each line with --per-line.")]
pub struct LmArgs {
    #[command(subcommand)]
    command: LmCommand,
}

#[derive(Debug, Subcommand)]
enum LmCommand {
    /// Train a model on tokenized sentences and save it.
    Train(TrainArgs),
    /// Entropy and perplexity of tokenized sentences under a saved model.
    Perplexity(PerplexityArgs),
    /// Generate words from a saved model (NLTK's generate with random_seed).
    Generate(GenerateArgs),
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum EstimatorName {
    Mle,
    Lidstone,
    Laplace,
    KneserNey,
    WittenBell,
    AbsoluteDiscounting,
}

#[derive(Debug, Args)]
struct TrainArgs {
    #[command(flatten)]
    input: InputArgs,
    /// The model file to write.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: PathBuf,
    /// Highest n-gram order.
    #[arg(long, default_value_t = 3)]
    order: usize,
    /// The estimator (NLTK's model class).
    #[arg(long, value_enum, default_value_t = EstimatorName::KneserNey)]
    estimator: EstimatorName,
    /// Lidstone's gamma.
    #[arg(long, default_value_t = 0.1)]
    gamma: f64,
    /// Discount (default: NLTK's, 0.1 for Kneser-Ney, 0.75 for absolute discounting).
    #[arg(long)]
    discount: Option<f64>,
    /// Words seen fewer times are looked up as the unknown label.
    #[arg(long, default_value_t = 1)]
    unk_cutoff: u64,
    /// The unknown label.
    #[arg(long, default_value = "<UNK>")]
    unk_label: String,
}

#[derive(Debug, Args)]
struct PerplexityArgs {
    #[command(flatten)]
    input: InputArgs,
    /// The model file.
    #[arg(short = 'm', long = "model", value_name = "FILE")]
    model: PathBuf,
    /// One perplexity per input line instead of one for all.
    #[arg(long)]
    per_line: bool,
}

#[derive(Debug, Args)]
struct GenerateArgs {
    /// The model file.
    #[arg(short = 'm', long = "model", value_name = "FILE")]
    model: PathBuf,
    /// Number of words.
    #[arg(short = 'n', long, default_value_t = 20)]
    num_words: usize,
    /// Random seed (Python's random.Random(seed)); default: from the clock.
    #[arg(long)]
    seed: Option<u64>,
    /// Words to continue from, separated by whitespace.
    #[arg(long, default_value = "")]
    text_seed: String,
}

/// Runs `nlkit lm`.
pub fn run(a: LmArgs) -> Result<()> {
    match a.command {
        LmCommand::Train(t) => train(t),
        LmCommand::Perplexity(p) => perplexity(p),
        LmCommand::Generate(g) => generate(g),
    }
}

fn train(a: TrainArgs) -> Result<()> {
    let estimator = match a.estimator {
        EstimatorName::Mle => Estimator::Mle,
        EstimatorName::Lidstone => Estimator::Lidstone { gamma: a.gamma },
        EstimatorName::Laplace => Estimator::Laplace,
        EstimatorName::KneserNey => Estimator::KneserNeyInterpolated {
            discount: a.discount.unwrap_or(0.1),
        },
        EstimatorName::WittenBell => Estimator::WittenBellInterpolated,
        EstimatorName::AbsoluteDiscounting => Estimator::AbsoluteDiscountingInterpolated {
            discount: a.discount.unwrap_or(0.75),
        },
    };
    let vocab = Vocabulary::empty(a.unk_cutoff, &a.unk_label)?;
    let mut lm = LanguageModel::with_vocabulary(a.order, estimator, vocab)?;
    let mut err = None;
    let mut sentences = 0u64;
    let sents = a
        .input
        .lines()
        .map_while(|l| l.map_err(|e| err = Some(e)).ok())
        .filter(|l| !l.trim().is_empty())
        .inspect(|_| sentences += 1)
        .map(|l| l.split_whitespace().map(String::from).collect::<Vec<_>>());
    let fitted = lm.fit_text(sents);
    if let Some(e) = err {
        return Err(e);
    }
    fitted?;
    let meta = LmModelMeta {
        training_data: a
            .input
            .paths()
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(" "),
        sentences,
        nlkit_version: env!("CARGO_PKG_VERSION").to_string(),
        ..Default::default()
    };
    lm.save(&a.output, &meta)
}

fn perplexity(a: PerplexityArgs) -> Result<()> {
    let (lm, _) = load_model(&a.model)?;
    let n = lm.order();
    let mut out = stdout();
    let mut all: Vec<Vec<String>> = Vec::new();
    for line in a.input.lines() {
        let line = line?;
        if line.trim().is_empty() {
            if a.per_line {
                writeln!(out)?;
            }
            continue;
        }
        let grams = padded_ngrams(line.split_whitespace(), n);
        if a.per_line {
            writeln!(out, "{}", py_float_repr(lm.perplexity(&grams)?))?;
        } else {
            all.extend(
                grams
                    .iter()
                    .map(|g| g.iter().map(|w| w.to_string()).collect()),
            );
        }
    }
    if !a.per_line {
        if all.is_empty() {
            return Err(Error::InvalidInput(
                "no sentences to score (the input is empty)".into(),
            ));
        }
        let e = lm.entropy(&all)?;
        writeln!(out, "ngrams\t{}", all.len())?;
        writeln!(out, "entropy\t{}", py_float_repr(e))?;
        writeln!(out, "perplexity\t{}", py_float_repr(crate::lm::py_pow2(e)))?;
    }
    out.flush()?;
    Ok(())
}

fn generate(a: GenerateArgs) -> Result<()> {
    let (lm, _) = load_model(&a.model)?;
    let seed = a.seed.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(0)
    });
    let text_seed: Vec<&str> = a.text_seed.split_whitespace().collect();
    let words = lm.generate(a.num_words, &text_seed, &mut PyRandom::new(seed))?;
    let mut out = stdout();
    writeln!(out, "{}", words.join(" "))?;
    out.flush()?;
    Ok(())
}
