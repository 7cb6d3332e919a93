//! `nlkit lemmatize`: NLTK's WordNet lemmatizer, one word per line.

use std::path::PathBuf;

use clap::Args;

use super::common::{stdout, write_line, InputArgs};
use crate::wordnet::{penn_to_wordnet, Pos, WordNet, WordNetLemmatizer};
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
    let mut out = stdout();
    for (i, line) in a.input.lines().enumerate() {
        let line = line?;
        if a.tagged {
            if line.is_empty() {
                write_line(&mut out, "")?;
                continue;
            }
            let Some((word, tag)) = line.split_once('\t') else {
                return Err(Error::InvalidInput(format!(
                    "line {}: expected `word<TAB>TAG` with --tagged, found {:?}",
                    i + 1,
                    line.chars().take(60).collect::<String>()
                )));
            };
            write_line(&mut out, lem.lemmatize(word, penn_to_wordnet(tag))?)?;
        } else {
            write_line(&mut out, lem.lemmatize(&line, pos)?)?;
        }
    }
    std::io::Write::flush(&mut out)?;
    Ok(())
}
