//! `nlkit stem`.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::common::{stdout, write_line, InputArgs};
use crate::stem::{PorterStemmer, Stemmer, StemmerSpec};
use crate::{Error, Result};

/// Arguments of `nlkit stem`.
#[derive(Debug, Args)]
pub struct StemArgs {
    #[command(flatten)]
    input: InputArgs,
    /// porter, porter:original, porter:martin, lancaster, lancaster:strip-prefix,
    /// snowball:LANG, rslp, cistem, cistem:case-insensitive or regexp:PATTERN.
    #[arg(long, short = 'a', default_value = "porter")]
    algorithm: String,
    /// Snowball only: leave the language's stop words unchanged (NLTK's ignore_stopwords).
    #[arg(long)]
    ignore_stopwords: bool,
    /// Stem every whitespace-separated token of each line (default: each line is one word).
    #[arg(long)]
    tokens: bool,
    /// Porter only: do not lowercase words first (NLTK's `stem(word, to_lowercase=False)`).
    #[arg(long)]
    no_lowercase: bool,
    /// regexp only: words shorter than this many characters are left unchanged.
    #[arg(long, default_value_t = 0)]
    min: usize,
    /// NLTK data folder for stop words and RSLP rules (default: NLTK's search path).
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
    /// Worker threads (output keeps input order).
    #[arg(long, short = 'j', default_value_t = 1)]
    jobs: usize,
}

/// Runs `nlkit stem`.
pub fn run(a: StemArgs) -> Result<()> {
    let mut spec = StemmerSpec::parse(&a.algorithm)?;
    if let StemmerSpec::Regexp(_, min) = &mut spec {
        *min = a.min;
    }
    let stemmer: Box<dyn Stemmer> = match (&spec, a.no_lowercase) {
        (StemmerSpec::Porter(mode), true) => {
            Box::new(PorterStemmer::new(*mode).with_lowercase(false))
        }
        (_, true) => {
            return Err(Error::InvalidInput(
                "--no-lowercase applies to the porter stemmers only".into(),
            ))
        }
        _ => spec.build(a.ignore_stopwords, a.data.as_deref())?,
    };
    let stem_into = |line: &str, out: &mut String| {
        if a.tokens {
            for (i, tok) in line.split_whitespace().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                out.push_str(&stemmer.stem(tok));
            }
        } else {
            out.push_str(&stemmer.stem(line));
        }
    };
    let mut out = stdout();
    if a.jobs <= 1 {
        // one thread: lines are stemmed straight from the read buffer
        let mut s = String::new();
        a.input.for_each_line(|line| {
            s.clear();
            stem_into(line, &mut s);
            s.push('\n');
            out.write_all(s.as_bytes())?;
            Ok(())
        })?;
    } else {
        let stem_line = |line: String| -> Result<String> {
            let mut s = String::with_capacity(line.len());
            stem_into(&line, &mut s);
            Ok(s)
        };
        crate::par::map_ordered(a.input.lines(), a.jobs, stem_line, |s| {
            write_line(&mut out, &s)
        })?;
    }
    out.flush()?;
    Ok(())
}
