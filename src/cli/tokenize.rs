//! `nlkit tokenize`: one output line per input line.

use std::path::PathBuf;

use clap::Args;

use super::common::{stdout, write_json_line, write_line, InputArgs, LineFormat};
use crate::tokenize::{by_name, TokenizerConfig, TOKENIZER_NAMES};
use crate::{Error, Result, Span};

/// Arguments of `nlkit tokenize`.
#[derive(Debug, Args)]
pub struct TokenizeArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Tokenizer name.
    #[arg(long, short = 't', default_value = "word", help = format!("Tokenizer: {TOKENIZER_NAMES}"))]
    tokenizer: String,
    /// `punkt_tab` language folder for the sentence step of `word` (e.g.
    /// nltk_data/tokenizers/punkt_tab/english) instead of the embedded model.
    #[arg(long, value_name = "DIR")]
    punkt: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: LineFormat,
    /// Print byte offsets of the tokens instead of the tokens
    /// (text: `start:end` items; jsonl: `[[start,end],...]`).
    #[arg(long)]
    spans: bool,
    /// `word`: do not split lines into sentences (NLTK's preserve_line=True).
    #[arg(long)]
    preserve_line: bool,
    /// Worker threads (output keeps input order).
    #[arg(long, short = 'j', default_value_t = 1)]
    jobs: usize,
}

impl TokenizeArgs {
    /// The tokenizer options the flags ask for.
    fn config(&self) -> TokenizerConfig {
        let mut cfg = TokenizerConfig::default();
        cfg.punkt.clone_from(&self.punkt);
        cfg.preserve_line = self.preserve_line;
        cfg
    }
}

/// One output line.
enum Out {
    Tokens(Vec<String>),
    Spans(Vec<Span>),
}

/// Runs `nlkit tokenize`.
pub fn run(a: TokenizeArgs) -> Result<()> {
    let tokenizer = by_name(&a.tokenizer, &a.config())?;
    let mut out = stdout();
    let lines = a.input.lines().enumerate().map(|(i, r)| r.map(|l| (i, l)));
    let spans = a.spans;
    crate::par::map_ordered(
        lines,
        a.jobs,
        |(i, line)| {
            if spans {
                let s = tokenizer
                    .span_tokenize(&line)
                    .map_err(|e| Error::InvalidInput(format!("input line {}: {e}", i + 1)))?;
                Ok(Out::Spans(s))
            } else {
                let toks = tokenizer.tokenize(&line);
                Ok(Out::Tokens(toks.into_iter().map(|t| t.into_owned()).collect()))
            }
        },
        |o| match (o, a.format) {
            (Out::Tokens(t), LineFormat::Text) => write_line(&mut out, &t.join(" ")),
            (Out::Tokens(t), LineFormat::Jsonl) => write_json_line(&mut out, &t),
            (Out::Spans(s), LineFormat::Text) => {
                let items: Vec<String> = s.iter().map(|s| format!("{}:{}", s.start, s.end)).collect();
                write_line(&mut out, &items.join(" "))
            }
            (Out::Spans(s), LineFormat::Jsonl) => {
                let pairs: Vec<[usize; 2]> = s.iter().map(|s| [s.start, s.end]).collect();
                write_json_line(&mut out, &pairs)
            }
        },
    )?;
    std::io::Write::flush(&mut out)?;
    Ok(())
}
