//! `nlkit lemmatize`: NLTK's WordNet lemmatizer, one word per line.
//!
//! The loop is the hot path of the command (a word costs tens of
//! nanoseconds), so lines are read in place from the input buffer (no
//! `String` per line), results come from a [`LemmaCache`] (real text
//! repeats its words), and output goes through one buffered writer.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::common::{stdout, InputArgs};
use crate::wordnet::{penn_to_wordnet, LemmaCache, Pos, WordNet, WordNetLemmatizer};
use crate::{Error, Result};

/// Arguments of `nlkit lemmatize`.
#[derive(Debug, Args)]
pub struct LemmatizeArgs {
    #[command(flatten)]
    input: InputArgs,
    /// WordNet part of speech of every word: n, v, a, r or s.
    #[arg(long, default_value = "n")]
    pos: String,
    /// WordNet folder or wordnet.zip (default: `corpora/wordnet` along NLTK's data search path).
    #[arg(long, value_name = "DIR")]
    wordnet: Option<PathBuf>,
    /// Input lines are `word<TAB>TAG` with Penn Treebank tags (J*: a, V*: v, N*: n, R*: r, anything else: n); empty lines stay empty.
    #[arg(long)]
    tagged: bool,
}

/// Opens WordNet from `--wordnet DIR` or NLTK's search path.
pub(super) fn open_wordnet(dir: Option<&std::path::Path>) -> Result<WordNet> {
    match dir {
        Some(d) => WordNet::open(d),
        None => WordNet::load(None),
    }
}

/// Runs `nlkit lemmatize`.
pub fn run(a: LemmatizeArgs) -> Result<()> {
    let pos: Pos = a.pos.parse()?;
    let lem = WordNetLemmatizer::new(open_wordnet(a.wordnet.as_deref())?);
    let mut cache = LemmaCache::new();
    let mut out = stdout();
    let mut line_no = 0usize;
    a.input.for_each_line(|line| {
        line_no += 1;
        let lemma = if a.tagged {
            if line.is_empty() {
                return out.write_all(b"\n").map_err(Error::from);
            }
            let Some((word, tag)) = line.split_once('\t') else {
                return Err(Error::InvalidInput(format!(
                    "line {line_no}: expected `word<TAB>TAG` with --tagged, found {:?}",
                    line.chars().take(60).collect::<String>()
                )));
            };
            lem.lemmatize_cached(&mut cache, word, penn_to_wordnet(tag))?
        } else {
            lem.lemmatize_cached(&mut cache, line, pos)?
        };
        out.write_all(lemma.as_bytes())?;
        out.write_all(b"\n")?;
        Ok(())
    })?;
    out.flush()?;
    Ok(())
}
