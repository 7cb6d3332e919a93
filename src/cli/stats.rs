//! `nlkit stats CORPUS`: token and type counts, the most common tokens and
//! collocations, from an index.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::common::{stdout, write_json_line, write_line};
use crate::Result;

/// Output format of `nlkit stats`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum StatsFormat {
    /// Readable text.
    #[default]
    Text,
    /// One JSON object.
    Json,
}

/// Arguments of `nlkit stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// An index folder, or the corpus id / folder it was built from.
    #[arg(value_name = "CORPUS|INDEX")]
    corpus: String,
    /// How many of the most common tokens to show (NLTK's `FreqDist.most_common`).
    #[arg(long, default_value_t = 20)]
    top: usize,
    /// How many collocations to show (NLTK's `Text.collocation_list`, at most 100).
    #[arg(long, default_value_t = 20)]
    collocations: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: StatsFormat,
    /// Index folder (default: CORPUS itself when it is an index, else `<name>.nlkidx`).
    #[arg(long, value_name = "INDEX")]
    index: Option<PathBuf>,
}

/// Runs `nlkit stats`.
pub fn run(a: StatsArgs) -> Result<()> {
    let idx = super::concordance::resolve_index(&a.corpus, a.index.as_deref())?;
    let top = idx.most_common(a.top);
    let meta = idx.meta();
    let colls: Option<Vec<&(String, String)>> = meta
        .collocations
        .as_ref()
        .map(|c| c.iter().take(a.collocations).collect());
    let mut out = stdout();
    match a.format {
        StatsFormat::Json => {
            let v = serde_json::json!({
                "source": meta.source,
                "tokens": idx.n_tokens(),
                "types": idx.n_types(),
                "most_common": top,
                "collocations": colls,
                "collocations_note": meta.collocations_note,
            });
            write_json_line(&mut out, &v)?;
        }
        StatsFormat::Text => {
            write_line(&mut out, &format!("tokens\t{}", idx.n_tokens()))?;
            write_line(&mut out, &format!("types\t{}", idx.n_types()))?;
            for (w, c) in top {
                write_line(&mut out, &format!("top\t{w}\t{c}"))?;
            }
            match colls {
                Some(cs) => {
                    for (a, b) in cs {
                        write_line(&mut out, &format!("collocation\t{a} {b}"))?;
                    }
                }
                None => {
                    let note = meta.collocations_note.clone().unwrap_or_default();
                    write_line(&mut out, &format!("collocations unavailable\t{note}"))?;
                }
            }
        }
    }
    std::io::Write::flush(&mut out)?;
    Ok(())
}
