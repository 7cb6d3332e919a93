//! `nlkit eval-ner`: entity-level (or chunk-level) precision, recall and F1
//! of a neural labeller on gold CoNLL-2002/2000-format data, with
//! conlleval's definition ([`crate::metrics::conlleval`]).

use std::path::PathBuf;

use clap::Args;
use serde::Serialize;

use super::common::{stdout, write_json_line, write_line};
use super::eval_tagger::EvalFormat;
use crate::metrics::conlleval::{Counts, SpanScore};
use crate::neural::labeller::Task;
use crate::Result;

/// Arguments of `nlkit eval-ner`.
#[derive(Debug, Args)]
pub struct EvalNerArgs {
    #[command(flatten)]
    model: super::ner::NerModelArgs,
    /// Gold data: `word POS TAG` rows, blank lines between sentences.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Device: cpu, cuda or cuda:N.
    #[arg(long, default_value = "cpu")]
    device: String,
    /// Report format.
    #[arg(long, value_enum, default_value_t)]
    format: EvalFormat,
}

#[derive(Serialize)]
struct Report<'a> {
    sentences: usize,
    tokens: u64,
    precision: f64,
    recall: f64,
    f1: f64,
    accuracy: f64,
    seconds: f64,
    tokens_per_second: f64,
    #[serde(flatten)]
    counts: &'a SpanScore,
}

/// Runs `nlkit eval-ner`.
pub fn run(a: EvalNerArgs) -> Result<()> {
    let device = crate::neural::parse_device(&a.device)?;
    let model = a.model.load(&device)?;
    // the model's extra columns (`pos`) come from the gold file
    let cols: Vec<&str> = model
        .feature_columns()
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    let gold = Task::Ner.read_examples(&a.file, &cols)?;
    let words: Vec<Vec<&str>> = gold
        .iter()
        .map(|e| e.words.iter().map(String::as_str).collect())
        .collect();
    let feats: Vec<&[Vec<String>]> = gold.iter().map(|e| e.features.as_slice()).collect();
    let start = std::time::Instant::now();
    let pred = model.label_sents_with(&words, &feats)?;
    let seconds = start.elapsed().as_secs_f64();
    let mut score = SpanScore::default();
    for (e, p) in gold.iter().zip(&pred) {
        score.add(&e.labels, p)?;
    }
    let all: Counts = score.overall();
    let report = Report {
        sentences: gold.len(),
        tokens: score.tokens,
        precision: all.precision(),
        recall: all.recall(),
        f1: all.f1(),
        accuracy: score.accuracy(),
        seconds,
        tokens_per_second: score.tokens as f64 / seconds.max(1e-9),
        counts: &score,
    };
    let mut out = stdout();
    match a.format {
        EvalFormat::Json => write_json_line(&mut out, &report)?,
        EvalFormat::Text => {
            write_line(
                &mut out,
                &format!(
                    "{} sentences, {} tokens; {} gold chunks, {} guessed, {} correct",
                    report.sentences, report.tokens, all.gold, all.guessed, all.correct
                ),
            )?;
            write_line(
                &mut out,
                &format!(
                    "accuracy: {:.2}%; precision: {:.2}%; recall: {:.2}%; F1: {:.2}",
                    report.accuracy, report.precision, report.recall, report.f1
                ),
            )?;
            for (t, c) in &score.per_type {
                write_line(
                    &mut out,
                    &format!(
                        "{t:>10}: precision: {:6.2}%; recall: {:6.2}%; F1: {:6.2}  {}",
                        c.precision(),
                        c.recall(),
                        c.f1(),
                        c.guessed
                    ),
                )?;
            }
        }
    }
    std::io::Write::flush(&mut out)?;
    Ok(())
}
