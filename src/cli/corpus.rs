//! `nlkit corpus ID VIEW`: print a view of an NLTK corpus, one item per line.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use super::common::{stdout, write_line};
use crate::corpus::{open_corpus, open_path, Corpus};
use crate::Result;

/// What to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum View {
    /// One word per line.
    Words,
    /// One sentence per line, tokens joined by single spaces.
    Sents,
    /// `word<TAB>tag` per line.
    Tagged,
    /// One bracketed parse tree per line.
    Parsed,
    /// `word<TAB>pos<TAB>iob` per line (CoNLL chunking corpora).
    Iob,
    /// Corpus records, one per line: cmudict `word<TAB>phones`, ppattach `sent<TAB>verb noun1 prep noun2 attachment`, ieer `docno<TAB>headline`.
    Entries,
    /// One category per line.
    Categories,
    /// One file id per line.
    Fileids,
}

/// Arguments of `nlkit corpus`.
#[derive(Debug, Args)]
pub struct CorpusArgs {
    /// NLTK corpus id (brown, treebank, conll2000, movie_reviews, ...), a folder of text files, or a .conllu file.
    #[arg(value_name = "ID")]
    id: String,
    /// The view to print.
    #[arg(value_enum)]
    view: View,
    /// Restrict to these file ids.
    #[arg(long, num_args = 1.., value_name = "F")]
    fileids: Vec<String>,
    /// Restrict to these categories.
    #[arg(long, num_args = 1.., value_name = "C")]
    categories: Vec<String>,
    /// NLTK data folder (default: NLTK's search path, `NLTK_DATA` first).
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
}

/// Opens `id` as an NLTK corpus, or as a path when it names an existing
/// folder or file.
pub(crate) fn open(id: &str, data: Option<&Path>) -> Result<Corpus> {
    let p = Path::new(id);
    if (id.contains('/') || id.contains('.')) && p.exists() {
        open_path(p)
    } else {
        open_corpus(id, data)
    }
}

/// Runs `nlkit corpus`.
pub fn run(a: CorpusArgs) -> Result<()> {
    let corpus = open(&a.id, a.data.as_deref())?;
    let sel = corpus.resolve(&a.fileids, &a.categories)?;
    let sel = sel.as_deref();
    let mut out = stdout();
    match a.view {
        View::Words => {
            for w in corpus.words(sel) {
                write_line(&mut out, &w?)?;
            }
        }
        View::Sents => {
            for s in corpus.sents(sel) {
                write_line(&mut out, &s?.join(" "))?;
            }
        }
        View::Tagged => {
            for t in corpus.tagged_words(sel) {
                let (w, t) = t?;
                write_line(&mut out, &format!("{w}\t{t}"))?;
            }
        }
        View::Parsed => {
            for t in corpus.parsed_sents(sel) {
                write_line(&mut out, &t?.to_string())?;
            }
        }
        View::Iob => {
            for r in corpus.iob_words(sel) {
                let (w, p, c) = r?;
                write_line(&mut out, &format!("{w}\t{p}\t{c}"))?;
            }
        }
        View::Entries => {
            for r in corpus.entries() {
                let (w, phones) = r?;
                write_line(&mut out, &format!("{w}\t{}", phones.join(" ")))?;
            }
        }
        View::Categories => {
            for c in corpus.categories(sel)? {
                write_line(&mut out, &c)?;
            }
        }
        View::Fileids => {
            let ids = if a.categories.is_empty() {
                corpus.fileids()
            } else {
                corpus.fileids_in(&a.categories)?
            };
            for f in ids {
                write_line(&mut out, &f)?;
            }
        }
    }
    std::io::Write::flush(&mut out)?;
    Ok(())
}
