//! `nlkit score`: machine-translation metrics (NLTK's `nltk.translate`) of a
//! hypothesis file against one or more reference files, one segment a line.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use super::common::stdout;
use crate::io::{input_name, open_input, LineReader, Utf8Mode};
use crate::translate::scorer::{score, Metric};
use crate::translate::{Bleu, Chrf, Meteor, Smoothing, SmoothingFunction};
use crate::{Error, Result};

/// Which metric `nlkit score` computes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MetricName {
    /// corpus_bleu / sentence_bleu.
    Bleu,
    /// corpus_chrf / sentence_chrf (one reference).
    Chrf,
    /// corpus_gleu / sentence_gleu.
    Gleu,
    /// corpus_nist / sentence_nist.
    Nist,
    /// meteor_score (corpus: mean of the segments).
    Meteor,
    /// corpus_ribes / sentence_ribes.
    Ribes,
}

/// How lines are split into tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Tokenization {
    /// Split at Unicode whitespace (Python's `str.split()` on text without U+001C-U+001F).
    Whitespace,
    /// NLTK's word_tokenize.
    Word,
}

/// Arguments of `nlkit score`.
#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// The metric.
    #[arg(long, short = 'm', value_enum)]
    metric: MetricName,
    /// A reference file, one segment a line (repeat for several references per segment).
    #[arg(long = "ref", value_name = "FILE", required = true)]
    refs: Vec<PathBuf>,
    /// The hypothesis file, one segment a line (`-` for stdin).
    #[arg(long, value_name = "FILE")]
    hyp: PathBuf,
    /// Also print each segment's score (sentence-level metric), before the corpus score.
    #[arg(long)]
    per_segment: bool,
    /// BLEU: SmoothingFunction method 0-7.
    #[arg(long, default_value_t = 0)]
    smoothing: usize,
    /// BLEU: n-gram weights, comma- or space-separated; repeat for several scores at once.
    #[arg(long, value_name = "W,W,...")]
    weights: Vec<String>,
    /// BLEU: NLTK's auto_reweigh.
    #[arg(long)]
    auto_reweigh: bool,
    /// NIST: highest n-gram order; GLEU and chrF: max_len (default: NIST 5, GLEU 4, chrF 6).
    #[arg(long)]
    n: Option<usize>,
    /// How lines are split into tokens.
    #[arg(long, value_enum, default_value_t = Tokenization::Whitespace)]
    tokenize: Tokenization,
    /// METEOR: NLTK data folder holding corpora/wordnet (default: NLTK's search path).
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
    /// Replace invalid UTF-8 with U+FFFD instead of stopping with an error.
    #[arg(long)]
    lossy: bool,
}

fn read_lines(path: &Path, mode: Utf8Mode) -> Result<Vec<String>> {
    LineReader::new(open_input(path)?, input_name(path), mode).collect()
}

fn parse_weights(s: &str) -> Result<Vec<f64>> {
    s.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|t| !t.is_empty())
        .map(|t| {
            t.parse::<f64>()
                .map_err(|_| Error::InvalidInput(format!("--weights: `{t}` is not a number")))
        })
        .collect()
}

/// Runs `nlkit score`.
pub fn run(a: ScoreArgs) -> Result<()> {
    let mode = if a.lossy {
        Utf8Mode::Lossy
    } else {
        Utf8Mode::Strict
    };
    let tokenize = |line: &str| -> Vec<String> {
        match a.tokenize {
            Tokenization::Whitespace => line.split_whitespace().map(str::to_string).collect(),
            Tokenization::Word => crate::tokenize::word_tokenize(line, false),
        }
    };
    let hyp_lines = read_lines(&a.hyp, mode)?;
    let hyps: Vec<Vec<String>> = hyp_lines.iter().map(|l| tokenize(l)).collect();
    let mut list_of_references: Vec<Vec<Vec<String>>> = vec![Vec::new(); hyps.len()];
    for path in &a.refs {
        let lines = read_lines(path, mode)?;
        if lines.len() != hyps.len() {
            return Err(Error::InvalidInput(format!(
                "{} has {} lines but the hypothesis file {} has {}; each line is one segment",
                input_name(path),
                lines.len(),
                input_name(&a.hyp),
                hyps.len()
            )));
        }
        for (refs, l) in list_of_references.iter_mut().zip(&lines) {
            refs.push(tokenize(l));
        }
    }
    let (metric, settings) = match a.metric {
        MetricName::Bleu => {
            let weights = if a.weights.is_empty() {
                vec![vec![0.25; 4]]
            } else {
                a.weights
                    .iter()
                    .map(|w| parse_weights(w))
                    .collect::<Result<_>>()?
            };
            let desc = format!(
                "smoothing: method{}, weights: {}",
                a.smoothing,
                weights
                    .iter()
                    .map(|w| w.iter().map(f64::to_string).collect::<Vec<_>>().join(","))
                    .collect::<Vec<_>>()
                    .join(" ")
            );
            let b = Bleu {
                weights,
                smoothing: SmoothingFunction {
                    method: Smoothing::from_index(a.smoothing)?,
                    ..Default::default()
                },
                auto_reweigh: a.auto_reweigh,
            };
            (Metric::Bleu(b), desc)
        }
        MetricName::Chrf => {
            let c = Chrf {
                max_len: a.n.unwrap_or(6),
                ..Default::default()
            };
            (
                Metric::Chrf(c),
                format!("n-gram orders 1-{}, beta 3", c.max_len),
            )
        }
        MetricName::Gleu => {
            let n = a.n.unwrap_or(4);
            (Metric::Gleu(1, n), format!("n-gram orders 1-{n}"))
        }
        MetricName::Nist => {
            let n = a.n.unwrap_or(5);
            (Metric::Nist(n), format!("n-gram orders 1-{n}"))
        }
        MetricName::Meteor => (
            Metric::Meteor(Box::new(Meteor::load(a.data.as_deref())?)),
            "alpha 0.9, beta 3, gamma 0.5; corpus = mean of segments".to_string(),
        ),
        MetricName::Ribes => (
            Metric::Ribes(0.25, 0.10),
            "alpha 0.25, beta 0.10".to_string(),
        ),
    };
    if a.metric != MetricName::Bleu && (a.smoothing != 0 || !a.weights.is_empty() || a.auto_reweigh)
    {
        return Err(Error::InvalidInput(
            "--smoothing, --weights and --auto-reweigh apply to --metric bleu only".into(),
        ));
    }
    let scores = score(&metric, &list_of_references, &hyps, a.per_segment)?;
    for w in &scores.warnings {
        eprintln!("nlkit: note: {w}");
    }
    let fmt = |v: &[f64]| {
        v.iter()
            .map(|x| format!("{x:?}"))
            .collect::<Vec<_>>()
            .join("\t")
    };
    let mut out = stdout();
    writeln!(
        out,
        "# {:?} ({settings}; tokenize: {:?}; {} segments, {} reference(s) each)",
        a.metric,
        a.tokenize,
        hyps.len(),
        a.refs.len()
    )?;
    if let Some(segs) = &scores.segments {
        for (i, s) in segs.iter().enumerate() {
            writeln!(out, "{}\t{}", i + 1, fmt(s))?;
        }
    }
    writeln!(out, "corpus\t{}", fmt(&scores.corpus))?;
    out.flush()?;
    Ok(())
}
