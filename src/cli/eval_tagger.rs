//! `nlkit eval-tagger`: accuracy, known/unknown-word accuracy, per-tag
//! precision/recall/F1 and the confusion matrix of a tagger on a test file.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::common::{stdout, write_json_line, write_line};
use super::tag::ModelArgs;
use super::train_tagger::ColumnArg;
use crate::tag::read_tagged;
use crate::Result;

/// Report format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum EvalFormat {
    /// A readable report.
    #[default]
    Text,
    /// One JSON object.
    Json,
}

/// Arguments of `nlkit eval-tagger`.
#[derive(Debug, Args)]
pub struct EvalTaggerArgs {
    #[command(flatten)]
    model: ModelArgs,
    /// Gold test data: CoNLL-U (`.conllu`) or word/TAG lines.
    #[arg(long, value_name = "FILE")]
    test: PathBuf,
    /// CoNLL-U tag column (with no --model, `upos` uses the embedded UPOS model).
    #[arg(long, value_enum, default_value_t)]
    column: ColumnArg,
    /// Report format.
    #[arg(long, value_enum, default_value_t)]
    format: EvalFormat,
}

/// Runs `nlkit eval-tagger`.
pub fn run(a: EvalTaggerArgs) -> Result<()> {
    let tagger = a.model.load(a.column == ColumnArg::Upos)?;
    let tagger = &tagger;
    let gold = read_tagged(&a.test, a.column.into())?;
    let ev = crate::tag::evaluate(tagger, &gold, |w| tagger.knows(w))?;
    let mut out = stdout();
    match a.format {
        EvalFormat::Json => write_json_line(&mut out, &ev)?,
        EvalFormat::Text => {
            let opt = |v: Option<f64>| v.map_or("-".to_string(), |x| format!("{x:.2}"));
            write_line(&mut out, &format!("tokens: {}", ev.tokens))?;
            write_line(&mut out, &format!("accuracy: {:.2}%", ev.accuracy))?;
            write_line(
                &mut out,
                &format!(
                    "known words: {:.2}% of {}",
                    ev.known_accuracy.unwrap_or(0.0),
                    ev.known_tokens
                ),
            )?;
            write_line(
                &mut out,
                &format!(
                    "unknown words: {:.2}% of {}",
                    ev.unknown_accuracy.unwrap_or(0.0),
                    ev.unknown_tokens
                ),
            )?;
            write_line(&mut out, "")?;
            write_line(
                &mut out,
                &format!(
                    "{:<8} {:>9} {:>9} {:>9} {:>8}",
                    "tag", "precision", "recall", "f1", "support"
                ),
            )?;
            for s in &ev.per_tag {
                let p = s.precision.map(|x| x * 100.0);
                let r = s.recall.map(|x| x * 100.0);
                let f = s.f1.map(|x| x * 100.0);
                write_line(
                    &mut out,
                    &format!(
                        "{:<8} {:>9} {:>9} {:>9} {:>8}",
                        s.label,
                        opt(p),
                        opt(r),
                        opt(f),
                        s.support
                    ),
                )?;
            }
            write_line(&mut out, "")?;
            write_line(
                &mut out,
                "confusion matrix (rows: gold, columns: predicted):",
            )?;
            std::io::Write::write_all(&mut out, ev.matrix.pretty_format().as_bytes())?;
        }
    }
    std::io::Write::flush(&mut out)?;
    Ok(())
}
