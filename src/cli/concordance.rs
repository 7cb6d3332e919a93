//! `nlkit concordance CORPUS WORD`: NLTK's `Text.concordance`, from an index.

use std::path::{Path, PathBuf};

use clap::Args;

use super::common::stdout;
use crate::index::Index;
use crate::{Error, Result};

/// Arguments of `nlkit concordance`.
#[derive(Debug, Args)]
pub struct ConcordanceArgs {
    /// An index folder, or the corpus id / folder it was built from (`nlkit index`).
    #[arg(value_name = "CORPUS|INDEX")]
    corpus: String,
    /// The word to look up (case-insensitive, as NLTK).
    word: String,
    /// Line width in characters (NLTK's `Text.concordance` default is 79).
    #[arg(long, default_value_t = 79)]
    width: usize,
    /// Most lines to print.
    #[arg(long, default_value_t = 25)]
    lines: usize,
    /// Index folder (default: CORPUS itself when it is an index, else `<name>.nlkidx`).
    #[arg(long, value_name = "INDEX")]
    index: Option<PathBuf>,
}

/// Finds the index for `corpus`: an explicit path, `corpus` itself, or
/// `<name>.nlkidx`.
pub(crate) fn resolve_index(corpus: &str, explicit: Option<&Path>) -> Result<Index> {
    if let Some(p) = explicit {
        return Index::open(p);
    }
    let direct = Path::new(corpus);
    if direct.join("index.nlk").exists() || direct.ends_with("index.nlk") {
        return Index::open(direct);
    }
    let guess = super::index::default_index_path(corpus);
    if guess.join("index.nlk").exists() {
        return Index::open(&guess);
    }
    Err(Error::InvalidInput(format!(
        "no index for `{corpus}` (looked for {}); build one with `nlkit index {corpus}`",
        guess.display()
    )))
}

/// Runs `nlkit concordance`.
pub fn run(a: ConcordanceArgs) -> Result<()> {
    let idx = resolve_index(&a.corpus, a.index.as_deref())?;
    let c = idx.concordance(&a.word, a.width, a.lines)?;
    let mut out = stdout();
    std::io::Write::write_all(&mut out, c.render().as_bytes())?;
    std::io::Write::flush(&mut out)?;
    Ok(())
}
