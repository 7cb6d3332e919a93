//! `nlkit index CORPUS|DIR [-o INDEX]`: build a persistent corpus index.

use std::path::{Path, PathBuf};

use clap::Args;

use crate::index::{build_index, folder_words, BuildOptions};
use crate::Result;

/// Arguments of `nlkit index`.
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// NLTK corpus id (brown, inaugural, ...) or a folder of UTF-8 text files.
    #[arg(value_name = "CORPUS|DIR")]
    corpus: String,
    /// Index folder to write (default: `<name>.nlkidx` in the current folder).
    #[arg(short = 'o', long = "output", value_name = "INDEX")]
    output: Option<PathBuf>,
    /// NLTK data folder (default: NLTK's search path).
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
    /// Memory for one postings pass, in MiB.
    #[arg(long, value_name = "MIB", default_value_t = 256)]
    memory: usize,
}

/// The default index folder for a corpus id or path.
pub(crate) fn default_index_path(corpus: &str) -> PathBuf {
    let name = Path::new(corpus.trim_end_matches('/'))
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "corpus".into());
    PathBuf::from(format!("{name}.nlkidx"))
}

/// Runs `nlkit index`.
pub fn run(a: IndexArgs) -> Result<()> {
    let out = a
        .output
        .clone()
        .unwrap_or_else(|| default_index_path(&a.corpus));
    let opts = BuildOptions {
        memory_budget: a.memory.max(1) << 20,
        stopwords: crate::stem::stopwords::words("english", a.data.as_deref()).ok(),
        source: a.corpus.clone(),
        progress: super::progress::terminal(false),
        ..BuildOptions::default()
    };
    let p = Path::new(&a.corpus);
    let summary = if p.is_dir() {
        build_index(folder_words(p)?, &out, &opts)?
    } else {
        let corpus = super::corpus::open(&a.corpus, a.data.as_deref())?;
        build_index(corpus.words(None), &out, &opts)?
    };
    eprintln!(
        "indexed {} tokens, {} types into {} ({} bytes)",
        summary.tokens,
        summary.types,
        out.display(),
        summary.bytes
    );
    Ok(())
}
